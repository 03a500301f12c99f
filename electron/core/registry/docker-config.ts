import { chmod, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import { helperErase, helperGet, helperStore } from './credential-helper'
import { configKey, registryDomain } from './reference'
import { makeFolder } from '../fs/make-folder'

/** The parts of ~/.docker/config.json that hold credentials; everything else is kept as it is when writing. */
export interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string } | undefined>
  credsStore?: string
  credHelpers?: Record<string, string | undefined>
  [other: string]: unknown
}

export interface Credentials {
  username: string
  password: string
  /** An OAuth refresh token some registries hand out instead of keeping the password. */
  identityToken: string | null
  /** The key they were found under. */
  serverAddress: string
}

/** Where a registry's credentials live: a helper program, or config.json itself. */
export type CredentialSource = { kind: 'helper'; helper: string } | { kind: 'file' }

function withoutKey<T>(record: Record<string, T>, key: string | undefined): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key))
}

/** The key of an auths entry as a host: "https://host/v1/", "http://host" and "host" all name host. */
function entryFor(config: DockerConfigFile, domain: string): [string, NonNullable<NonNullable<DockerConfigFile['auths']>[string]>] | null {
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    if (entry !== undefined && registryDomain(key) === domain) return [key, entry]
  }
  return null
}

/** Decodes an auths entry; null when it holds no credentials (the docker CLI writes `{}` when a helper keeps them). */
export function credentialsOfEntry(key: string, entry: { auth?: string; username?: string; password?: string; identitytoken?: string }): Credentials | null {
  const identityToken = entry.identitytoken !== undefined && entry.identitytoken !== '' ? entry.identitytoken : null
  if (entry.auth !== undefined && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon === -1) throw failure('INVALID_INPUT', problem('registry.configAuthNotBase64', { key }), { key })
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), identityToken, serverAddress: key }
  }
  if (entry.username !== undefined && entry.password !== undefined) return { username: entry.username, password: entry.password, identityToken, serverAddress: key }
  return identityToken === null ? null : { username: '', password: '', identityToken, serverAddress: key }
}

/** The docker CLI's order: a credHelpers entry for the registry, then credsStore, then config.json's auths. */
export function credentialSource(config: DockerConfigFile, domain: string): CredentialSource {
  const helper = config.credHelpers?.[configKey(domain)] ?? config.credHelpers?.[domain]
  if (helper !== undefined && helper !== '') return { kind: 'helper', helper }
  if (config.credsStore !== undefined && config.credsStore !== '') return { kind: 'helper', helper: config.credsStore }
  return { kind: 'file' }
}

/** Reads and writes credentials where the docker CLI does, honouring DOCKER_CONFIG. */
export class DockerCredentials {
  readonly path: string

  constructor(readonly directory: string) {
    this.path = join(directory, 'config.json')
  }

  async read(): Promise<DockerConfigFile> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
      throw error
    }
    try {
      return JSON.parse(text) as DockerConfigFile
    } catch {
      throw failure('INVALID_INPUT', problem('registry.configNotJson', { path: this.path }), { path: this.path })
    }
  }

  /** Credentials for a registry (by its engine name, docker.io for Docker Hub); null when none are stored. */
  async get(domain: string): Promise<Credentials | null> {
    const config = await this.read()
    const source = credentialSource(config, domain)
    if (source.kind === 'helper') {
      const found = await helperGet(source.helper, configKey(domain))
      if (found === null) return null
      // Helpers mark an identity token with this user name.
      const isToken = found.Username === '<token>'
      return { username: isToken ? '' : found.Username, password: isToken ? '' : found.Secret, identityToken: isToken ? found.Secret : null, serverAddress: configKey(domain) }
    }
    const entry = entryFor(config, domain)
    return entry === null ? null : credentialsOfEntry(entry[0], entry[1])
  }

  /** Stores as `docker login` would; answers where. */
  async store(domain: string, username: string, password: string, identityToken?: string): Promise<{ serverAddress: string; storedIn: string }> {
    const config = await this.read()
    const source = credentialSource(config, domain)
    const serverAddress = configKey(domain)
    const existing = entryFor(config, domain)
    const auths = withoutKey(config.auths ?? {}, existing?.[0])
    if (source.kind === 'helper') {
      await helperStore(source.helper, identityToken === undefined ? { ServerURL: serverAddress, Username: username, Secret: password } : { ServerURL: serverAddress, Username: '<token>', Secret: identityToken })
      // The docker CLI leaves an empty entry so that the registry is listed as logged in.
      auths[serverAddress] = {}
    } else {
      auths[serverAddress] = { auth: Buffer.from(`${username}:${password}`).toString('base64'), ...(identityToken === undefined ? {} : { identitytoken: identityToken }) }
    }
    await this.write({ ...config, auths })
    return { serverAddress, storedIn: source.kind === 'helper' ? `docker-credential-${source.helper}` : 'config.json' }
  }

  /** Removes the registry's credentials from its helper and from auths. */
  async erase(domain: string): Promise<{ serverAddress: string; removedFrom: string[] }> {
    const config = await this.read()
    const source = credentialSource(config, domain)
    const serverAddress = configKey(domain)
    const removedFrom: string[] = []
    if (source.kind === 'helper' && (await helperErase(source.helper, serverAddress))) removedFrom.push(`docker-credential-${source.helper}`)
    const existing = entryFor(config, domain)
    if (existing !== null) {
      await this.write({ ...config, auths: withoutKey(config.auths ?? {}, existing[0]) })
      if (credentialsOfEntry(existing[0], existing[1]) !== null) removedFrom.push('config.json')
    }
    return { serverAddress, removedFrom }
  }

  /** Written beside and renamed over, so a crash never leaves half a config; 0600 as it holds secrets. */
  private async write(config: DockerConfigFile): Promise<void> {
    await makeFolder(this.directory, 0o700)
    const temporary = `${this.path}.strata-${String(process.pid)}`
    await writeFile(temporary, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600 })
    await chmod(temporary, 0o600)
    await rename(temporary, this.path)
  }
}
