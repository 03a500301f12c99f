import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createStrataCore } from '../../electron/core/api/core'
import type { ImageDetail, ImageSummary } from '../../shared/types'
import { blockerKey } from '../../shared/types'
import { FIXTURES, buildFixture } from '../support/fixtures'
import { callOk, privateCore, privateDocker } from '../support/engine'
import { dockerCli } from '../support/docker-cli'
import { engineDf } from '../support/engine-df'

/**
 * A scenario where naive arithmetic goes wrong: two bases, images sharing chains,
 * the same diff ID on two bases, a dangling image, three tags on one image, a
 * running and a stopped container, a classic-builder child, a LABEL-last image.
 */
const docker = privateDocker()
const core = privateCore()
const same = { 'same.txt': 'identical bytes on two bases\n' }
const ids: Record<string, string> = {}
let runningId = ''
let stoppedId = ''

beforeAll(async () => {
  ids.baseB = await buildFixture(docker, {
    tag: 'scn/base-b:1',
    dockerfile: ['FROM scratch', 'COPY busybox /bin/busybox', 'COPY marker /marker'].join('\n'),
    files: { marker: 'base b\n' },
  })
  ids.onA = await buildFixture(docker, { tag: 'scn/same-on-a:1', dockerfile: `FROM ${FIXTURES.base.tag}\nCOPY same.txt /same.txt`, files: same })
  ids.onB = await buildFixture(docker, { tag: 'scn/same-on-b:1', dockerfile: 'FROM scn/base-b:1\nCOPY same.txt /same.txt', files: same })
  ids.app1 = await buildFixture(docker, { tag: 'scn/app1:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN dd if=/dev/zero of=/app1.bin bs=1k count=300` })
  ids.app2 = await buildFixture(docker, { tag: 'scn/app2:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN dd if=/dev/zero of=/app2.bin bs=1k count=200` })
  ids.child = await buildFixture(docker, { tag: 'scn/child:1', dockerfile: 'FROM scn/app1:1\nRUN echo child > /child.txt' })
  ids.labeled = await buildFixture(docker, { tag: 'scn/labeled:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN echo labeled > /l.txt\nLABEL scn.last=label` })
  ids.dangling = await buildFixture(docker, { tag: 'scn/reused:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN echo first > /v.txt` })
  ids.reused = await buildFixture(docker, { tag: 'scn/reused:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN echo second > /v.txt` })
  ids.three = await buildFixture(docker, { tag: 'scn/three:a', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN echo three > /t.txt` })
  await docker.getImage('scn/three:a').tag({ repo: 'scn/three', tag: 'b' })
  await docker.getImage('scn/three:a').tag({ repo: 'scn/three-elsewhere', tag: 'c' })
  const running = await docker.createContainer({ Image: 'scn/app1:1', Cmd: ['/bin/sleep', '1000'], name: 'scn-running' })
  await running.start()
  runningId = running.id
  const stopped = await docker.createContainer({ Image: 'scn/app2:1', Cmd: ['/bin/true'], name: 'scn-stopped' })
  stoppedId = stopped.id
}, 180_000)

afterAll(async () => {
  for (const id of [runningId, stoppedId]) await docker.getContainer(id).remove({ force: true }).catch(() => undefined)
  await core.close()
})

interface DfImage {
  Id: string
  Size: number
  SharedSize: number
  Containers: number
}

describe('catalog sizes against the engine', () => {
  it('gives every image the shared and unique size /system/df reports', async () => {
    const catalog = await callOk(core, 'images.list', {})
    const df = await engineDf<{ Images: DfImage[] }>(docker)
    expect(catalog.map((image) => image.id).sort()).toEqual(df.Images.map((image) => image.Id).sort())
    for (const image of df.Images) {
      const ours = catalog.find((entry) => entry.id === image.Id)
      expect({ id: image.Id, size: ours?.size, shared: ours?.sharedSize, unique: ours?.uniqueSize }).toEqual({
        id: image.Id,
        size: image.Size,
        shared: image.SharedSize,
        unique: image.Size - image.SharedSize,
      })
    }
  })

  it('does not count the same diff ID on another base as shared', async () => {
    const onA = await callOk(core, 'images.inspect', { ref: ids.onA ?? '' })
    const onB = await callOk(core, 'images.inspect', { ref: ids.onB ?? '' })
    const topA = onA.layers.at(-1)
    const topB = onB.layers.at(-1)
    expect(topA?.diffId).toBe(topB?.diffId)
    expect(topA?.chainId).not.toBe(topB?.chainId)
    expect(topA?.sharedWith).toEqual([])
    expect(onA.summary.uniqueSize).toBeGreaterThanOrEqual(topA?.size ?? -1)
  })

  it('keeps the top layer of a LABEL-last image unique although its hidden parent has the same chain', async () => {
    const labeled = await callOk(core, 'images.inspect', { ref: ids.labeled ?? '' })
    const top = labeled.layers.at(-1)
    expect(top?.sharedWith).toEqual([])
    expect(labeled.summary.uniqueSize).toBe(top?.size)
    expect(labeled.layers.at(-1)?.emptySteps.map((step) => step.createdBy)).toEqual(['CMD ["/bin/sh"]'])
    expect(labeled.history.at(-1)).toMatchObject({ emptyLayer: true, createdBy: 'LABEL scn.last=label' })
  })

  it('marks the dangling image and the three tags, and splits containers by state', async () => {
    const catalog = await callOk(core, 'images.list', {})
    const byId = (id: string | undefined): ImageSummary | undefined => catalog.find((image) => image.id === id)
    expect(byId(ids.dangling)).toMatchObject({ dangling: true, repoTags: [] })
    expect(byId(ids.three)?.repoTags.sort()).toEqual(['scn/three-elsewhere:c', 'scn/three:a', 'scn/three:b'])
    expect(byId(ids.app1)?.containers.running.map((ref) => ref.name)).toEqual(['scn-running'])
    expect(byId(ids.app2)?.containers.stopped).toEqual([{ id: stoppedId, name: 'scn-stopped', state: 'created' }])
    expect(byId(ids.app1)?.platform).toEqual({ os: 'linux', architecture: 'amd64', variant: null })
  })
})

describe('layer stacks against docker history', () => {
  it('matches every step size and instruction of `docker history`, oldest first', async () => {
    for (const id of [ids.app1, ids.labeled, ids.onB, ids.child]) {
      const detail: ImageDetail = await callOk(core, 'images.inspect', { ref: id ?? '' })
      const lines = (await dockerCli('history', '--no-trunc', '--human=false', '--format', '{{.Size}}\t{{.CreatedBy}}', id ?? '')).trim().split('\n').reverse()
      expect(detail.history.map((step) => step.size)).toEqual(lines.map((line) => Number(line.split('\t')[0])))
      expect(detail.layers.reduce((sum, layer) => sum + layer.size, 0)).toBe(detail.summary.size)
      expect(detail.layers).toHaveLength(((detail.rawInspect as { RootFS: { Layers: string[] } }).RootFS.Layers).length)
    }
  })

  it('names the instruction of each layer and lists the images sharing it', async () => {
    const app1 = await callOk(core, 'images.inspect', { ref: ids.app1 ?? '' })
    expect(app1.layers.map((layer) => layer.createdBy)).toEqual([
      'COPY file:' + (app1.layers[0]?.createdBy.split('file:')[1] ?? ''),
      'RUN /bin/busybox --install -s /bin',
      'RUN dd if=/dev/zero of=/app1.bin bs=1k count=300',
    ])
    const sharedWith = app1.layers[0]?.sharedWith.map((image) => image.id) ?? []
    expect(sharedWith).toEqual(expect.arrayContaining([ids.app2, ids.labeled, ids.onA]))
    // Its own top layer is held by the child built on it, and by nothing else.
    expect(app1.layers[2]?.sharedWith.map((image) => image.id)).toEqual([ids.child])
  })
})

describe('blockers predicted, then checked by the engine', () => {
  it('names each blocker with its remedy', async () => {
    const app1 = await callOk(core, 'images.blockers', { ref: 'scn/app1:1' })
    expect(app1.blockers.map((blocker) => [blocker.kind, blocker.remedy, blocker.forceOverrides])).toEqual(
      expect.arrayContaining([
        ['child-image', 'delete-child', false],
        ['running-container', 'stop-and-remove', false],
      ]),
    )
    const three = await callOk(core, 'images.blockers', { ref: 'scn/three:a' })
    expect(three.blockers.filter((blocker) => blocker.kind === 'tag').map((blocker) => blocker.name).sort()).toEqual(['scn/three-elsewhere:c', 'scn/three:a', 'scn/three:b'])
    const app2 = await callOk(core, 'images.blockers', { ref: 'scn/app2:1' })
    expect(app2.blockers).toEqual([{ kind: 'stopped-container', id: stoppedId, name: 'scn-stopped', state: 'created', remedy: 'remove-container', forceOverrides: true }])
  })

  it('reports a container started after the check as the real blocker, and deletes nothing', async () => {
    const plan = await callOk(core, 'images.blockers', { ref: 'scn/same-on-b:1' })
    expect(plan.blockers).toEqual([])
    const late = await docker.createContainer({ Image: 'scn/same-on-b:1', Cmd: ['/bin/true'], name: 'scn-late' })
    try {
      const outcome = await core.call('images.remove', { id: plan.image.id, clearBlockers: true, confirmedBlockers: [] })
      expect(outcome.ok).toBe(false)
      if (!outcome.ok) {
        expect(outcome.error.code).toBe('CONFLICT')
        expect(outcome.error.detail.blockers).toEqual([expect.objectContaining({ kind: 'stopped-container', name: 'scn-late' })])
      }
      expect((await docker.getImage(plan.image.id).inspect()).Id).toBe(plan.image.id)
    } finally {
      await late.remove()
    }
  })

  it('stops and removes a running container, then deletes, freeing exactly the predicted unique bytes', async () => {
    const victim = await buildFixture(docker, { tag: 'scn/victim:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN dd if=/dev/zero of=/victim.bin bs=1k count=123` })
    // A shell that exits on SIGTERM, so stopping takes no 10 s timeout.
    const container = await docker.createContainer({ Image: 'scn/victim:1', Cmd: ['/bin/sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'], name: 'scn-victim-running' })
    await container.start()
    const predicted = (await callOk(core, 'images.list', {})).find((image) => image.id === victim)?.uniqueSize
    const plan = await callOk(core, 'images.blockers', { ref: victim })
    expect(plan.blockers.map((blocker) => blocker.kind)).toEqual(['running-container'])
    const result = await callOk(core, 'images.remove', { id: victim, clearBlockers: true, confirmedBlockers: plan.blockers.map(blockerKey) })
    expect(result.stoppedContainers).toEqual([container.id])
    expect(result.removedContainers).toEqual([container.id])
    expect(result.deletedImages).toContain(victim)
    expect(result.freedBytes).toBe(predicted)
    expect(result.freedBytes).toBe(result.layersBytesBefore - result.layersBytesAfter)
  })

  it('forces past a stopped container only with the confirmed list, orphaning it and freeing nothing', async () => {
    const forced = await buildFixture(docker, { tag: 'scn/forced:1', dockerfile: `FROM ${FIXTURES.base.tag}\nRUN dd if=/dev/zero of=/forced.bin bs=1k count=64` })
    const orphan = await docker.createContainer({ Image: 'scn/forced:1', Cmd: ['/bin/true'], name: 'scn-orphan' })
    try {
      const unconfirmed = await core.call('images.remove', { id: forced, force: true })
      expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      const plan = await callOk(core, 'images.blockers', { ref: forced })
      const result = await callOk(core, 'images.remove', { id: forced, force: true, confirmedBlockers: plan.blockers.map(blockerKey) })
      expect(result.deletedImages).toContain(forced)
      // The engine's LayersSize drops, yet the layers stay on disk under the orphaned container: nothing is freed.
      expect(result.layersBytesBefore - result.layersBytesAfter).toBeGreaterThan(0)
      expect(result.orphanedContainers).toEqual([orphan.id])
      expect(result.freedBytes).toBe(0)
      expect((await docker.getContainer(orphan.id).inspect()).Image).toBe(forced)
    } finally {
      await orphan.remove()
    }
  })

  it('predicts every delete: a blocker means the engine answers 409, none means it deletes', async () => {
    const order = ['child', 'three', 'app2', 'app1', 'labeled', 'dangling', 'reused', 'onA', 'onB', 'baseB']
    for (const name of order) {
      const id = ids[name] ?? ''
      const plan = await callOk(core, 'images.blockers', { ref: id })
      let status = 200
      await docker
        .getImage(id)
        .remove()
        .catch((error: unknown) => {
          status = (error as { statusCode: number }).statusCode
        })
      expect({ name, blocked: status === 409 }).toEqual({ name, blocked: plan.blockers.length > 0 })
      if (plan.blockers.length === 0) expect(status).toBe(200)
    }
  })
})

describe('persisted cache of immutable image data', () => {
  it('writes one inspect file per image, answers the same after a restart, and ignores a damaged file', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'strata-cache-'))
    try {
      const first = createStrataCore({ host: inject('dockerHost'), cacheDir })
      const before = await callOk(first, 'images.list', {})
      await first.close()
      const [engineFolder] = readdirSync(join(cacheDir, 'images'))
      const inspectFolder = join(cacheDir, 'images', engineFolder ?? '', 'inspect')
      const files = readdirSync(inspectFolder)
      expect(files.sort()).toEqual(before.map((image) => `${image.id.slice('sha256:'.length)}.json`).sort())
      // Sizes came from image sizes: far fewer histories than images were needed.
      expect(readdirSync(join(cacheDir, 'images', engineFolder ?? '', 'history')).length).toBeLessThan(files.length)

      writeFileSync(join(inspectFolder, files[0] ?? ''), '{"format":2,"data":{"id":"sha256:wrong"')
      const second = createStrataCore({ host: inject('dockerHost'), cacheDir })
      const after = await callOk(second, 'images.list', {})
      await second.close()
      // The engine lists images created in the same second in no fixed order.
      const byId = (a: ImageSummary, b: ImageSummary): number => a.id.localeCompare(b.id)
      expect([...after].sort(byId)).toEqual([...before].sort(byId))
    } finally {
      rmSync(cacheDir, { recursive: true, force: true })
    }
  })
})
