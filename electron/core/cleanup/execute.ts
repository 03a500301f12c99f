import { StrataError, type ErrorCode } from '../../../shared/errors'
import type { Blocker, CleanupItem, CleanupOutcome } from '../../../shared/types'

/** The engine calls a cleanup makes; each throws a StrataError (CONFLICT, NOT_FOUND, ...) when refused. */
export interface CleanupOps {
  /** Without force and without volumes: a running container is refused. */
  removeContainer(id: string): Promise<void>
  /** DELETE by ID, never with force. */
  removeImage(id: string): Promise<void>
  /** Removes one tag of an image that keeps other names. */
  untag(reference: string): Promise<void>
  /** What blocks deleting the image now, read fresh. */
  blockers(id: string): Promise<Blocker[]>
  pruneCacheEntry(id: string): Promise<{ deleted: string[]; reclaimed: number }>
  /** DELETE /volumes/{name}, never with force: a volume a container mounts is refused. */
  removeVolume(name: string): Promise<void>
}

export interface ExecuteHooks {
  signal: AbortSignal
  onProgress: (done: number, total: number) => void
}

export interface ExecutedItems {
  outcomes: CleanupOutcome[]
  cancelled: boolean
  /** The failure that stopped the run: after it the engine no longer answers, so the rest was not tried. */
  interrupted: { code: ErrorCode; message: string } | null
  /** Writable bytes of the containers removed, as the plan's snapshot measured them. */
  containerBytes: number
  /** SpaceReclaimed the engine answered for the pruned cache entries. */
  reclaimedBytes: number
}

/** Failures after which no further engine call can succeed: trying the rest would only repeat them. */
const ENGINE_GONE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['ENGINE_UNREACHABLE'])

type Result = Pick<CleanupOutcome, 'status' | 'reason' | 'blockers' | 'untagged' | 'error'>

const removed: Result = { status: 'removed', reason: null, blockers: [], untagged: [], error: null }

function skipped(reason: string, blockers: Blocker[] = [], untagged: string[] = []): Result {
  return { status: 'skipped', reason, blockers, untagged, error: null }
}

function failed(error: unknown, untagged: string[] = []): Result {
  const failure = StrataError.from(error)
  return { status: 'failed', reason: failure.message, blockers: [], untagged, error: { code: failure.code, message: failure.message } }
}

function codeOf(error: unknown): string | null {
  return error instanceof StrataError ? error.code : null
}

async function removeContainer(item: CleanupItem, ops: CleanupOps): Promise<Result> {
  try {
    await ops.removeContainer(item.id)
    return removed
  } catch (error) {
    if (codeOf(error) === 'NOT_FOUND') return skipped('the container no longer exists')
    // Started since the plan: the engine refuses without force, and a cleanup never forces.
    if (codeOf(error) === 'CONFLICT') return skipped(`the engine refused: ${(error as StrataError).message}`)
    return failed(error)
  }
}

/** A 409 named with the blockers model; only extra tags are cleared (by untagging), never anything else. */
async function removeImage(item: CleanupItem, ops: CleanupOps): Promise<Result> {
  const untagged: string[] = []
  for (let attempt = 0; ; attempt += 1) {
    try {
      await ops.removeImage(item.id)
      return { ...removed, untagged }
    } catch (error) {
      if (codeOf(error) === 'NOT_FOUND') return skipped('the image no longer exists', [], untagged)
      if (codeOf(error) !== 'CONFLICT') return failed(error, untagged)
      let blockers: Blocker[]
      try {
        blockers = await ops.blockers(item.id)
      } catch (reading) {
        return codeOf(reading) === 'NOT_FOUND' ? skipped('the image no longer exists', [], untagged) : failed(reading, untagged)
      }
      const holding = blockers.filter((blocker) => blocker.kind !== 'tag')
      if (holding.length > 0) return skipped('it came into use since the plan was made', holding, untagged)
      const tags = blockers.filter((blocker) => blocker.kind === 'tag').map((blocker) => blocker.name)
      if (attempt > 0 || tags.length < 2) return skipped(`the engine refused: ${(error as StrataError).message}`, blockers, untagged)
      // Several names: all but one go by name, then deleting by ID removes the last with the image.
      try {
        for (const tag of tags.slice(0, -1)) {
          await ops.untag(tag)
          untagged.push(tag)
        }
      } catch (untagging) {
        return failed(untagging, untagged)
      }
    }
  }
}

async function pruneEntry(item: CleanupItem, ops: CleanupOps): Promise<{ result: Result; reclaimed: number }> {
  try {
    const answer = await ops.pruneCacheEntry(item.id)
    if (answer.deleted.includes(item.id)) return { result: removed, reclaimed: answer.reclaimed }
    return { result: skipped('the engine kept it: in use, or another cache entry is made on it now'), reclaimed: answer.reclaimed }
  } catch (error) {
    return { result: failed(error), reclaimed: 0 }
  }
}

async function removeVolume(item: CleanupItem, ops: CleanupOps): Promise<Result> {
  try {
    await ops.removeVolume(item.id)
    return removed
  } catch (error) {
    if (codeOf(error) === 'NOT_FOUND') return skipped('the volume no longer exists')
    // A container made since the plan mounts it: its data stays.
    if (codeOf(error) === 'CONFLICT') return skipped(`it came into use since the plan was made: ${(error as StrataError).message}`)
    return failed(error)
  }
}

/**
 * Removes the items one by one in the plan's order (containers, then images
 * children first, then cache entries children first, then volumes). Anything refused is skipped
 * with its reason and the rest proceeds; a cancel stops between two items.
 */
export async function executeItems(items: readonly CleanupItem[], ops: CleanupOps, hooks: ExecuteHooks): Promise<ExecutedItems> {
  const outcomes: CleanupOutcome[] = []
  let cancelled = false
  let interrupted: ExecutedItems['interrupted'] = null
  let containerBytes = 0
  let reclaimedBytes = 0
  hooks.onProgress(0, items.length)
  for (const item of items) {
    const base = { key: item.key, kind: item.kind, id: item.id, names: item.names, bytesFreed: item.bytesFreed, ...(item.volume === undefined ? {} : { volume: item.volume }) }
    if (interrupted !== null) {
      outcomes.push({ ...base, ...skipped(`not tried: the cleanup stopped when the engine stopped answering (${interrupted.code})`) })
      continue
    }
    if (cancelled || hooks.signal.aborted) {
      cancelled = true
      outcomes.push({ ...base, ...skipped('the cleanup was cancelled before this item') })
      continue
    }
    let result: Result
    if (item.kind === 'container') {
      result = await removeContainer(item, ops)
      if (result.status === 'removed') containerBytes += item.size
    } else if (item.kind === 'image') {
      result = await removeImage(item, ops)
    } else if (item.kind === 'volume') {
      result = await removeVolume(item, ops)
    } else {
      const pruned = await pruneEntry(item, ops)
      result = pruned.result
      reclaimedBytes += pruned.reclaimed
    }
    if (result.error !== null && ENGINE_GONE.has(result.error.code)) {
      interrupted = result.error
      // The request may have reached the engine before it went away: only the engine can say later.
      result = { ...result, reason: `${result.reason ?? ''} The engine stopped answering during this step: whether it was removed shows once the engine answers again.` }
    }
    outcomes.push({ ...base, ...result })
    hooks.onProgress(outcomes.length, items.length)
  }
  return { outcomes, cancelled, interrupted, containerBytes, reclaimedBytes }
}
