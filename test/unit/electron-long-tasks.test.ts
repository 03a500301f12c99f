import { describe, expect, it, vi } from 'vitest'
import type { StrataCore } from '../../electron/core/api/core'
import { LongTaskTracker, asksBeforeQuit, isLongMethod, runningSentence, taskPhrase, trackLongTasks, type FinishedTask, type LongTask } from '../../electron/main/long-tasks'
import type { Outcome } from '../../shared/errors'
import { METHOD_NAMES } from '../../shared/methods'

function clock(start = 1000): { now: () => number; advance: (ms: number) => void } {
  let time = start
  return {
    now: () => time,
    advance: (ms) => {
      time += ms
    },
  }
}

describe('which calls are long', () => {
  it('names only methods the contract has: a renamed method would silently stop being tracked', () => {
    for (const method of ['registry.pull', 'registry.push', 'images.save', 'images.load', 'cleanup.execute', 'layers.analyze']) {
      expect(METHOD_NAMES).toContain(method)
      expect(isLongMethod(method)).toBe(true)
    }
    expect(isLongMethod('images.list')).toBe(false)
    expect(isLongMethod('cleanup.plan')).toBe(false)
    expect(isLongMethod('toString')).toBe(false)
    expect(isLongMethod(42)).toBe(false)
  })
})

describe('LongTaskTracker', () => {
  it('labels each task from its input, as the user would name what runs', () => {
    const tracker = new LongTaskTracker()
    const label = (method: string, input: unknown): string | undefined => {
      const task = tracker.start(method, input)
      return task === null ? undefined : taskPhrase(task)
    }
    expect(label('registry.pull', { ref: 'alpine:3.20' })).toBe('a pull of alpine:3.20')
    expect(label('registry.push', { ref: 'me/app:1' })).toBe('a push of me/app:1')
    expect(label('images.save', { refs: ['alpine:3.20'], path: '/tmp/a.tar' })).toBe('a save of alpine:3.20')
    expect(label('images.save', { refs: ['a', 'b', 'c'], path: '/tmp/a.tar' })).toBe('a save of 3 images')
    expect(label('images.load', { path: '/home/ana/Downloads/backup.tar' })).toBe('a load of backup.tar')
    expect(label('cleanup.execute', { unused: true })).toBe('a cleanup')
    expect(label('layers.analyze', { ref: 'app:1' })).toBe('an analysis of app:1')
    expect(label('layers.analyzeArchive', { path: '/home/ana/Downloads/app.tar.gz', files: true })).toBe('an analysis of app.tar.gz')
    expect(label('images.list', {})).toBeUndefined()
  })

  it('reads inputs the core has not validated yet without throwing, and keeps labels short', () => {
    const tracker = new LongTaskTracker()
    for (const input of [null, undefined, 'alpine', 7, { ref: 5 }, { refs: 'x' }, { refs: [] }]) {
      const task = tracker.start('registry.pull', input)
      expect(task?.subject).toBeNull()
      const save = tracker.start('images.save', input)
      expect(save?.subject).toBeNull()
    }
    const long = tracker.start('registry.pull', { ref: `registry.example/${'a'.repeat(500)}:1` })
    expect(long?.subject?.length).toBe(80)
    expect(long?.subject?.endsWith('…')).toBe(true)
  })

  it('lists what runs, oldest first, until it finishes, and tells listeners how it ended and how long it took', () => {
    const time = clock()
    const tracker = new LongTaskTracker(time.now)
    const finished: FinishedTask[] = []
    tracker.onFinished((task) => finished.push(task))
    const pull = tracker.start('registry.pull', { ref: 'alpine:3.20' })
    time.advance(500)
    const cleanup = tracker.start('cleanup.execute', {})
    if (pull === null || cleanup === null) throw new Error('not tracked')
    expect(tracker.running().map((task) => task.kind)).toEqual(['pull', 'cleanup'])
    time.advance(1500)
    const failure: Outcome<unknown> = { ok: false, error: { code: 'NOT_FOUND', message: 'no such image', detail: {} } }
    tracker.finish(pull, failure)
    expect(tracker.running()).toEqual([cleanup])
    expect(finished).toEqual([{ task: pull, outcome: failure, durationMs: 2000 }])
  })

  it('keeps finishing tasks when a listener throws', () => {
    const tracker = new LongTaskTracker()
    const after = vi.fn()
    tracker.onFinished(() => {
      throw new Error('notification refused')
    })
    tracker.onFinished(after)
    const task = tracker.start('registry.push', { ref: 'a' })
    if (task === null) throw new Error('not tracked')
    expect(() => tracker.finish(task, { ok: true, value: null })).not.toThrow()
    expect(after).toHaveBeenCalledTimes(1)
    expect(tracker.running()).toEqual([])
  })
})

