import { mkdirSync, statSync } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import { dirname } from 'node:path'

/*
 * mkdir -p made of one-level mkdirs. Node 20's own `recursive: true` never returns (async and
 * sync alike) where a folder cannot be made and the system answers ENOENT although the parent
 * exists, as /proc does: a cache or settings folder pointed there (XDG_CACHE_HOME=/proc/x)
 * hung `strata analyze` at full CPU. Here each level is tried once, so such a folder fails.
 */

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code
}

function notAFolder(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: 'ENOTDIR', path })
}

export async function makeFolder(path: string, mode?: number): Promise<void> {
  try {
    await mkdir(path, mode === undefined ? undefined : { mode })
    return
  } catch (error) {
    if (codeOf(error) === 'EEXIST') {
      if (!(await stat(path)).isDirectory()) throw notAFolder(path)
      return
    }
    const parent = dirname(path)
    if (codeOf(error) !== 'ENOENT' || parent === path) throw error
    await makeFolder(parent, mode)
  }
  try {
    await mkdir(path, mode === undefined ? undefined : { mode })
  } catch (error) {
    // Made meanwhile by another writer: as good as made here.
    if (codeOf(error) !== 'EEXIST' || !(await stat(path)).isDirectory()) throw error
  }
}

export function makeFolderSync(path: string, mode?: number): void {
  try {
    mkdirSync(path, mode === undefined ? undefined : { mode })
    return
  } catch (error) {
    if (codeOf(error) === 'EEXIST') {
      if (!statSync(path).isDirectory()) throw notAFolder(path)
      return
    }
    const parent = dirname(path)
    if (codeOf(error) !== 'ENOENT' || parent === path) throw error
    makeFolderSync(parent, mode)
  }
  try {
    mkdirSync(path, mode === undefined ? undefined : { mode })
  } catch (error) {
    if (codeOf(error) !== 'EEXIST' || !statSync(path).isDirectory()) throw error
  }
}
