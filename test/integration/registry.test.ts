import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { RemoteImage, TransferLayer } from '../../shared/types'
import { callError, callOk, privateCore, privateDocker } from '../support/engine'
import { forgetRegistryImages, freePort } from '../support/registry'

// An empty docker config of our own: no credentials, and the user's never read.
const configDir = mkdtempSync(join(tmpdir(), 'strata-docker-config-'))
process.env.DOCKER_CONFIG = configDir
const core = privateCore()
const docker = privateDocker()
const { host, multiArch, big } = inject('registryFixtures')
// Other files of the run pull and load the same fixture: start from an engine that holds none of it.
beforeAll(async () => {
  const held = await docker.listImages({ filters: JSON.stringify({ reference: [`${host}/multi/busybox`, `${host}/big/blob`] }) })
  for (const image of held) await docker.getImage(image.Id).remove({ force: true })
})
afterAll(async () => {
  await forgetRegistryImages(docker, host)
  await core.close()
  rmSync(configDir, { recursive: true, force: true })
})

interface RegistryManifest {
  manifests?: { digest: string; platform: { os: string; architecture: string } }[]
  config?: { digest: string }
  layers?: { digest: string; size: number }[]
}

async function registryJson(path: string): Promise<RegistryManifest> {
  const accept = 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json'
  const answer = await fetch(`http://${host}/v2/${path}`, { headers: { Accept: accept } })
  expect(answer.status).toBe(200)
  return (await answer.json()) as RegistryManifest
}

