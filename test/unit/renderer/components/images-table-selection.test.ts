// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { ImageSummary } from '../../../../shared/types'
import { setStrataApiForTests } from '../../../../renderer/api'
import ImagesTable from '../../../../renderer/components/images/ImagesTable.vue'
import { useImageSelectionStore } from '../../../../renderer/stores/image-selection'
import { useImageStore } from '../../../../renderer/stores/images'
import { testApp } from './app-plugins'

function image(letter: string, tag: string, created: string): ImageSummary {
  return {
    id: `sha256:${letter.repeat(64)}`,
    repoTags: [tag],
    repoDigests: [],
    created,
    size: 1000,
    sharedSize: 0,
    uniqueSize: 1000,
    platform: { os: 'linux', architecture: 'amd64', variant: null },
    parentId: null,
    family: { parent: null, children: [] },
    dangling: false,
    labels: {},
    containers: { running: [], stopped: [] },
  }
}

// Newest first, as the table sorts by default.
const IMAGES = [image('a', 'alpha:1', '2026-03-01T00:00:00Z'), image('b', 'bravo:1', '2026-02-01T00:00:00Z'), image('c', 'charlie:1', '2026-01-01T00:00:00Z')]

async function mountTable() {
  const app = testApp()
  // The selection bar asks what a set would free; the table's test does not look at the answer.
  app.api.answer('images.planRemoveSet', ({ ids }) => ({ ids, blockers: [], freedBytes: 0 }) as never)
  const images = useImageStore()
  images.images = IMAGES
  images.loaded = true
  images.complete = true
  const wrapper = mount(ImagesTable, { global: { plugins: app.plugins }, attachTo: document.body })
  await flushPromises()
  return { wrapper, images, selection: useImageSelectionStore() }
}

function checkbox(wrapper: Awaited<ReturnType<typeof mountTable>>['wrapper'], name: string) {
  const box = wrapper.find(`input[aria-label="Select ${name}"]`)
  if (!box.exists()) throw new Error(`no checkbox for ${name}`)
  return box
}

afterEach(() => {
  document.body.innerHTML = ''
  setStrataApiForTests(null)
})

describe('Images table selection', () => {
  it('lists the store’s images with a checkbox each', async () => {
    const { wrapper } = await mountTable()
    expect(wrapper.findAll('[data-testid="select-image"]')).toHaveLength(3)
    expect(wrapper.text()).toContain('alpha:1')
    expect(wrapper.text()).toContain('charlie:1')
  })

  it('toggles one row, and Shift-click selects the range to it', async () => {
    const { wrapper, selection } = await mountTable()
    await checkbox(wrapper, 'alpha:1').trigger('click')
    expect(selection.ids).toEqual([IMAGES[0]?.id])
    await checkbox(wrapper, 'charlie:1').trigger('click', { shiftKey: true })
    expect(new Set(selection.ids)).toEqual(new Set(IMAGES.map((entry) => entry.id)))
    expect((wrapper.find('[data-testid="select-all-images"]').element as HTMLInputElement).checked).toBe(true)
  })

  it('shows a partial selection in the header, and the header selects every row shown', async () => {
    const { wrapper, selection } = await mountTable()
    await checkbox(wrapper, 'bravo:1').trigger('click')
    const header = wrapper.find('[data-testid="select-all-images"]').element as HTMLInputElement
    expect(header.indeterminate).toBe(true)
    await wrapper.find('[data-testid="select-all-images"]').trigger('change')
    expect(selection.count).toBe(3)
  })

  it('drops a selected image from the selection when a search hides it', async () => {
    const { wrapper, images, selection } = await mountTable()
    await checkbox(wrapper, 'alpha:1').trigger('click')
    await checkbox(wrapper, 'bravo:1').trigger('click')
    images.query = 'bravo'
    await flushPromises()
    expect(selection.ids).toEqual([IMAGES[1]?.id])
    expect(wrapper.findAll('[data-testid="select-image"]')).toHaveLength(1)
  })

  it('Escape in the table clears the selection', async () => {
    const { wrapper, selection } = await mountTable()
    await checkbox(wrapper, 'alpha:1').trigger('click')
    await wrapper.find('table').trigger('keydown', { key: 'Escape' })
    expect(selection.count).toBe(0)
  })
})
