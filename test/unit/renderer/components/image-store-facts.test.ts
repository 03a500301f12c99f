// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { failure } from '../../../../shared/errors'
import { problem } from '../../../../shared/problems'
import type { ContainerdImageSizes } from '../../../../shared/types'
import { setStrataApiForTests } from '../../../../renderer/api'
import ImageStoreFacts from '../../../../renderer/components/images/ImageStoreFacts.vue'
import { testApp, type TestApp } from './app-plugins'

const IMAGE = `sha256:${'a'.repeat(64)}`

const STORE: ContainerdImageSizes = {
  unpacked: { total: 10_000_000, shared: 8_000_000, unique: 2_000_000, source: 'history-chain-ids' },
  content: { total: 4_000_000, shared: 0, unique: 4_000_000, source: 'manifest-content' },
  platforms: [
    { digest: `sha256:${'b'.repeat(64)}`, kind: 'image', platform: { os: 'linux', architecture: 'amd64', variant: null }, available: true, contentBytes: 3_000_000, unpackedBytes: 8_000_000, containers: [] },
    { digest: `sha256:${'c'.repeat(64)}`, kind: 'image', platform: { os: 'linux', architecture: 'arm64', variant: 'v8' }, available: true, contentBytes: 1_000_000, unpackedBytes: 0, containers: [] },
    { digest: `sha256:${'d'.repeat(64)}`, kind: 'image', platform: { os: 'linux', architecture: 'riscv64', variant: null }, available: false, contentBytes: 0, unpackedBytes: 0, containers: [] },
    { digest: `sha256:${'e'.repeat(64)}`, kind: 'attestation', platform: null, available: true, contentBytes: 900, unpackedBytes: 0, containers: [] },
  ],
}

function mountFacts(app: TestApp) {
  // The facts are <div>s of a <dl>: mounted inside one, as the header does.
  return mount({ components: { ImageStoreFacts }, template: '<dl><ImageStoreFacts :image-id="id" :store="store" /></dl>', data: () => ({ id: IMAGE, store: STORE }) }, { global: { plugins: app.plugins }, attachTo: document.body })
}

afterEach(() => {
  document.body.innerHTML = ''
  setStrataApiForTests(null)
})

describe('ImageStoreFacts', () => {
  it('shows unpacked and content bytes apart, each naming where its figure comes from', () => {
    const wrapper = mountFacts(testApp())
    const unpacked = wrapper.get('[data-testid="store-unpacked"]')
    expect(unpacked.text()).toBe('10.0 MB')
    expect(unpacked.attributes('title')).toContain("engine's layer history")
    expect(unpacked.attributes('title')).toContain('8.00 MB shared, 2.00 MB unique')
    expect(wrapper.get('[data-testid="store-content"]').attributes('title')).toContain('manifest summaries')
  })

  it('lists the image platforms, present or not, leaving attestations out', () => {
    const wrapper = mountFacts(testApp())
    const rows = wrapper.findAll('[data-testid="store-platform"]').map((row) => row.text())
    expect(rows).toHaveLength(3)
    expect(rows[0]).toContain('linux/amd64')
    expect(rows[2]).toContain('linux/riscv64')
    expect(rows[2]).toContain('not pulled')
    // Only present platforms can be deleted, and only while another stays.
    expect(wrapper.findAll('button').map((button) => button.attributes('aria-label'))).toEqual(['Delete the linux/amd64 content of this image', 'Delete the linux/arm64/v8 content of this image'])
  })

  it('deletes one platform through the contract and words the engine refusal', async () => {
    const app = testApp()
    app.api.answer('images.removePlatform', () => {
      throw failure('API_TOO_OLD', problem('image.platformDeleteNeedsApi', { platform: 'linux/arm64/v8', apiVersion: '1.49', minimum: '1.50' }))
    })
    const wrapper = mountFacts(app)
    await wrapper.findAll('button')[1]?.trigger('click')
    await flushPromises()
    expect(app.api.inputsOf('images.removePlatform')).toEqual([{ id: IMAGE, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } }])
    expect(wrapper.get('[role="alert"]').text()).toBe('Deleting only linux/arm64/v8 needs Engine API 1.50 or newer; this engine speaks 1.49, where the engine would delete the whole image. Nothing was deleted.')
  })
})
