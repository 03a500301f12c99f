import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { removeOldCaches } from '../../electron/main/old-caches'

describe('removeOldCaches', () => {
  const folders: string[] = []
  afterEach(() => {
    for (const folder of folders.splice(0)) {
      chmodSync(folder, 0o755)
      rmSync(folder, { recursive: true, force: true })
    }
  })

  function userData(): string {
    const folder = mkdtempSync(join(tmpdir(), 'strata-user-data-'))
    folders.push(folder)
    return folder
  }

  it('empties the settings folder of caches and keeps settings, window state, logs and Chromium’s storage', async () => {
    const folder = userData()
    for (const cache of ['cache/images/abc', 'cache/layers', 'Code Cache/js', 'GPUCache']) mkdirSync(join(folder, cache), { recursive: true })
    writeFileSync(join(folder, 'cache/images/abc/history.json'), '[]')
    for (const kept of ['logs', 'Local Storage']) mkdirSync(join(folder, kept))
    for (const kept of ['settings.json', 'window-state.json', 'Preferences']) writeFileSync(join(folder, kept), '{}')
    const report = vi.fn()
    await removeOldCaches(folder, report)
    expect(readdirSync(folder).sort()).toEqual(['Local Storage', 'Preferences', 'logs', 'settings.json', 'window-state.json'])
    expect(report).not.toHaveBeenCalled()
  })

  it('does nothing where there is nothing', async () => {
    const empty = userData()
    await removeOldCaches(empty, vi.fn())
    expect(readdirSync(empty)).toEqual([])
  })

  // Root removes anything: there is no failure to provoke.
  it.skipIf(process.getuid?.() === 0)('reports a folder it cannot remove, without throwing', async () => {
    const locked = userData()
    mkdirSync(join(locked, 'cache', 'images'), { recursive: true })
    chmodSync(join(locked, 'cache'), 0o500)
    const report = vi.fn()
    await expect(removeOldCaches(locked, report)).resolves.toBeUndefined()
    expect(report).toHaveBeenCalledWith(join(locked, 'cache'), expect.anything())
    chmodSync(join(locked, 'cache'), 0o755)
    expect(existsSync(join(locked, 'cache'))).toBe(true)
  })
})
