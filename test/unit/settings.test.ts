import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createStrataCore } from '../../electron/core/api/core'
import { defaultConfigDir } from '../../electron/core/engine/config-dir'
import { SETTINGS_FILE, SettingsStore, UNREADABLE_FILE, normalizePin, withSettingsPins, type SettingsFileOps } from '../../electron/core/settings/settings'
import { readSettings } from '../../electron/main/settings'

const ID_A = `sha256:${'a'.repeat(64)}`
const ID_B = `sha256:${'b'.repeat(64)}`

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'strata-settings-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function fileJson(): unknown {
  return JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8'))
}

describe('SettingsStore', () => {
  it('answers the defaults when the folder or the file is missing, and creates both on the first pin', async () => {
    const nested = join(dir, 'not', 'yet')
    const store = new SettingsStore(nested)
    expect(await store.get()).toEqual({ pinnedImages: [] })
    expect(await store.pinImage(ID_A, true)).toEqual({ pinnedImages: [ID_A] })
    expect(JSON.parse(readFileSync(join(nested, SETTINGS_FILE), 'utf8'))).toEqual({ pinnedImages: [ID_A] })
  })

  it('answers the defaults for a file that is not JSON or not an object, and sets the text aside before writing', async () => {
    const store = new SettingsStore(dir)
    for (const text of ['{"pinnedImages": [', '[1, 2]', 'null', '']) {
      writeFileSync(join(dir, SETTINGS_FILE), text)
      expect(await store.get()).toEqual({ pinnedImages: [] })
    }
    writeFileSync(join(dir, SETTINGS_FILE), '{"engineHost": "tcp://x:2375",')
    await store.pinImage(ID_A, true)
    expect(fileJson()).toEqual({ pinnedImages: [ID_A] })
    expect(readFileSync(join(dir, UNREADABLE_FILE), 'utf8')).toBe('{"engineHost": "tcp://x:2375",')
  })

  it('drops pins that are not image references and repeats, keeps the rest', async () => {
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ pinnedImages: [ID_A, 42, '../etc', 'app:1', ID_A, 'b'.repeat(64)] }))
    expect(await new SettingsStore(dir).get()).toEqual({ pinnedImages: [ID_A, 'app:1', ID_B] })
  })

  it('keeps keys it does not know, so the app still finds its engineHost', async () => {
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ engineHost: 'tcp://10.0.0.2:2375', theme: { dark: true }, pinnedImages: [ID_B] }))
    const store = new SettingsStore(dir)
    await store.pinImage(ID_A, true)
    await store.pinImage(ID_B, false)
    expect(fileJson()).toEqual({ engineHost: 'tcp://10.0.0.2:2375', theme: { dark: true }, pinnedImages: [ID_A] })
    expect(readSettings(dir).engineHost).toBe('tcp://10.0.0.2:2375')
  })

  it('treats a bare ID and the sha256: ID as one pin; pinning twice or unpinning what is not pinned changes nothing', async () => {
    const store = new SettingsStore(dir)
    await store.pinImage('a'.repeat(64), true)
    expect(await store.pinImage(ID_A, true)).toEqual({ pinnedImages: [ID_A] })
    expect(await store.pinImage(ID_B, false)).toEqual({ pinnedImages: [ID_A] })
    expect(await store.pinImage('a'.repeat(64), false)).toEqual({ pinnedImages: [] })
    expect(normalizePin('app:1')).toBe('app:1')
  })

  it('keeps both of two pins made at the same time', async () => {
    const store = new SettingsStore(dir)
    await Promise.all([store.pinImage(ID_A, true), store.pinImage(ID_B, true), store.pinImage('app:1', true)])
    expect((fileJson() as { pinnedImages: string[] }).pinnedImages.sort()).toEqual(['app:1', ID_A, ID_B].sort())
  })

  it('writes a complete temporary file in the same folder and renames it over settings.json', async () => {
    const renames: { from: string; to: string; content: unknown }[] = []
    const ops: SettingsFileOps = {
      writeFile: (path, data) => writeFile(path, data),
      rename: async (from, to) => {
        renames.push({ from, to, content: JSON.parse(readFileSync(from, 'utf8')) })
        await rename(from, to)
      },
    }
    await new SettingsStore(dir, ops).pinImage(ID_A, true)
    expect(renames).toHaveLength(1)
    expect(renames[0]?.from.startsWith(join(dir, '.settings.json.'))).toBe(true)
    expect(renames[0]?.to).toBe(join(dir, SETTINGS_FILE))
    expect(renames[0]?.content).toEqual({ pinnedImages: [ID_A] })
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE])
  })

  it('leaves the old file whole and no temporary file behind when a write fails half way', async () => {
    const before = JSON.stringify({ engineHost: 'unix:///x.sock', pinnedImages: [ID_B] })
    writeFileSync(join(dir, SETTINGS_FILE), before)
    const ops: SettingsFileOps = {
      writeFile: async (path, data) => {
        await writeFile(path, data.slice(0, 5))
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
      },
      rename,
    }
    const store = new SettingsStore(dir, ops)
    await expect(store.pinImage(ID_A, true)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('ENOSPC') as unknown })
    expect(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).toBe(before)
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE])
    // A failed write does not block the next one.
    await new SettingsStore(dir).pinImage(ID_A, true)
    expect(fileJson()).toEqual({ engineHost: 'unix:///x.sock', pinnedImages: [ID_B, ID_A] })
  })

  it('refuses to write over a settings.json it cannot read (a folder here), and still answers the defaults', async () => {
    mkdirSync(join(dir, SETTINGS_FILE))
    const store = new SettingsStore(dir)
    expect(await store.get()).toEqual({ pinnedImages: [] })
    await expect(store.pinImage(ID_A, true)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('the settings were not changed') as unknown })
  })

  it('keeps the settings in memory without a folder', async () => {
    const store = new SettingsStore(null)
    await store.pinImage(ID_A, true)
    expect(await store.get()).toEqual({ pinnedImages: [ID_A] })
    expect(await withSettingsPins({ unused: true, pinned: ['app:1', ID_A] }, store)).toEqual({ unused: true, pinned: ['app:1', ID_A] })
    await store.pinImage(ID_B, true)
    expect((await withSettingsPins({ unused: true, pinned: ['app:1'] }, store)).pinned).toEqual(['app:1', ID_A, ID_B])
  })
})

