import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getOverSocket, isLendingBody, parseHead, type SocketAnswer } from '../../electron/core/engine/socket-get'

/** What the fake engine does with a connection: the request it read, and the socket to answer on. */
type Answerer = (socket: Socket, request: string) => unknown

async function bodyOf(answer: SocketAnswer): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of answer.body as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/** Writes `bytes` in pieces of the given sizes (then the rest), letting each go out on its own. */
async function writeInPieces(socket: Socket, bytes: Buffer, sizes: number[]): Promise<void> {
  let at = 0
  for (const size of sizes) {
    socket.write(bytes.subarray(at, at + size))
    at += size
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  if (at < bytes.length) socket.write(bytes.subarray(at))
}

function chunked(parts: Buffer[], trailer = ''): Buffer {
  return Buffer.concat([...parts.flatMap((part) => [Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')]), Buffer.from(`0\r\n${trailer}\r\n`)])
}

describe('a GET over a local socket (socket-get.ts)', () => {
  let folder: string
  let socketPath: string
  let server: Server
  let answerer: Answerer
  let requests: string[]

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'strata-socket-get-'))
    socketPath = join(folder, 'engine.sock')
    requests = []
    answerer = (socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    server = createServer((socket) => {
      let received = ''
      socket.on('data', (data) => {
        received += data.toString('latin1')
        if (!received.includes('\r\n\r\n')) return
        requests.push(received)
        void Promise.resolve(answerer(socket, received))
      })
      socket.on('error', () => undefined)
    })
    await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  })

  afterEach(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve()
      })
    })
    rmSync(folder, { recursive: true, force: true })
  })

  it('sends one HTTP/1.1 GET with the path as given and a Host header', async () => {
    const answer = await getOverSocket(socketPath, '/v1.41/images/sha256:abc/get').answer
    expect((await bodyOf(answer)).toString()).toBe('ok')
    expect(requests).toEqual(['GET /v1.41/images/sha256:abc/get HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n'])
  })

  it('reads a chunked body whose sizes, data and CRLFs are split across reads, byte for byte', async () => {
    const parts = [Buffer.alloc(70_000, 1), Buffer.from('x'), Buffer.alloc(200_000, 7), Buffer.from('tail')]
    const whole = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n'), chunked(parts, 'X-Trailer: 1\r\n')])
    // Cuts inside the head, inside a size line, between CR and LF, and inside the data.
    answerer = (socket) => writeInPieces(socket, whole, [10, 60, 8, 1, 1, 65_000, 5_003, 2, 1, 3])
    const answer = await getOverSocket(socketPath, '/get').answer
    expect(answer.statusCode).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/x-tar')
    const body = await bodyOf(answer)
    expect(body.length).toBe(270_005)
    expect(createHash('sha256').update(body).digest('hex')).toBe(createHash('sha256').update(Buffer.concat(parts)).digest('hex'))
  })

  it('ends a chunked body at its last chunk, without waiting for the connection to close', async () => {
    answerer = (socket) => {
      // The connection stays open: the end of the body is the zero chunk.
      socket.write(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'), chunked([Buffer.from('abc')])]))
    }
    const answer = await getOverSocket(socketPath, '/get').answer
    expect((await bodyOf(answer)).toString()).toBe('abc')
  })

  it('reads a body of a Content-Length, and one that ends with the connection', async () => {
    answerer = (socket) => writeInPieces(socket, Buffer.from('HTTP/1.1 404 Not Found\r\nContent-Length: 26\r\nContent-Type: application/json\r\n\r\n{"message":"No such image"}'), [30, 50, 3])
    const missing = await getOverSocket(socketPath, '/images/x/json').answer
    expect(missing.statusCode).toBe(404)
    // The body is cut at its length: the 27th byte is not part of it.
    expect((await bodyOf(missing)).toString()).toBe('{"message":"No such image"')

    answerer = (socket) => socket.end('HTTP/1.0 200 OK\r\n\r\nuntil the end')
    expect((await bodyOf(await getOverSocket(socketPath, '/x').answer)).toString()).toBe('until the end')
  })

  it('fails the body when the connection closes inside a chunk, never reporting a short body as whole', async () => {
    answerer = (socket) => socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly eight')
    const answer = await getOverSocket(socketPath, '/get').answer
    await expect(bodyOf(answer)).rejects.toThrow(/before the end of its answer/)
  })

  it('fails the body on a malformed chunk size or a chunk without its CRLF', async () => {
    answerer = (socket) => socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n')
    await expect(bodyOf(await getOverSocket(socketPath, '/get').answer)).rejects.toThrow(/not hexadecimal/)
    answerer = (socket) => socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n0\r\n\r\n')
    await expect(bodyOf(await getOverSocket(socketPath, '/get').answer)).rejects.toThrow(/CRLF/)
  })

  it('refuses an answer that is not HTTP, a head that never ends, and an unknown transfer encoding', async () => {
    answerer = (socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n\r\n')
    await expect(getOverSocket(socketPath, '/get').answer).rejects.toThrow(/status line/)
    answerer = (socket) => socket.end(`HTTP/1.1 200 OK\r\nX-Long: ${'a'.repeat(70 * 1024)}`)
    await expect(getOverSocket(socketPath, '/get').answer).rejects.toThrow(/too large/)
    answerer = (socket) => socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxx')
    await expect(getOverSocket(socketPath, '/get').answer).rejects.toThrow(/transfer encoding/)
  })

  it('rejects the answer when the engine closes the connection without answering, or inside the head', async () => {
    answerer = (socket) => socket.end()
    await expect(getOverSocket(socketPath, '/get').answer).rejects.toThrow(/without answering/)
    answerer = (socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Le')
    await expect(getOverSocket(socketPath, '/get').answer).rejects.toThrow(/without answering/)
  })

  it('rejects the answer when nothing listens, and when the request is dropped before the head', async () => {
    await expect(getOverSocket(join(folder, 'absent.sock'), '/get').answer).rejects.toThrow(/ENOENT/)
    answerer = () => undefined
    const request = getOverSocket(socketPath, '/get')
    await new Promise((resolve) => setTimeout(resolve, 20))
    request.destroy()
    await expect(request.answer).rejects.toThrow(/dropped/)
  })

  it('holds the engine back while the reader does not read, and loses nothing when it resumes', async () => {
    const part = Buffer.alloc(1024 * 1024, 3)
    let written = 0
    answerer = async (socket) => {
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n')
      for (let index = 0; index < 16; index += 1) {
        const sent = chunked([part]).subarray(0, -5)
        if (!socket.write(sent)) await new Promise((resolve) => socket.once('drain', resolve))
        written += 1
      }
      socket.end('0\r\n\r\n')
    }
    const answer = await getOverSocket(socketPath, '/get').answer
    await new Promise((resolve) => setTimeout(resolve, 200))
    // Nothing read for 200 ms: the engine could not write all 16 MiB meanwhile.
    expect(written).toBeLessThan(16)
    const body = await bodyOf(answer)
    expect(body.length).toBe(16 * 1024 * 1024)
    expect(body.every((byte) => byte === 3)).toBe(true)
  })
  it('lends body bytes as views of one read buffer, after the bytes that came before the loan, and still ends', async () => {
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, index) => (index * 7) % 251))
    let sendRest = (): void => undefined
    const restWanted = new Promise<void>((resolve) => {
      sendRest = resolve
    })
    answerer = async (socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${bytes.length}\r\n\r\n`)
      socket.write(bytes.subarray(0, 1000))
      await restWanted
      await writeInPieces(socket, bytes.subarray(1000), [5_000, 70_000, 1, 30_000])
    }
    const answer = await getOverSocket(socketPath, '/get').answer
    // The first 1000 bytes arrive before anyone borrows: they wait in the stream, owned.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(isLendingBody(answer.body)).toBe(true)
    if (!isLendingBody(answer.body)) return
    const hash = createHash('sha256')
    const backings = new Set<ArrayBufferLike>()
    let received = 0
    const ended = new Promise((resolve) => answer.body.once('end', resolve))
    answer.body.lend((view) => {
      hash.update(view)
      received += view.length
      if (received > 1000) backings.add(view.buffer)
    })
    sendRest()
    await ended
    expect(received).toBe(bytes.length)
    expect(`sha256:${hash.digest('hex')}`).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`)
    // Every later read came in the same buffer: nothing was copied for the reader.
    expect(backings.size).toBe(1)
  })

  it('holds the engine back through the pause a loan gives, and loses nothing when it resumes', async () => {
    const part = Buffer.alloc(1024 * 1024, 5)
    let written = 0
    answerer = async (socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 16777216\r\n\r\n')
      for (let index = 0; index < 16; index += 1) {
        if (!socket.write(part)) await new Promise((resolve) => socket.once('drain', resolve))
        written += 1
      }
      socket.end()
    }
    const answer = await getOverSocket(socketPath, '/get').answer
    if (!isLendingBody(answer.body)) throw new Error('not a lending body')
    let received = 0
    let allFives = true
    let held = false
    const ended = new Promise((resolve) => answer.body.once('end', resolve))
    const feed = answer.body.lend((view) => {
      received += view.length
      if (!view.every((byte) => byte === 5)) allFives = false
      if (received >= 65_536 && !held) {
        held = true
        feed.pause()
      }
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(written).toBeLessThan(16)
    feed.resume()
    await ended
    expect(received).toBe(16 * 1024 * 1024)
    expect(allFives).toBe(true)
  })
})

describe('the head of an answer', () => {
  it('reads the status and headers, names in lower case, repeated ones joined', () => {
    const head = parseHead('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nVary: a\r\nvary: b')
    expect(head.statusCode).toBe(200)
    expect(head.headers.get('content-type')).toBe('application/json')
    expect(head.headers.get('vary')).toBe('a, b')
    expect(parseHead('HTTP/1.0 500').statusCode).toBe(500)
  })

  it('refuses a status line or a header it cannot read', () => {
    expect(() => parseHead('HTTP/2 200 OK')).toThrow(/status line/)
    expect(() => parseHead('HTTP/1.1 20 OK')).toThrow(/status line/)
    expect(() => parseHead('HTTP/1.1 200 OK\r\nno colon here')).toThrow(/malformed header/)
  })
})
