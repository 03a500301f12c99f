import type { TransferLayer } from '../../../shared/types'
import { progressReporter } from '../api/progress'
import type { HandlerContext, Handlers } from '../api/handler-types'
import { dockerConfigDir } from '../engine/endpoint'
import { processEnvironment } from '../engine/environment'
import { engineError } from '../engine/errors'
import { loadImages } from '../transfer/load'
import { saveImages } from '../transfer/save'
import { RegistryAccess } from './access'
import { DockerCredentials } from './docker-config'
import { inspectRemote } from './inspect-remote'
import { localPlatforms } from './local-platforms'
import { login, logout } from './login'
import { parsePlatform } from '../../../shared/platform'
import { pullImage } from './pull'
import { pushImage, tagImage } from './push'
import { parseImageReference } from './reference'

type RegistryMethods = 'registry.inspect' | 'registry.pull' | 'registry.push' | 'registry.login' | 'registry.logout' | 'images.tag' | 'images.save' | 'images.load' | 'images.platforms'

/** Read on every call: DOCKER_CONFIG may change between calls of a long-lived host, and a login must land where the docker CLI looks. */
function credentialStore(): DockerCredentials {
  return new DockerCredentials(dockerConfigDir(processEnvironment()))
}

/** Overall bytes as 'progress', each layer as 'transfer.layer', under one task ID. */
function reporters(context: HandlerContext, taskId: string, label: string): { onBytes: (done: number, total: number | null) => void; onLayer: (layer: TransferLayer) => void; finish: () => void } {
  const progress = progressReporter(context.events, taskId, label)
  return {
    onBytes: progress.update,
    onLayer: (layer) => {
      context.events.emit('transfer.layer', { taskId, layer })
    },
    finish: progress.finish,
  }
}

async function withReporters<T>(context: HandlerContext, taskId: string, label: string, work: (report: ReturnType<typeof reporters>) => Promise<T>): Promise<T> {
  const report = reporters(context, taskId, label)
  try {
    return await work(report)
  } finally {
    report.finish()
  }
}

export const registryHandlers: Pick<Handlers, RegistryMethods> = {
  'registry.inspect': async (input, context) => {
    const connection = await context.connection()
    return inspectRemote(connection, context.catalog.cache, new RegistryAccess(connection, credentialStore(), parseImageReference(input.ref)), context.signal)
  },
  'registry.pull': async (input, context) => {
    const connection = await context.connection()
    const access = new RegistryAccess(connection, credentialStore(), parseImageReference(input.ref))
    const platform = input.platform === undefined ? null : input.platform === 'all' ? 'all' : parsePlatform(input.platform)
    return withReporters(context, input.taskId ?? `pull:${input.ref}`, `Pulling ${input.ref}`, (report) => pullImage(connection, access, { platform, signal: context.signal, onBytes: report.onBytes, onLayer: report.onLayer }))
  },
  'registry.push': async (input, context) => {
    const connection = await context.connection()
    const access = new RegistryAccess(connection, credentialStore(), parseImageReference(input.ref))
    return withReporters(context, input.taskId ?? `push:${input.ref}`, `Pushing ${input.ref}`, (report) => pushImage(connection, access, { signal: context.signal, onBytes: report.onBytes, onLayer: report.onLayer }))
  },
  'registry.login': async (input, context) => login(await context.connection(), credentialStore(), input),
  'registry.logout': (input) => logout(credentialStore(), input.registry),
  'images.tag': async (input, context) => tagImage(await context.connection(), input.source, input.target),
  'images.save': async (input, context) => {
    const connection = await context.connection()
    return withReporters(context, input.taskId ?? `save:${input.path}`, `Saving ${input.refs.join(', ')}`, (report) => saveImages(connection, input.refs, input.path, { signal: context.signal, onBytes: report.onBytes }))
  },
  'images.load': async (input, context) => {
    const connection = await context.connection()
    return withReporters(context, input.taskId ?? `load:${input.path}`, `Loading ${input.path}`, (report) => loadImages(connection, input.path, { signal: context.signal, onBytes: report.onBytes, onLayer: report.onLayer }))
  },
  'images.platforms': async (input, context) => {
    const connection = await context.connection()
    try {
      return await localPlatforms(connection, credentialStore(), input.ref, context.signal)
    } catch (error) {
      throw engineError(error, connection.endpoint)
    }
  },
}
