import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import type { EngineInfo, ImageSummary } from '../../shared/types'
import { FIXTURES, buildFixture } from '../support/fixtures'
import { dockerCli } from '../support/docker-cli'
import { privateDocker } from '../support/engine'
import { runStrata, type CliRun } from '../support/strata-cli'

// The CLI persists its image cache; keep it out of the real home folder.
const cacheHome = mkdtempSync(join(tmpdir(), 'strata-cli-cache-'))
afterAll(() => {
  rmSync(cacheHome, { recursive: true, force: true })
})

const strata = (args: string[], env: Record<string, string> = {}): Promise<CliRun> => runStrata(args, { XDG_CACHE_HOME: cacheHome, ...env })

describe('strata command line', () => {
  it('engine --json reports the engine with the docker CLI\'s storage driver', async () => {
    const run = await strata(['engine', '--json', '--host', inject('dockerHost')])
    expect(run.code).toBe(0)
    const info = JSON.parse(run.stdout) as EngineInfo
    expect(info.storageDriver).toBe((await dockerCli('info', '--format', '{{.Driver}}')).trim())
    expect(info.dataRoot).toBe((await dockerCli('info', '--format', '{{.DockerRootDir}}')).trim())
    expect(info.endpoint.source).toBe('explicit')
    expect(info.imageStore).toBe('classic')
  })

  it('--engine NAME opens an engine saved in the Settings view, and refuses a name nobody saved', async () => {
    const configHome = mkdtempSync(join(tmpdir(), 'strata-cli-config-'))
    mkdirSync(join(configHome, 'strata'))
    writeFileSync(join(configHome, 'strata', 'settings.json'), `${JSON.stringify({ engines: [{ name: 'private', host: inject('dockerHost') }, { name: 'other', host: 'unix:///nowhere.sock' }] })}\n`)
    const env = { XDG_CONFIG_HOME: configHome, DOCKER_HOST: 'unix:///tmp/strata-no-engine.sock' }
    try {
      const listed = await strata(['engine', '--json', '--engine', 'private'], env)
      expect(listed.code).toBe(0)
      expect((JSON.parse(listed.stdout) as EngineInfo).endpoint.url).toBe(inject('dockerHost'))
      const unknown = await strata(['images', '--engine', 'nope'], env)
      expect(unknown.code).toBe(2)
      expect(unknown.stderr).toContain('no engine named "nope" is saved; saved: private, other')
      const both = await strata(['images', '--engine', 'private', '--host', inject('dockerHost')], env)
      expect(both.code).toBe(2)
      expect(both.stderr).toContain('--host and --engine')
    } finally {
      rmSync(configHome, { recursive: true, force: true })
    }
  })

  it('images --json honours DOCKER_HOST', async () => {
    const run = await strata(['images', '--json'], { DOCKER_HOST: inject('dockerHost') })
    expect(run.code).toBe(0)
    const images = JSON.parse(run.stdout) as ImageSummary[]
    expect(images.some((image) => image.repoTags.includes(FIXTURES.base.tag))).toBe(true)
  })

  it('prints a readable table without --json', async () => {
    const run = await strata(['images', '--host', inject('dockerHost')])
    expect(run.code).toBe(0)
    expect(run.stdout.split('\n')[0]).toMatch(/^REPOSITORY:TAG\s+IMAGE ID\s+CREATED \(UTC\)\s+SIZE\s+UNIQUE\s+SHARED\s+PLATFORM\s+RUNNING\/STOPPED$/)
    expect(run.stdout).toContain(FIXTURES.app.tag)
  })

  it('exits 1 with one line on stderr when the engine is unreachable', async () => {
    const run = await strata(['engine', '--json', '--host', 'unix:///nonexistent/docker.sock'])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^strata: No Docker engine answers at unix:\/\/\/nonexistent\/docker.sock/)
  })

  it('exits 2 on bad usage', async () => {
    expect((await strata(['frobnicate'])).code).toBe(2)
    expect((await strata(['images', '--bogus'])).code).toBe(2)
    expect((await strata(['images', '--port', '80'])).code).toBe(2)
    expect((await strata(['serve', '--port', 'eighty'])).code).toBe(2)
    expect((await strata([])).code).toBe(2)
    expect((await strata(['image'])).code).toBe(2)
    expect((await strata(['images', '--force'])).code).toBe(2)
  })

  it('exits 2 for a --host that is not an address', async () => {
    const run = await strata(['images', '--host', 'ftp://nope'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/not a Docker host address/)
  })
})

