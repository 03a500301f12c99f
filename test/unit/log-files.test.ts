import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activeLogFile, isLogFileName, logSizeOf, measureLogFiles, rotationOf, type LogSource } from '../../electron/core/logs/log-files'
import { logSourceOf } from '../../electron/core/logs/log-sizes'

const ID = 'a'.repeat(64)
let root = ''

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-log-files-'))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

function source(driver: string, options: Record<string, string> = {}, logPath = ''): LogSource {
  return { id: ID, driver, options, logPath }
}

describe('activeLogFile', () => {
  it("takes json-file's LogPath, and the engine's own place for a container not started yet", () => {
    expect(activeLogFile(source('json-file', {}, '/x/y-json.log'), '/var/lib/docker')).toBe('/x/y-json.log')
    expect(activeLogFile(source('json-file'), '/var/lib/docker')).toBe(`/var/lib/docker/containers/${ID}/${ID}-json.log`)
    expect(activeLogFile(source('json-file'), null)).toBeNull()
  })

  it('finds the local driver under the data root, which inspect does not report', () => {
    expect(activeLogFile(source('local', {}, ''), '/d')).toBe(`/d/containers/${ID}/local-logs/container.log`)
    expect(activeLogFile(source('local'), '')).toBeNull()
  })

  it("takes Podman's k8s-file LogPath and has no file for drivers that send the log away", () => {
    expect(activeLogFile(source('k8s-file', {}, '/home/u/ctr.log'), null)).toBe('/home/u/ctr.log')
    for (const driver of ['journald', 'syslog', 'none', 'fluentd', '']) expect(activeLogFile(source(driver, {}, '/x'), '/d')).toBeNull()
  })
})

describe('isLogFileName', () => {
  it('counts the file, its numbered rotations and their gzipped copies, nothing else', () => {
    const active = `${ID}-json.log`
    for (const name of [active, `${active}.1`, `${active}.12`, `${active}.3.gz`]) expect(isLogFileName(active, name)).toBe(true)
    for (const name of [`${active}.tmp`, `${active}.gz`, `${active}.1.gz.x`, `x${active}`, 'config.v2.json', `${active}.`]) expect(isLogFileName(active, name)).toBe(false)
  })
})

describe('rotationOf', () => {
  it('calls json-file without max-size unbounded, and fills in its defaults when rotation is on', () => {
    expect(rotationOf('json-file', {})).toEqual({ maxSize: null, maxFile: null, compress: false, unbounded: true })
    expect(rotationOf('json-file', { 'max-size': '-1' })).toMatchObject({ unbounded: true })
    expect(rotationOf('json-file', { 'max-size': '10m' })).toEqual({ maxSize: '10m', maxFile: 1, compress: false, unbounded: false })
    expect(rotationOf('json-file', { 'max-size': '10m', 'max-file': '3', compress: 'true' })).toEqual({ maxSize: '10m', maxFile: 3, compress: true, unbounded: false })
  })

  it("gives the local driver's defaults (20m x 5, compressed), which the options may change", () => {
    expect(rotationOf('local', {})).toEqual({ maxSize: '20m', maxFile: 5, compress: true, unbounded: false })
    expect(rotationOf('local', { 'max-size': '1m', 'max-file': '2', compress: 'false' })).toEqual({ maxSize: '1m', maxFile: 2, compress: false, unbounded: false })
  })

  it('never calls a driver without files unbounded', () => {
    expect(rotationOf('journald', { 'max-size': '10m' })).toEqual({ maxSize: null, maxFile: null, compress: false, unbounded: false })
  })
})

describe('logSourceOf', () => {
  it('reads the driver, its options and LogPath, and stands an absent LogConfig for no driver', () => {
    expect(logSourceOf({ Id: ID, LogPath: '/p', HostConfig: { LogConfig: { Type: 'json-file', Config: { 'max-size': '1m' } } } })).toEqual(source('json-file', { 'max-size': '1m' }, '/p'))
    expect(logSourceOf({ Id: ID, HostConfig: { LogConfig: { Type: 'none', Config: null } } })).toEqual(source('none'))
    expect(logSourceOf({ Id: ID })).toEqual(source(''))
  })
})

describe('measureLogFiles and logSizeOf', () => {
  it('adds the active file and its rotations up, leaving other files of the folder out', async () => {
    const folder = join(root, 'containers', ID)
    await mkdir(folder, { recursive: true })
    const active = join(folder, `${ID}-json.log`)
    await writeFile(active, 'x'.repeat(100))
    await writeFile(`${active}.1`, 'x'.repeat(1000))
    await writeFile(`${active}.2.gz`, 'x'.repeat(10))
    await writeFile(join(folder, 'config.v2.json'), 'x'.repeat(5000))
    await mkdir(`${active}.3`)
    expect(await measureLogFiles(active)).toEqual({ bytes: 1110, files: 3 })
    const size = await logSizeOf(source('json-file', { 'max-size': '1k', 'max-file': '3', compress: 'true' }, active), root, null)
    expect(size).toMatchObject({ bytes: 1110, files: 3, reason: null, maxSize: '1k', maxFile: 3, compress: true, unbounded: false })
  })

  it("measures the local driver's folder under the data root", async () => {
    const folder = join(root, 'containers', ID, 'local-logs')
    await mkdir(folder, { recursive: true })
    await writeFile(join(folder, 'container.log'), 'y'.repeat(42))
    await writeFile(join(folder, 'container.log.1.gz'), 'y'.repeat(8))
    expect(await logSizeOf(source('local'), root, null)).toMatchObject({ driver: 'local', bytes: 50, files: 2, reason: null })
  })

  it('counts a container that logged nothing yet as 0 bytes, and a missing folder as not-found', async () => {
    const other = 'b'.repeat(64)
    await mkdir(join(root, 'containers', other), { recursive: true })
    expect(await logSizeOf({ id: other, driver: 'json-file', options: {}, logPath: '' }, root, null)).toMatchObject({ bytes: 0, files: 0, reason: null, unbounded: true })
    expect(await logSizeOf({ id: 'c'.repeat(64), driver: 'json-file', options: {}, logPath: '' }, root, null)).toMatchObject({ bytes: null, reason: 'not-found' })
  })

  it('names the reason when the size cannot be known: another driver, a remote engine', async () => {
    expect(await logSizeOf(source('journald'), root, null)).toMatchObject({ bytes: null, reason: 'driver-not-file' })
    // A driver without files says so even on a remote engine: that is the truer reason.
    expect(await logSizeOf(source('none'), null, 'remote-engine')).toMatchObject({ bytes: null, reason: 'driver-not-file' })
    expect(await logSizeOf(source('json-file', {}, '/x/y.log'), null, 'remote-engine')).toMatchObject({ bytes: null, reason: 'remote-engine' })
  })

  it.skipIf(process.getuid?.() === 0)('says no-permission for a folder it may not list', async () => {
    const folder = join(root, 'locked')
    await mkdir(folder)
    await writeFile(join(folder, 'x.log'), 'z')
    await chmod(folder, 0o000)
    try {
      expect(await measureLogFiles(join(folder, 'x.log'))).toEqual({ reason: 'no-permission' })
    } finally {
      await chmod(folder, 0o755)
    }
  })
})
