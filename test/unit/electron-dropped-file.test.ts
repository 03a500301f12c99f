import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { StrataCore } from '../../electron/core/api/core'
import { bindDroppedFile } from '../../electron/main/dropped-file'
import { mainFrameOf } from '../../electron/main/sender'
import type { RendererLocation } from '../../electron/main/trust'
import { IPC_ANALYZE_DROPPED_FILE_CHANNEL, IPC_LOAD_DROPPED_FILE_CHANNEL, isLoadableArchiveName } from '../../shared/dropped-file'
import type { Outcome } from '../../shared/errors'
import type { LoadResult } from '../../shared/types'
import { RENDERER_PATH, fakeWindow, ipcEvent, type FakeFrame } from './electron-senders'

const location: RendererLocation = { kind: 'file', path: RENDERER_PATH }
const mainWindow = fakeWindow()
const LOADED: LoadResult = { loaded: ['app:1'], images: [{ id: `sha256:${'a'.repeat(64)}`, repoTags: ['app:1'] }] }

const folder = mkdtempSync(join(tmpdir(), 'strata-drop-'))
afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
})
function file(name: string): string {
  const path = join(folder, name)
  writeFileSync(path, 'not really a tar')
  return path
}

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>

function setup(core: Outcome<unknown> = { ok: true, value: LOADED }) {
  const handlers = new Map<string, Handler>()
  const ipcMain = { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) } as unknown as IpcMain
  const call = vi.fn<(method: unknown, input: unknown) => Promise<Outcome<unknown>>>(() => Promise.resolve(core))
  bindDroppedFile(ipcMain, { call } as unknown as StrataCore, mainFrameOf(mainWindow.contents, location))
  const on =
    (channel: string) =>
    (input: unknown, sender: WebContents = mainWindow.contents, frame: FakeFrame = mainWindow.mainFrame): Promise<unknown> => {
      const handler = handlers.get(channel)
      if (handler === undefined) throw new Error('no handler')
      return handler(ipcEvent(sender, frame), input)
    }
  return { invoke: on(IPC_LOAD_DROPPED_FILE_CHANNEL), analyze: on(IPC_ANALYZE_DROPPED_FILE_CHANNEL), call }
}

describe('archive names a drop may load', () => {
  it('takes tar and gzip-compressed tar, in any case, and nothing else', () => {
    for (const name of ['app.tar', 'APP.TAR', 'my image.tar.gz', 'a.tgz', 'x.Tar.Gz']) expect(isLoadableArchiveName(name), name).toBe(true)
    for (const name of ['app.zip', 'app.tar.zst', 'notes.txt', 'tar', '.tar', 'app.tar.bak', 'app.gz', 'app.tar ', '']) expect(isLoadableArchiveName(name), name).toBe(false)
  })
})

describe('load a dropped archive (Electron main)', () => {
  it('loads exactly the dropped path, with the task ID, and names it in the answer', async () => {
    const path = file('my image.tar')
    const { invoke, call } = setup()
    expect(await invoke({ path, taskId: 'load-1' })).toEqual({ ok: true, value: { outcome: 'loaded', path, result: LOADED } })
    expect(call).toHaveBeenCalledExactlyOnceWith('images.load', { path, taskId: 'load-1' })
  })

  it('passes the engine’s refusal on as it is', async () => {
    const refusal: Outcome<unknown> = { ok: false, error: { code: 'INVALID_INPUT', message: 'The engine could not load it', detail: {} } }
    const { invoke } = setup(refusal)
    expect(await invoke({ path: file('broken.tgz') })).toEqual(refusal)
  })

  it('refuses what is not an archive file before the engine hears of it', async () => {
    const { invoke, call } = setup()
    const secret = file('id_rsa')
    mkdirSync(join(folder, 'folder.tar'))
    symlinkSync(secret, join(folder, 'link.tar'))
    const refused = [
      { path: secret },
      { path: join(folder, 'missing.tar') },
      { path: join(folder, 'folder.tar') },
      { path: 'relative/app.tar' },
      { path: '/dev/zero' },
      { path: file('app.tar'), extra: true },
      { path: file('app.tar'), taskId: 7 },
      { path: 42 },
      null,
    ]
    for (const input of refused) {
      const answer = (await invoke(input)) as { ok: boolean; error?: { code: string } }
      expect(answer.ok, JSON.stringify(input)).toBe(false)
    }
    expect(call).not.toHaveBeenCalled()
    // A link named like an archive is followed, as docker load would: what counts is that a regular file is read.
    expect(await invoke({ path: join(folder, 'link.tar') })).toMatchObject({ ok: true })
  })

  it('refuses other windows and subframes', async () => {
    const { invoke, call } = setup()
    const other = fakeWindow()
    const path = file('app.tar')
    expect(await invoke({ path }, other.contents, other.mainFrame)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await invoke({ path }, mainWindow.contents, mainWindow.subframe())).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(call).not.toHaveBeenCalled()
  })
})

describe('analyze a dropped archive without loading it (Electron main)', () => {
  it('asks layers.analyzeArchive, with the file lists, for exactly the dropped path', async () => {
    const path = file('to analyze.tar.gz')
    const analysis = { ok: true, value: { layers: [] } } as const
    const { analyze, call } = setup(analysis)
    expect(await analyze({ path, taskId: 'archive-1' })).toEqual(analysis)
    expect(call).toHaveBeenCalledExactlyOnceWith('layers.analyzeArchive', { path, taskId: 'archive-1', files: true })
  })

  it('refuses what is not an archive file, malformed requests and other frames before the core hears of them', async () => {
    const { analyze, call } = setup()
    const other = fakeWindow()
    const refused: [unknown, string][] = [
      [{ path: file('id_rsa') }, 'INVALID_INPUT'],
      [{ path: join(folder, 'absent.tar') }, 'NOT_FOUND'],
      [{ path: '/dev/zero' }, 'INVALID_INPUT'],
      [{ path: 'relative/app.tar' }, 'INVALID_INPUT'],
      [{ path: `/${'a'.repeat(5000)}.tar` }, 'INVALID_INPUT'],
      [{ path: file('app.tar'), files: 'yes' }, 'INVALID_INPUT'],
      [{ path: file('app.tar'), extra: true }, 'INVALID_INPUT'],
      ['/etc/passwd', 'INVALID_INPUT'],
    ]
    for (const [input, code] of refused) expect(await analyze(input), JSON.stringify(input).slice(0, 80)).toMatchObject({ ok: false, error: { code } })
    expect(await analyze({ path: file('app.tar') }, other.contents, other.mainFrame)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(call).not.toHaveBeenCalled()
  })
})
