import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { CleanupPolicy, PolicyRun, SavePolicyInput } from '../../shared/policy-input'
import type { CleanupReport, StrataSettings } from '../../shared/types'
import { strataApi } from '../api'
import { failureOf, type FailureLike } from '../i18n/problems'
import { isDue, policyRunOf, scheduledDecision, type ScheduledDecision } from '../lib/policy-schedule'
import { appTranslate as t } from './app-translate'
import { useCleanupStore } from './cleanup'
import { useErrorStore } from './errors'

/** How often the schedule looks for due policies while the app is open. */
export const CHECK_EVERY_MS = 60_000
/** After a scheduled run could not start (the engine away), it is tried again no sooner than this. */
export const RETRY_AFTER_MS = 15 * 60_000

/** What a scheduled run did, for the in-app notice and its report. */
export interface ScheduledRunResult {
  key: number
  policy: string
  at: string
  report: CleanupReport | null
  decision: ScheduledDecision | null
  /** The bytes the saved preview promised. */
  promisedBytes: number
  failure: FailureLike | null
}

/** Shows a system notification when the user allowed them; replaced in tests. */
export type Notify = (title: string, body: string) => void

function systemNotify(title: string, body: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  new Notification(title, { body })
}

let notify: Notify = systemNotify

export function setNotifyForTests(replacement: Notify | null): void {
  notify = replacement ?? systemNotify
}

/**
 * Saved cleanup policies (settings.json, shared with `strata cleanup --policy`) and the
 * schedule that runs them while the app is open: every minute, and once at start, a
 * policy whose interval has passed since its last run is run with its promised items.
 */
export const useCleanupPoliciesStore = defineStore('cleanupPolicies', () => {
  const errors = useErrorStore()
  const cleanup = useCleanupStore()
  const policies = ref<CleanupPolicy[]>([])
  const loaded = ref(false)
  /** The policy a scheduled run is working on now. */
  const running = ref<string | null>(null)
  const results = shallowRef<ScheduledRunResult[]>([])
  const triedAt = new Map<string, number>()
  let timer: ReturnType<typeof setInterval> | null = null
  let nextKey = 1

  function take(settings: StrataSettings): void {
    policies.value = settings.cleanupPolicies
    loaded.value = true
  }

  async function load(): Promise<void> {
    try {
      take(await strataApi().call('settings.get', {}))
    } catch (error) {
      errors.report(error)
    }
  }

  /** Throws the core's refusal (a taken name) for the editor to show. */
  async function save(input: SavePolicyInput): Promise<void> {
    take(await strataApi().call('settings.savePolicy', input))
  }

  async function remove(name: string): Promise<void> {
    take(await strataApi().call('settings.removePolicy', { name }))
  }

  async function recordRun(name: string, run: PolicyRun): Promise<void> {
    try {
      take(await strataApi().call('settings.recordPolicyRun', { name, run }))
    } catch (error) {
      errors.report(error)
    }
  }

  function announce(result: Omit<ScheduledRunResult, 'key'>): void {
    results.value = [...results.value, { ...result, key: nextKey++ }]
    const removed = result.report?.outcomes.filter((outcome) => outcome.status === 'removed').length ?? 0
    const body = result.report === null ? t('policies.notice.failedBody') : t('policies.notice.body', { removed }, removed)
    notify(t('policies.notice.title', { name: result.policy }), result.decision?.needsReview === true ? `${body} ${t('policies.notice.review')}` : body)
  }

  /** One scheduled run: plan (to see how far the engine moved), then execute the promise alone. */
  async function runScheduled(policy: CleanupPolicy, now: Date): Promise<void> {
    const promised = policy.promised
    if (promised === null) return
    running.value = policy.name
    triedAt.set(policy.name, now.getTime())
    try {
      const fresh = await cleanup.oneAtATime(() => strataApi().call('cleanup.plan', policy.options))
      // The guarantee (lib/policy-schedule.ts): confirmed is the promised keys, never the fresh plan's.
      const decision = scheduledDecision(promised, fresh)
      const report = await cleanup.oneAtATime(() => strataApi().call('cleanup.execute', { options: policy.options, confirmed: decision.confirmed }))
      await recordRun(policy.name, policyRunOf(report, 'schedule', now))
      announce({ policy: policy.name, at: now.toISOString(), report, decision, promisedBytes: promised.bytesFreed, failure: null })
    } catch (error) {
      announce({ policy: policy.name, at: now.toISOString(), report: null, decision: null, promisedBytes: promised.bytesFreed, failure: failureOf(error) })
    } finally {
      running.value = null
    }
  }

  /** Runs each due policy in turn; a policy whose last attempt failed waits RETRY_AFTER_MS. */
  async function checkDue(now: Date = new Date()): Promise<void> {
    if (running.value !== null) return
    await load()
    for (const policy of policies.value) {
      const tried = triedAt.get(policy.name)
      if (tried !== undefined && now.getTime() - tried < RETRY_AFTER_MS) continue
      if (isDue(policy, now.getTime())) await runScheduled(policy, now)
    }
  }

  function start(): void {
    if (timer !== null) return
    void checkDue()
    timer = setInterval(() => {
      void checkDue()
    }, CHECK_EVERY_MS)
  }

  function stop(): void {
    if (timer !== null) clearInterval(timer)
    timer = null
  }

  function dismiss(key: number): void {
    results.value = results.value.filter((result) => result.key !== key)
  }

  return { policies, loaded, running, results, load, save, remove, recordRun, checkDue, start, stop, dismiss }
})
