import { containerChanges } from '../containers/changes'
import { commitContainer, previewCommit } from '../containers/commit'
import { containerFiles } from '../containers/files'
import { inspectContainerView } from '../containers/inspect-view'
import { removeContainer, restartContainer, startContainer, stopContainer } from '../containers/lifecycle'
import { runContainer } from '../containers/run'
import { readLogSizes } from '../logs/log-sizes'
import type { Handlers } from './handler-types'

type ContainerMethods =
  | 'containers.start'
  | 'containers.stop'
  | 'containers.restart'
  | 'containers.remove'
  | 'containers.changes'
  | 'containers.commit'
  | 'containers.commitPreview'
  | 'containers.run'
  | 'containers.inspect'
  | 'containers.files'
  | 'containers.logSizes'

/** What acts on one container; listing them is in image-handlers (the catalog needs it too). */
export const containerHandlers: Pick<Handlers, ContainerMethods> = {
  'containers.start': async (input, context) => startContainer(await context.connection(), input.id),
  'containers.stop': async (input, context) => stopContainer(await context.connection(), input.id, input.timeoutSeconds),
  'containers.restart': async (input, context) => restartContainer(await context.connection(), input.id, input.timeoutSeconds),
  'containers.remove': async (input, context) => removeContainer(await context.connection(), input),
  'containers.changes': async (input, context) => containerChanges(await context.connection(), input.id),
  'containers.commit': async (input, context) => commitContainer(await context.connection(), input),
  'containers.commitPreview': async (input, context) => previewCommit(await context.connection(), input),
  'containers.run': async (input, context) => runContainer(await context.connection(), input, context.signal),
  'containers.inspect': async (input, context) => inspectContainerView(await context.connection(), input.id),
  'containers.logSizes': async (input, context) => readLogSizes(await context.connection(), input.id),
  'containers.files': async (input, context) => containerFiles(await context.connection(), (await context.layers()).explorer, input.id, input.path, input.onlyChanges),
}
