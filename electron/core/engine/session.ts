import type { ConnectionState } from '../../../shared/types'
import type { StrataError } from '../../../shared/errors'
import { parseProblem, problem, problemEnglish } from '../../../shared/problems'
import { connectEngine, type EngineConnection } from './connection'
import { streamDaemonEvents, type DaemonEvent } from './daemon-events'
import { summarizeEndpoint, type Endpoint, type EndpointEnvironment } from './endpoint'
import { processEnvironment } from './environment'
import type { SshTransport } from './ssh/ssh-transport'
import { engineError } from './errors'

export interface Backoff {
  initialMs: number
  maxMs: number
  /** Failed attempts after a lost connection before the state turns from reconnecting to unreachable. */
  attemptsBeforeUnreachable: number
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 15_000, attemptsBeforeUnreachable: 5 }

export interface SessionListeners {
  onState(state: ConnectionState): void
  onDaemonEvent(event: DaemonEvent, connection: EngineConnection): void
  /** The event stream (re)opened after a gap: anything may have changed meanwhile. */
  onResync(connection: EngineConnection): void
}

/** Delay before reconnection attempt `attempt` (1-based): doubling from initial, capped. */
export function backoffDelay(attempt: number, backoff: Backoff): number {
  return Math.min(backoff.initialMs * 2 ** Math.max(0, attempt - 1), backoff.maxMs)
}

/**
 * Keeps one engine connection alive: connects, follows /events, and when the
 * daemon goes away reconnects with backoff, reporting each state change.
 */
export class EngineSession {
  readonly endpoint: Endpoint
  private connection: EngineConnection | null = null
  private current: ConnectionState
  private lastError: StrataError | null = null
  private readonly controller = new AbortController()
  private wake: (() => void) | null = null
  private running: Promise<void> | null = null
  private sshTransport: Promise<SshTransport> | null = null

  constructor(
    endpoint: Endpoint,
    private readonly listeners: SessionListeners,
    private readonly backoff: Backoff = DEFAULT_BACKOFF,
    /** Where an ssh:// endpoint finds ~/.ssh (config, keys, known_hosts) and SSH_AUTH_SOCK. */
    private readonly environment: EndpointEnvironment = processEnvironment(),
  ) {
    this.endpoint = endpoint
    this.current = { state: 'connecting', endpoint: summarizeEndpoint(endpoint), message: null, retryInSeconds: null }
  }

  get state(): ConnectionState {
    return this.current
  }

  /** Starts the connect / follow / reconnect loop in the background. */
  start(): void {
    this.running ??= this.loop()
  }

  /** The ssh transport of an ssh:// endpoint, null for the others; loaded on first use, as ssh2 is needed only there. */
  ssh(): Promise<SshTransport> | null {
    if (this.endpoint.kind !== 'ssh') return null
    this.sshTransport ??= import('./ssh/ssh-transport').then(({ SshTransport }) => new SshTransport(this.endpoint, this.environment))
    return this.sshTransport
  }

  /** Ends the wait before the next reconnection attempt (after a host key was accepted, say). */
  retryNow(): void {
    this.wake?.()
  }

  /** The live connection, or the reason there is none. Tries once right away when disconnected. */
  async connected(): Promise<EngineConnection> {
    if (this.connection !== null) return this.connection
    try {
      const connection = await connectEngine(this.endpoint, this.controller.signal, await this.ssh())
      this.wake?.()
      return connection
    } catch (error) {
      throw engineError(error, this.endpoint)
    }
  }

  async close(): Promise<void> {
    this.controller.abort()
    this.wake?.()
    await this.running
  }

  private setState(state: ConnectionState): void {
    this.current = state
    this.listeners.onState(state)
  }

  private async loop(): Promise<void> {
    const signal = this.controller.signal
    let failures = 0
    let everConnected = false
    while (!this.isClosed()) {
      try {
        const connection = await connectEngine(this.endpoint, signal, await this.ssh())
        this.connection = connection
        failures = 0
        this.lastError = null
        this.setState({ state: 'connected', endpoint: summarizeEndpoint(this.endpoint), message: null, retryInSeconds: null })
        if (everConnected) this.listeners.onResync(connection)
        everConnected = true
        await streamDaemonEvents(connection, signal, (event) => {
          this.listeners.onDaemonEvent(event, connection)
        })
      } catch (error) {
        this.lastError = engineError(error, this.endpoint)
      }
      this.connection = null
      if (this.isClosed()) break
      failures += 1
      const delay = backoffDelay(failures, this.backoff)
      const unreachable = !everConnected || failures > this.backoff.attemptsBeforeUnreachable
      const closed = problem('engine.streamClosed', { endpoint: this.endpoint.url })
      const found = this.lastError === null ? closed : parseProblem(this.lastError.detail.problem)
      this.setState({
        state: unreachable ? 'unreachable' : 'reconnecting',
        endpoint: summarizeEndpoint(this.endpoint),
        message: this.lastError?.message ?? problemEnglish(closed),
        ...(found === null ? {} : { problem: found }),
        retryInSeconds: Math.ceil(delay / 1000),
      })
      await this.sleep(delay)
    }
  }

  private isClosed(): boolean {
    return this.controller.signal.aborted
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done(): void {
        clearTimeout(timer)
        resolve()
      }
      this.wake = () => {
        this.wake = null
        done()
      }
    })
  }
}
