import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { Socket, type AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { StrataError } from '../../shared/errors'
import type { StrataCore } from '../core/api/core'
import { DOWNLOAD_PATH } from '../../shared/save-file'
import { admit, type Admission } from './admission'
import { SECURITY_HEADERS, answerAndClose, rawErrorAnswer, sendError, sendOutcome, writeError } from './answers'
import { newToken, sessionCookies } from './auth'
import { sendDownload } from './download'
import { serveEvents } from './events-socket'
import { serveStreams } from './streams-socket'
import { discardRest, readBody } from './request-body'
import type { RequestTarget } from './request-target'
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

const DOWNLOAD_ROUTE = DOWNLOAD_PATH.slice('/api/'.length)
const EVENTS_ROUTE = 'events'
const STREAMS_ROUTE = 'streams'

/** The contract over HTTP (POST /api/<method>) and a WebSocket (/api/events), on 127.0.0.1 only. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? newToken()
  const { core } = options
  let port = options.port

  const server: Server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      const failure = StrataError.from(error)
      sendError(response, failure)
    })
  })

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const admission = admit(request, port, token)
    switch (admission.kind) {
      case 'refuse':
        sendError(response, admission.error, admission.status)
        return
      case 'start-session':
        response.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': sessionCookies(port, token), Location: admission.location, 'Cache-Control': 'no-store' })
        response.end()
        return
      case 'page':
        await handlePage(response, admission.target)
        return
      case 'api':
        await handleApi(request, response, admission)
        return
    }
  }

  async function handlePage(response: ServerResponse, target: RequestTarget): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value)
    if (!(await serveStatic(options.staticRoot, target.path, response))) {
      sendError(response, new StrataError('NOT_FOUND', `No file ${target.rawPath}.`))
    }
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, { route, target }: Extract<Admission, { kind: 'api' }>): Promise<void> {
    if (route === DOWNLOAD_ROUTE && request.method === 'GET') {
      await sendDownload(core, target.query, response, SECURITY_HEADERS)
      return
    }
    if (route === '' || route.includes('/')) {
      sendError(response, new StrataError('NOT_FOUND', `No API route ${target.rawPath}.`))
      return
    }
    if (request.method !== 'POST') {
      sendError(response, new StrataError('INVALID_INPUT', route === EVENTS_ROUTE || route === STREAMS_ROUTE ? `/api/${route} is a WebSocket.` : 'API methods are called with POST.'), 405)
      return
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      sendError(response, new StrataError('INVALID_INPUT', 'The body must be application/json.'), 415)
      return
    }
    const body = await readBody(request)
    if (!body.ok) {
      // Connection: close, so the rest of the refused body is never read as a next request.
      writeError(response, body.error, body.status, { Connection: 'close' })
      await discardRest(request)
      response.end()
      return
    }
    let input: unknown
    try {
      input = body.text === '' ? {} : JSON.parse(body.text)
    } catch {
      sendError(response, new StrataError('INVALID_INPUT', 'The body is not valid JSON.'))
      return
    }
    const controller = new AbortController()
    response.on('close', () => {
      if (!response.writableFinished) controller.abort()
    })
    sendOutcome(response, await core.call(route, input, controller.signal))
  }

  const events = serveEvents(core)
  const streams = serveStreams(core)
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that resets mid-handshake must not become an uncaught 'error'.
    socket.on('error', () => socket.destroy())
    const admission = admit(request, port, token)
    if (admission.kind === 'api' && admission.route === EVENTS_ROUTE) {
      events.accept(request, socket, head)
      return
    }
    if (admission.kind === 'api' && admission.route === STREAMS_ROUTE) {
      streams.accept(request, socket, head)
      return
    }
    const refusal = admission.kind === 'refuse' ? admission : { status: 404, error: new StrataError('NOT_FOUND', 'The WebSockets here are /api/events and /api/streams.') }
    answerAndClose(socket, rawErrorAnswer(refusal.status, refusal.error))
  })

  // Node's parser could not read the request (bad method, target, header or framing): answer if nothing was sent yet, then drop the connection.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const nothingSent = socket instanceof Socket && socket.bytesWritten === 0
    if (error.code !== 'ECONNRESET' && socket.writable && nothingSent) {
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
      answerAndClose(socket, rawErrorAnswer(status, new StrataError('INVALID_INPUT', 'The request is not well-formed HTTP/1.1.', { reason: error.code ?? 'unknown' })))
      return
    }
    socket.destroy()
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
      events.close()
      streams.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
      })
    },
  }
}
