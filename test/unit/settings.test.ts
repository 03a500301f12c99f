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
    expect(await store.get()).toMatchObject({ pinnedImages: [] })
    expect(await store.pinImage(ID_A, true)).toMatchObject({ pinnedImages: [ID_A] })
    expect(JSON.parse(readFileSync(join(nested, SETTINGS_FILE), 'utf8'))).toEqual({ pinnedImages: [ID_A] })
  })

  it('answers the defaults for a file that is not JSON or not an object, and sets the text aside before writing', async () => {
    const store = new SettingsStore(dir)
    for (const text of ['{"pinnedImages": [', '[1, 2]', 'null', '']) {
      writeFileSync(join(dir, SETTINGS_FILE), text)
      expect(await store.get()).toMatchObject({ pinnedImages: [] })
    }
    writeFileSync(join(dir, SETTINGS_FILE), '{"engineHost": "tcp://x:2375",')
    await store.pinImage(ID_A, true)
    expect(fileJson()).toEqual({ pinnedImages: [ID_A] })
    expect(readFileSync(join(dir, UNREADABLE_FILE), 'utf8')).toBe('{"engineHost": "tcp://x:2375",')
  })

  it('drops pins that are not image references and repeats, keeps the rest', async () => {
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ pinnedImages: [ID_A, 42, '../etc', 'app:1', ID_A, 'b'.repeat(64)] }))
    expect(await new SettingsStore(dir).get()).toMatchObject({ pinnedImages: [ID_A, 'app:1', ID_B] })
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
    expect(await store.pinImage(ID_A, true)).toMatchObject({ pinnedImages: [ID_A] })
    expect(await store.pinImage(ID_B, false)).toMatchObject({ pinnedImages: [ID_A] })
    expect(await store.pinImage('a'.repeat(64), false)).toMatchObject({ pinnedImages: [] })
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
    expect(await store.get()).toMatchObject({ pinnedImages: [] })
    await expect(store.pinImage(ID_A, true)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('the settings were not changed') as unknown })
  })

  it('keeps the settings in memory without a folder', async () => {
    const store = new SettingsStore(null)
    await store.pinImage(ID_A, true)
    expect(await store.get()).toMatchObject({ pinnedImages: [ID_A] })
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
      expect(await first.call('settings.pinImage', { ref: ID_A, pinned: true })).toMatchObject({ ok: true, value: { pinnedImages: [ID_A] } })
      expect(await second.call('settings.get', {})).toMatchObject({ ok: true, value: { pinnedImages: [ID_A] } })
      const refused = await first.call('settings.pinImage', { ref: '../x', pinned: true })
      expect(refused.ok ? null : refused.error.code).toBe('INVALID_INPUT')
      const memory = createStrataCore({ host })
      expect(await memory.call('settings.get', {})).toMatchObject({ ok: true, value: { pinnedImages: [] } })
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

describe('theme, language, sidebar, cache cap, pull platform and saved engines', () => {
  it('sets and removes each field, keeping engineHost, pins and keys it does not know', async () => {
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ engineHost: 'unix:///x.sock', pinnedImages: [ID_A], windowZoom: 1.25 }))
    const store = new SettingsStore(dir)
    const changed = await store.change({ theme: 'dark', language: 'zh-CN', sidebar: 'collapsed', cacheCapBytes: 256 * 1024 * 1024, defaultPullPlatform: 'linux/arm64/v8' })
    expect(changed).toEqual({
      pinnedImages: [ID_A],
      engines: [],
      defaultEngineHost: 'unix:///x.sock',
      defaultEngineTls: null,
      theme: 'dark',
      language: 'zh-CN',
      sidebar: 'collapsed',
      cacheCapBytes: 268_435_456,
      defaultPullPlatform: 'linux/arm64/v8',
      cleanupPolicies: [],
      problem: null,
    })
    expect(fileJson()).toEqual({ engineHost: 'unix:///x.sock', pinnedImages: [ID_A], windowZoom: 1.25, theme: 'dark', language: 'zh-CN', sidebar: 'collapsed', cacheCapBytes: 268_435_456, defaultPullPlatform: 'linux/arm64/v8' })
    // Only the named field changes; null and 'system' remove the key, so the file stays as small as the user left it.
    await store.change({ theme: 'light' })
    expect(fileJson()).toMatchObject({ theme: 'light', cacheCapBytes: 268_435_456 })
    await store.change({ theme: 'system', language: 'system', sidebar: 'auto', cacheCapBytes: null, defaultPullPlatform: null })
    expect(fileJson()).toEqual({ engineHost: 'unix:///x.sock', pinnedImages: [ID_A], windowZoom: 1.25 })
  })

  it('reads values a hand edit broke as the defaults, and leaves them in the file until changed', async () => {
    const text = JSON.stringify({ theme: 'purple', language: 'klingon', sidebar: 'hidden', cacheCapBytes: -5, defaultPullPlatform: 'linux', engines: [{ name: '', host: 'tcp://a:1' }, { name: 'ok', host: 'tcp://b:2' }, { name: 'ok', host: 'tcp://c:3' }, 'x', { name: 'no host' }] })
    writeFileSync(join(dir, SETTINGS_FILE), text)
    const store = new SettingsStore(dir)
    expect(await store.get()).toMatchObject({ theme: 'system', language: 'system', sidebar: 'auto', cacheCapBytes: null, defaultPullPlatform: null, engines: [{ name: 'ok', host: 'tcp://b:2' }], problem: null })
    expect(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).toBe(text)
  })

  it('saves engines by name (a name saved again gets the new address), removes them, and refuses to remove a name not saved', async () => {
    const store = new SettingsStore(dir)
    await store.setEngineHost('tcp://10.0.0.9:2375')
    await store.saveEngine('build box', 'tcp://10.0.0.9:2375')
    await store.saveEngine('podman', 'unix:///run/podman/podman.sock')
    expect((await store.saveEngine('build box', 'ssh://me@build')).engines).toEqual([
      { name: 'build box', host: 'ssh://me@build', tls: null },
      { name: 'podman', host: 'unix:///run/podman/podman.sock', tls: null },
    ])
    const removed = await store.removeEngine('build box')
    expect(removed.engines).toEqual([{ name: 'podman', host: 'unix:///run/podman/podman.sock', tls: null }])
    // Removing a saved engine does not change the default: that is engines.use { save } alone.
    expect(removed.defaultEngineHost).toBe('tcp://10.0.0.9:2375')
    await expect(store.removeEngine('build box')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No engine named "build box" is saved.' })
    await store.removeEngine('podman')
    expect(fileJson()).toEqual({ engineHost: 'tcp://10.0.0.9:2375' })
  })

  it('keeps a tcp engine\'s TLS files with it and with the default, writes no tls key for engines without, and reads a broken tls entry as none', async () => {
    const store = new SettingsStore(dir)
    const tls = { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem', verify: false }
    await store.saveEngine('lab', 'tcp://10.0.0.9:2376', tls)
    await store.saveEngine('local', 'unix:///run/docker.sock')
    await store.setEngineHost('tcp://10.0.0.9:2376', tls)
    expect(fileJson()).toEqual({
      engines: [
        { name: 'lab', host: 'tcp://10.0.0.9:2376', tls },
        { name: 'local', host: 'unix:///run/docker.sock' },
      ],
      engineHost: 'tcp://10.0.0.9:2376',
      engineTls: tls,
    })
    expect(await store.get()).toMatchObject({ engines: [{ name: 'lab', tls }, { name: 'local', tls: null }], defaultEngineHost: 'tcp://10.0.0.9:2376', defaultEngineTls: tls })
    // A default without TLS files drops the old ones; none at all drops both keys.
    await store.setEngineHost('tcp://10.0.0.9:2375')
    expect(fileJson()).not.toHaveProperty('engineTls')
    await store.setEngineHost('tcp://10.0.0.9:2376', tls)
    await store.setEngineHost(null)
    expect(fileJson()).not.toHaveProperty('engineHost')
    expect(fileJson()).not.toHaveProperty('engineTls')
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ engines: [{ name: 'odd', host: 'tcp://a:1', tls: { ca: 'relative.pem', verify: true } }], engineHost: 'tcp://a:1', engineTls: { ca: null, cert: '/c.pem', key: null, verify: true } }))
    expect(await store.get()).toMatchObject({ engines: [{ name: 'odd', tls: null }], defaultEngineTls: null })
  })

  it('reports a corrupt settings.json, then where it was kept once a change set it aside; an unreadable one refuses changes', async () => {
    writeFileSync(join(dir, SETTINGS_FILE), '{"theme": "dark", oops')
    const store = new SettingsStore(dir)
    const keptAs = join(dir, UNREADABLE_FILE)
    expect((await store.get()).problem).toEqual({ kind: 'corrupt', file: join(dir, SETTINGS_FILE), keptAs, message: expect.stringContaining('is not a JSON object') as unknown })
    const after = await store.change({ theme: 'light' })
    expect(after.theme).toBe('light')
    expect(after.problem).toMatchObject({ kind: 'kept-aside', keptAs })
    expect(after.problem?.message).toContain(keptAs)
    expect(readFileSync(keptAs, 'utf8')).toBe('{"theme": "dark", oops')
    expect(fileJson()).toEqual({ theme: 'light' })

    rmSync(join(dir, SETTINGS_FILE))
    mkdirSync(join(dir, SETTINGS_FILE))
    expect((await store.get()).problem).toMatchObject({ kind: 'unreadable', keptAs: null })
    await expect(store.saveEngine('x', 'tcp://a:1')).rejects.toMatchObject({ code: 'INTERNAL' })
  })
  it('keeps every broken file it sets aside: a second one goes beside the first, and the newest is reported', async () => {
    const store = new SettingsStore(dir)
    writeFileSync(join(dir, SETTINGS_FILE), 'first broken')
    await store.change({ theme: 'dark' })
    writeFileSync(join(dir, SETTINGS_FILE), 'second broken')
    expect((await store.get()).problem).toMatchObject({ kind: 'corrupt', keptAs: join(dir, `${UNREADABLE_FILE}-2`) })
    const after = await store.change({ theme: 'light' })
    expect(readFileSync(join(dir, UNREADABLE_FILE), 'utf8')).toBe('first broken')
    expect(readFileSync(join(dir, `${UNREADABLE_FILE}-2`), 'utf8')).toBe('second broken')
    expect(after.problem).toMatchObject({ kind: 'kept-aside', keptAs: join(dir, `${UNREADABLE_FILE}-2`) })
    expect(fileJson()).toEqual({ theme: 'light' })
  })
})

