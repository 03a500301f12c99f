import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { contract } from '../../shared/contract'
import { StrataError } from '../../shared/errors'
import { filePathIssue, isAbsoluteFilePath } from '../../shared/file-path'
import { problemEnglish } from '../../shared/problems'
import { checkDestination, openRegularFile, pathProblem } from '../../electron/core/transfer/file-checks'
import { destinationError, sourceError } from '../../electron/core/transfer/file-errors'
import { userPath } from '../../electron/host/cli-paths'

const work = mkdtempSync(join(tmpdir(), 'strata-file-paths-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

const errno = (code: string): Error => Object.assign(new Error(`${code}: something`), { code })

/** Descriptors of this process that point at `path`. */
function descriptorsTo(path: string): string[] {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path
    } catch {
      return false
    }
  })
}

describe('absolute file paths', () => {
  it.each(['/tmp/image.tar', '/', 'C:\\Users\\me\\image.tar', 'c:/data/x.tar', '\\\\server\\share\\x.tar'])('accepts %s', (path) => {
    expect(isAbsoluteFilePath(path)).toBe(true)
    expect(filePathIssue(path)).toBeNull()
  })

  it.each(['image.tar', './image.tar', '../image.tar', '~/image.tar', 'C:image.tar', '\\\\server', 'tmp/x'])('refuses the relative %s, saying so', (path) => {
    expect(isAbsoluteFilePath(path)).toBe(false)
    expect(filePathIssue(path)).toMatch(/is relative; give the full path/)
  })

  it('refuses an empty path and a NUL byte', () => {
    expect(filePathIssue('')).toBe('a file path is needed')
    expect(filePathIssue('/tmp/a\0b')).toMatch(/NUL/)
  })

  it('images.load and images.save refuse a relative path at the contract, naming the field', () => {
    const load = contract['images.load'].input.safeParse({ path: 'image.tar' })
    expect(load.success).toBe(false)
    expect(load.error?.issues[0]).toMatchObject({ path: ['path'], message: expect.stringMatching(/"image.tar" is relative/) as unknown })
    expect(contract['images.save'].input.safeParse({ refs: ['a:1'], path: 'out/x.tar' }).success).toBe(false)
    expect(contract['images.save'].input.safeParse({ refs: ['a:1'], path: '/out/x.tar' }).success).toBe(true)
    expect(contract['images.load'].input.safeParse({ path: 'x'.repeat(4097) }).success).toBe(false)
  })

  it('the CLI resolves what the user typed against the folder they typed it in', () => {
    expect(userPath('out.tar', '/home/me/work')).toBe('/home/me/work/out.tar')
    expect(userPath('../out.tar', '/home/me/work')).toBe('/home/me/out.tar')
    expect(userPath('/abs/out.tar', '/home/me/work')).toBe('/abs/out.tar')
    // Empty stays empty, for the contract to refuse instead of writing to the working folder itself.
    expect(userPath('', '/home/me/work')).toBe('')
  })
})

describe('a path the core cannot use', () => {
  it('words a path exactly as the shared path check does, and a path this machine does not take as absolute', () => {
    for (const path of ['', 'a\0b', 'relative.tar']) {
      const found = pathProblem(path)
      expect(found).not.toBeNull()
      if (found !== null) expect(problemEnglish(found)).toBe(`Not a usable file path: ${filePathIssue(path) ?? ''}.`)
    }
    expect(pathProblem('/abs/x.tar')).toBeNull()
    // The shared check takes a Windows path; the suite runs on Linux, where it is not absolute.
    const windows = pathProblem('C:\\images\\x.tar')
    expect(windows === null ? null : problemEnglish(windows)).toBe('Not a usable file path: "C:\\images\\x.tar" is not an absolute path on this machine.')
  })
})