describe('runningSentence', () => {
  const tracker = new LongTaskTracker()
  const task = (method: string, input: unknown): LongTask => {
    const started = tracker.start(method, input)
    if (started === null) throw new Error('not tracked')
    return started
  }

  it('names what runs in one sentence', () => {
    const pull = task('registry.pull', { ref: 'alpine:3.20' })
    const cleanup = task('cleanup.execute', {})
    expect(runningSentence([pull])).toBe('A pull of alpine:3.20 is running.')
    expect(runningSentence([pull, cleanup])).toBe('A pull of alpine:3.20 and a cleanup are running.')
    expect(runningSentence([cleanup, pull, task('images.load', { path: '/b.tar' })])).toBe('A cleanup, a pull of alpine:3.20 and a load of b.tar are running.')
    const many = [pull, cleanup, pull, cleanup, pull]
    expect(runningSentence(many)).toBe('A pull of alpine:3.20, a cleanup, a pull of alpine:3.20 and 2 more tasks are running.')
  })

  it('asks before quitting over changes only: an analysis only reads', () => {
    expect(asksBeforeQuit(task('registry.pull', {}))).toBe(true)
    expect(asksBeforeQuit(task('images.save', {}))).toBe(true)
    expect(asksBeforeQuit(task('cleanup.execute', {}))).toBe(true)
    expect(asksBeforeQuit(task('layers.analyze', { ref: 'a' }))).toBe(false)
  })
})

describe('trackLongTasks', () => {
  function deferredCore(): { core: StrataCore; resolve: (outcome: Outcome<unknown>) => void; call: ReturnType<typeof vi.fn>; close: ReturnType<typeof vi.fn> } {
    let resolve: (outcome: Outcome<unknown>) => void = () => undefined
    const call = vi.fn((method: unknown) =>
      method === 'registry.pull'
        ? new Promise<Outcome<unknown>>((done) => {
            resolve = done
          })
        : Promise.resolve<Outcome<unknown>>({ ok: true, value: 'quick' }),
    )
    const close = vi.fn(() => Promise.resolve())
    return {
      core: { call, close } as unknown as StrataCore,
      resolve: (outcome) => {
        resolve(outcome)
      },
      call,
      close,
    }
  }

  it('tracks a long call for exactly as long as the core runs it, passing input, signal and answer through', async () => {
    const { core, resolve, call } = deferredCore()
    const tracker = new LongTaskTracker()
    const tracked = trackLongTasks(core, tracker)
    const signal = new AbortController().signal
    const pulling = tracked.call('registry.pull', { ref: 'alpine:3.20' }, signal)
    expect(call).toHaveBeenCalledWith('registry.pull', { ref: 'alpine:3.20' }, signal)
    expect(tracker.running().map(taskPhrase)).toEqual(['a pull of alpine:3.20'])
    // Short calls pass straight through, untracked.
    await expect(tracked.call('images.list', {})).resolves.toEqual({ ok: true, value: 'quick' })
    expect(tracker.running()).toHaveLength(1)
    resolve({ ok: true, value: { pulled: true } })
    await expect(pulling).resolves.toEqual({ ok: true, value: { pulled: true } })
    expect(tracker.running()).toEqual([])
  })

  it('ends the task as a failure should the core ever throw', async () => {
    const core = { call: vi.fn(() => Promise.reject(new Error('socket gone'))) } as unknown as StrataCore
    const tracker = new LongTaskTracker()
    const ends: FinishedTask[] = []
    tracker.onFinished((finished) => ends.push(finished))
    await expect(trackLongTasks(core, tracker).call('cleanup.execute', {})).rejects.toThrow('socket gone')
    expect(tracker.running()).toEqual([])
    expect(ends[0]?.outcome).toMatchObject({ ok: false, error: { message: 'socket gone' } })
  })

  it('closes the very core it wraps', async () => {
    const { core, close } = deferredCore()
    await trackLongTasks(core, new LongTaskTracker()).close()
    expect(close).toHaveBeenCalledTimes(1)
  })
})
