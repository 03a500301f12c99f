import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { makeFolder, makeFolderSync } from '../../electron/core/fs/make-folder'

const work = mkdtempSync(join(tmpdir(), 'strata-make-folder-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

/** /proc answers ENOENT to any mkdir although the parent exists: Node's own recursive mkdir never returns there. */
const PROC = process.platform === 'linux'

describe.each([
  ['makeFolder', (path: string, mode?: number) => makeFolder(path, mode)],
  [
    'makeFolderSync',
    // Async only to share the cases: the error is thrown, then turned into a rejection.
    (path: string, mode?: number): Promise<void> =>
      new Promise<void>((resolve) => {
        makeFolderSync(path, mode)
        resolve()
      }),
  ],
])('%s', (name, make) => {
  it('makes every missing level, with the mode asked', async () => {
    const path = join(work, name, 'a', 'b', 'c')
    await make(path, 0o700)
    expect(statSync(path).isDirectory()).toBe(true)
    // No group or other bits, whatever the umask: it only ever takes bits away.
    expect(statSync(join(work, name, 'a')).mode & 0o077).toBe(0)
  })

  it('is content with a folder that is there already', async () => {
    await make(join(work, name, 'a', 'b'))
    expect(statSync(join(work, name, 'a', 'b')).isDirectory()).toBe(true)
  })

  it('refuses a file standing where a folder should be, at any level', async () => {
    writeFileSync(join(work, `${name}-file`), 'x')
    await expect(make(join(work, `${name}-file`))).rejects.toMatchObject({ code: 'ENOTDIR' })
    await expect(make(join(work, `${name}-file`, 'below'))).rejects.toMatchObject({ code: 'ENOTDIR' })
  })

  it.runIf(PROC)('fails at once under /proc instead of looping forever', async () => {
    const started = Date.now()
    await expect(make('/proc/strata-nonexistent/cache/x')).rejects.toMatchObject({ code: 'ENOENT' })
    expect(Date.now() - started).toBeLessThan(2000)
  })
})
