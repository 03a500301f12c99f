import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultCacheDir } from '../../electron/core/engine/cache-dir'
import { appFolders } from '../../electron/main/app-folders'

describe('appFolders', () => {
  it('keeps settings in the config folder and every cache, Chromium’s included, in the platform’s cache folder', () => {
    expect(appFolders({}, 'linux', '/home/ana')).toEqual({
      userData: '/home/ana/.config/strata',
      cache: '/home/ana/.cache/strata',
      sessionData: '/home/ana/.cache/strata/electron',
      crashDumps: '/home/ana/.cache/strata/electron/Crashpad',
    })
    expect(appFolders({ XDG_CACHE_HOME: '/var/cache/ana', XDG_CONFIG_HOME: '/etc/ana' }, 'linux', '/home/ana')).toMatchObject({
      userData: '/etc/ana/strata',
      cache: '/var/cache/ana/strata',
      sessionData: '/var/cache/ana/strata/electron',
    })
    expect(appFolders({}, 'darwin', '/Users/ana')).toMatchObject({
      userData: '/Users/ana/Library/Application Support/strata',
      cache: '/Users/ana/Library/Caches/strata',
      sessionData: '/Users/ana/Library/Caches/strata/electron',
    })
    // Windows: settings roam (APPDATA), caches stay on the machine (LOCALAPPDATA).
    const windows = appFolders({ APPDATA: 'C:/Users/ana/AppData/Roaming', LOCALAPPDATA: 'C:/Users/ana/AppData/Local' }, 'win32', 'C:/Users/ana')
    expect(windows).toMatchObject({
      userData: join('C:/Users/ana/AppData/Roaming', 'strata'),
      cache: join('C:/Users/ana/AppData/Local', 'strata', 'Cache'),
      sessionData: join('C:/Users/ana/AppData/Local', 'strata', 'Cache', 'electron'),
    })
  })

  it('uses the very folder the command line caches in, so the app and `strata` share one image cache', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const env = { XDG_CACHE_HOME: '/x', LOCALAPPDATA: 'C:/L' }
      expect(appFolders(env, platform, '/home/ana').cache).toBe(defaultCacheDir(env, platform, '/home/ana'))
    }
  })

  it('never puts anything Chromium writes under the settings folder', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const folders = appFolders({}, platform, '/home/ana')
      expect(folders.sessionData.startsWith(folders.userData)).toBe(false)
      expect(folders.crashDumps.startsWith(folders.userData)).toBe(false)
      expect(folders.sessionData.startsWith(folders.cache)).toBe(true)
    }
  })

  it('treats empty variables as unset instead of making paths relative to the working folder', () => {
    expect(appFolders({ XDG_CACHE_HOME: '', XDG_CONFIG_HOME: '' }, 'linux', '/home/ana')).toMatchObject({ userData: '/home/ana/.config/strata', cache: '/home/ana/.cache/strata' })
    expect(appFolders({ LOCALAPPDATA: '', APPDATA: '' }, 'win32', '/home/ana').cache).toBe(join('/home/ana', 'AppData', 'Local', 'strata', 'Cache'))
  })
})

describe('what the session folder may hold', () => {
  it('is nothing the renderer cannot rebuild: browser storage now lives in a cache folder the system may clear', () => {
    const renderer = fileURLToPath(new URL('../../renderer', import.meta.url))
    const sources = readdirSync(renderer, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(ts|vue)$/.test(name))
    expect(sources.length).toBeGreaterThan(10)
    for (const name of sources) expect(readFileSync(join(renderer, name), 'utf8'), name).not.toMatch(/localStorage|indexedDB|document\.cookie/)
  })
})
