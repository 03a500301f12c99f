import { createHash } from 'node:crypto'
import { failure, type StrataError } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { Credentials } from './docker-config'
import { fetchBuffer, isConnectionFailure, networkError, type HttpAnswer, type HttpOptions } from './http'
import { MANIFEST_ACCEPT } from './manifests'
import { secureContextFor, type RegistryTls } from './tls-trust'
import { parseWwwAuthenticate, type AuthChallenge } from './www-authenticate'

export interface RegistryClientOptions {
  /** The engine would reach this registry over plain HTTP (an insecure registry): try HTTPS without verification, then HTTP. */
  insecure: boolean
  /** Asked once, on the first challenge: lookups of helpers cost a process each. */
  credentials: () => Promise<Credentials | null>
  /** certs.d material for this registry; without it HTTPS trusts Node's own CA list only. */
  tls?: RegistryTls
  signal?: AbortSignal
  timeoutMs?: number
}

export interface ManifestAnswer {
  body: string
  contentType: string | null
  /** Docker-Content-Digest when the registry sent it, else the digest of the body. */
  digest: string
}

interface RegistryErrorBody {
  errors?: { code?: string; message?: string }[]
}

const MAX_REDIRECTS = 5

type Transport = Pick<HttpOptions, 'insecureTls' | 'secureContext'>

/** The Docker Registry HTTP API v2 for one registry: manifests and small blobs, with Basic or Bearer (token) auth. */
export class RegistryClient {
  private scheme: 'https:' | 'http:' | null = null
  private authorization: string | null = null
  private credentialsAsked: Promise<Credentials | null> | null = null
  private transport: Promise<Transport> | null = null

  constructor(
    readonly apiHost: string,
    private readonly options: RegistryClientOptions,
  ) {}

  async manifest(repository: string, reference: string): Promise<ManifestAnswer> {
    const answer = await this.get(`/v2/${repository}/manifests/${reference}`, { Accept: MANIFEST_ACCEPT }, repository)
    const header = answer.headers['docker-content-digest']
    const digest = typeof header === 'string' && header !== '' ? header : `sha256:${createHash('sha256').update(answer.body).digest('hex')}`
    return { body: answer.body.toString('utf8'), contentType: answer.headers['content-type'] ?? null, digest }
  }

  /** A blob small enough to hold (an image config); checked against its digest. */
  async blob(repository: string, digest: string): Promise<Buffer> {
    const answer = await this.get(`/v2/${repository}/blobs/${digest}`, {}, repository)
    const actual = `sha256:${createHash('sha256').update(answer.body).digest('hex')}`
    if (digest.startsWith('sha256:') && actual !== digest) throw failure('REGISTRY_ERROR', problem('registry.blobDigestMismatch', { digest, actual }), { digest })
    return answer.body
  }

  private origin(): string {
    return `${this.scheme ?? 'https:'}//${this.apiHost}`
  }

  private async get(path: string, headers: Record<string, string>, repository: string): Promise<HttpAnswer> {
    let answer = await this.send(new URL(path, this.origin()), headers)
    if (answer.status === 401) {
      const challenges = parseWwwAuthenticate(answer.headers['www-authenticate'] ?? '')
      this.authorization = await this.authorize(challenges, repository)
      answer = await this.send(new URL(path, this.origin()), headers)
    }
    if (answer.status >= 200 && answer.status < 300) return answer
    throw this.answerError(answer, path)
  }