describe('settings methods at the contract boundary', () => {
  const host = 'unix:///nonexistent/strata-settings.sock'

  async function refusal(core: ReturnType<typeof createStrataCore>, method: string, input: unknown): Promise<string> {
    const outcome = await core.call(method, input)
    if (outcome.ok) throw new Error(`${method} ${JSON.stringify(input)} was accepted`)
    expect(outcome.error.code, `${method} ${JSON.stringify(input)}`).toBe('INVALID_INPUT')
    return outcome.error.message
  }

  it('refuses malformed updates and engines with messages that say what is wrong', async () => {
    const core = createStrataCore({ host, configDir: dir })
    try {
      expect(await refusal(core, 'settings.update', { theme: 'purple' })).toContain("theme: not a theme: use 'system', 'light' or 'dark'")
      expect(await refusal(core, 'settings.update', { cacheCapBytes: 1024 })).toContain('cacheCapBytes: below the smallest cache cap, 64 MB')
      expect(await refusal(core, 'settings.update', { cacheCapBytes: 2 ** 60 })).toContain('above the largest cache cap')
      expect(await refusal(core, 'settings.update', { cacheCapBytes: 100_000_000.5 })).toContain('not a whole number of bytes')
      expect(await refusal(core, 'settings.update', { cacheCapBytes: '1GB' })).toContain('cacheCapBytes')
      expect(await refusal(core, 'settings.update', { defaultPullPlatform: 'linux' })).toContain('not os/arch[/variant]')
      expect(await refusal(core, 'settings.update', { defaultPullPlatform: 'all' })).toContain('defaultPullPlatform')
      expect(await refusal(core, 'settings.update', {})).toContain('names nothing to change')
      expect(await refusal(core, 'settings.update', { theme: 'dark', engineHost: 'tcp://a:1' })).toContain('engineHost')
      expect(await refusal(core, 'settings.saveEngine', { name: '', host: 'tcp://a:1' })).toContain('an engine name cannot be empty')
      expect(await refusal(core, 'settings.saveEngine', { name: '../x', host: 'tcp://a:1' })).toContain('an engine name is letters')
      expect(await refusal(core, 'settings.saveEngine', { name: 'x'.repeat(65), host: 'tcp://a:1' })).toContain('at most 64 characters')
      expect(await refusal(core, 'settings.saveEngine', { name: 'a', host: 'tcp://a:notaport' })).toContain('must be a host name or IP address with an optional port')
      expect(await refusal(core, 'settings.saveEngine', { name: 'a', host: 'docker.example' })).toContain('is not a Docker host address')
      expect(await refusal(core, 'settings.saveEngine', { name: 'a', host: 'ftp://a' })).toContain('is not a Docker host address Strata can use')
      expect(await refusal(core, 'settings.saveEngine', { name: 'a', host: 'tcp://a:1\n' + 'x' })).toContain('control characters')
      expect(await refusal(core, 'settings.removeEngine', { name: 42 })).toContain('name')
      expect(await refusal(core, 'cache.clear', { everything: true })).toContain('everything')
      // Nothing refused reached the file.
      expect(() => readFileSync(join(dir, SETTINGS_FILE))).toThrow()

      expect(await core.call('settings.saveEngine', { name: '  lab  ', host: ' tcp://10.1.2.3 ' })).toMatchObject({ ok: true, value: { engines: [{ name: 'lab', host: 'tcp://10.1.2.3' }] } })
      expect(await core.call('settings.update', { theme: 'dark', cacheCapBytes: 64 * 1024 * 1024 })).toMatchObject({ ok: true, value: { theme: 'dark', cacheCapBytes: 67_108_864 } })
      expect(await core.call('settings.removeEngine', { name: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await core.call('cache.usage', {})).toEqual({ ok: true, value: { dir: null, bytes: 0, files: 0, parts: { images: { bytes: 0, files: 0 }, layers: { bytes: 0, files: 0 } }, capBytes: 67_108_864 } })
    } finally {
      await core.close()
    }
  })
})
