import { execFileSync } from 'node:child_process'
import { constants, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startHost } from '../../electron/host/server'
import { StrataError } from '../../shared/errors'
import type { SaveResult } from '../../shared/types'
import { FIXTURES } from '../support/fixtures'
import { callError, callOk, eventually, privateCore } from '../support/engine'
import { runStrata } from '../support/strata-cli'

const core = privateCore()
const work = mkdtempSync(join(tmpdir(), 'strata-file-inputs-'))
/** A 64 KiB file system: anything bigger written there meets ENOSPC. */
const full = join(work, 'full')
const readOnly = join(work, 'read-only')

beforeAll(() => {
  mkdirSync(full)
  mkdirSync(readOnly)
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', full])
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', readOnly])
})

afterAll(async () => {
  for (const mount of [full, readOnly]) {
    try {
      execFileSync('umount', [mount])
    } catch {
      // not mounted: beforeAll failed before it
    }
  }
  rmSync(work, { recursive: true, force: true })
  await core.close()
})

/** Descriptors this process holds on `path` (or, with `under`, on anything below it). */
function descriptorsTo(path: string, under = false): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`)
      return target === path || (under && target.startsWith(`${path}/`)) ? [target] : []
    } catch {
      return []
    }
  })
}

/** Fails with a message, rather than hanging the file, when `work` does not settle in time. */
async function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} did not answer within ${ms} ms`))
    }, ms)
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * A valid tar of one file of `size` zero bytes, written sparse: big enough that the
 * engine is still reading it when a test stops the load, without costing the disk.
 */
