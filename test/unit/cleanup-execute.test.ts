import { describe, expect, it } from 'vitest'
import { executeItems, type CleanupOps } from '../../electron/core/cleanup/execute'
import { StrataError } from '../../shared/errors'
import type { Blocker, CleanupItem } from '../../shared/types'

function item(kind: CleanupItem['kind'], id: string, bytes: number): CleanupItem {
  return { key: `${kind}:${id}`, kind, id, names: [`${id}-name`], reason: kind === 'container' ? 'stopped-container' : kind === 'image' ? 'unused' : kind === 'volume' ? 'unused-volume' : 'build-cache', rule: null, after: [], size: bytes, bytesFreed: bytes, created: null }
}

const conflict = (): StrataError => new StrataError('CONFLICT', 'conflict: unable to delete (must be forced)')
const running: Blocker = { kind: 'running-container', id: 'c9', name: 'late', state: 'running', remedy: 'stop-and-remove', forceOverrides: false }
const tag = (name: string): Blocker => ({ kind: 'tag', id: 'img', name, state: null, remedy: 'untag', forceOverrides: true })

/** Records every call; `refuse` says what each call answers instead of succeeding. */
function fakeOps(refuse: Record<string, (() => Error) | undefined> = {}, blockers: Record<string, Blocker[][]> = {}, pruned: Record<string, { deleted: string[]; reclaimed: number }> = {}): CleanupOps & { calls: string[] } {
  const calls: string[] = []
  const act = (call: string): Promise<void> => {
    calls.push(call)
    const failure = refuse[call]
    if (failure === undefined) return Promise.resolve()
    // One refusal per call name, so a retry after clearing the cause succeeds.
    refuse[call] = undefined
    return Promise.reject(failure())
  }
  return {
    calls,
    removeContainer: (id) => act(`rm-container ${id}`),
    removeImage: (id) => act(`rm-image ${id}`),
    untag: (reference) => act(`untag ${reference}`),
    blockers: (id) => {
      calls.push(`blockers ${id}`)
      return Promise.resolve(blockers[id]?.shift() ?? [])
    },
    pruneCacheEntry: (id) => {
      calls.push(`prune ${id}`)
      return Promise.resolve(pruned[id] ?? { deleted: [id], reclaimed: 7 })
    },
    removeVolume: (name) => act(`rm-volume ${name}`),
  }
}

const hooks = { signal: new AbortController().signal, onProgress: (): void => undefined }

describe('executeItems', () => {
  it('removes every item in the given order and tallies what it measured', async () => {
    const ops = fakeOps()
    const progress: [number, number][] = []
    const result = await executeItems([item('container', 'c1', 5), item('image', 'i1', 100), item('build-cache', 'b1', 7)], ops, {
      signal: new AbortController().signal,
      onProgress: (done, total) => progress.push([done, total]),
    })
    expect(ops.calls).toEqual(['rm-container c1', 'rm-image i1', 'prune b1'])
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(['removed', 'removed', 'removed'])
    expect(result).toMatchObject({ cancelled: false, containerBytes: 5, reclaimedBytes: 7 })
    expect(progress).toEqual([[0, 3], [1, 3], [2, 3], [3, 3]])
  })

  it('skips an image that came into use, naming the blocker, and goes on with the rest', async () => {
    const ops = fakeOps({ 'rm-image i1': conflict }, { i1: [[running, tag('x:1'), tag('x:2')]] })
    const result = await executeItems([item('image', 'i1', 100), item('image', 'i2', 50)], ops, hooks)
    expect(result.outcomes[0]).toMatchObject({ status: 'skipped', reason: 'it came into use since the plan was made', blockers: [running], untagged: [] })
    expect(result.outcomes[1]?.status).toBe('removed')
    // Nothing was untagged: a held image keeps its names.
    expect(ops.calls).toEqual(['rm-image i1', 'blockers i1', 'rm-image i2'])
  })

  it('removes extra tags of an image with several names, then deletes it by ID, never with force', async () => {
    const ops = fakeOps({ 'rm-image i1': conflict }, { i1: [[tag('m:1'), tag('m:2')]] })
    const result = await executeItems([item('image', 'i1', 100)], ops, hooks)
    expect(ops.calls).toEqual(['rm-image i1', 'blockers i1', 'untag m:1', 'rm-image i1'])
    expect(result.outcomes[0]).toMatchObject({ status: 'removed', untagged: ['m:1'] })
  })

  it('reports tags already removed when the retry is refused', async () => {
    let refusals = 0
    const ops = fakeOps({}, { i1: [[tag('m:1'), tag('m:2')], [running]] })
    ops.removeImage = (id) => {
      ops.calls.push(`rm-image ${id}`)
      refusals += 1
      return Promise.reject(conflict())
    }
    const result = await executeItems([item('image', 'i1', 100)], ops, hooks)
    expect(refusals).toBe(2)
    expect(result.outcomes[0]).toMatchObject({ status: 'skipped', untagged: ['m:1'], blockers: [running] })
  })

  it('tells a container started or removed meanwhile from a failure', async () => {
    const ops = fakeOps({
      'rm-container c1': conflict,
      'rm-container c2': () => new StrataError('NOT_FOUND', 'No such container'),
      'rm-container c3': () => new StrataError('ENGINE_ERROR', 'The engine answered 500: boom'),
    })
    const result = await executeItems([item('container', 'c1', 5), item('container', 'c2', 6), item('container', 'c3', 7)], ops, hooks)
    expect(result.outcomes.map((outcome) => [outcome.status, outcome.reason])).toEqual([
      ['skipped', 'the engine refused: conflict: unable to delete (must be forced)'],
      ['skipped', 'the container no longer exists'],
      ['failed', 'The engine answered 500: boom'],
    ])
    expect(result.outcomes[2]?.error).toEqual({ code: 'ENGINE_ERROR', message: 'The engine answered 500: boom' })
    expect(result.containerBytes).toBe(0)
  })

  it('skips a cache entry the engine kept, counting what it did reclaim', async () => {
    const ops = fakeOps({}, {}, { b1: { deleted: [], reclaimed: 0 } })
    const result = await executeItems([item('build-cache', 'b1', 9), item('build-cache', 'b2', 7)], ops, hooks)
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(['skipped', 'removed'])
    expect(result.reclaimedBytes).toBe(7)
  })

  it('stops between items when cancelled, leaving the rest untouched', async () => {
    const controller = new AbortController()
    const ops = fakeOps()
    const result = await executeItems([item('container', 'c1', 5), item('image', 'i1', 100), item('image', 'i2', 50)], ops, {
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 1) controller.abort()
      },
    })
    expect(ops.calls).toEqual(['rm-container c1'])
    expect(result.cancelled).toBe(true)
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(['removed', 'skipped', 'skipped'])
    expect(result.outcomes[2]?.reason).toBe('the cleanup was cancelled before this item')
  })
})