describe('settings through the core', () => {
  it('settings.pinImage and settings.get share the config folder with other cores; bad input is refused', async () => {
    const host = 'unix:///nonexistent/strata-settings.sock'
    const first = createStrataCore({ host, configDir: dir })
    const second = createStrataCore({ host, configDir: dir })
    try {
      expect(await first.call('settings.pinImage', { ref: ID_A, pinned: true })).toEqual({ ok: true, value: { pinnedImages: [ID_A] } })
      expect(await second.call('settings.get', {})).toEqual({ ok: true, value: { pinnedImages: [ID_A] } })
      const refused = await first.call('settings.pinImage', { ref: '../x', pinned: true })
      expect(refused.ok ? null : refused.error.code).toBe('INVALID_INPUT')
      const memory = createStrataCore({ host })
      expect(await memory.call('settings.get', {})).toEqual({ ok: true, value: { pinnedImages: [] } })
      await memory.close()
    } finally {
      await first.close()
      await second.close()
    }
  })
})

describe('defaultConfigDir', () => {
  it('follows each platform: XDG, Application Support, APPDATA', () => {
    expect(defaultConfigDir({}, 'linux', '/home/ana')).toBe('/home/ana/.config/strata')
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/etc/ana' }, 'linux', '/home/ana')).toBe('/etc/ana/strata')
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '' }, 'linux', '/home/ana')).toBe('/home/ana/.config/strata')
    expect(defaultConfigDir({}, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Application Support/strata')
    expect(defaultConfigDir({ APPDATA: 'C:/Users/ana/AppData/Roaming' }, 'win32', 'C:/Users/ana')).toBe('C:/Users/ana/AppData/Roaming/strata')
    expect(defaultConfigDir({}, 'win32', 'C:/Users/ana')).toBe('C:/Users/ana/AppData/Roaming/strata')
  })
})
