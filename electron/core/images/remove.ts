import { failure as wordedFailure, type StrataError } from '../../../shared/errors'
import { countOf } from '../../../shared/format'
import { problem, type Problem } from '../../../shared/problems'
import { blockerKey, type Blocker, type ImageRef, type RemoveResult } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import { listContainers } from '../containers/list'
import { findBlockers } from './blockers'
import type { ImageDataCache } from './image-data'
import { measureLayersBytes } from './layers-total'

interface DeleteResponseItem {
  Untagged?: string
  Deleted?: string
}

export interface RemoveRequest {
  id: string
  clearBlockers: boolean
  force: boolean
  confirmedBlockers: string[]
}

function blockedError(found: Problem, blockers: Blocker[], imageId: string): StrataError {
  return wordedFailure('CONFLICT', found, { imageId, blockers: blockers.map((blocker) => ({ ...blocker })) })
}

/** A 409 from the engine is turned into the blocker model, read fresh, so a race names the real blocker. */
async function explainConflict(connection: EngineConnection, error: unknown, ref: string): Promise<never> {
  const failure = engineError(error, connection.endpoint)
  if (failure.code !== 'CONFLICT') throw failure
  const plan = await findBlockers(connection, ref).catch(() => null)
  if (plan === null) throw failure
  throw blockedError(problem('image.engineRefused', { message: failure.message }), plan.blockers, plan.image.id)
}

/**
 * The engine deletes an image together with the untagged parents nothing else is
 * built on; those parents are never listed (a tagged parent is kept, and a listed
 * untagged image has no children), so every deleted image but this one is an
 * intermediate. Docker's answer also lists the layers (chain IDs) it released as
 * "Deleted": only IDs of images that existed before (`imageIds`) are counted.
 */
export function namedDeletions(deleted: readonly string[], image: ImageRef, imageIds: ReadonlySet<string>): RemoveResult['deletedNamed'] {
  const gone = deleted.includes(image.id)
  const intermediates = deleted.filter((id) => id !== image.id && imageIds.has(id))
  return { images: gone ? [{ id: image.id, repoTags: [...image.repoTags] }] : [], intermediates }
}

/** Every image ID, hidden intermediates included: what tells a deleted image from a released layer afterwards. */
async function allImageIds(connection: EngineConnection): Promise<Set<string>> {
  const all = (await connection.docker.listImages({ all: true })) as { Id: string }[]
  return new Set(all.map((entry) => entry.Id))
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a)
  return left.size === new Set(b).size && b.every((item) => left.has(item))
}

/**
 * Deletes an image. With clearBlockers, first stops and removes the containers and
 * untags the tags the user confirmed; if the blockers are not exactly those, nothing
 * is touched. Force is passed on only when asked for.
 */
export async function removeImage(connection: EngineConnection, cache: ImageDataCache, request: RemoveRequest): Promise<RemoveResult> {
  const plan = await findBlockers(connection, request.id)
  const imageId = plan.image.id
  const result: RemoveResult = {
    deletedImages: [],
    deletedNamed: { images: [], intermediates: [] },
    untagged: [],
    stoppedContainers: [],
    removedContainers: [],
    orphanedContainers: [],
    layersBytesBefore: 0,
    layersBytesAfter: 0,
    layersBytesSource: 'engine',
    freedBytes: 0,
  }

  // Clearing blockers or forcing past them acts on a list the user saw: it must still be that list.
  if ((request.clearBlockers || request.force) && !sameSet(plan.blockers.map(blockerKey), request.confirmedBlockers)) {
    throw blockedError(problem('image.blockersChanged'), plan.blockers, imageId)
  }
  if (request.clearBlockers) {
    const children = plan.blockers.filter((blocker) => blocker.kind === 'child-image')
    if (children.length > 0) {
      throw blockedError(problem('image.childrenFirst'), plan.blockers, imageId)
    }
  }
  const [before, imageIds] = await Promise.all([measureLayersBytes(connection, cache), allImageIds(connection)])
  result.layersBytesBefore = before.bytes
  result.layersBytesSource = before.source
  try {
    const done = await clearAndDelete(connection, cache, request, plan.blockers, imageId, result)
    return { ...done, deletedNamed: namedDeletions(done.deletedImages, plan.image, imageIds) }
  } catch (error) {
    throw withWhatWasDone(engineError(error, connection.endpoint), result)
  }
}

