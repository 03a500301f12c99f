import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { IPC_ANALYZE_DROPPED_FILE_CHANNEL, IPC_LOAD_DROPPED_FILE_CHANNEL } from '../../shared/dropped-file'
import { IPC_LOAD_IMAGES_FROM_CHANNEL, IPC_SAVE_IMAGES_AS_CHANNEL } from '../../shared/image-files'
import { METHOD_NAMES } from '../../shared/methods'
import { IPC_SAVE_FILE_CHANNEL } from '../../shared/save-file'
import { IPC_CHOOSE_TLS_FILE_CHANNEL } from '../../shared/tls-file'

// A sandboxed preload cannot be an ES module and may require only `electron`
// (and a few Node built-ins): nothing runs it here, so check the built file.
const PRELOAD = fileURLToPath(new URL('../../out/preload/index.cjs', import.meta.url))

describe('built preload (out/preload/index.cjs)', () => {
  let source = ''

  beforeAll(() => {
    if (!existsSync(PRELOAD)) throw new Error(`${PRELOAD} is missing: run \`npm run build\` first, then rerun the tests.`)
    source = readFileSync(PRELOAD, 'utf8')
  })

  it('is not an ES module: no import or export statement', () => {
    expect(source).not.toMatch(/^\s*import[\s{*"']/m)
    expect(source).not.toMatch(/\bimport\s*\(/)
    expect(source).not.toMatch(/\bimport\.meta\b/)
    expect(source).not.toMatch(/^\s*export[\s{*]/m)
  })

  it('requires only "electron"', () => {
    const required = [...source.matchAll(/\brequire\s*\(([^)]*)\)/g)].map((match) => (match[1] ?? '').trim())
    expect(required.length).toBeGreaterThan(0)
    expect(required.filter((argument) => argument !== '"electron"' && argument !== "'electron'")).toEqual([])
  })

  it('bundles every contract method name', () => {
    const missing = METHOD_NAMES.filter((name) => !source.includes(`"${name}"`) && !source.includes(`'${name}'`))
    expect(missing).toEqual([])
  })

  it('bundles the dialog channels, without the schemas the main process checks with', () => {
    for (const channel of [IPC_SAVE_FILE_CHANNEL, IPC_SAVE_IMAGES_AS_CHANNEL, IPC_LOAD_IMAGES_FROM_CHANNEL, IPC_LOAD_DROPPED_FILE_CHANNEL, IPC_ANALYZE_DROPPED_FILE_CHANNEL, IPC_CHOOSE_TLS_FILE_CHANNEL]) expect(source).toContain(`"${channel}"`)
    // zod would add tens of kilobytes the sandboxed preload never runs.
    expect(source).not.toMatch(/\bzod\b|safeParse/)
  })

  it('exposes the bridge as window.strata', () => {
    expect(source).toMatch(/contextBridge\.exposeInMainWorld\(\s*["']strata["']/)
  })
})
