import { connect } from 'node:net'

export interface RawAnswer {
  /** 0 when nothing that looks like an HTTP answer came back. */
  status: number
  head: string
  body: string
  /** The server closed the connection (with waitForClose: it really did; else its answer said Connection: close). */
  closed: boolean
}

/**
 * Sends bytes exactly as given (no client library fixing up the request target or
 * headers) and reads one answer: up to its Content-Length, or until the server closes.
 */
export function rawExchange(port: number, request: string | Buffer, options: { timeoutMs?: number; waitForClose?: boolean } = {}): Promise<RawAnswer> {
  const { timeoutMs = 5000, waitForClose = false } = options
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let received = Buffer.alloc(0)
    let settled = false
    const finish = (closed: boolean): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve({ ...parseAnswer(received), closed })
    }
    const timer = setTimeout(() => {
      finish(false)
    }, timeoutMs)
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      const answer = parseAnswer(received)
      const length = /^content-length:\s*(\d+)/im.exec(answer.head)?.[1]
      if (!waitForClose && length !== undefined && Buffer.byteLength(answer.body) >= Number(length)) finish(/^connection:\s*close/im.test(answer.head))
    })
    socket.on('end', () => {
      finish(true)
    })
    socket.on('close', () => {
      finish(true)
    })
    // A reset after the answer still leaves the answer to read.
    socket.on('error', () => {
      finish(true)
    })
    socket.write(request)
  })
}

function parseAnswer(bytes: Buffer): Omit<RawAnswer, 'closed'> {
  const text = bytes.toString('utf8')
  const split = text.indexOf('\r\n\r\n')
  const head = split === -1 ? text : text.slice(0, split)
  const body = split === -1 ? '' : text.slice(split + 4)
  const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]
  return { status: status === undefined ? 0 : Number(status), head, body }
}

/** A GET with the Host header this server accepts, and any other header lines given. */
export function rawGet(port: number, target: string, extraHeaders: string[] = []): string {
  return [`GET ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, ...extraHeaders, 'Connection: close', '', ''].join('\r\n')
}