/** A failure part-way through a delete still says which steps were done, so nothing done goes unreported. */
function withWhatWasDone(failure: StrataError, result: RemoveResult): StrataError {
  const steps = [
    result.stoppedContainers.length > 0 ? `stopped ${countOf(result.stoppedContainers.length, 'container')}` : null,
    result.removedContainers.length > 0 ? `removed ${countOf(result.removedContainers.length, 'container')}` : null,
    result.untagged.length > 0 ? `untagged ${result.untagged.join(', ')}` : null,
    result.deletedImages.length > 0 ? `deleted ${countOf(result.deletedImages.length, 'image')}` : null,
  ].filter((step) => step !== null)
  if (steps.length === 0) return failure
  const done = { stoppedContainers: result.stoppedContainers, removedContainers: result.removedContainers, untagged: result.untagged, deletedImages: result.deletedImages }
  const id = result.deletedImages.length > 0 ? 'image.partlyRemovedDeleted' : 'image.partlyRemoved'
  return wordedFailure(failure.code, problem(id, { failure: failure.message, steps: steps.join(', ') }), { ...failure.detail, done })
}

async function clearAndDelete(connection: EngineConnection, cache: ImageDataCache, request: RemoveRequest, blockers: Blocker[], imageId: string, result: RemoveResult): Promise<RemoveResult> {
  if (request.clearBlockers) {
    for (const blocker of blockers) {
      if (blocker.kind === 'running-container') {
        await connection.docker.getContainer(blocker.id).stop({ t: 10 }).catch((error: unknown) => {
          // 304: it stopped meanwhile, which is what we wanted.
          if ((error as { statusCode?: number }).statusCode !== 304) throw engineError(error, connection.endpoint)
        })
        result.stoppedContainers.push(blocker.id)
      }
    }
    for (const blocker of blockers) {
      if (blocker.kind === 'running-container' || blocker.kind === 'stopped-container') {
        await connection.docker.getContainer(blocker.id).remove({ v: false }).catch((error: unknown) => explainConflict(connection, error, imageId))
        result.removedContainers.push(blocker.id)
      }
    }
    const tags = blockers.filter((blocker) => blocker.kind === 'tag')
    // All but one tag go by name; deleting by ID removes the last one with the image.
    for (const blocker of tags.slice(1)) {
      await connection.docker.getImage(blocker.name).remove({ noprune: false }).catch((error: unknown) => explainConflict(connection, error, imageId))
      result.untagged.push(blocker.name)
    }
  }

  let items: DeleteResponseItem[]
  try {
    items = (await connection.docker.getImage(imageId).remove({ force: request.force })) as DeleteResponseItem[]
  } catch (error) {
    return explainConflict(connection, error, imageId)
  }
  for (const item of items) {
    if (item.Untagged !== undefined) result.untagged.push(item.Untagged)
    if (item.Deleted !== undefined) result.deletedImages.push(item.Deleted)
  }
  result.layersBytesAfter = (await measureLayersBytes(connection, cache)).bytes
  // A container of a deleted image holds all of that image's layers (measured: du of the data root does not move).
  const survivors = await listContainers(connection)
  result.orphanedContainers = survivors.filter((container) => result.deletedImages.includes(container.imageId)).map((container) => container.id)
  result.freedBytes = result.orphanedContainers.length > 0 ? 0 : result.layersBytesBefore - result.layersBytesAfter
  return result
}

/** Removes one tag. When it is the image's last name and nothing holds the image, the engine deletes the image too. */
export async function untagImage(connection: EngineConnection, cache: ImageDataCache, tag: string): Promise<RemoveResult> {
  // Which image the tag names, so that what the engine deletes with it can be told apart from the intermediates; a missing tag fails below.
  const target = (await connection.docker.getImage(tag).inspect().catch(() => null)) as { Id: string; RepoTags?: string[] | null } | null
  const [before, imageIds] = await Promise.all([measureLayersBytes(connection, cache), allImageIds(connection)])
  let items: DeleteResponseItem[]
  try {
    items = (await connection.docker.getImage(tag).remove({ force: false })) as DeleteResponseItem[]
  } catch (error) {
    return explainConflict(connection, error, tag)
  }
  const after = (await measureLayersBytes(connection, cache)).bytes
  const deletedImages = items.flatMap((item) => (item.Deleted !== undefined ? [item.Deleted] : []))
  return {
    deletedImages,
    deletedNamed: namedDeletions(deletedImages, { id: target?.Id ?? '', repoTags: [tag] }, imageIds),
    untagged: items.flatMap((item) => (item.Untagged !== undefined ? [item.Untagged] : [])),
    stoppedContainers: [],
    removedContainers: [],
    orphanedContainers: [],
    layersBytesBefore: before.bytes,
    layersBytesAfter: after,
    layersBytesSource: before.source,
    freedBytes: before.bytes - after,
  }
}
