import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStrataCore, type StrataCore } from '../../electron/core/api/core'
import { callOk } from '../support/engine'
import { buildPodmanFixture, startPrivatePodman, type PrivatePodman } from '../support/podman'

// Podman's Docker-compatible service as a second real engine: the same core calls, the
// answers that differ from Docker's (bare IDs, no LayersSize, a commit that needs a body).

const TAG = 'localhost/strata/podman:1'
let podman: PrivatePodman
let core: StrataCore
let imageId = ''

beforeAll(async () => {
  podman = await startPrivatePodman()
  imageId = `sha256:${buildPodmanFixture(podman, TAG)}`
  core = createStrataCore({ host: podman.host })
}, 120_000)
afterAll(async () => {
  await core.close()
  await podman.stop()
})

describe('Podman as the engine', () => {
  it('is named Podman, with its version and storage', async () => {
    const info = await callOk(core, 'engine.info', {})
    expect(info.podman).toBe(true)
    expect(info.engineVersion).toBe(podman.podman('version', '--format', '{{.Server.Version}}'))
    expect(info.storageDriver).toBe('vfs')
    // containers/storage, not containerd's snapshotter: the classic arithmetic holds.
    expect(info.imageStore).toBe('classic')
  })

  it("lists the image with its platform and Podman's own size", async () => {
    const image = (await callOk(core, 'images.list', {})).find((entry) => entry.id === imageId)
    expect(image?.repoTags).toEqual([TAG])
    expect(image?.platform).toMatchObject({ os: 'linux', architecture: 'amd64' })
    expect(image?.size).toBe(Number(podman.podman('image', 'inspect', '--format', '{{.Size}}', TAG)))
  })

  it('reads the layers: the deleted 512 KiB file is a whiteout and counts as wasted', async () => {
    const analysis = await callOk(core, 'layers.analyze', { ref: TAG })
    expect(analysis.layers).toHaveLength(4)
    expect(analysis.wasted[0]).toMatchObject({ path: 'data/big', bytes: 512 * 1024 })
    expect(analysis.wastedBytes).toBe(512 * 1024 + 'hello\n'.length)
    const top = await callOk(core, 'layers.tree', { ref: TAG, layer: 3, path: 'data', onlyChanges: true })
    expect(top.entries.map((entry) => [entry.name, entry.change])).toEqual([
      ['a', 'modified'],
      ['big', 'removed'],
    ])
  })

  it('names a stopped container as what blocks deleting the image (Podman refuses the sha256: ancestor filter)', async () => {
    podman.podman('create', '--name', 'strata-pod', '--network', 'none', TAG, '/bin/busybox', 'sleep', '300')
    const plan = await callOk(core, 'images.blockers', { ref: TAG })
    expect(plan.blockers).toEqual([expect.objectContaining({ kind: 'stopped-container', name: 'strata-pod', remedy: 'remove-container' })])
  })

  it('starts and stops the container', async () => {
    expect(await callOk(core, 'containers.start', { id: 'strata-pod' })).toMatchObject({ state: 'running' })
    expect((await callOk(core, 'images.blockers', { ref: TAG })).blockers[0]).toMatchObject({ kind: 'running-container' })
    expect(await callOk(core, 'containers.stop', { id: 'strata-pod', timeoutSeconds: 1 })).toMatchObject({ state: 'exited' })
  })

  it('commits the container with ENV and STOPSIGNAL (Podman takes the signal only as a change line)', async () => {
    const result = await callOk(core, 'containers.commit', { id: 'strata-pod', repository: 'localhost/strata/committed', tag: '1', changes: { env: ['A=1'], stopSignal: 'SIGINT' } })
    const config = JSON.parse(podman.podman('image', 'inspect', '--format', '{{json .Config}}', result.id)) as { Env?: string[]; StopSignal?: string }
    expect(config.Env).toContain('A=1')
    // Podman stores the signal by number.
    expect(['SIGINT', '2']).toContain(config.StopSignal)
    const parent = (await callOk(core, 'images.blockers', { ref: TAG })).blockers.map((blocker) => blocker.kind)
    expect(parent).toContain('child-image')
  })

  it('cleans up the container and the committed image; the freed bytes, summed from what Podman lists, equal the prediction', async () => {
    const options = { containers: true, unused: true }
    const plan = await callOk(core, 'cleanup.plan', options)
    const committed = plan.items.find((item) => item.kind === 'image' && item.names.includes('localhost/strata/committed:1'))
    expect(committed?.bytesFreed).toBeGreaterThan(0)
    expect(plan.items.find((item) => item.kind === 'container')?.names).toEqual(['strata-pod'])
    const keys = plan.items.filter((item) => item.kind === 'container' || item === committed).map((item) => item.key)
    const report = await callOk(core, 'cleanup.execute', { options, confirmed: keys })
    expect(report.outcomes.map((outcome) => outcome.status)).toEqual(['removed', 'removed'])
    expect(report.layersBytesSource).toBe('images')
    expect(report.freed.layers).toBe(committed?.bytesFreed)
    expect(report.layersBytesBefore - (report.layersBytesAfter ?? Number.NaN)).toBe(report.freed.layers)
    expect(podman.podman('images', '--format', '{{.Repository}}:{{.Tag}}').split('\n')).toEqual([TAG])
  })

  it('deletes an image with two names after untagging one, as on Docker', async () => {
    podman.podman('tag', TAG, 'localhost/strata/second:1')
    const plan = await callOk(core, 'cleanup.plan', { unused: true })
    const item = plan.items.find((entry) => entry.id === imageId)
    expect(item?.bytesFreed).toBeGreaterThan(0)
    const report = await callOk(core, 'cleanup.execute', { options: { unused: true }, confirmed: [item?.key ?? ''] })
    expect(report.outcomes[0]).toMatchObject({ status: 'removed' })
    expect(report.freed.layers).toBe(item?.bytesFreed)
    expect(podman.podman('images', '-a', '--format', '{{.ID}}')).toBe('')
  })
})
