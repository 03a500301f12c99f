import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createHash, X509Certificate } from 'node:crypto'
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls'
import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { EndpointEnvironment } from '../engine/endpoint'

/** What a TLS connection to one registry trusts and presents, as the engine would use it. */
export interface RegistryTls {
  /** Certificate authorities from certs.d, trusted on top of the system's. */
  extraCa: string[]
  /** A client certificate and key (mutual TLS), from a `.cert` file and the `.key` of the same name. */
  clientCert: { cert: string; key: string } | null
  /** The folders that were read for this registry, named in TLS errors so a person knows where to put a CA. */
  searched: string[]
}

/**
 * Where engines keep per-registry certificates: the rootful daemon's folder, Docker
 * Desktop's (macOS), and the rootless daemon's. STRATA_CERTS_D replaces the list, for a
 * user whose engine runs elsewhere and for tests.
 */
export function certsDirectories(environment: Pick<EndpointEnvironment, 'env' | 'homeDir'>): string[] {
  const override = environment.env.STRATA_CERTS_D
  if (override !== undefined && override !== '') return override.split(':').filter((part) => part !== '')
  const configHome = environment.env.XDG_CONFIG_HOME ?? join(environment.homeDir, '.config')
  return ['/etc/docker/certs.d', join(environment.homeDir, '.docker', 'certs.d'), join(configHome, 'docker', 'certs.d')]
}

/** Where Go, and so the engine, finds the system's trusted CAs on Linux; the first one present is read. */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem', '/etc/pki/tls/cacert.pem', '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem', '/etc/ssl/cert.pem']

let systemBundle: Promise<string | null> | null = null

function readSystemBundle(): Promise<string | null> {
  systemBundle ??= (async () => {
    for (const path of SYSTEM_BUNDLES) {
      try {
        return await readFile(path, 'utf8')
      } catch {
        // Not this distribution's place.
      }
    }
    return null
  })()
  return systemBundle
}

async function filesOf(directory: string): Promise<string[]> {
  try {
    return (await readdir(directory)).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return []
    throw failure('PERMISSION_DENIED', problem('registry.certsUnreadable', { path: directory }), { path: directory, cause: (error as NodeJS.ErrnoException).code ?? 'unknown' })
  }
}

/** Node skips a CA it cannot parse without a word, which would leave a person wondering why TLS still fails. */
async function readCertificate(path: string): Promise<string> {
  const text = await readFile(path, 'utf8')
  try {
    new X509Certificate(text)
  } catch {
    throw failure('INVALID_INPUT', problem('registry.notPem', { path }), { path })
  }
  return text
}

/**
 * The engine's rules for `<certs.d>/<host:port>/`: every `*.crt` is a CA, every `*.cert`
 * a client certificate whose key is the `*.key` of the same name (a missing key is an error
 * there too). CAs found are added to the system's and Node's own, never put in their place.
 */
export async function registryTls(apiHost: string, directories: string[]): Promise<RegistryTls> {
  const extraCa: string[] = []
  let clientCert: RegistryTls['clientCert'] = null
  const searched = directories.map((directory) => join(directory, apiHost))
  for (const folder of searched) {
    for (const name of await filesOf(folder)) {
      if (name.endsWith('.crt')) extraCa.push(await readCertificate(join(folder, name)))
      else if (name.endsWith('.cert') && clientCert === null) {
        const keyName = `${name.slice(0, -'.cert'.length)}.key`
        let key: string
        try {
          key = await readFile(join(folder, keyName), 'utf8')
        } catch {
          throw failure('INVALID_INPUT', problem('registry.clientCertNoKey', { path: join(folder, name), key: keyName }), { path: join(folder, name) })
        }
        clientCert = { cert: await readFile(join(folder, name), 'utf8'), key }
      }
    }
  }
  return { extraCa, clientCert, searched }
}

const contexts = new Map<string, SecureContext>()

/**
 * One TLS context per distinct set of trust: building one from ~150 CAs costs about
 * 80 ms, so it is made once and reused. The system's CAs are always in it because the
 * engine (Go) trusts them and Node on its own does not, so a registry behind a CA the
 * administrator installed works for both.
 */
export async function secureContextFor(tls: RegistryTls): Promise<SecureContext> {
  const system = await readSystemBundle()
  const key = createHash('sha256').update(JSON.stringify([tls.extraCa, tls.clientCert, system === null])).digest('hex')
  let context = contexts.get(key)
  if (context === undefined) {
    context = createSecureContext({ ca: [...rootCertificates, ...(system === null ? [] : [system]), ...tls.extraCa], ...(tls.clientCert ?? {}) })
    contexts.set(key, context)
  }
  return context
}
