import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CleanupPolicy } from '../../../shared/policy-input'
import type { CleanupItem, CleanupPlan, CleanupReport, StrataSettings } from '../../../shared/types'
import { setStrataApiForTests } from '../../../renderer/api'
import { isDue, nextRunAt, policyRunOf, scheduledDecision } from '../../../renderer/lib/policy-schedule'
import { RETRY_AFTER_MS, setNotifyForTests, useCleanupPoliciesStore } from '../../../renderer/stores/policies'
import { StrataError } from '../../../shared/errors'
import { FakeApi } from '../../support/fake-api'

const DAY = 86_400_000
const SAVED_AT = '2025-06-01T00:00:00.000Z'

function item(id: string, bytesFreed: number): CleanupItem {
  return { key: `image:sha256:${id.repeat(64)}`, kind: 'image', id: `sha256:${id.repeat(64)}`, names: [`app:${id}`], reason: 'unused', rule: null, after: [], size: bytesFreed, bytesFreed, created: null }
}

const A = item('a', 100)
const B = item('b', 200)
const C = item('c', 400)

function plan(items: CleanupItem[]): CleanupPlan {
  return { items, totalBytesFreed: items.reduce((sum, one) => sum + one.bytesFreed, 0) } as CleanupPlan
}

const PROMISE = { keys: [A.key, B.key], bytesFreed: 300, at: SAVED_AT }

function policy(extra: Partial<CleanupPolicy> = {}): CleanupPolicy {
  return {
    name: 'nightly',
    options: { dangling: false, unused: true, labels: [], labelsNot: [], containers: false, buildCache: false, volumes: false },
    schedule: 'daily',
    promised: PROMISE,
    lastRun: null,
    ...extra,
  }
}

function report(removed: CleanupItem[]): CleanupReport {
  const bytes = removed.reduce((sum, one) => sum + one.bytesFreed, 0)
  return {
    predictedBytes: bytes,
    freedBytes: bytes,
    outcomes: removed.map((one) => ({ key: one.key, kind: one.kind, id: one.id, names: one.names, status: 'removed', reason: null, blockers: [], bytesFreed: one.bytesFreed, untagged: [], error: null })),
  } as unknown as CleanupReport
}

describe('when a scheduled policy is due', () => {
  it('counts an interval from the last run, or from the saved preview when it never ran', () => {
    const saved = Date.parse(SAVED_AT)
    expect(nextRunAt(policy())).toBe(saved + DAY)
    expect(isDue(policy(), saved + DAY - 1)).toBe(false)
    expect(isDue(policy(), saved + DAY)).toBe(true)
    const ran = policy({ schedule: 'weekly', lastRun: { at: '2025-06-03T00:00:00.000Z', trigger: 'cli', removed: 0, skipped: 0, failed: 0, bytesFreed: 0, predictedBytes: 0 } })
    expect(nextRunAt(ran)).toBe(Date.parse('2025-06-10T00:00:00.000Z'))
  })

  it('never runs a policy with the schedule off, or one saved without a preview', () => {
    expect(isDue(policy({ schedule: 'off' }), Date.parse('2030-01-01'))).toBe(false)
    expect(isDue(policy({ promised: null }), Date.parse('2030-01-01'))).toBe(false)
  })
})

describe('the scheduled-run guarantee (scheduledDecision)', () => {
  it('confirms the promised keys only, even when the fresh plan holds more and frees more', () => {
    const decision = scheduledDecision(PROMISE, plan([A, B, C]))
    expect(decision.confirmed).toEqual([A.key, B.key])
    expect(decision).toMatchObject({ stillPlanned: 2, beyondItems: 1, beyondBytes: 400, needsReview: true })
  })

  it('asks for a review when the same items would now free more bytes than promised', () => {
    const bigger = { ...B, bytesFreed: 250 }
    expect(scheduledDecision(PROMISE, plan([A, bigger]))).toMatchObject({ confirmed: [A.key, B.key], beyondItems: 0, beyondBytes: 50, needsReview: true })
  })

  it('needs no review when the fresh plan holds the promise or less', () => {
    expect(scheduledDecision(PROMISE, plan([A]))).toEqual({ confirmed: [A.key, B.key], stillPlanned: 1, beyondItems: 0, beyondBytes: 0, needsReview: false })
  })

  it('keeps the counts of a report for lastRun', () => {
    expect(policyRunOf(report([A]), 'schedule', new Date(SAVED_AT))).toEqual({ at: SAVED_AT, trigger: 'schedule', removed: 1, skipped: 0, failed: 0, bytesFreed: 100, predictedBytes: 100 })
  })
})

