import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../electron/host/cli'
import { policyCleanupOptions } from '../../electron/host/cli-cleanup-policy'
import { SettingsStore } from '../../electron/core/settings/settings'
import type { CleanupPolicy } from '../../shared/policy-input'
import { memoryIo } from '../support/cli-io'

const NO_ENGINE = ['--host', 'unix:///nonexistent/strata-policy.sock']

const NIGHTLY: CleanupPolicy = {
  name: 'nightly',
  options: { dangling: true, unused: false, labels: ['team=web'], labelsNot: [], containers: false, buildCache: true, volumes: false },
  schedule: 'daily',
  promised: null,
  lastRun: null,
}

describe('strata cleanup --policy: reading the flags', () => {
  it('takes the saved options and adds --keep to the pins', () => {
    expect(policyCleanupOptions('nightly', { keep: ['app:1'] }, [NIGHTLY])).toEqual({ policy: NIGHTLY, options: { ...NIGHTLY.options, pinned: ['app:1'] } })
    expect(policyCleanupOptions(' nightly ', {}, [NIGHTLY]).options.pinned).toEqual([])
  })

  it('refuses an unknown name, naming the saved policies, and a flag that chooses candidates too', () => {
    expect(() => policyCleanupOptions('weekly', {}, [NIGHTLY, { ...NIGHTLY, name: 'ci images' }])).toThrow('no cleanup policy named "weekly"; saved: "nightly", "ci images"')
    expect(() => policyCleanupOptions('weekly', {}, [])).toThrow('no cleanup policy named "weekly"; no policy is saved (save one in the app: Cleanup, Saved policies)')
    expect(() => policyCleanupOptions('nightly', { unused: true }, [NIGHTLY])).toThrow('--policy chooses what to clean up; it cannot be combined with --unused')
    expect(() => policyCleanupOptions('nightly', { label: ['a=b'] }, [NIGHTLY])).toThrow('cannot be combined with --label')
    expect(() => policyCleanupOptions('nightly', { keep: ['../x'] }, [NIGHTLY])).toThrow('--keep is not valid')
  })
})

describe('strata cleanup --policy on the command line', () => {
  let config = ''
  const saved = process.env.XDG_CONFIG_HOME
  beforeEach(() => {
    config = mkdtempSync(join(tmpdir(), 'strata-policy-cli-'))
    process.env.XDG_CONFIG_HOME = config
  })
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CONFIG_HOME
    else process.env.XDG_CONFIG_HOME = saved
    rmSync(config, { recursive: true, force: true })
  })

  it.skipIf(process.platform === 'win32' || process.platform === 'darwin')('exits 2 before connecting for an unknown name, a mixed flag or a stray option', async () => {
    await new SettingsStore(join(config, 'strata')).savePolicy({ name: 'nightly', options: NIGHTLY.options, schedule: 'off', promised: null })
    for (const [args, message] of [
      [['cleanup', '--policy', 'weekly', '--dry-run'], 'strata: no cleanup policy named "weekly"; saved: "nightly"'],
      [['cleanup', '--policy', 'nightly', '--dangling'], 'strata: --policy chooses what to clean up; it cannot be combined with --dangling'],
      [['cleanup', '--policy', 'nightly', '--force'], 'strata: --force is not an option of cleanup'],
      [['images', '--policy', 'nightly'], 'strata: --policy is an option of cleanup only'],
    ] as const) {
      const run = memoryIo()
      expect(await runCli([...args, ...NO_ENGINE], run), args.join(' ')).toBe(2)
      expect(run.err.split('\n')[0]).toBe(message)
      expect(run.out).toBe('')
    }
  })
})
