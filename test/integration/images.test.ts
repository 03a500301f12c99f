import { afterAll, describe, expect, inject, it } from 'vitest'
import { FIXTURES } from '../support/fixtures'
import { callOk, privateCore } from '../support/engine'
import { dockerCli, dockerCliJsonLines } from '../support/docker-cli'

const core = privateCore()
afterAll(() => core.close())

interface CliImage {
  ID: string
  Repository: string
  Tag: string
}

describe('images.list against `docker images`', () => {
  it('lists the same image IDs and tags', async () => {
    const images = await callOk(core, 'images.list', {})
    const cli = await dockerCliJsonLines<CliImage>('images', '--no-trunc', '--format', '{{json .}}')
    expect(new Set(images.map((image) => image.id))).toEqual(new Set(cli.map((row) => row.ID)))
    const cliTags = cli.filter((row) => row.Tag !== '<none>').map((row) => `${row.Repository}:${row.Tag}`)
    expect(images.flatMap((image) => image.repoTags).sort()).toEqual(cliTags.sort())
  })

  it('reports each size to the byte as `docker image inspect` does', async () => {
    const images = await callOk(core, 'images.list', {})
    for (const image of images) {
      const size = Number((await dockerCli('image', 'inspect', '--format', '{{.Size}}', image.id)).trim())
      expect(image.size).toBe(size)
    }
  })

  it('includes the fixtures with their parent chain and labels', async () => {
    const ids = inject('fixtureIds')
    const images = await callOk(core, 'images.list', {})
    const app = images.find((image) => image.id === ids.app)
    expect(app?.repoTags).toContain(FIXTURES.app.tag)
    expect(app?.labels['org.opencontainers.image.title']).toBe('strata app fixture')
    expect(app?.dangling).toBe(false)
    expect(app?.parentId).not.toBeNull()
  })

  it('names the family by the listed images, past the build steps the list never shows', async () => {
    const ids = inject('fixtureIds')
    const images = await callOk(core, 'images.list', {})
    const app = images.find((image) => image.id === ids.app)
    const base = images.find((image) => image.id === ids.base)
    // The RUN step left an untagged intermediate between them: the raw parent is not the base.
    expect(app?.parentId).not.toBe(ids.base)
    expect(app?.family.parent).toEqual({ image: { id: ids.base, repoTags: [FIXTURES.base.tag] }, via: [app?.parentId] })
    expect(base?.family.children.map((child) => child.image.id)).toContain(ids.app)
  })

  it('filters dangling images as the engine does', async () => {
    const dangling = await callOk(core, 'images.list', { dangling: true })
    const cli = await dockerCliJsonLines<CliImage>('images', '--no-trunc', '--filter', 'dangling=true', '--format', '{{json .}}')
    expect(dangling.map((image) => image.id).sort()).toEqual(cli.map((row) => row.ID).sort())
    expect(dangling.every((image) => image.dangling)).toBe(true)
  })
})

describe('images.rows', () => {
  it('gives the same IDs, tags, sizes and dates as the full catalog, from one engine call', async () => {
    const rows = await callOk(core, 'images.rows', {})
    const images = await callOk(core, 'images.list', {})
    // The engine lists images created in the same second in no fixed order.
    const byId = (a: { id: string }, b: { id: string }): number => a.id.localeCompare(b.id)
    const expected = images.map((image) => ({ id: image.id, repoTags: image.repoTags, created: image.created, size: image.size, dangling: image.dangling }))
    expect([...rows].sort(byId)).toEqual(expected.sort(byId))
  })
})

describe('images.get', () => {
  it('finds an image by tag, full ID and ID prefix, with the same summary as the list', async () => {
    const ids = inject('fixtureIds')
    const listed = (await callOk(core, 'images.list', {})).find((image) => image.id === ids.base)
    const byTag = await callOk(core, 'images.get', { id: FIXTURES.base.tag })
    const byId = await callOk(core, 'images.get', { id: ids.base })
    const byPrefix = await callOk(core, 'images.get', { id: ids.base.slice('sha256:'.length, 'sha256:'.length + 12) })
    expect(byTag).toEqual(listed)
    expect(byId).toEqual(listed)
    expect(byPrefix).toEqual(listed)
  })

  it('answers NOT_FOUND for an image that does not exist', async () => {
    const outcome = await core.call('images.get', { id: 'no-such-image:never' })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('containers.list and engine.diskUsage', () => {
  it('lists containers of every state and matches `docker system df` totals', async () => {
    const containers = await callOk(core, 'containers.list', {})
    const cliIds = (await dockerCli('ps', '--all', '--no-trunc', '--quiet')).split('\n').filter((line) => line !== '')
    expect(containers.map((container) => container.id).sort()).toEqual(cliIds.sort())

    const usage = await callOk(core, 'engine.diskUsage', {})
    const rows = await dockerCliJsonLines<{ Type: string; TotalCount: string }>('system', 'df', '--format', '{{json .}}')
    expect(String(usage.images.count)).toBe(rows.find((row) => row.Type === 'Images')?.TotalCount)
    expect(String(usage.containers.count)).toBe(rows.find((row) => row.Type === 'Containers')?.TotalCount)
  })
})