describe('errors on a file the user named blame that file', () => {
  it.each([
    ['ENOSPC', 'INVALID_INPUT', /No space left for \/mnt\/full\/x: its disk is full/],
    ['EDQUOT', 'INVALID_INPUT', /quota/],
    ['EFBIG', 'INVALID_INPUT', /larger than its file system allows/],
    ['EROFS', 'PERMISSION_DENIED', /\/mnt\/full is on a read-only file system/],
    ['EACCES', 'PERMISSION_DENIED', /permission denied in \/mnt\/full/],
    ['ENOENT', 'INVALID_INPUT', /the folder \/mnt\/full does not exist/],
    ['EISDIR', 'INVALID_INPUT', /it is a folder/],
    ['EIO', 'INVALID_INPUT', /Cannot write \/mnt\/full\/x: EIO/],
  ])('a write failing with %s is %s about the destination', (code, expected, message) => {
    const error = destinationError('/mnt/full/x', errno(code))
    expect(error).toBeInstanceOf(StrataError)
    expect(error.code).toBe(expected)
    expect(error.message).toMatch(message)
    expect(error.message).not.toMatch(/tar|image|engine/i)
    // The problem lets the renderer word the same failure in the user's language.
    expect(error.detail).toEqual({ path: '/mnt/full/x', cause: code, problem: expect.objectContaining({ params: expect.objectContaining({ path: '/mnt/full/x' }) as unknown }) as unknown })
  })

  it('a StrataError passes through unchanged', () => {
    const original = new StrataError('CANCELLED', 'stopped')
    expect(destinationError('/x', original)).toBe(original)
    expect(sourceError('/x', original)).toBe(original)
  })

  it('a file that cannot be read is named: missing, forbidden, a socket', () => {
    expect(sourceError('/in/x.tar', errno('ENOENT'))).toMatchObject({ code: 'NOT_FOUND', message: 'There is no file /in/x.tar.' })
    expect(sourceError('/in/x.tar', errno('EACCES'))).toMatchObject({ code: 'PERMISSION_DENIED', message: 'Cannot read /in/x.tar: permission denied.' })
    expect(sourceError('/in/x.tar', errno('ENXIO'))).toMatchObject({ code: 'INVALID_INPUT', message: '/in/x.tar is not a regular file.' })
  })
})

describe('opening a file to read', () => {
  it('opens a regular file and gives its size from the open descriptor', async () => {
    const file = join(work, 'regular.tar')
    writeFileSync(file, Buffer.alloc(1234))
    const { handle, size } = await openRegularFile(file)
    expect(size).toBe(1234)
    expect(descriptorsTo(file)).toHaveLength(1)
    await handle.close()
    expect(descriptorsTo(file)).toEqual([])
  })

  it('refuses a folder, a device and a FIFO without keeping a descriptor, and a relative path without opening', async () => {
    const folder = join(work, 'folder')
    mkdirSync(folder)
    const fifo = join(work, 'fifo')
    execFileSync('mkfifo', [fifo])
    await expect(openRegularFile(folder)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: `${folder} is a folder, not an image archive.` })
    await expect(openRegularFile('/dev/zero')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: '/dev/zero is a character device, not a regular file.' })
    // With no writer, a blocking open would never return: the test itself would hang here.
    await expect(openRegularFile(fifo)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: `${fifo} is a named pipe (FIFO), not a regular file.` })
    await expect(openRegularFile('regular.tar')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/is relative/) as unknown })
    await expect(openRegularFile(join(work, 'absent.tar'))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect([...descriptorsTo(folder), ...descriptorsTo(fifo), ...descriptorsTo('/dev/zero')]).toEqual([])
  })
})

describe('checking where a file will be written', () => {
  it('accepts a new name, an existing file and a symbolic link (which is replaced, not followed)', async () => {
    writeFileSync(join(work, 'existing'), 'x')
    symlinkSync('/etc/hostname', join(work, 'link'))
    symlinkSync(join(work, 'nowhere'), join(work, 'dangling'))
    for (const name of ['new.tar', 'existing', 'link', 'dangling']) await expect(checkDestination(join(work, name))).resolves.toBeUndefined()
  })

  it('refuses a folder, a device, a FIFO, a missing or non-folder parent, and a relative path', async () => {
    const fifo = join(work, 'out-fifo')
    execFileSync('mkfifo', [fifo])
    writeFileSync(join(work, 'plain'), 'x')
    await expect(checkDestination(work)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: `Cannot write ${work}: it is a folder; name a file.` })
    await expect(checkDestination('/dev/null')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: '/dev/null is a character device, not a regular file; Strata replaces only files.' })
    await expect(checkDestination(fifo)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/named pipe/) as unknown })
    await expect(checkDestination(join(work, 'absent', 'x.tar'))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: `Cannot write ${join(work, 'absent', 'x.tar')}: the folder ${join(work, 'absent')} does not exist.` })
    await expect(checkDestination(join(work, 'plain', 'x.tar'))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/plain is not a folder/) as unknown })
    await expect(checkDestination('x.tar')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/"x.tar" is relative/) as unknown })
  })
})
