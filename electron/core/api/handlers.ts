import type { MethodName } from '../../../shared/methods'
import type { MethodResult, ParsedInput } from '../../../shared/contract'
import { listContainers } from '../containers/list'
import type { EngineConnection } from '../engine/connection'
import { getEngineInfo } from '../engine/info'
import type { EngineSession } from '../engine/session'
import { getImage, listImages } from '../images/list'
import { getDiskUsage } from '../system/disk-usage'

export interface HandlerContext {
  session: EngineSession
  connection(): Promise<EngineConnection>
  signal: AbortSignal
}

export type Handlers = {
  [N in MethodName]: (input: ParsedInput<N>, context: HandlerContext) => Promise<MethodResult<N>>
}

/** Each contract method bound to the core function that answers it. */
export const handlers: Handlers = {
  'engine.info': async (_input, context) => getEngineInfo(await context.connection()),
  'engine.state': (_input, context) => Promise.resolve(context.session.state),
  'engine.diskUsage': async (_input, context) => getDiskUsage(await context.connection()),
  'images.list': async (input, context) => listImages(await context.connection(), input),
  'images.get': async (input, context) => getImage(await context.connection(), input.id),
  'containers.list': async (_input, context) => listContainers(await context.connection()),
}
