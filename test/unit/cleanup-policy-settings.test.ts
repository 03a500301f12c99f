import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createStrataCore } from '../../electron/core/api/core'
import { SETTINGS_FILE, SettingsStore } from '../../electron/core/settings/settings'
import { MAX_POLICIES, type PolicyRun, type SavePolicyInput } from '../../shared/policy-input'

const KEY = `image:sha256:${'a'.repeat(64)}`
const PROMISE = { keys: [KEY], bytesFreed: 1234, at: '2025-06-01T10:00:00.000Z' }
const RUN: PolicyRun = { at: '2025-06-02T10:00:00.000Z', trigger: 'schedule', removed: 1, skipped: 0, failed: 0, bytesFreed: 1234, predictedBytes: 1234 }

function policy(name: string, extra: Partial<SavePolicyInput> = {}): SavePolicyInput {
  return { name, options: { dangling: true, unused: false, labels: [], labelsNot: [], containers: false, buildCache: false, volumes: false }, schedule: 'daily', promised: PROMISE, ...extra }
}

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'strata-policies-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function fileJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8')) as Record<string, unknown>
}

describe('saved cleanup policies', () => {
  it('saves, renames keeping lastRun, records runs and removes, keeping the other keys of the file', async () => {
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ engineHost: 'unix:///x.sock', windowZoom: 1.5 }))
    const store = new SettingsStore(dir)
    expect((await store.savePolicy(policy('nightly'))).cleanupPolicies).toEqual([{ ...policy('nightly'), lastRun: null }])
    await store.savePolicy(policy('weekly tidy', { schedule: 'weekly', promised: null }))
    expect((await store.recordPolicyRun('nightly', RUN)).cleanupPolicies[0]?.lastRun).toEqual(RUN)

    // Editing under a new name keeps the place in the list and the last run (the schedule does not restart).
    const renamed = await store.savePolicy(policy('nightly images', { previousName: 'nightly', schedule: 'weekly' }))
    expect(renamed.cleanupPolicies.map((saved) => [saved.name, saved.schedule, saved.lastRun?.at ?? null])).toEqual([
      ['nightly images', 'weekly', RUN.at],
      ['weekly tidy', 'weekly', null],
    ])
    expect(fileJson()).toMatchObject({ engineHost: 'unix:///x.sock', windowZoom: 1.5 })

    expect((await store.removePolicy('weekly tidy')).cleanupPolicies.map((saved) => saved.name)).toEqual(['nightly images'])
    await store.removePolicy('nightly images')
    expect(fileJson()).toEqual({ engineHost: 'unix:///x.sock', windowZoom: 1.5 })
  })

  it('refuses a taken name, an unknown previous name or run, and more than the limit, changing nothing', async () => {
    const store = new SettingsStore(dir)
    await store.savePolicy(policy('a'))
    await store.savePolicy(policy('b'))
    await expect(store.savePolicy(policy('a'))).rejects.toMatchObject({ code: 'CONFLICT', message: 'A cleanup policy named "a" is saved already; choose another name.', detail: { name: 'a' } })
    await expect(store.savePolicy(policy('a', { previousName: 'b' }))).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(store.savePolicy(policy('c', { previousName: 'gone' }))).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No cleanup policy named "gone" is saved.' })
    await expect(store.removePolicy('gone')).rejects.toMatchObject({ code: 'NOT_FOUND', detail: { name: 'gone' } })
    await expect(store.recordPolicyRun('gone', RUN)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect((await store.get()).cleanupPolicies.map((saved) => saved.name)).toEqual(['a', 'b'])

    for (let index = 2; index < MAX_POLICIES; index += 1) await store.savePolicy(policy(`p${String(index)}`))
    await expect(store.savePolicy(policy('one too many'))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: `At most ${String(MAX_POLICIES)} cleanup policies can be saved; remove one first.` })
  })

  it('reads a hand-edited file leniently: malformed entries and repeated names are left out', async () => {
    const good = { ...policy('good'), lastRun: null }
    writeFileSync(
      join(dir, SETTINGS_FILE),
      JSON.stringify({ cleanupPolicies: [good, { name: 'no options', schedule: 'off', promised: null, lastRun: null }, { ...good, schedule: 'hourly', name: 'bad schedule' }, { ...good, lastRun: RUN }, 'text'] }),
    )
    expect((await new SettingsStore(dir).get()).cleanupPolicies).toEqual([good])
  })
})

describe('policy methods at the contract boundary', () => {
  it('refuses malformed policies with the field at fault, and never saves pins with a policy', async () => {
    const core = createStrataCore({ host: 'unix:///nonexistent/strata-policies.sock', configDir: dir })
    try {
      const refused = async (method: string, input: unknown): Promise<string> => {
        const outcome = await core.call(method, input)
        if (outcome.ok) throw new Error(`${method} ${JSON.stringify(input)} was accepted`)
        expect(outcome.error.code).toBe('INVALID_INPUT')
        return outcome.error.message
      }
      expect(await refused('settings.savePolicy', { ...policy('x'), options: { dangling: true, pinned: ['app:1'] } })).toContain('pinned')
      expect(await refused('settings.savePolicy', { ...policy('x'), options: { labels: [] } })).toContain('choose what to clean up')
      expect(await refused('settings.savePolicy', { ...policy('../x') })).toContain('a policy name is letters')
      expect(await refused('settings.savePolicy', { ...policy('x'.repeat(65)) })).toContain('at most 64 characters')
      expect(await refused('settings.savePolicy', { ...policy('x'), schedule: 'hourly' })).toContain('schedule')
      expect(await refused('settings.savePolicy', { ...policy('x'), promised: { ...PROMISE, keys: ['rm -rf /'] } })).toContain('not a cleanup item key')
      expect(await refused('settings.recordPolicyRun', { name: 'x', run: { ...RUN, removed: -1 } })).toContain('removed')
      expect(() => readFileSync(join(dir, SETTINGS_FILE))).toThrow()

      const saved = await core.call('settings.savePolicy', { name: '  nightly  ', options: { dangling: true }, schedule: 'off', promised: null })
      expect(saved).toMatchObject({ ok: true, value: { cleanupPolicies: [{ name: 'nightly', options: { dangling: true, unused: false, labels: [] }, lastRun: null }] } })
      expect(await core.call('settings.removePolicy', { name: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', detail: { name: 'nope' } } })
    } finally {
      await core.close()
    }
  })
})
