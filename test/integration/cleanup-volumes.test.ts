import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type Docker from 'dockerode'
import type { CleanupItem } from '../../shared/types'
import { Leftovers } from '../support/containers'
import { dockerCli } from '../support/docker-cli'
import { callOk, privateCore, privateDocker } from '../support/engine'
import { runStrata, type CliRun } from '../support/strata-cli'
import { BASE } from './cleanup-helpers'

// The daemon is shared with the other engine test files, which may leave volumes of their
// own: every assertion looks at this file's volumes, and execute confirms only those.
const docker = privateDocker()
const core = privateCore()
const leftovers = new Leftovers(docker)
const volumes = new Set<string>()
const cacheHome = mkdtempSync(join(tmpdir(), 'strata-cleanup-volumes-cache-'))
const strata = (...args: string[]): Promise<CliRun> => runStrata([...args, '--host', inject('dockerHost')], { XDG_CACHE_HOME: cacheHome })

const LABEL = 'strata.test=cleanup-volumes'
const NAMED = 'strata-cleanup-vol-unused'
const USED = 'strata-cleanup-vol-used'
const NAMED_BYTES = 64 * 1024
const ANONYMOUS_BYTES = 12_345
let anonymous = ''

afterAll(async () => {
  await leftovers.clean()
  for (const name of volumes) await docker.getVolume(name).remove({ force: true }).catch(() => undefined)
  await core.close()
  rmSync(cacheHome, { recursive: true, force: true })
})

/** Writes `bytes` into the container's /data and waits for it to exit; the container stays (stopped). */
async function writeInto(options: Docker.ContainerCreateOptions, bytes: number): Promise<Docker.Container> {
  const container = await docker.createContainer({ Image: BASE, Cmd: ['sh', '-c', `dd if=/dev/zero of=/data/blob bs=${String(bytes)} count=1`], ...options })
  leftovers.container(container.id)
  await container.start()
  const exit = (await container.wait()) as { StatusCode: number }
  if (exit.StatusCode !== 0) throw new Error(`writing into the volume exited with ${String(exit.StatusCode)}`)
  return container
}

async function volumeExists(name: string): Promise<boolean> {
  return docker.getVolume(name).inspect().then(() => true, () => false)
}

/** go-units' HumanSize, as `docker system df` prints sizes: decimal units, 4 significant digits. */
function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let size = bytes
  let unit = 0
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000
    unit += 1
  }
  return `${String(Number(size.toPrecision(4)))}${units[unit] ?? ''}`
}

/** The "Local Volumes space usage" table of `docker system df -v`: name -> size as printed. */
async function dockerDfVolumes(): Promise<Map<string, string>> {
  const text = await dockerCli('system', 'df', '-v')
  const lines = text.split('\n')
  const start = lines.findIndex((line) => line.startsWith('Local Volumes space usage'))
  const sizes = new Map<string, string>()
  // Title, blank line, header; the rows run to the next blank line.
  for (const line of lines.slice(start + 3)) {
    if (line.trim() === '') break
    const [name, , size] = line.trim().split(/\s+/)
    if (name !== undefined && size !== undefined) sizes.set(name, size)
  }
  return sizes
}

function ours(items: readonly CleanupItem[]): CleanupItem[] {
  return items.filter((item) => item.kind === 'volume' && (item.id === NAMED || item.id === USED || item.id === anonymous))
}

beforeAll(async () => {
  await docker.createVolume({ Name: NAMED, Labels: { 'strata.test': 'cleanup-volumes' } })
  volumes.add(NAMED)
  await (await writeInto({ HostConfig: { Binds: [`${NAMED}:/data`] } }, NAMED_BYTES)).remove()

  // A container's own volume with no name given: the engine names it with 64 hex digits.
  const maker = await writeInto({ Volumes: { '/data': {} } }, ANONYMOUS_BYTES)
  anonymous = ((await maker.inspect()) as { Mounts: { Name: string }[] }).Mounts[0]?.Name ?? ''
  volumes.add(anonymous)
  // Without v: the anonymous volume outlives its container, as after `docker rm` without -v.
  await maker.remove({ v: false })

  await docker.createVolume({ Name: USED, Labels: { 'strata.test': 'cleanup-volumes' } })
  volumes.add(USED)
  await writeInto({ name: 'strata-cleanup-vol-user', HostConfig: { Binds: [`${USED}:/data`] } }, 4096)
}, 120_000)