describe('executeItems when the engine goes away part-way', () => {
  const gone = (): StrataError => new StrataError('ENGINE_UNREACHABLE', 'No Docker engine answers at unix:///tmp/x.sock.')

  it('stops at the first item the engine no longer answers, and says what was done and what was not tried', async () => {
    const ops = fakeOps({ 'rm-image i2': gone })
    const items = [item('container', 'c1', 5), item('image', 'i1', 100), item('image', 'i2', 50), item('image', 'i3', 20), item('build-cache', 'b1', 7)]
    const result = await executeItems(items, ops, hooks)
    // Nothing after the failure is tried: each further call would only fail the same way.
    expect(ops.calls).toEqual(['rm-container c1', 'rm-image i1', 'rm-image i2'])
    expect(result.outcomes.map((outcome) => [outcome.id, outcome.status])).toEqual([
      ['c1', 'removed'],
      ['i1', 'removed'],
      ['i2', 'failed'],
      ['i3', 'skipped'],
      ['b1', 'skipped'],
    ])
    expect(result.interrupted).toEqual({ code: 'ENGINE_UNREACHABLE', message: 'No Docker engine answers at unix:///tmp/x.sock.' })
    expect(result.outcomes[3]?.reason).toBe('not tried: the cleanup stopped when the engine stopped answering (ENGINE_UNREACHABLE)')
    expect(result).toMatchObject({ cancelled: false, containerBytes: 5 })
  })

  it('goes on past other failures, which concern one item only', async () => {
    const ops = fakeOps({ 'rm-image i1': () => new StrataError('ENGINE_ERROR', 'The engine answered 500: driver failed') })
    const result = await executeItems([item('image', 'i1', 100), item('image', 'i2', 50)], ops, hooks)
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(['failed', 'removed'])
    expect(result.interrupted).toBeNull()
  })
})

describe('executeItems: volumes', () => {
  it('removes volumes after the containers, and skips one that came into use or is gone, with the reason', async () => {
    const inUse = (): StrataError => new StrataError('CONFLICT', 'remove data: volume is in use - [c9]')
    const ops = fakeOps({ 'rm-volume busy': inUse, 'rm-volume gone': () => new StrataError('NOT_FOUND', 'get gone: no such volume') })
    const result = await executeItems([item('container', 'c1', 5), item('volume', 'data', 4096), item('volume', 'busy', 10), item('volume', 'gone', 3)], ops, hooks)
    expect(ops.calls).toEqual(['rm-container c1', 'rm-volume data', 'rm-volume busy', 'rm-volume gone'])
    expect(result.outcomes.map((outcome) => [outcome.id, outcome.status, outcome.reason])).toEqual([
      ['c1', 'removed', null],
      ['data', 'removed', null],
      ['busy', 'skipped', 'it came into use since the plan was made: remove data: volume is in use - [c9]'],
      ['gone', 'skipped', 'the volume no longer exists'],
    ])
  })
})