describe('remote references through the engine and the registry', () => {
  it('the private engine treats 127.0.0.0/8 as insecure, so it may use the plain-HTTP registry', async () => {
    const info = (await docker.info()) as { RegistryConfig: { InsecureRegistryCIDRs: string[] } }
    expect(info.RegistryConfig.InsecureRegistryCIDRs).toContain('127.0.0.0/8')
  })

  it('inspect lists both platforms with the digests, sizes and layer counts of the registry\'s manifests', async () => {
    const remote = await callOk(core, 'registry.inspect', { ref: multiArch })
    const index = await registryJson('multi/busybox/manifests/1')
    expect(remote.isIndex).toBe(true)
    expect(remote.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    expect(remote.platforms.map((platform) => `${platform.os}/${platform.architecture}`).sort()).toEqual(['linux/amd64', 'linux/arm64'])
    for (const entry of index.manifests ?? []) {
      const platform = remote.platforms.find((candidate) => candidate.digest === entry.digest)
      const manifest = await registryJson(`multi/busybox/manifests/${entry.digest}`)
      expect(platform?.architecture).toBe(entry.platform.architecture)
      expect(platform?.configDigest).toBe(manifest.config?.digest)
      expect(platform?.layers.map((layer) => layer.digest)).toEqual(manifest.layers?.map((layer) => layer.digest))
      expect(platform?.compressedSize).toBe((manifest.layers ?? []).reduce((sum, layer) => sum + layer.size, 0))
      expect(platform?.layers.every((layer) => layer.diffId?.startsWith('sha256:'))).toBe(true)
    }
    // The engine's own view, asked with the same (no) credentials, agrees.
    expect(remote.engine?.digest).toBe(remote.digest)
    expect(remote.engine?.platforms.map((platform) => platform.architecture).sort()).toEqual(['amd64', 'arm64'])
    const arm = remote.platforms.find((platform) => platform.architecture === 'arm64')
    expect(arm).toMatchObject({ presentLocally: false, localImageId: null, uncertainSize: 0 })
    expect(arm?.layers.map((layer) => layer.local)).toEqual(['absent'])
    expect(arm?.downloadSize).toBe(arm?.compressedSize)
  })

  it('pulls linux/arm64 with layer and byte progress; the layer parser reads the result; inspect then sees it present', async () => {
    const layers: TransferLayer[] = []
    const bytes: number[] = []
    const stopLayers = core.events.on('transfer.layer', (event) => {
      if (event.taskId === 'pull-arm') layers.push(event.layer)
    })
    const stopBytes = core.events.on('progress', (event) => {
      if (event.taskId === 'pull-arm') bytes.push(event.done)
    })
    const pulled = await callOk(core, 'registry.pull', { ref: multiArch, platform: 'linux/arm64', taskId: 'pull-arm' }).finally(() => {
      stopLayers()
      stopBytes()
    })
    const image = pulled.images[0]
    expect(pulled.images).toHaveLength(1)
    expect(image?.platform).toMatchObject({ os: 'linux', architecture: 'arm64' })
    expect((await docker.getImage(multiArch).inspect()).Architecture).toBe('arm64')
    expect(image?.layers.map((layer) => layer.status)).toEqual(['done'])
    expect(layers.some((layer) => layer.status === 'downloading' || layer.status === 'verifying')).toBe(true)
    expect(layers.at(-1)?.status).toBe('done')
    expect(bytes.length).toBeGreaterThan(0)

    const remote: RemoteImage = await callOk(core, 'registry.inspect', { ref: multiArch })
    const arm = remote.platforms.find((platform) => platform.architecture === 'arm64')
    expect(pulled.downloadedBytes).toBe(arm?.compressedSize)
    expect(pulled.digest).toBe(remote.digest)
    expect(arm).toMatchObject({ presentLocally: true, localImageId: image?.id, downloadSize: 0 })
    expect(arm?.configDigest).toBe(image?.id)

    const analysis = await callOk(core, 'layers.analyze', { ref: multiArch, files: true })
    expect(analysis.image.id).toBe(image?.id)
    expect(analysis.layers[0]?.files?.some((file) => file.path === 'bin/busybox')).toBe(true)

    // On API 1.41 the local side comes from the repo digest: the registry says it names an index of two.
    const local = await callOk(core, 'images.platforms', { ref: multiArch })
    expect(local).toMatchObject({ imageId: image?.id, source: 'registry', platform: { architecture: 'arm64' } })
    expect(local.manifests[0]).toMatchObject({ reference: `${host}/multi/busybox@${remote.digest}`, isIndex: true, error: null })
    expect(local.manifests[0]?.platforms.map((entry) => [entry.platform.architecture, entry.local])).toEqual([
      ['amd64', false],
      ['arm64', true],
    ])

    // Pulled again: the engine has it all and moves no byte.
    const again = await callOk(core, 'registry.pull', { ref: multiArch, platform: 'linux/arm64' })
    expect(again.images[0]).toMatchObject({ id: image?.id, upToDate: true, downloadedBytes: 0 })
  })

  it('pulls every platform: one image per platform, the tag on the engine\'s own', async () => {
    const pulled = await callOk(core, 'registry.pull', { ref: multiArch, platform: 'all' })
    const remote = await callOk(core, 'registry.inspect', { ref: multiArch })
    const byDigest = pulled.images.filter((image) => image.reference.includes('@'))
    expect(byDigest.map((image) => image.platform.architecture).sort()).toEqual(['amd64', 'arm64'])
    expect(remote.platforms.every((platform) => platform.presentLocally)).toBe(true)
    expect((await docker.getImage(multiArch).inspect()).Architecture).toBe('amd64')
  })

  it('a cancelled pull ends with CANCELLED mid-download and leaves no image', async () => {
    let cancelled = false
    const stop = core.events.on('transfer.layer', (event) => {
      if (event.taskId === 'pull-big' && event.layer.status === 'downloading' && !cancelled) {
        cancelled = true
        void core.call('tasks.cancel', { taskId: 'pull-big' })
      }
    })
    const outcome = await core.call('registry.pull', { ref: big, taskId: 'pull-big' }).finally(stop)
    expect(cancelled).toBe(true)
    expect(outcome.ok ? null : outcome.error.code).toBe('CANCELLED')
    await expect(docker.getImage(big).inspect()).rejects.toMatchObject({ statusCode: 404 })
  })

  it('an unknown tag is NOT_FOUND, an unknown platform too, and nothing is pulled', async () => {
    expect((await callError(core, 'registry.inspect', { ref: `${host}/multi/busybox:nope` })).code).toBe('NOT_FOUND')
    expect((await callError(core, 'registry.pull', { ref: `${host}/multi/busybox:nope` })).code).toBe('NOT_FOUND')
    const wrongPlatform = await callError(core, 'registry.pull', { ref: multiArch, platform: 'linux/s390x' })
    expect(wrongPlatform.code).toBe('NOT_FOUND')
    expect(wrongPlatform.message).toMatch(/s390x/)
    await expect(docker.getImage(`${host}/multi/busybox:nope`).inspect()).rejects.toMatchObject({ statusCode: 404 })
  })

  it('an unreachable registry is REGISTRY_UNREACHABLE for inspect and pull', async () => {
    const nowhere = `127.0.0.1:${String(await freePort())}/multi/busybox:1`
    const inspected = await callError(core, 'registry.inspect', { ref: nowhere })
    expect(inspected.code).toBe('REGISTRY_UNREACHABLE')
    expect(inspected.message).toMatch(/ECONNREFUSED/)
    const pulled = await callError(core, 'registry.pull', { ref: nowhere })
    expect(pulled.code, pulled.message).toBe('REGISTRY_UNREACHABLE')
  })
})
