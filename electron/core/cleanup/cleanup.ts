import type { CleanupOptions } from '../../../shared/cleanup-input'
import type { CleanupOutcome, CleanupPlan, CleanupReport } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import type { ImageDataCache } from '../images/image-data'
import { engineOps } from './engine-ops'
import { engineError } from '../engine/errors'
import { measureLayersBytes } from '../images/layers-total'
import { executeItems, type CleanupOps, type ExecuteHooks } from './execute'
import { planCleanup } from './plan'
import { KEEP_TEXT } from './reasons'
import { readSnapshot } from './read-snapshot'
import type { CleanupSnapshot } from './snapshot'

export async function planCleanupOnEngine(connection: EngineConnection, cache: ImageDataCache, options: CleanupOptions): Promise<CleanupPlan> {
  return planCleanup(await readSnapshot(connection, cache, options.pinned, { logs: true }), options)
}

export interface ExecuteRequest {
  options: CleanupOptions
  confirmed: string[]
}

/** Why a confirmed item is not in the fresh plan, in the plan's own terms when it has them. */
function notPlanned(key: string, plan: CleanupPlan, snapshot: CleanupSnapshot): CleanupOutcome {
  const separator = key.indexOf(':')
  const kind = key.slice(0, separator) as CleanupOutcome['kind']
  const id = key.slice(separator + 1)
  const base = { key, kind, id, bytesFreed: 0, untagged: [], error: null, status: 'skipped' as const }
  const kept = plan.protected.find((candidate) => candidate.key === key)
  if (kept !== undefined) return { ...base, names: kept.names, reason: `no longer in the plan: ${KEEP_TEXT[kept.reason]}`, blockers: kept.blockers }
  const exists =
    kind === 'container'
      ? snapshot.containers.some((container) => container.id === id)
      : kind === 'image'
        ? snapshot.images.some((image) => image.id === id)
        : snapshot.buildCache.some((entry) => entry.id === id)
  return { ...base, names: [], reason: exists ? 'no longer in the plan: the options no longer select it' : 'it no longer exists', blockers: [] }
}

/**
 * Executes a confirmed plan: the plan is made again from the same options, limited
 * to the confirmed items, and only that is removed; confirmed items the fresh plan
 * leaves out are reported as skipped with the reason. Freed bytes are measured:
 * the engine's LayersSize before and after, the cache's SpaceReclaimed, and the
 * writable layers of the containers removed.
 */
export async function executeCleanup(connection: EngineConnection, cache: ImageDataCache, request: ExecuteRequest, hooks: ExecuteHooks, ops: CleanupOps = engineOps(connection)): Promise<CleanupReport> {
  const snapshot = await readSnapshot(connection, cache, request.options.pinned)
  const confirmed = new Set(request.confirmed)
  const plan = planCleanup(snapshot, request.options, confirmed)
  const planned = new Set(plan.items.map((item) => item.key))
  const leftOut = [...confirmed].filter((key) => !planned.has(key)).map((key) => notPlanned(key, plan, snapshot))
  const executed = await executeItems(plan.items, ops, hooks)
  let interrupted = executed.interrupted
  let layersAfter: number | null = null
  if (interrupted === null) {
    try {
      layersAfter = (await measureLayersBytes(connection, cache)).bytes
    } catch (error) {
      // Everything was done; only the measurement after is missing. The report still says what was removed.
      const failure = engineError(error, connection.endpoint)
      interrupted = { code: failure.code, message: `The cleanup ran, but the engine stopped answering before the space freed could be measured: ${failure.message}` }
    }
  }
  const layers = layersAfter === null ? null : snapshot.layersSize - layersAfter
  const freed = { layers, containers: executed.containerBytes, buildCache: executed.reclaimedBytes }
  return {
    predictedBytes: plan.totalBytesFreed,
    freedBytes: layers === null ? null : layers + freed.containers + freed.buildCache,
    predicted: plan.freed,
    freed,
    layersBytesBefore: snapshot.layersSize,
    layersBytesAfter: layersAfter,
    layersBytesSource: snapshot.layersSource,
    cancelled: executed.cancelled,
    interrupted,
    outcomes: [...executed.outcomes, ...leftOut],
  }
}
