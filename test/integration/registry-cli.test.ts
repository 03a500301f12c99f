import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import type { LoadResult, PullResult, PushResult, RemoteImage, SaveResult, TagResult } from '../../shared/types'
import { FIXTURES } from '../support/fixtures'
import { privateDocker } from '../support/engine'
import { forgetRegistryImages } from '../support/registry'
import { runStrata, type CliRun } from '../support/strata-cli'

const docker = privateDocker()
const work = mkdtempSync(join(tmpdir(), 'strata-registry-cli-'))
const configDir = join(work, 'docker-config')
mkdirSync(configDir)
const { host, multiArch } = inject('registryFixtures')
afterAll(async () => {
  await forgetRegistryImages(docker, host)
  rmSync(work, { recursive: true, force: true })
})

const strata = (...args: string[]): Promise<CliRun> => runStrata([...args, '--host', inject('dockerHost')], { DOCKER_CONFIG: configDir, XDG_CACHE_HOME: work })

/** The stdout of a run that succeeded quietly. */
function ok(run: CliRun): string {
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  return run.stdout
}

describe('strata registry and file commands', () => {
  it('inspect-remote --json gives mediaType, digest and each platform with size, layers and presence', async () => {
    const remote = JSON.parse(ok(await strata('inspect-remote', multiArch, '--json'))) as RemoteImage
    expect(Object.keys(remote).slice(0, 3)).toEqual(['mediaType', 'digest', 'platforms'])
    expect(remote.platforms.map((platform) => platform.architecture).sort()).toEqual(['amd64', 'arm64'])
    for (const platform of remote.platforms) {
      expect(platform.compressedSize).toBeGreaterThan(500_000)
      expect(platform.layers).toHaveLength(1)
      expect(typeof platform.presentLocally).toBe('boolean')
    }
    const text = await strata('inspect-remote', multiArch)
    expect(text.stdout).toMatch(/^PLATFORM\s+MANIFEST\s+COMPRESSED\s+LAYERS\s+HERE\s+DOWNLOAD$/m)
    expect(text.stdout).toMatch(/^linux\/arm64\s+[0-9a-f]{12}\s/m)
  })

  it('pull --platform linux/arm64 answers the arm64 image; a bad --platform is a usage error', async () => {
    const pulled = JSON.parse(ok(await strata('pull', multiArch, '--platform', 'linux/arm64', '--json'))) as PullResult
    expect(pulled.images[0]?.platform.architecture).toBe('arm64')
    expect((await docker.getImage(multiArch).inspect()).Id).toBe(pulled.images[0]?.id)
    expect((await strata('pull', multiArch, '--platform', 'arm64')).code).toBe(2)
    expect((await strata('pull', multiArch, '-o', 'x')).code).toBe(2)
  })

  it('tag, push, then inspect-remote round-trips: the registry holds the pushed digest and the image is here', async () => {
    const target = `${host}/strata/app:pushed`
    const tagged = JSON.parse(ok(await strata('tag', FIXTURES.app.tag, target, '--json'))) as TagResult
    expect(tagged).toMatchObject({ id: inject('fixtureIds').app, tag: target, previousOwner: null })
    const pushed = JSON.parse(ok(await strata('push', target, '--json'))) as PushResult
    expect(pushed.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    const local = await docker.getImage(target).inspect()
    expect(pushed.layers).toHaveLength(local.RootFS.Layers?.length ?? -1)
    expect(pushed.layers.every((layer) => layer.status === 'done' || layer.status === 'exists' || layer.status === 'mounted')).toBe(true)
    const remote = JSON.parse(ok(await strata('inspect-remote', target, '--json'))) as RemoteImage
    expect(remote.isIndex).toBe(false)
    expect(remote.digest).toBe(pushed.digest)
    expect(remote.platforms[0]).toMatchObject({ presentLocally: true, localImageId: local.Id, configDigest: local.Id, downloadSize: 0 })
    expect(remote.platforms[0]?.layers.map((layer) => layer.diffId)).toEqual(local.RootFS.Layers)
    // Pushed again, every layer is already there.
    const again = JSON.parse(ok(await strata('push', target, '--json'))) as PushResult
    expect(again.digest).toBe(pushed.digest)
    expect(again.layers.every((layer) => layer.status === 'exists')).toBe(true)
  })

  it('save then load round-trips the same image ID; analyze reads the file without loading it', async () => {
    const file = join(work, 'images.tar')
    const saved = JSON.parse(ok(await strata('save', FIXTURES.app.tag, multiArch, '-o', file, '--json'))) as SaveResult
    expect(saved.bytes).toBe(statSync(file).size)
    expect(saved.images.map((image) => image.id)).toEqual([inject('fixtureIds').app, (await docker.getImage(multiArch).inspect()).Id])
    expect(readdirSync(work).filter((name) => name.includes('strata-partial'))).toEqual([])
    const analyzed = await strata('analyze', file, '--json', '--platform', 'linux/arm64')
    expect(analyzed.code).toBe(0)

    const armId = (await docker.getImage(multiArch).inspect()).Id
    await docker.getImage(armId).remove({ force: true })
    await expect(docker.getImage(multiArch).inspect()).rejects.toMatchObject({ statusCode: 404 })
    const loaded = JSON.parse(ok(await strata('load', file, '--json'))) as LoadResult
    expect(loaded.loaded).toEqual(expect.arrayContaining([FIXTURES.app.tag, multiArch]))
    expect(loaded.images.map((image) => image.id)).toContain(armId)
    expect((await docker.getImage(multiArch).inspect()).Id).toBe(armId)
  })

  it('a failed save leaves no file under the target name and no partial file beside it', async () => {
    const folder = join(work, 'failed')
    mkdirSync(folder)
    const missing = await strata('save', 'strata/no-such-image:1', '-o', join(folder, 'out.tar'))
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/no such image/i)
    const noFolder = await strata('save', FIXTURES.base.tag, '-o', join(folder, 'absent', 'out.tar'))
    expect(noFolder.code).toBe(1)
    expect(readdirSync(folder)).toEqual([])
    expect(existsSync(join(folder, 'out.tar'))).toBe(false)
  })

  it('load of a file that is no image archive fails with the engine\'s reason', async () => {
    const run = await strata('load', '/bin/busybox')
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^strata: The engine could not load/)
  })

  it('exits 2 on bad usage of the registry commands', async () => {
    expect((await strata('save', FIXTURES.base.tag)).code).toBe(2)
    expect((await strata('tag', FIXTURES.base.tag)).code).toBe(2)
    expect((await strata('login', host)).code).toBe(2)
    expect((await strata('images', '-u', 'someone')).code).toBe(2)
  })
})
