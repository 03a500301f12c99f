import type { EngineConnection } from '../engine/connection'
import { processEnvironment } from '../engine/environment'
import { RegistryClient } from './client'
import type { Credentials, DockerCredentials } from './docker-config'
import { engineRegistryConfig, isInsecureRegistry, type RegistryConfig } from './insecure'
import type { ImageReference } from './reference'
import { certsDirectories, registryTls } from './tls-trust'

/** What the engine's X-Registry-Auth header carries (base64url of this JSON). */
export interface EngineAuthConfig {
  username?: string
  password?: string
  identitytoken?: string
  serveraddress: string
}

/**
 * The engine keeps no credentials of its own: the docker CLI hands it the user's with
 * every pull, push and distribution lookup. This does the same, from the same config.
 */
export function engineAuthOf(credentials: Credentials | null, domain: string): EngineAuthConfig | undefined {
  if (credentials === null) return undefined
  if (credentials.identityToken !== null) return { identitytoken: credentials.identityToken, serveraddress: domain }
  return { username: credentials.username, password: credentials.password, serveraddress: domain }
}

/** One registry's credentials and transport for a run of work, looked up at most once each. */
export class RegistryAccess {
  private credentialsAsked: Promise<Credentials | null> | null = null
  private configAsked: Promise<RegistryConfig> | null = null

  constructor(
    private readonly connection: EngineConnection,
    private readonly store: DockerCredentials,
    readonly reference: ImageReference,
  ) {}

  credentials(): Promise<Credentials | null> {
    this.credentialsAsked ??= this.store.get(this.reference.domain)
    return this.credentialsAsked
  }

  async engineAuth(): Promise<EngineAuthConfig | undefined> {
    return engineAuthOf(await this.credentials(), this.reference.domain)
  }

  async client(signal?: AbortSignal): Promise<RegistryClient> {
    this.configAsked ??= engineRegistryConfig(this.connection)
    const insecure = isInsecureRegistry(this.reference.domain, await this.configAsked)
    const tls = await registryTls(this.reference.domain, certsDirectories(processEnvironment()))
    return new RegistryClient(this.reference.apiHost, { insecure, tls, credentials: () => this.credentials(), ...(signal === undefined ? {} : { signal }) })
  }
}
