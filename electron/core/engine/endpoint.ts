import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { EndpointKind, EndpointSource, EndpointSummary } from '../../../shared/types'
import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'

/** TLS material for tcp endpoints, as file paths (read when connecting). */
export interface TlsFiles {
  ca: string | null
  cert: string | null
  key: string | null
  verify: boolean
}

export interface Endpoint {
  kind: EndpointKind
  /** unix socket path, named pipe path, tcp host:port, or ssh [user@]host[:port] */
  address: string
  url: string
  source: EndpointSource
  context: string | null
  tls: TlsFiles | null
  /** Every address looked at, in order, when the endpoint is a platform default. */
  candidates: string[]
}

/** What resolution reads from the outside world; injected so it stays testable. */
export interface EndpointEnvironment {
  env: Record<string, string | undefined>
  platform: NodeJS.Platform
  homeDir: string
  uid: number | null
  readFile(path: string): string | null
  exists(path: string): boolean
}

const WINDOWS_PIPE = '//./pipe/docker_engine'

export function dockerConfigDir(environment: EndpointEnvironment): string {
  return environment.env.DOCKER_CONFIG ?? join(environment.homeDir, '.docker')
}

/** Resolution order of the docker CLI: explicit, DOCKER_HOST, DOCKER_CONTEXT, config's currentContext, defaults. */
export function resolveEndpoint(explicit: string | null, environment: EndpointEnvironment): Endpoint {
  if (explicit !== null && explicit.trim() !== '') {
    return parseHost(explicit.trim(), 'explicit', null, tlsFromEnv(environment))
  }
  const dockerHost = environment.env.DOCKER_HOST
  if (dockerHost !== undefined && dockerHost.trim() !== '') {
    return parseHost(dockerHost.trim(), 'DOCKER_HOST', null, tlsFromEnv(environment))
  }
  const contextFromEnv = environment.env.DOCKER_CONTEXT
  if (contextFromEnv !== undefined && contextFromEnv.trim() !== '') {
    return endpointOfContext(contextFromEnv.trim(), 'DOCKER_CONTEXT', environment)
  }
  const current = currentContextOf(environment)
  if (current !== null) return endpointOfContext(current, 'config', environment)
  return defaultEndpoint(environment)
}

/**
 * resolveEndpoint, with the TLS files the user gave one tcp:// engine (a saved engine,
 * "Add remote engine") in place of DOCKER_TLS_VERIFY and DOCKER_CERT_PATH.
 */
export function resolveEngineTarget(host: string | null, tls: TlsFiles | null | undefined, environment: EndpointEnvironment): Endpoint {
  if (tls === null || tls === undefined) return resolveEndpoint(host, environment)
  const endpoint = host === null ? resolveEndpoint(null, environment) : parseHost(host.trim(), 'explicit', null, tls)
  if (endpoint.kind !== 'tcp') {
    throw failure('INVALID_INPUT', problem('engine.tlsOnlyTcp', { endpoint: endpoint.url, kind: endpoint.kind }), { host: endpoint.url })
  }
  return endpoint
}

export function currentContextOf(environment: EndpointEnvironment): string | null {
  const configPath = join(dockerConfigDir(environment), 'config.json')
  const text = environment.readFile(configPath)
  if (text === null) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw failure('INVALID_INPUT', problem('engine.configNotJson', { path: configPath }), { path: configPath })
  }
  if (typeof parsed !== 'object' || parsed === null) return null
  const current = (parsed as { currentContext?: unknown }).currentContext
  return typeof current === 'string' && current !== '' ? current : null
}

interface ContextMeta {
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } }
}

export function endpointOfContext(name: string, source: EndpointSource, environment: EndpointEnvironment): Endpoint {
  if (name === 'default') {
    const fallback = defaultEndpoint(environment)
    return { ...fallback, source, context: 'default' }
  }
  const digest = createHash('sha256').update(name).digest('hex')
  const configDir = dockerConfigDir(environment)
  const metaPath = join(configDir, 'contexts', 'meta', digest, 'meta.json')
  const text = environment.readFile(metaPath)
  if (text === null) {
    throw failure('ENGINE_UNREACHABLE', problem('engine.contextMissing', { name, path: metaPath }), { context: name }, problem('engine.contextMissingHint'))
  }
  let meta: ContextMeta
  try {
    meta = JSON.parse(text) as ContextMeta
  } catch {
    throw failure('INVALID_INPUT', problem('engine.contextMetaNotJson', { name }), { path: metaPath })
  }
  const host = meta.Endpoints?.docker?.Host
  if (typeof host !== 'string' || host === '') {
    throw failure('ENGINE_UNREACHABLE', problem('engine.contextNoEndpoint', { name }), { context: name })
  }
  const tlsDir = join(configDir, 'contexts', 'tls', digest, 'docker')
  const files = {
    ca: join(tlsDir, 'ca.pem'),
    cert: join(tlsDir, 'cert.pem'),
    key: join(tlsDir, 'key.pem'),
  }
  const hasTlsFiles = environment.exists(files.ca) || environment.exists(files.cert)
  const tls: TlsFiles | null = hasTlsFiles
    ? {
        ca: environment.exists(files.ca) ? files.ca : null,
        cert: environment.exists(files.cert) ? files.cert : null,
        key: environment.exists(files.key) ? files.key : null,
        verify: meta.Endpoints?.docker?.SkipTLSVerify !== true,
      }
    : null
  return parseHost(host, source, name, tls)
}