describe('strata image, blockers and rm', () => {
  it('image --json gives the catalog fields and the layer stack', async () => {
    const run = await strata(['image', FIXTURES.app.tag, '--json', '--host', inject('dockerHost')])
    expect(run.code).toBe(0)
    const image = JSON.parse(run.stdout) as Record<string, unknown> & { layers: Record<string, unknown>[] }
    expect(Object.keys(image)).toEqual(expect.arrayContaining(['id', 'repoTags', 'repoDigests', 'created', 'size', 'sharedSize', 'uniqueSize', 'platform', 'containers', 'layers']))
    expect(image.id).toBe(inject('fixtureIds').app)
    expect(Object.keys(image.layers[0] ?? {})).toEqual(expect.arrayContaining(['diffId', 'chainId', 'size', 'createdBy', 'sharedWith']))
    expect(image).not.toHaveProperty('rawInspect')
  })

  it('rm refuses a blocked image and names the blocker, then clears it with --with-containers', async () => {
    const docker = privateDocker()
    await docker.getImage(FIXTURES.base.tag).tag({ repo: 'cli/doomed', tag: '1' })
    // A commit makes an image of its own that nothing else holds.
    const holder = await docker.createContainer({ Image: FIXTURES.base.tag, Cmd: ['/bin/true'], name: 'cli-holder' })
    const committed = (await holder.commit({ repo: 'cli/doomed', tag: '2' })) as { Id: string }
    await holder.remove()
    const user = await docker.createContainer({ Image: 'cli/doomed:2', Cmd: ['/bin/true'], name: 'cli-user' })

    const blockers = await strata(['blockers', 'cli/doomed:2', '--json', '--host', inject('dockerHost')])
    expect(JSON.parse(blockers.stdout)).toEqual([{ kind: 'stopped-container', id: user.id, name: 'cli-user', state: 'created', remedy: 'remove-container', forceOverrides: true }])

    const refused = await strata(['rm', 'cli/doomed:2', '--yes', '--host', inject('dockerHost')])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('container cli-user (created) uses it')

    const cleared = await strata(['rm', 'cli/doomed:2', '--with-containers', '--yes', '--json', '--host', inject('dockerHost')])
    expect(cleared.code).toBe(0)
    const result = JSON.parse(cleared.stdout) as { removedContainers: string[]; deletedImages: string[]; freedBytes: number }
    expect(result.removedContainers).toEqual([user.id])
    expect(result.deletedImages).toContain(committed.Id)
    expect(result.freedBytes).toBeGreaterThanOrEqual(0)

    const untag = await strata(['rm', 'cli/doomed:1', '--untag', '--yes', '--json', '--host', inject('dockerHost')])
    expect(untag.code).toBe(0)
    expect((JSON.parse(untag.stdout) as { untagged: string[]; deletedImages: string[] })).toMatchObject({ untagged: ['cli/doomed:1'], deletedImages: [] })
    expect((await docker.getImage(FIXTURES.base.tag).inspect()).Id).toBe(inject('fixtureIds').base)
  })

  it('rm without a terminal and without --yes deletes nothing', async () => {
    await privateDocker().getImage(FIXTURES.base.tag).tag({ repo: 'cli/kept', tag: '1' })
    const run = await strata(['rm', 'cli/kept:1', '--untag', '--host', inject('dockerHost')])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/pass --yes/)
    expect((await privateDocker().getImage('cli/kept:1').inspect()).Id).toBe(inject('fixtureIds').base)
    await privateDocker().getImage('cli/kept:1').remove()
  })
})

