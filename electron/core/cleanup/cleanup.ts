import type { CleanupOptions } from '../../../shared/cleanup-input'
import type { CleanupOutcome, CleanupPlan, CleanupReport } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { imageStoreOfEngine } from '../engine/image-store'
import type { ImageDataCache } from '../images/image-data'
import { engineOps } from './engine-ops'
import { engineError } from '../engine/errors'
import { measureLayersBytes } from '../images/layers-total'
import { executeItems, type CleanupOps, type ExecuteHooks } from './execute'
import { planCleanup } from './plan'
import { KEEP_TEXT, ruleText } from './reasons'
import { readSnapshot } from './read-snapshot'
import { volumeBytes, type CleanupSnapshot } from './snapshot'
import { readSystemDf } from '../system/system-df'

/** The volumes' bytes as /system/df reports them now (an unknown size counts 0, as in the plan). */
async function measureVolumeBytes(connection: EngineConnection): Promise<number> {
  const df = await readSystemDf<{ Volumes?: { UsageData?: { Size: number } | null }[] | null }>(connection)
  return (df.Volumes ?? []).reduce((sum, volume) => sum + volumeBytes({ size: volume.UsageData?.Size ?? -1 }), 0)
}

export async function planCleanupOnEngine(connection: EngineConnection, cache: ImageDataCache, options: CleanupOptions): Promise<CleanupPlan> {
  return planCleanup(await readSnapshot(connection, cache, options.pinned, { logs: true, store: await imageStoreOfEngine(connection) }), options)
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
  if (kept !== undefined) {
    const why = kept.rule === null ? KEEP_TEXT[kept.reason] : `kept by rule ${ruleText(kept.rule)}`
    return { ...base, names: kept.names, reason: `no longer in the plan: ${why}`, blockers: kept.blockers }
  }
  const exists =
    kind === 'container'
      ? snapshot.containers.some((container) => container.id === id)
      : kind === 'image'
        ? snapshot.images.some((image) => image.id === id)
        : kind === 'volume'
          ? snapshot.volumes.some((volume) => volume.name === id)
          : snapshot.buildCache.some((entry) => entry.id === id)
  return { ...base, names: [], reason: exists ? 'no longer in the plan: the options no longer select it' : 'it no longer exists', blockers: [] }
}

/**
 * Executes a confirmed plan: the plan is made again from the same options, limited
 * to the confirmed items, and only that is removed; confirmed items the fresh plan
 * leaves out are reported as skipped with the reason. Freed bytes are measured:
 * the engine's LayersSize before and after, the cache's SpaceReclaimed, the
 * writable layers of the containers removed, and the volumes' sizes before and after.
 */
export async function executeCleanup(connection: EngineConnection, cache: ImageDataCache, request: ExecuteRequest, hooks: ExecuteHooks, ops: CleanupOps = engineOps(connection)): Promise<CleanupReport> {
  const snapshot = await readSnapshot(connection, cache, request.options.pinned, { store: await imageStoreOfEngine(connection) })
  const confirmed = new Set(request.confirmed)
  const plan = planCleanup(snapshot, request.options, confirmed)
  const planned = new Set(plan.items.map((item) => item.key))
  const leftOut = [...confirmed].filter((key) => !planned.has(key)).map((key) => notPlanned(key, plan, snapshot))
  const volumesBefore = snapshot.volumes.reduce((sum, volume) => sum + volumeBytes(volume), 0)
  const executed = await executeItems(plan.items, ops, hooks)
  let interrupted = executed.interrupted
  let layersAfter: number | null = null
  let volumesAfter: number | null = null
  if (interrupted === null) {
    try {
      layersAfter = (await measureLayersBytes(connection, cache)).bytes
      // Volume sizes cost the engine a walk of each volume: measured only when the plan removes some.
      volumesAfter = plan.items.some((item) => item.kind === 'volume') ? await measureVolumeBytes(connection) : volumesBefore
    } catch (error) {
      // Everything was done; only the measurement after is missing. The report still says what was removed.
      const failure = engineError(error, connection.endpoint)
      interrupted = { code: failure.code, message: `The cleanup ran, but the engine stopped answering before the space freed could be measured: ${failure.message}` }
    }
  }
  const layers = layersAfter === null ? null : snapshot.layersSize - layersAfter
  const volumes = volumesAfter === null ? null : volumesBefore - volumesAfter
  const freed = { layers, containers: executed.containerBytes, buildCache: executed.reclaimedBytes, volumes }
  return {
    predictedBytes: plan.totalBytesFreed,
    freedBytes: layers === null || volumes === null ? null : layers + freed.containers + freed.buildCache + volumes,
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
