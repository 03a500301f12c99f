import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { EndpointKind, EndpointSource, EndpointSummary } from '../../../shared/types'
import { StrataError } from '../../../shared/errors'

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
    throw new StrataError('INVALID_INPUT', `TLS files apply to tcp:// engines only; ${endpoint.url} is a ${endpoint.kind} address.`, { host: endpoint.url })
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
    throw new StrataError('INVALID_INPUT', `The docker config file ${configPath} is not valid JSON.`, { path: configPath })
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
    throw new StrataError('ENGINE_UNREACHABLE', `Docker context "${name}" does not exist (no ${metaPath}).`, {
      context: name,
      hint: 'Run `docker context ls` to see the contexts, or `docker context use default`.',
    })
  }
  let meta: ContextMeta
  try {
    meta = JSON.parse(text) as ContextMeta
  } catch {
    throw new StrataError('INVALID_INPUT', `The metadata of Docker context "${name}" is not valid JSON.`, { path: metaPath })
  }
  const host = meta.Endpoints?.docker?.Host
  if (typeof host !== 'string' || host === '') {
    throw new StrataError('ENGINE_UNREACHABLE', `Docker context "${name}" has no docker endpoint.`, { context: name })
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
    throw new StrataError('INVALID_INPUT', `"${host}" is not a Docker host address.`, {
      host,
      hint: 'Use unix:///path/to/docker.sock, npipe:////./pipe/docker_engine, tcp://host:2376 or ssh://user@host.',
    })
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
        throw new StrataError('INVALID_INPUT', `"${host}" is not a Docker host address: the part after tcp:// must be a host name or IP address with an optional port (1-65535).`, {
          host,
          hint: 'For example tcp://192.168.1.20:2376 or tcp://[::1]:2375.',
        })
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
  throw new StrataError('INVALID_INPUT', `"${host}" is not a Docker host address Strata can use.`, {
    host,
    hint: 'Supported schemes: unix://, npipe://, tcp://, ssh://.',
  })
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