describe('strata analyze', () => {
  it('analyzes an engine image and a saved archive alike, and gates CI on waste', async () => {
    await buildFixture(privateDocker(), { tag: 'cli/wasteful:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN dd if=/dev/zero of=/junk bs=1024 count=2048\nRUN rm /junk` })
    const fromEngine = await strata(['analyze', 'cli/wasteful:1', '--json', '--host', inject('dockerHost')])
    expect(fromEngine.code).toBe(0)
    const analysis = JSON.parse(fromEngine.stdout) as { wastedBytes: number; layers: { removed: number }[]; wasted: { path: string }[] }
    expect(analysis.wastedBytes).toBe(2048 * 1024)
    expect(analysis.wasted[0]?.path).toBe('junk')

    const archive = join(cacheHome, 'wasteful.tar')
    await dockerCli('save', '-o', archive, 'cli/wasteful:1')
    const fromFile = await strata(['analyze', archive, '--json'])
    expect(fromFile.code).toBe(0)
    expect(JSON.parse(fromFile.stdout)).toEqual(analysis)

    const gate = await strata(['analyze', 'cli/wasteful:1', '--ci', '--host', inject('dockerHost')])
    expect(gate.code).toBe(1)
    expect(gate.stdout).toMatch(/FAIL\s+highestUserWastedPercent/)
    const lenient = await strata(['analyze', archive, '--ci', '--lowestEfficiency', '0', '--highestWastedBytes', '5MB', '--highestUserWastedPercent', '1'])
    expect(lenient.code).toBe(0)
    expect(lenient.stdout).toContain('Result: PASS')
    // dive refuses a value it cannot read with exit 1, before analyzing; Strata's old option names are usage mistakes.
    expect((await strata(['analyze', archive, '--ci', '--highestWastedBytes', 'lots'])).code).toBe(1)
    expect((await strata(['analyze', archive, '--ci', '--highest-wasted', '5MB'])).code).toBe(2)
  })

  it('analyzes and lists with a cache folder that cannot be made, the same as with one', async () => {
    // /proc answers ENOENT to every mkdir: Node's own recursive mkdir looped there forever, at full CPU.
    const nowhere = { XDG_CACHE_HOME: '/proc/strata-nowhere' }
    const host = ['--host', inject('dockerHost')]
    const cached = await strata(['analyze', 'cli/wasteful:1', '--json', ...host])
    const uncached = await strata(['analyze', 'cli/wasteful:1', '--json', ...host], nowhere)
    expect(uncached.code).toBe(0)
    expect(uncached.stdout).toBe(cached.stdout)
    const listed = await strata(['images', '--json', ...host], nowhere)
    expect(listed.code).toBe(0)
    expect((JSON.parse(listed.stdout) as ImageSummary[]).some((image) => image.repoTags.includes('cli/wasteful:1'))).toBe(true)
  }, 60_000)
})

describe('strata cat, extract and diff', () => {
  it('prints a file as of a layer, extracts it without clobbering, and diffs two images', async () => {
    await buildFixture(privateDocker(), { tag: 'cli/files:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN echo first > /note.txt\nRUN echo second > /note.txt` })
    const host = ['--host', inject('dockerHost')]
    expect((await strata(['cat', 'cli/files:1', '/note.txt', ...host])).stdout).toBe('second\n')
    expect((await strata(['cat', 'cli/files:1', 'note.txt', '--layer', '2', ...host])).stdout).toBe('first\n')
    const missing = await strata(['cat', 'cli/files:1', '/nope', ...host])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/No file nope/)

    const output = join(cacheHome, 'busybox.out')
    const extracted = await strata(['extract', 'cli/files:1', '/bin/busybox', '-o', output, ...host])
    expect(extracted.code).toBe(0)
    expect(readFileSync(output)).toEqual(readFileSync('/bin/busybox'))
    const again = await strata(['extract', 'cli/files:1', '/bin/busybox', '-o', output, ...host])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/exists already/)
    expect(readdirSync(cacheHome).filter((name) => name.includes('strata-part'))).toEqual([])

    const diff = await strata(['diff', FIXTURES.base.tag, 'cli/files:1', '--json', ...host])
    expect(diff.code).toBe(0)
    const parsed = JSON.parse(diff.stdout) as { sharedLayers: unknown[]; added: { path: string }[]; changed: unknown[]; removed: unknown[] }
    expect(parsed.sharedLayers).toHaveLength(2)
    expect(parsed.added.map((file) => file.path)).toEqual(['note.txt'])
    expect(parsed.removed).toEqual([])
  })
})