describe('cleanup of unused volumes against the engine', () => {
  it('never offers a volume unless volumes are chosen, and removes none', async () => {
    const plan = await callOk(core, 'cleanup.plan', { unused: true, containers: true, buildCache: true, labels: [LABEL] })
    expect(plan.items.filter((item) => item.kind === 'volume')).toEqual([])
    const report = await callOk(core, 'cleanup.execute', { options: { dangling: true, labels: [LABEL] }, confirmed: [`volume:${NAMED}`, `volume:${anonymous}`] })
    expect(report.outcomes.every((outcome) => outcome.status === 'skipped')).toBe(true)
    expect([await volumeExists(NAMED), await volumeExists(anonymous), await volumeExists(USED)]).toEqual([true, true, true])
  })

  it('offers the unused named and anonymous volumes with the sizes docker system df -v gives, and keeps the one a stopped container mounts', async () => {
    expect(anonymous).toMatch(/^[0-9a-f]{64}$/)
    const plan = await callOk(core, 'cleanup.plan', { volumes: true })
    const items = new Map(ours(plan.items).map((item) => [item.id, item]))
    expect([...items.keys()].sort()).toEqual([NAMED, anonymous].sort())
    expect(items.get(NAMED)).toMatchObject({ reason: 'unused-volume', bytesFreed: NAMED_BYTES, volume: { anonymous: false, driver: 'local', sizeKnown: true } })
    expect(items.get(anonymous)).toMatchObject({ bytesFreed: ANONYMOUS_BYTES, volume: { anonymous: true } })
    const df = await dockerDfVolumes()
    for (const item of items.values()) expect(humanSize(item.bytesFreed), item.id).toBe(df.get(item.id))
    expect(plan.protected.find((kept) => kept.id === USED)).toMatchObject({ kind: 'volume', reason: 'stopped-container', blockers: [{ kind: 'stopped-container', name: 'strata-cleanup-vol-user' }] })
    expect(plan.diskMap.volumes.find((tile) => tile.name === USED)).toMatchObject({ inUse: true, planned: false, bytes: 4096 })
  })

  it('strata cleanup --volumes --dry-run marks named and anonymous volumes in text and JSON', async () => {
    const json = await strata('cleanup', '--volumes', '--dry-run', '--json')
    expect(json.code).toBe(0)
    const printed = JSON.parse(json.stdout) as { items: { id: string; kind: string; anonymous?: boolean; bytesFreed: number }[] }
    expect(printed.items.find((item) => item.id === NAMED)).toMatchObject({ kind: 'volume', anonymous: false, bytesFreed: NAMED_BYTES })
    expect(printed.items.find((item) => item.id === anonymous)).toMatchObject({ kind: 'volume', anonymous: true, bytesFreed: ANONYMOUS_BYTES })
    expect(printed.items.some((item) => item.id === USED)).toBe(false)
    const text = await strata('cleanup', '--volumes', '--dry-run')
    expect(text.stdout).toMatch(new RegExp(`volume \\(named\\)\\s+${NAMED}\\s+-\\s+65\\.5 kB`))
    expect(text.stdout).toMatch(new RegExp(`volume \\(anonymous\\)\\s+${anonymous.slice(0, 12)}\\s`))
    expect(await volumeExists(NAMED)).toBe(true)
  })

  it('removes the confirmed unused volumes, leaves the used one, and measures what the plan predicted', async () => {
    const options = { volumes: true }
    const confirmed = [`volume:${NAMED}`, `volume:${anonymous}`, `volume:${USED}`]
    const report = await callOk(core, 'cleanup.execute', { options, confirmed })
    const outcomes = new Map(report.outcomes.map((outcome) => [outcome.id, outcome]))
    expect(outcomes.get(NAMED)?.status).toBe('removed')
    expect(outcomes.get(anonymous)).toMatchObject({ status: 'removed', volume: { anonymous: true } })
    expect(outcomes.get(USED)).toMatchObject({ status: 'skipped', reason: 'no longer in the plan: a container that stays uses it' })
    expect(report.predicted.volumes).toBe(NAMED_BYTES + ANONYMOUS_BYTES)
    expect(report.freed.volumes).toBe(report.predicted.volumes)
    expect(report.freedBytes).toBe(report.predictedBytes)
    expect([await volumeExists(NAMED), await volumeExists(anonymous), await volumeExists(USED)]).toEqual([false, false, true])
  })

  it('removes a volume mounted only by a stopped container the same plan removes, after it', async () => {
    const name = 'strata-cleanup-vol-cascade'
    await docker.createVolume({ Name: name, Labels: { 'strata.test': 'cleanup-volumes' } })
    volumes.add(name)
    const holder = await writeInto({ name: 'strata-cleanup-vol-cascade-user', Labels: { 'strata.test': 'cleanup-volumes' }, HostConfig: { Binds: [`${name}:/data`] } }, 2048)
    const options = { containers: true, volumes: true, labels: [LABEL] }
    const plan = await callOk(core, 'cleanup.plan', options)
    const keys = plan.items.map((item) => item.key)
    expect(keys).toContain(`container:${holder.id}`)
    expect(plan.items.find((item) => item.id === name)?.after).toEqual([`container:${holder.id}`])
    expect(keys.indexOf(`volume:${name}`)).toBeGreaterThan(keys.indexOf(`container:${holder.id}`))
    const report = await callOk(core, 'cleanup.execute', { options, confirmed: [`container:${holder.id}`, `volume:${name}`] })
    expect(report.outcomes.map((outcome) => [outcome.key, outcome.status])).toEqual([
      [`container:${holder.id}`, 'removed'],
      [`volume:${name}`, 'removed'],
    ])
    expect(report.freed.volumes).toBe(2048)
    expect(await volumeExists(name)).toBe(false)
  })
})
