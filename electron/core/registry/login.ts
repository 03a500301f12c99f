import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { LoginResult, LogoutResult } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import type { DockerCredentials } from './docker-config'
import { engineCallError } from './engine-calls'
import { configKey, registryDomain } from './reference'

/**
 * Checks the credentials with the engine (POST /auth: the engine talks to the registry
 * as a pull would), then stores them where the docker CLI would. Nothing is stored
 * when the registry refuses them.
 */
export async function login(connection: EngineConnection, store: DockerCredentials, input: { registry: string; username: string; password: string }): Promise<LoginResult> {
  const domain = registryDomain(input.registry)
  if (input.username === '' || input.password === '') throw failure('INVALID_INPUT', problem('registry.loginNeedsBoth'))
  let answer: { Status?: string; IdentityToken?: string }
  try {
    answer = (await connection.docker.checkAuth({ username: input.username, password: input.password, serveraddress: configKey(domain) })) as typeof answer
  } catch (error) {
    throw engineCallError(error, connection, domain)
  }
  const token = answer.IdentityToken ?? ''
  // A registry that hands out an identity token wants it kept instead of the password, as the docker CLI does.
  const stored = token === '' ? await store.store(domain, input.username, input.password) : await store.store(domain, input.username, '', token)
  return { registry: domain, serverAddress: stored.serverAddress, username: input.username, storedIn: stored.storedIn, configPath: store.path, status: answer.Status ?? 'Login Succeeded' }
}

export async function logout(store: DockerCredentials, registry: string): Promise<LogoutResult> {
  const domain = registryDomain(registry)
  const erased = await store.erase(domain)
  return { registry: domain, serverAddress: erased.serverAddress, removedFrom: erased.removedFrom }
}
