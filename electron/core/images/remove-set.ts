import { StrataError } from '../../../shared/errors'
import { blockerKey, type RemoveSetOutcome, type RemoveSetPlan, type RemoveSetResult, type SetBlocker } from '../../../shared/types'
import { readSnapshot } from '../cleanup/read-snapshot'
import type { CleanupSnapshot } from '../cleanup/snapshot'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import { imageStoreOfEngine } from '../engine/image-store'
import type { ImageDataCache } from './image-data'
import { measureLayersBytes } from './layers-total'
import { planSet } from './set-plan'

interface DeleteResponseItem {
  Untagged?: string
  Deleted?: string
}

export interface RemoveSetRequest {
  ids: string[]
  /** Stop and remove the containers of the images first (the blockers the user confirmed). */
  removeContainers: boolean
  /** blockerKey() of every blocker the user saw; with removeContainers, a different set at run time is refused. */
  confirmedBlockers: string[]
}

export interface RemoveSetHooks {
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
}

/** Each reference to the image ID the engine resolves it to, once per image, in the order given. */
async function resolveIds(connection: EngineConnection, refs: readonly string[]): Promise<string[]> {
  const ids: string[] = []
  for (const ref of refs) {
    try {
      const id = ((await connection.docker.getImage(ref).inspect()) as { Id: string }).Id
      if (!ids.includes(id)) ids.push(id)
    } catch (error) {
      const failure = engineError(error, connection.endpoint)
      throw failure.code === 'NOT_FOUND' ? new StrataError('NOT_FOUND', `No image ${ref}: nothing was deleted.`, { ...failure.detail, ref }) : failure
    }
  }
  return ids
}

async function planOnEngine(connection: EngineConnection, cache: ImageDataCache, refs: readonly string[]): Promise<{ plan: RemoveSetPlan; snapshot: CleanupSnapshot }> {
  const ids = await resolveIds(connection, refs)
  const snapshot = await readSnapshot(connection, cache, [], { store: await imageStoreOfEngine(connection) })
  const byId = new Map(snapshot.images.map((image) => [image.id, image]))
  const set = planSet(snapshot, ids)
  const plan: RemoveSetPlan = {
    members: ids.map((id) => ({ id, repoTags: byId.get(id)?.repoTags ?? [], size: byId.get(id)?.size ?? 0 })),
    blockers: set.blockers,
    keepingContainers: set.keepingContainers,
    removingContainers: set.removingContainers,
    layersBytes: snapshot.layersSize,
    layersBytesSource: snapshot.layersSource,
  }
  return { plan, snapshot }
}

/** What deleting the images `refs` name would do: the blockers of the set and the bytes it frees, read fresh. */
export async function planRemoveSet(connection: EngineConnection, cache: ImageDataCache, refs: readonly string[]): Promise<RemoveSetPlan> {
  return (await planOnEngine(connection, cache, refs)).plan
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a)
  return left.size === new Set(b).size && b.every((item) => left.has(item))
}

function outcome(id: string, repoTags: string[], status: RemoveSetOutcome['status'], extra: Partial<RemoveSetOutcome> = {}): RemoveSetOutcome {
  return { id, repoTags, status, skip: null, blockers: [], untagged: [], deletedImages: [], error: null, ...extra }
}

function failedOutcome(id: string, repoTags: string[], error: unknown, untagged: string[] = []): RemoveSetOutcome {
  const failure = StrataError.from(error)
  if (failure.code === 'NOT_FOUND') return outcome(id, repoTags, 'skipped', { skip: 'gone', untagged })
  return outcome(id, repoTags, 'failed', { untagged, error: { code: failure.code, message: failure.message } })
}

/**
 * Deletes a set of images, children first, after a fresh plan: the containers of
 * the set first when asked (only those of images that then go), every name of each
 * image, then the image by ID. An image that fails is reported and the rest go on,
 * except the images it was built on, which are skipped. The bytes freed are the
 * drop of the engine's layer bytes, measured before and after.
 */
