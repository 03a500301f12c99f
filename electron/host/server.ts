import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { HTTP_STATUS_BY_CODE, StrataError, type Outcome } from '../../shared/errors'
import type { StrataCore } from '../core/api/core'
import { DOWNLOAD_PATH } from '../../shared/save-file'
import { TOKEN_COOKIE, isLoopbackRequest, newToken, requestHasToken } from './auth'
import { sendDownload } from './download'
import { serveStatic } from './static-files'

export interface HostOptions {
  core: StrataCore
  /** The built renderer (out/renderer). */
  staticRoot: string
  port: number
  token?: string
}

export interface RunningHost {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const MAX_BODY_BYTES = 1024 * 1024

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

/** The contract over HTTP (POST /api/<method>) and a WebSocket (/api/events), on 127.0.0.1 only. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? newToken()
  const { core } = options
  let port = options.port
  const sockets = new Set<WebSocket>()

  const server: Server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      const failure = error instanceof StrataError ? error : new StrataError('INTERNAL', error instanceof Error ? error.message : String(error))
      sendOutcome(response, { ok: false, error: failure.toWire() })
    })
  })

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`)
    if (!isLoopbackRequest(request, port)) {
      sendOutcome(response, { ok: false, error: new StrataError('PERMISSION_DENIED', 'Host or Origin is not this Strata server.').toWire() }, 403)
      return
    }
    if (!requestHasToken(request, url, token)) {
      sendOutcome(response, { ok: false, error: new StrataError('UNAUTHORIZED', 'Open the URL with the token that `strata serve` printed.').toWire() })
      return
    }
    if (url.pathname === DOWNLOAD_PATH && request.method === 'GET') {
      await sendDownload(core, url, response, SECURITY_HEADERS)
      return
    }
    if (url.pathname.startsWith('/api/')) {
      await handleApi(request, response, url.pathname.slice('/api/'.length))
      return
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendOutcome(response, { ok: false, error: new StrataError('INVALID_INPUT', `${request.method ?? ''} is not allowed here.`).toWire() }, 405)
      return
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the address for a cookie, then drop it from the address bar and history.
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname,
      })
      response.end()
      return
    }
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value)
    if (!(await serveStatic(options.staticRoot, url.pathname, response))) {
      sendOutcome(response, { ok: false, error: new StrataError('NOT_FOUND', `No file ${url.pathname}.`).toWire() })
    }
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    if (request.method !== 'POST') {
      sendOutcome(response, { ok: false, error: new StrataError('INVALID_INPUT', 'API methods are called with POST.').toWire() }, 405)
      return
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      sendOutcome(response, { ok: false, error: new StrataError('INVALID_INPUT', 'The body must be application/json.').toWire() }, 415)
      return
    }
    const body = await readBody(request)
    let input: unknown
    try {
      input = body === '' ? {} : JSON.parse(body)
    } catch {
      sendOutcome(response, { ok: false, error: new StrataError('INVALID_INPUT', 'The body is not valid JSON.').toWire() })
      return
    }
    const controller = new AbortController()
    response.on('close', () => {
      if (!response.writableFinished) controller.abort()
    })
    sendOutcome(response, await core.call(method, input, controller.signal))
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`)
    if (url.pathname !== '/api/events' || !isLoopbackRequest(request, port) || !requestHasToken(request, url, token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n')
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws)
      ws.on('close', () => sockets.delete(ws))
      ws.send(JSON.stringify({ event: 'engine.state', payload: core.session.state }))
    })
  })
  const unsubscribe = core.events.onAny((event, payload) => {
    const message = JSON.stringify({ event, payload })
    for (const ws of sockets) ws.send(message)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe()
      for (const ws of sockets) ws.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
      })
    },
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new StrataError('INVALID_INPUT', 'The request body is larger than 1 MiB.'))
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'))
    })
    request.on('error', reject)
  })
}

function sendOutcome(response: ServerResponse, outcome: Outcome<unknown>, statusOverride?: number): void {
  if (response.headersSent) {
    response.end()
    return
  }
  const status = statusOverride ?? (outcome.ok ? 200 : HTTP_STATUS_BY_CODE[outcome.error.code])
  const body = JSON.stringify(outcome)
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' })
  response.end(body)
}
