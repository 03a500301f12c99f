// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { StrataError } from '../../../../shared/errors'
import type { RemoveResult } from '../../../../shared/types'
import { setStrataApiForTests } from '../../../../renderer/api'
import UntagDialog from '../../../../renderer/components/images/UntagDialog.vue'
import { testApp, type TestApp } from './app-plugins'

const IMAGE = `sha256:${'e'.repeat(64)}`

const UNTAGGED: RemoveResult = {
  deletedImages: [],
  deletedNamed: { images: [], intermediates: [] },
  untagged: ['web:old'],
  stoppedContainers: [],
  removedContainers: [],
  orphanedContainers: [],
  layersBytesBefore: 1000,
  layersBytesAfter: 1000,
  layersBytesSource: 'engine',
  freedBytes: 0,
}

function mountDialog(app: TestApp, lastTag: boolean) {
  return mount(UntagDialog, { props: { imageId: IMAGE, tag: 'web:old', lastTag }, global: { plugins: app.plugins }, attachTo: document.body })
}

function untagButton(wrapper: ReturnType<typeof mountDialog>) {
  const button = wrapper.findAll('button').find((candidate) => candidate.text() === 'Untag')
  if (button === undefined) throw new Error('no Untag button')
  return button
}

afterEach(() => {
  document.body.innerHTML = ''
  setStrataApiForTests(null)
})

describe('UntagDialog', () => {
  it('asks nothing until confirmed, then untags through the store and says it is done', async () => {
    const app = testApp()
    app.api.answer('images.untag', () => UNTAGGED)
    const wrapper = mountDialog(app, false)
    await flushPromises()
    expect(app.api.calls).toEqual([])
    expect(wrapper.text()).toContain('Untag web:old?')
    expect(wrapper.text()).toContain('the image keeps its other tags')

    await untagButton(wrapper).trigger('click')
    await flushPromises()
    expect(app.api.inputsOf('images.untag')).toEqual([{ tag: 'web:old' }])
    expect(wrapper.text()).toContain('Untagged web:old')
  })

  it('warns that the only tag takes the image with it', async () => {
    const app = testApp()
    const wrapper = mountDialog(app, true)
    await flushPromises()
    expect(wrapper.text()).toContain('is this image’s only tag')
  })

  it('keeps the dialog open on a failure, worded by the failure helper', async () => {
    const app = testApp()
    app.api.answer('images.untag', () => {
      throw new StrataError('CONFLICT', 'image is being used by running container 1234')
    })
    const wrapper = mountDialog(app, false)
    await untagButton(wrapper).trigger('click')
    await flushPromises()
    expect(wrapper.find('[role="alert"]').text()).toBe('CONFLICT Conflict: image is being used by running container 1234')
    expect(untagButton(wrapper).attributes('disabled')).toBeUndefined()
    expect(wrapper.emitted('close')).toBeUndefined()
  })
})