export function tlsFromEnv(environment: EndpointEnvironment): TlsFiles | null {
  const verify = nonEmpty(environment.env.DOCKER_TLS_VERIFY)
  const enabled = verify || nonEmpty(environment.env.DOCKER_TLS)
  if (!enabled) return null
  const certDir = environment.env.DOCKER_CERT_PATH ?? dockerConfigDir(environment)
  const pick = (file: string): string | null => {
    const path = join(certDir, file)
    return environment.exists(path) ? path : null
  }
  return { ca: pick('ca.pem'), cert: pick('cert.pem'), key: pick('key.pem'), verify }
}

function nonEmpty(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false'
}

export function parseHost(host: string, source: EndpointSource, context: string | null, tls: TlsFiles | null): Endpoint {
  const match = /^([a-z]+):\/\/(.*)$/.exec(host)
  if (match === null) {
    throw failure('INVALID_INPUT', problem('engine.notHostAddress', { host }), { host }, problem('engine.hostAddressHint'))
  }
  const scheme = match[1] ?? ''
  const rest = match[2] ?? ''
  const base = { source, context, candidates: [] as string[] }
  switch (scheme) {
    case 'unix':
      if (rest === '') break
      return { ...base, kind: 'unix', address: rest, url: `unix://${rest}`, tls: null }
    case 'npipe': {
      const pipe = rest.replace(/\\/g, '/')
      if (pipe === '') break
      return { ...base, kind: 'npipe', address: pipe, url: `npipe://${pipe}`, tls: null }
    }
    case 'tcp':
    case 'http':
    case 'https': {
      const hostPort = rest.replace(/\/+$/, '')
      if (hostPort === '') break
      const parts = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?$/.exec(hostPort)
      if (parts === null || (parts[2] !== undefined && (Number(parts[2]) < 1 || Number(parts[2]) > 65_535))) {
        throw failure('INVALID_INPUT', problem('engine.tcpAddress', { host }), { host }, problem('engine.tcpAddressHint'))
      }
      const withPort = parts[2] !== undefined ? hostPort : `${hostPort}:${tls !== null ? 2376 : 2375}`
      return { ...base, kind: 'tcp', address: withPort, url: `tcp://${withPort}`, tls }
    }
    case 'ssh': {
      const target = rest.replace(/\/+$/, '')
      if (target === '') break
      return { ...base, kind: 'ssh', address: target, url: `ssh://${target}`, tls: null }
    }
    default:
      break
  }
  throw failure('INVALID_INPUT', problem('engine.unsupportedHost', { host }), { host }, problem('engine.unsupportedHostHint'))
}

/** The platform's default sockets, the first that exists wins. */
export function defaultEndpoint(environment: EndpointEnvironment): Endpoint {
  if (environment.platform === 'win32') {
    return { kind: 'npipe', address: WINDOWS_PIPE, url: `npipe://${WINDOWS_PIPE}`, source: 'default', context: null, tls: null, candidates: [WINDOWS_PIPE] }
  }
  const candidates = ['/var/run/docker.sock', join(environment.homeDir, '.docker', 'run', 'docker.sock')]
  const runtimeDir = environment.env.XDG_RUNTIME_DIR
  if (runtimeDir !== undefined && runtimeDir !== '') candidates.push(join(runtimeDir, 'podman', 'podman.sock'))
  if (environment.uid === 0) candidates.push('/run/podman/podman.sock')
  const found = candidates.find((candidate) => environment.exists(candidate)) ?? candidates[0] ?? '/var/run/docker.sock'
  return { kind: 'unix', address: found, url: `unix://${found}`, source: 'default', context: null, tls: null, candidates }
}

export function summarizeEndpoint(endpoint: Endpoint): EndpointSummary {
  return { url: endpoint.url, kind: endpoint.kind, source: endpoint.source, context: endpoint.context, tls: endpoint.tls !== null }
}