export async function removeSet(connection: EngineConnection, cache: ImageDataCache, request: RemoveSetRequest, hooks: RemoveSetHooks = {}): Promise<RemoveSetResult> {
  const { plan, snapshot } = await planOnEngine(connection, cache, request.ids)
  if (request.removeContainers && !sameSet(plan.blockers.map(blockerKey), request.confirmedBlockers)) {
    throw new StrataError('CONFLICT', 'What blocks these images changed since you confirmed; nothing was deleted. Review the blockers again.', { blockers: plan.blockers.map((blocker) => ({ ...blocker })) })
  }
  const prediction = request.removeContainers ? plan.removingContainers : plan.keepingContainers
  const byId = new Map(snapshot.images.map((image) => [image.id, image]))
  const tagsOf = (id: string): string[] => byId.get(id)?.repoTags ?? []
  const total = prediction.containers.length + prediction.deletable.length
  let done = 0
  const step = (): void => {
    done += 1
    hooks.onProgress?.(done, total)
  }
  hooks.onProgress?.(0, total)

  const result: RemoveSetResult = {
    outcomes: [],
    stoppedContainers: [],
    removedContainers: [],
    predictedBytes: prediction.freedBytes,
    layersBytesBefore: plan.layersBytes,
    layersBytesAfter: null,
    layersBytesSource: plan.layersBytesSource,
    freedBytes: null,
  }
  // Image ID -> why it was not deleted: its container could not be removed, or its own delete failed.
  const notDeleted = new Map<string, unknown>()
  for (const containerId of prediction.containers) {
    const container = snapshot.containers.find((candidate) => candidate.id === containerId)
    try {
      if (container !== undefined && container.state !== 'exited' && container.state !== 'created' && container.state !== 'dead') {
        await connection.docker.getContainer(containerId).stop({ t: 10 }).catch((error: unknown) => {
          // 304: it stopped meanwhile, which is what we wanted.
          if ((error as { statusCode?: number }).statusCode !== 304) throw error
        })
        result.stoppedContainers.push(containerId)
      }
      await connection.docker.getContainer(containerId).remove({ v: false })
      result.removedContainers.push(containerId)
    } catch (error) {
      if (container !== undefined) notDeleted.set(container.imageId, engineError(error, connection.endpoint))
    }
    step()
  }

  // An image stays when one built on it stays: walking up from each image that stays marks its ancestors.
  const keptBelow = (id: string): boolean => {
    for (const kept of notDeleted.keys()) {
      for (let parent = byId.get(kept)?.parentId ?? null; parent !== null; parent = byId.get(parent)?.parentId ?? null) if (parent === id) return true
    }
    return false
  }
  for (const id of prediction.deletable) {
    const tags = tagsOf(id)
    const own = notDeleted.get(id)
    let handled: RemoveSetOutcome
    if (own !== undefined) handled = failedOutcome(id, tags, own)
    else if (hooks.signal?.aborted === true) handled = outcome(id, tags, 'skipped', { skip: 'cancelled' })
    else if (keptBelow(id)) handled = outcome(id, tags, 'skipped', { skip: 'child-kept' })
    else handled = await deleteOne(connection, id, tags)
    if (handled.status !== 'deleted') notDeleted.set(id, handled.error)
    result.outcomes.push(handled)
    step()
  }
  for (const member of plan.members) {
    if (prediction.deletable.includes(member.id)) continue
    const blockers: SetBlocker[] = plan.blockers.filter((blocker) => blocker.imageId === member.id)
    result.outcomes.push(outcome(member.id, member.repoTags, 'skipped', { skip: blockers.length > 0 ? 'blocked' : 'child-kept', blockers }))
  }
  try {
    result.layersBytesAfter = (await measureLayersBytes(connection, cache)).bytes
    result.freedBytes = result.layersBytesBefore - result.layersBytesAfter
  } catch {
    // The deletes are done and reported; only the measurement after is missing.
  }
  return result
}

/** All names but the last go by name; deleting by ID then removes the last with the image. */
async function deleteOne(connection: EngineConnection, id: string, tags: string[]): Promise<RemoveSetOutcome> {
  const untagged: string[] = []
  try {
    for (const tag of tags.slice(0, -1)) {
      await connection.docker.getImage(tag).remove({ force: false, noprune: false })
      untagged.push(tag)
    }
    const items = (await connection.docker.getImage(id).remove({ force: false, noprune: false })) as DeleteResponseItem[]
    for (const item of items) if (item.Untagged !== undefined) untagged.push(item.Untagged)
    return outcome(id, tags, 'deleted', { untagged, deletedImages: items.flatMap((item) => (item.Deleted !== undefined ? [item.Deleted] : [])) })
  } catch (error) {
    return failedOutcome(id, tags, engineError(error, connection.endpoint), untagged)
  }
}