  /** Sends with the authorization obtained so far, following redirects (to blob storage) without it. */
  private async send(url: URL, headers: Record<string, string>): Promise<HttpAnswer> {
    if (this.scheme === null) await this.pickScheme()
    let target = new URL(url.pathname + url.search, this.origin())
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      const sameHost = target.host === this.apiHost
      const answer = await this.exchange(target, { ...headers, ...(sameHost && this.authorization !== null ? { Authorization: this.authorization } : {}) })
      const location = answer.headers.location
      if (answer.status < 300 || answer.status >= 400 || location === undefined) return answer
      target = new URL(location, target)
    }
    throw failure('REGISTRY_ERROR', problem('registry.tooManyRedirects', { registry: this.apiHost, max: String(MAX_REDIRECTS) }))
  }

  /** Verification off for an insecure registry (as the engine); certs.d CAs and client certificate either way. */
  private tlsOptions(): Promise<Transport> {
    const tls = this.options.tls
    this.transport ??= tls === undefined ? Promise.resolve({ insecureTls: this.options.insecure }) : secureContextFor(tls).then((secureContext) => ({ insecureTls: this.options.insecure, secureContext }))
    return this.transport
  }

  private certFolders(): string[] {
    return this.options.tls?.searched ?? []
  }

  private async exchange(url: URL, headers: Record<string, string>, method = 'GET', body?: string): Promise<HttpAnswer> {
    try {
      return await fetchBuffer(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        ...(await this.tlsOptions()),
        ...(this.options.signal === undefined ? {} : { signal: this.options.signal }),
        ...(this.options.timeoutMs === undefined ? {} : { timeoutMs: this.options.timeoutMs }),
      })
    } catch (error) {
      throw networkError(error, `${url.protocol}//${url.host}`, this.certFolders())
    }
  }

  /** HTTPS first, as the engine does; an insecure registry that does not speak it is reached over HTTP. */
  private async pickScheme(): Promise<void> {
    const transport = await this.tlsOptions()
    const probe = (scheme: 'https:' | 'http:'): Promise<HttpAnswer> =>
      fetchBuffer(new URL(`${scheme}//${this.apiHost}/v2/`), {
        ...transport,
        ...(this.options.signal === undefined ? {} : { signal: this.options.signal }),
        timeoutMs: this.options.timeoutMs ?? 10_000,
      })
    try {
      await probe('https:')
      this.scheme = 'https:'
    } catch (error) {
      if (!this.options.insecure || !isConnectionFailure(error)) throw networkError(error, `https://${this.apiHost}`, this.certFolders())
      try {
        await probe('http:')
      } catch (plainError) {
        throw networkError(plainError, `http://${this.apiHost}`)
      }
      this.scheme = 'http:'
    }
  }

  private credentials(): Promise<Credentials | null> {
    this.credentialsAsked ??= this.options.credentials()
    return this.credentialsAsked
  }

  /** Answers a 401's challenge: Basic with the stored credentials, or Bearer with a token from the realm. */
  private async authorize(challenges: AuthChallenge[], repository: string): Promise<string> {
    const credentials = await this.credentials()
    const bearer = challenges.find((challenge) => challenge.scheme === 'bearer')
    if (bearer !== undefined) return `Bearer ${await this.token(bearer, repository, credentials)}`
    if (challenges.some((challenge) => challenge.scheme === 'basic')) {
      if (credentials === null || credentials.username === '') throw this.loginNeeded('registry.needsUserAndPassword')
      return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
    }
    throw failure('REGISTRY_ERROR', problem('registry.unknownAuthScheme', { registry: this.apiHost }), { registry: this.apiHost })
  }

  private async token(challenge: AuthChallenge, repository: string, credentials: Credentials | null): Promise<string> {
    const realm = challenge.params.realm
    if (realm === undefined || realm === '') throw failure('REGISTRY_ERROR', problem('registry.bearerNoRealm', { registry: this.apiHost }))
    const url = new URL(realm)
    const service = challenge.params.service
    if (service !== undefined) url.searchParams.set('service', service)
    url.searchParams.set('scope', challenge.params.scope ?? `repository:${repository}:pull`)
    let answer: HttpAnswer
    if (credentials?.identityToken !== null && credentials?.identityToken !== undefined) {
      // An identity token is an OAuth2 refresh token: exchanged by a form POST, as the docker CLI does.
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credentials.identityToken, service: service ?? '', scope: url.searchParams.get('scope') ?? '', client_id: 'strata' })
      answer = await this.exchange(new URL(realm), { 'Content-Type': 'application/x-www-form-urlencoded' }, 'POST', form.toString())
    } else {
      const basic: Record<string, string> = credentials !== null && credentials.username !== '' ? { Authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` } : {}
      answer = await this.exchange(url, basic)
    }
    if (answer.status === 401 || answer.status === 403) throw this.loginNeeded(credentials === null ? 'registry.needsLogin' : 'registry.credentialsRefused')
    if (answer.status !== 200) throw failure('REGISTRY_ERROR', problem('registry.tokenStatus', { service: url.host, status: String(answer.status) }), { registry: this.apiHost, status: answer.status })
    const parsed = JSON.parse(answer.body.toString('utf8')) as { token?: unknown; access_token?: unknown }
    const token = typeof parsed.token === 'string' && parsed.token !== '' ? parsed.token : parsed.access_token
    if (typeof token !== 'string' || token === '') throw failure('REGISTRY_ERROR', problem('registry.noToken', { service: url.host }), { registry: this.apiHost })
    return token
  }

  private loginNeeded(id: 'registry.needsLogin' | 'registry.needsUserAndPassword' | 'registry.credentialsRefused'): StrataError {
    return failure('UNAUTHORIZED', problem(id, { registry: this.apiHost }), { registry: this.apiHost }, problem('registry.loginHint', { registry: this.apiHost }))
  }

  private answerError(answer: HttpAnswer, path: string): StrataError {
    let parsed: RegistryErrorBody = {}
    try {
      parsed = JSON.parse(answer.body.toString('utf8')) as RegistryErrorBody
    } catch {
      // Not the registry's JSON (a proxy's page): the status alone speaks.
    }
    const first = parsed.errors?.[0]
    const code = first?.code ?? `HTTP ${String(answer.status)}`
    const message = first?.message ?? `answered ${String(answer.status)}`
    const detail = { registry: this.apiHost, status: answer.status, registryCode: code, path }
    if (answer.status === 401 || code === 'UNAUTHORIZED') return failure('UNAUTHORIZED', problem('registry.refusedAccess', { registry: this.apiHost, message }), detail, problem('registry.loginHint', { registry: this.apiHost }))
    if (answer.status === 403 || code === 'DENIED') return failure('UNAUTHORIZED', problem('registry.deniedAccess', { registry: this.apiHost, message }), detail)
    if (answer.status === 404) return failure('NOT_FOUND', problem('registry.notFound', { registry: this.apiHost, path: path.replace(/^\/v2\//, ''), registryCode: code, message }), detail)
    return failure('REGISTRY_ERROR', problem('registry.answered', { registry: this.apiHost, status: String(answer.status), path, message }), detail)
  }
}
