import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { settingsMayCapCache } from '../../electron/core/cache/saved-cap'
import { SettingsStore } from '../../electron/core/settings/settings'

const folder = mkdtempSync(join(tmpdir(), 'strata-saved-cap-'))
afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
})

// `strata analyze` without the core loads the settings only when this says a cap may be set:
// whenever it says no, the settings themselves must read as no cap.
describe('whether the settings may cap the cache folder', () => {
  const cases: [string, string | null, boolean][] = [
    ['no settings file', null, false],
    ['not JSON', '{"cacheCapBytes": 1e9', false],
    ['not an object', '[1]', false],
    ['no cap', '{"theme":"dark"}', false],
    ['a null cap', '{"cacheCapBytes":null}', false],
    ['a cap in words', '{"cacheCapBytes":"1 GB"}', false],
    ['a cap', '{"cacheCapBytes":1073741824}', true],
    ['a cap too small to be taken', '{"cacheCapBytes":5}', true],
  ]
  it.each(cases)('%s', async (_name, text, mayCap) => {
    const dir = mkdtempSync(join(folder, 'config-'))
    if (text !== null) writeFileSync(join(dir, 'settings.json'), text)
    expect(await settingsMayCapCache(dir)).toBe(mayCap)
    const { cacheCapBytes } = await new SettingsStore(dir).get()
    if (!mayCap) expect(cacheCapBytes).toBeNull()
    if (text === '{"cacheCapBytes":1073741824}') expect(cacheCapBytes).toBe(1073741824)
  })
})