describe('policies store: scheduled runs', () => {
  let api: FakeApi
  let notices: string[]
  let saved: CleanupPolicy[]

  beforeEach(() => {
    api = new FakeApi()
    setStrataApiForTests(api)
    setActivePinia(createPinia())
    notices = []
    setNotifyForTests((title, body) => notices.push(`${title} | ${body}`))
    saved = [policy(), policy({ name: 'manual', schedule: 'off' })]
    const settings = (): StrataSettings => ({ cleanupPolicies: saved }) as unknown as StrataSettings
    api.answer('settings.get', settings)
    api.answer('settings.recordPolicyRun', ({ name, run }) => {
      saved = saved.map((one) => (one.name === name ? { ...one, lastRun: run } : one))
      return settings()
    })
  })

  afterEach(() => {
    setStrataApiForTests(null)
    setNotifyForTests(null)
  })

  it('runs a due policy with its promised keys only, records lastRun and says what it left alone', async () => {
    // Since the preview, C became a candidate too: the run must not take it.
    api.answer('cleanup.plan', () => plan([A, B, C]))
    api.answer('cleanup.execute', () => report([A, B]))
    const store = useCleanupPoliciesStore()
    const now = new Date(Date.parse(SAVED_AT) + DAY + 1000)
    await store.checkDue(now)

    expect(api.inputsOf('cleanup.execute')).toEqual([{ options: policy().options, confirmed: [A.key, B.key] }])
    expect(api.inputsOf('settings.recordPolicyRun')).toEqual([{ name: 'nightly', run: { at: now.toISOString(), trigger: 'schedule', removed: 2, skipped: 0, failed: 0, bytesFreed: 300, predictedBytes: 300 } }])
    expect(store.results).toHaveLength(1)
    expect(store.results[0]).toMatchObject({ policy: 'nightly', decision: { beyondItems: 1, beyondBytes: 400, needsReview: true }, failure: null })
    expect(notices).toEqual(['Cleanup policy nightly ran | Removed 2 items. It would now take more than its saved preview: preview it again and save it.'])

    // Recorded: not due again the same day.
    await store.checkDue(new Date(now.getTime() + 60_000))
    expect(api.inputsOf('cleanup.execute')).toHaveLength(1)
  })

  it('runs nothing before the interval, nor a policy with the schedule off', async () => {
    api.answer('cleanup.plan', () => plan([A, B]))
    api.answer('cleanup.execute', () => report([A, B]))
    await useCleanupPoliciesStore().checkDue(new Date(Date.parse(SAVED_AT) + DAY - 1000))
    expect(api.inputsOf('cleanup.plan')).toEqual([])
    expect(api.inputsOf('cleanup.execute')).toEqual([])
  })

  it('reports a run that could not start, records nothing, and waits before trying again', async () => {
    api.answer('cleanup.plan', () => {
      throw new StrataError('ENGINE_UNREACHABLE', 'The engine is away.')
    })
    const store = useCleanupPoliciesStore()
    const now = new Date(Date.parse(SAVED_AT) + DAY)
    await store.checkDue(now)
    expect(store.results[0]).toMatchObject({ policy: 'nightly', report: null, failure: { code: 'ENGINE_UNREACHABLE' } })
    expect(notices).toEqual(['Cleanup policy nightly ran | It could not run; it is tried again in 15 minutes.'])
    expect(api.inputsOf('settings.recordPolicyRun')).toEqual([])
    await store.checkDue(new Date(now.getTime() + RETRY_AFTER_MS - 1))
    expect(api.inputsOf('cleanup.plan')).toHaveLength(1)
    await store.checkDue(new Date(now.getTime() + RETRY_AFTER_MS))
    expect(api.inputsOf('cleanup.plan')).toHaveLength(2)
  })
})
