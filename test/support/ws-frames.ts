import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const

export interface FrameSpec {
  opcode: number
  payload?: Buffer
  /** Clients must mask every frame (RFC 6455 §5.1); false makes a protocol error. */
  masked?: boolean
  fin?: boolean
  /** The three reserved bits, as a number 0-7 (must be 0 without an extension). */
  rsv?: number
  /** The length written in the header, when it should not be the payload's. */
  declaredLength?: number
}

/** One WebSocket frame, built by hand so that tests can break any rule of it. */
export function frame(spec: FrameSpec): Buffer {
  const payload = spec.payload ?? Buffer.alloc(0)
  const length = spec.declaredLength ?? payload.length
  const masked = spec.masked ?? true
  const first = ((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | spec.opcode
  let header: Buffer
  if (length < 126) {
    header = Buffer.from([first, (masked ? 0x80 : 0) | length])
  } else if (length < 0x10000) {
    header = Buffer.alloc(4)
    header.writeUInt8(first, 0)
    header.writeUInt8((masked ? 0x80 : 0) | 126, 1)
    header.writeUInt16BE(length, 2)
  } else {
    header = Buffer.alloc(10)
    header.writeUInt8(first, 0)
    header.writeUInt8((masked ? 0x80 : 0) | 127, 1)
    header.writeBigUInt64BE(BigInt(length), 2)
  }
  if (!masked) return Buffer.concat([header, payload])
  const key = randomBytes(4)
  const body = Buffer.from(payload.map((byte, index) => byte ^ (key[index % 4] ?? 0)))
  return Buffer.concat([header, key, body])
}

export interface ServerFrame {
  opcode: number
  payload: Buffer
}

/** Frames the server sent (unmasked, as RFC 6455 requires of servers); a partial frame at the end is left out. */
function parseFrames(bytes: Buffer): ServerFrame[] {
  const frames: ServerFrame[] = []
  let offset = 0
  while (offset + 2 <= bytes.length) {
    const opcode = (bytes[offset] ?? 0) & 0x0f
    let length = (bytes[offset + 1] ?? 0) & 0x7f
    let start = offset + 2
    if (length === 126) {
      if (start + 2 > bytes.length) break
      length = bytes.readUInt16BE(start)
      start += 2
    } else if (length === 127) {
      if (start + 8 > bytes.length) break
      length = Number(bytes.readBigUInt64BE(start))
      start += 8
    }
    if (start + length > bytes.length) break
    frames.push({ opcode, payload: bytes.subarray(start, start + length) })
    offset = start + length
  }
  return frames
}

/** A WebSocket client on a bare TCP socket: it does the handshake, then sends whatever bytes a test hands it. */
export class RawWebSocket {
  private received = Buffer.alloc(0)
  private ended = false
  private readonly waiters = new Set<() => void>()

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk])
      this.wake()
    })
    const end = (): void => {
      this.ended = true
      this.wake()
    }
    socket.on('close', end)
    socket.on('error', end)
  }

  /** Opens /api/events with the given header lines (e.g. a bearer token); rejects unless the answer is 101. */
  static async open(port: number, headerLines: string[]): Promise<RawWebSocket> {
    const socket = connect(port, '127.0.0.1')
    const raw = new RawWebSocket(socket)
    socket.write(
      [
        'GET /api/events HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        ...headerLines,
        '',
        '',
      ].join('\r\n'),
    )
    await raw.until(() => raw.received.includes('\r\n\r\n') || raw.ended)
    const split = raw.received.indexOf('\r\n\r\n')
    const head = raw.received.subarray(0, Math.max(split, 0)).toString('utf8')
    if (!head.startsWith('HTTP/1.1 101')) throw new Error(`The handshake was refused: ${head || '(connection closed)'}`)
    raw.received = raw.received.subarray(split + 4)
    return raw
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes)
  }

  get frames(): ServerFrame[] {
    return parseFrames(this.received)
  }

  get isEnded(): boolean {
    return this.ended
  }

  /** Waits for the server's close frame and answers the closing handshake; its status code, or null when the socket just ended. */
  async closeCode(timeoutMs = 5000): Promise<number | null> {
    await this.until(() => this.ended || this.frames.some((received) => received.opcode === OPCODE.close), timeoutMs)
    const close = this.frames.find((received) => received.opcode === OPCODE.close)
    this.socket.end()
    if (close === undefined) return null
    return close.payload.length >= 2 ? close.payload.readUInt16BE(0) : 1005
  }

  /** Waits for the first frame that `match` accepts. */
  async frameWhere(match: (received: ServerFrame) => boolean, timeoutMs = 5000): Promise<ServerFrame | undefined> {
    await this.until(() => this.ended || this.frames.some(match), timeoutMs)
    return this.frames.find(match)
  }

  destroy(): void {
    this.socket.destroy()
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter()
  }

  private until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
    if (condition()) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check)
        reject(new Error(`Nothing arrived within ${timeoutMs} ms`))
      }, timeoutMs)
      const check = (): void => {
        if (!condition()) return
        clearTimeout(timer)
        this.waiters.delete(check)
        resolve()
      }
      this.waiters.add(check)
    })
  }
}