function sparseTar(path: string, size: number): void {
  const header = Buffer.alloc(512)
  const field = (offset: number, length: number, value: string): void => {
    header.write(value, offset, length, 'latin1')
  }
  field(0, 100, 'zeros.bin')
  field(100, 8, '0000644\0')
  field(108, 8, '0000000\0')
  field(116, 8, '0000000\0')
  field(124, 12, `${size.toString(8).padStart(11, '0')}\0`)
  field(136, 12, `${Math.floor(Date.now() / 1000).toString(8).padStart(11, '0')}\0`)
  field(156, 1, '0')
  field(257, 6, 'ustar\0')
  field(263, 2, '00')
  // The checksum is summed with its own field read as spaces.
  field(148, 8, '        ')
  const sum = header.reduce((total, byte) => total + byte, 0)
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `)
  writeFileSync(path, header)
  // Body, its padding to a block, and the two zero blocks that end an archive: all holes.
  truncateSync(path, 512 + Math.ceil(size / 512) * 512 + 1024)
}

describe('images.load reads only a regular file, named absolutely', () => {
  it('refuses a folder, /dev/zero, /dev/urandom, a relative path and a missing file at once, holding nothing open', async () => {
    const folder = join(work, 'a-folder')
    mkdirSync(folder)
    const refused = async (path: string): Promise<StrataError> => within(10_000, callError(core, 'images.load', { path }), `images.load of ${path}`)
    expect(await refused(folder)).toMatchObject({ code: 'INVALID_INPUT', message: `${folder} is a folder, not an image archive.` })
    expect(await refused('/dev/zero')).toMatchObject({ code: 'INVALID_INPUT', message: '/dev/zero is a character device, not a regular file.' })
    expect(await refused('/dev/urandom')).toMatchObject({ code: 'INVALID_INPUT', message: '/dev/urandom is a character device, not a regular file.' })
    const relative = await refused('image.tar')
    expect(relative.code).toBe('INVALID_INPUT')
    expect(relative.message).toMatch(/^Invalid input for images\.load: path: "image\.tar" is relative; give the full path/)
    expect(await refused(join(work, 'absent.tar'))).toMatchObject({ code: 'NOT_FOUND', message: `There is no file ${join(work, 'absent.tar')}.` })
    expect([...descriptorsTo(folder), ...descriptorsTo('/dev/zero'), ...descriptorsTo('/dev/urandom')]).toEqual([])
  })

  it('refuses a FIFO without waiting for a writer: no thread is parked, no reader stays open', async () => {
    const fifo = join(work, 'a-fifo')
    execFileSync('mkfifo', [fifo])
    // More loads than libuv has threads (4): a blocking open would park every thread and stall all file I/O.
    const answers = await within(10_000, Promise.all(Array.from({ length: 6 }, () => callError(core, 'images.load', { path: fifo }))), 'images.load of a FIFO')
    for (const answer of answers) expect(answer).toMatchObject({ code: 'INVALID_INPUT', message: `${fifo} is a named pipe (FIFO), not a regular file.` })
    await within(5_000, stat(work), 'a stat on the thread pool')
    expect(descriptorsTo(fifo)).toEqual([])
    // Opening the write end without blocking fails with ENXIO only while no reader has it open or waits in open().
    expect(() => openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK)).toThrow(expect.objectContaining({ code: 'ENXIO' }))
  })

  it('a load cancelled mid-way closes the file before it answers', async () => {
    const archive = join(work, 'big.tar')
    sparseTar(archive, 1024 * 1024 * 1024)
    const controller = new AbortController()
    const sent: number[] = []
    let openWhileSending: string[] = []
    const stop = core.events.on('progress', (event) => {
      if (event.taskId !== 'load-big' || event.done === 0) return
      sent.push(event.done)
      // By the first bytes sent the descriptor is open: stop right there.
      if (sent.length === 1) {
        openWhileSending = descriptorsTo(archive)
        controller.abort()
      }
    })
    try {
      const outcome = await within(30_000, core.call('images.load', { path: archive, taskId: 'load-big' }, controller.signal), 'a cancelled load')
      expect(outcome).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
      expect(openWhileSending).toEqual([archive])
      expect(Math.max(...sent)).toBeLessThan(statSync(archive).size)
      expect(descriptorsTo(archive)).toEqual([])
    } finally {
      stop()
    }
  })

  it('a browser client that goes away mid-load makes the host let go of the file', async () => {
    const archive = join(work, 'big-host.tar')
    sparseTar(archive, 1024 * 1024 * 1024)
    const host = await startHost({ core, staticRoot: resolve('out/renderer'), port: 0 })
    try {
      const request = httpRequest({
        host: '127.0.0.1',
        port: host.port,
        path: '/api/images.load',
        method: 'POST',
        headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
      })
      request.on('error', () => undefined)
      request.end(JSON.stringify({ path: archive }))
      await eventually(() => (descriptorsTo(archive).length > 0 ? true : undefined), 20_000)
      request.destroy()
      await eventually(() => (descriptorsTo(archive).length === 0 ? true : undefined), 10_000)
    } finally {
      await host.close()
    }
  })
})

describe('images.save writes a file where it is told, and only a file', () => {
  it('refuses an existing folder, a relative path and a missing folder as input errors, before the engine exports anything', async () => {
    const folder = join(work, 'save-folder')
    mkdirSync(folder)
    expect(await callError(core, 'images.save', { refs: [FIXTURES.base.tag], path: folder })).toMatchObject({ code: 'INVALID_INPUT', message: `Cannot write ${folder}: it is a folder; name a file.` })
    expect(readdirSync(folder)).toEqual([])
    const relative = await callError(core, 'images.save', { refs: [FIXTURES.base.tag], path: 'out.tar' })
    expect(relative).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/path: "out\.tar" is relative/) as unknown })
    const orphan = join(work, 'no-such-folder', 'out.tar')
    expect(await callError(core, 'images.save', { refs: [FIXTURES.base.tag], path: orphan })).toMatchObject({ code: 'INVALID_INPUT', message: `Cannot write ${orphan}: the folder ${join(work, 'no-such-folder')} does not exist.` })
  })

  it('replaces a symbolic link at the target with the file, leaving what it pointed at untouched', async () => {
    const victim = join(work, 'victim.txt')
    writeFileSync(victim, 'keep me')
    const target = join(work, 'linked.tar')
    symlinkSync(victim, target)
    const saved = await callOk(core, 'images.save', { refs: [FIXTURES.base.tag], path: target })
    expect(lstatSync(target).isSymbolicLink()).toBe(false)
    expect(statSync(target).size).toBe(saved.bytes)
    expect(saved.bytes).toBeGreaterThan(1_000_000)
    expect(readFileSync(victim, 'utf8')).toBe('keep me')
  })

  it('onto a full disk says the destination is full and leaves nothing there', async () => {
    const target = join(full, 'image.tar')
    const error = await callError(core, 'images.save', { refs: [FIXTURES.base.tag], path: target })
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: `No space left for ${target}: its disk is full; nothing was written.`, detail: { path: target, cause: 'ENOSPC' } })
    expect(readdirSync(full)).toEqual([])
    expect(descriptorsTo(full, true)).toEqual([])
  })

  it('onto a read-only file system says so about the destination', async () => {
    const target = join(readOnly, 'image.tar')
    const error = await callError(core, 'images.save', { refs: [FIXTURES.base.tag], path: target })
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED', message: `Cannot write ${target}: ${readOnly} is on a read-only file system; nothing was written.` })
  })
})

describe('extracting a file blames the destination for what goes wrong writing it', () => {
  it('onto a full disk: the destination is full, no partial file, no open descriptor', async () => {
    const destination = join(full, 'busybox')
    const error = await core.extractFile(FIXTURES.base.tag, undefined, 'bin/busybox', destination).then(
      () => null,
      (failure: unknown) => failure,
    )
    expect(error).toBeInstanceOf(StrataError)
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: `No space left for ${destination}: its disk is full; nothing was written.` })
    expect(readdirSync(full)).toEqual([])
    expect(descriptorsTo(full, true)).toEqual([])
  })

  it('onto a read-only file system, to a relative path or into a missing folder: the destination is named', async () => {
    const attempt = (destination: string): Promise<unknown> =>
      core.extractFile(FIXTURES.base.tag, undefined, 'bin/busybox', destination).then(
        () => null,
        (failure: unknown) => failure,
      )
    expect(await attempt(join(readOnly, 'busybox'))).toMatchObject({ code: 'PERMISSION_DENIED', message: expect.stringContaining(`Cannot write ${join(readOnly, 'busybox')}: `) as unknown })
    expect(await attempt('busybox')).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/"busybox" is relative/) as unknown })
    expect(await attempt(join(work, 'gone', 'busybox'))).toMatchObject({ code: 'INVALID_INPUT', message: `Cannot write ${join(work, 'gone', 'busybox')}: the folder ${join(work, 'gone')} does not exist.` })
  })

  it('strata extract onto a full disk prints one line naming the destination and exits 1', async () => {
    const destination = join(full, 'x')
    const run = await runStrata(['extract', FIXTURES.base.tag, 'bin/busybox', '-o', destination, '--host', inject('dockerHost')], { XDG_CACHE_HOME: work })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(`strata: No space left for ${destination}: its disk is full; nothing was written.\n`)
    expect(readdirSync(full)).toEqual([])
  })
})

describe('the command line reads relative file arguments from the folder it runs in', () => {
  it('extract -o, save -o and load take paths relative to the working folder', async () => {
    const folder = join(work, 'cli-cwd')
    mkdirSync(join(folder, 'sub'), { recursive: true })
    const strata = (...args: string[]): ReturnType<typeof runStrata> => runStrata([...args, '--host', inject('dockerHost')], { XDG_CACHE_HOME: work }, folder)
    const extracted = await strata('extract', FIXTURES.base.tag, 'bin/busybox', '-o', 'sub/busybox')
    expect(extracted).toMatchObject({ code: 0, stderr: `Wrote ${join(folder, 'sub', 'busybox')} (${statSync('/bin/busybox').size} bytes, from layer 0)\n` })
    // Buffer.equals: a deep toEqual over 2 MB of bytes takes half a minute.
    expect(readFileSync(join(folder, 'sub', 'busybox')).equals(readFileSync('/bin/busybox'))).toBe(true)
    const saved = await strata('save', FIXTURES.base.tag, '-o', 'sub/base.tar', '--json')
    expect(saved.code).toBe(0)
    expect((JSON.parse(saved.stdout) as SaveResult).path).toBe(join(folder, 'sub', 'base.tar'))
    const loaded = await strata('load', 'sub/base.tar', '--json')
    expect(loaded.code).toBe(0)
    expect(loaded.stdout).toContain(FIXTURES.base.tag)
  })
})
