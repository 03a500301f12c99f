// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { StrataError } from '../../../../shared/errors'
import type { Blocker, RemoveResult } from '../../../../shared/types'
import { setStrataApiForTests } from '../../../../renderer/api'
import DeleteDialog from '../../../../renderer/components/images/DeleteDialog.vue'
import { testApp, type TestApp } from './app-plugins'

const IMAGE = `sha256:${'c'.repeat(64)}`

const STOPPED = { kind: 'stopped-container', id: 'd'.repeat(64), name: 'old-web', state: 'exited', remedy: 'remove-container', forceOverrides: true } satisfies Blocker

function removed(ids: string[]): RemoveResult {
  return {
    deletedImages: ids,
    deletedNamed: { images: ids.map((id) => ({ id, repoTags: ['web:1'] })), intermediates: [] },
    untagged: ['web:1'],
    stoppedContainers: [],
    removedContainers: [STOPPED.id],
    orphanedContainers: [],
    layersBytesBefore: 2000,
    layersBytesAfter: 1000,
    layersBytesSource: 'engine',
    freedBytes: 1000,
  }
}

/** Mounts the dialog once the test has set the fake API's answers: it checks the image as it opens. */
function mountDialog(app: TestApp) {
  return mount(DeleteDialog, { props: { imageId: IMAGE, imageName: 'web:1' }, global: { plugins: app.plugins }, attachTo: document.body })
}

afterEach(() => {
  document.body.innerHTML = ''
  setStrataApiForTests(null)
})

describe('DeleteDialog', () => {
  it('shows what blocks the image, and clearing deletes with those blockers confirmed', async () => {
    const app = testApp()
    const { api } = app
    api.answer('images.blockers', () => ({ image: { id: IMAGE, repoTags: ['web:1'] }, blockers: [STOPPED] }))
    api.answer('images.remove', () => removed([IMAGE]))
    const wrapper = mountDialog(app)
    await flushPromises()

    expect(api.inputsOf('images.blockers')).toEqual([{ ref: IMAGE }])
    expect(wrapper.text()).toContain('One thing stops this image from being deleted:')
    expect(wrapper.text()).toContain('old-web')

    const clear = wrapper.findAll('button').find((button) => button.text() === 'Remove containers, then delete')
    expect(clear).toBeDefined()
    await clear?.trigger('click')
    await flushPromises()

    expect(api.inputsOf('images.remove')).toEqual([{ id: IMAGE, clearBlockers: true, force: false, confirmedBlockers: [`stopped-container:${STOPPED.id}:old-web`] }])
    expect(wrapper.text()).toContain('Deleted web:1')
  })

  it('deletes an image nothing uses with a plain delete', async () => {
    const app = testApp()
    const { api } = app
    api.answer('images.blockers', () => ({ image: { id: IMAGE, repoTags: ['web:1'] }, blockers: [] }))
    api.answer('images.remove', () => removed([IMAGE]))
    const wrapper = mountDialog(app)
    await flushPromises()

    expect(wrapper.text()).toContain('Nothing uses this image.')
    await wrapper.findAll('button').find((button) => button.text() === 'Delete')?.trigger('click')
    await flushPromises()
    expect(api.inputsOf('images.remove')).toEqual([{ id: IMAGE, clearBlockers: false, force: false, confirmedBlockers: [] }])
  })

  it('shows the blockers the core found at delete time when they changed since the check', async () => {
    const app = testApp()
    const { api } = app
    api.answer('images.blockers', () => ({ image: { id: IMAGE, repoTags: ['web:1'] }, blockers: [] }))
    api.answer('images.remove', () => {
      throw new StrataError('CONFLICT', 'A container started using the image.', { blockers: [STOPPED] })
    })
    const wrapper = mountDialog(app)
    await flushPromises()
    await wrapper.findAll('button').find((button) => button.text() === 'Delete')?.trigger('click')
    await flushPromises()

    expect(wrapper.text()).toContain('The situation changed since the check.')
    expect(wrapper.text()).toContain('A container started using the image.')
    expect(wrapper.text()).toContain('old-web')
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })

  it('words a failed check with the failure helper and offers to check again', async () => {
    const app = testApp()
    const { api } = app
    api.answer('images.blockers', () => {
      throw new StrataError('ENGINE_UNREACHABLE', 'connect ECONNREFUSED /var/run/docker.sock')
    })
    const wrapper = mountDialog(app)
    await flushPromises()

    const alert = wrapper.find('[role="alert"]')
    expect(alert.text()).toBe('ENGINE_UNREACHABLE The engine does not answer: connect ECONNREFUSED /var/run/docker.sock')
    api.answer('images.blockers', () => ({ image: { id: IMAGE, repoTags: ['web:1'] }, blockers: [] }))
    await wrapper.findAll('button').find((button) => button.text() === 'Check again')?.trigger('click')
    await flushPromises()
    expect(api.inputsOf('images.blockers')).toHaveLength(2)
    expect(wrapper.text()).toContain('Nothing uses this image.')
  })

  it('says the image is gone when the check finds it missing', async () => {
    const app = testApp()
    const { api } = app
    api.answer('images.blockers', () => {
      throw new StrataError('NOT_FOUND', 'No such image')
    })
    const wrapper = mountDialog(app)
    await flushPromises()
    expect(wrapper.text()).toContain('This image no longer exists.')
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    expect(api.inputsOf('images.remove')).toEqual([])
  })
})
