// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { ContainerSummary } from '../../../../shared/types'
import { setStrataApiForTests } from '../../../../renderer/api'
import BulkRemoveDialog from '../../../../renderer/components/containers/BulkRemoveDialog.vue'
import { useContainerBulkStore } from '../../../../renderer/stores/container-bulk'
import { testApp, type TestApp } from './app-plugins'

function container(name: string, state: ContainerSummary['state']): ContainerSummary {
  return { id: name.padEnd(64, '0'), names: [name], name, image: 'app:1', imageId: `sha256:${'c'.repeat(64)}`, command: 'sh', created: '2026-01-01T00:00:00.000Z', state, status: '', ports: [] }
}

const CONTAINERS = [container('web', 'running'), container('job', 'exited'), container('old', 'created')]

function mountDialog(app: TestApp) {
  app.api.answer('containers.remove', ({ id }) => ({ removed: true, id }))
  return mount(BulkRemoveDialog, { props: { containers: CONTAINERS }, global: { plugins: app.plugins }, attachTo: document.body })
}

/** What each containers.remove call asked for, by container name. */
function removeCalls(app: TestApp): { name: string; volumes: unknown; force: unknown }[] {
  return app.api.calls
    .filter((call) => call.method === 'containers.remove')
    .map((call) => {
      const input = call.input as { id: string; volumes: unknown; force: unknown }
      return { name: input.id.replace(/0+$/, ''), volumes: input.volumes, force: input.force }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}

afterEach(() => {
  document.body.innerHTML = ''
  setStrataApiForTests(null)
})

describe('BulkRemoveDialog', () => {
  it('keeps the anonymous volumes unless asked, as docker rm does', async () => {
    const app = testApp()
    const wrapper = mountDialog(app)
    const box = wrapper.find('[data-testid="bulk-remove-volumes"]')
    expect((box.element as HTMLInputElement).checked).toBe(false)
    expect(wrapper.text()).toContain('Also remove their anonymous volumes')
    await wrapper.find('[data-testid="bulk-confirm-remove"]').trigger('click')
    await flushPromises()
    expect(removeCalls(app)).toEqual([
      { name: 'job', volumes: false, force: false },
      { name: 'old', volumes: false, force: false },
    ])
    expect(useContainerBulkStore().run?.finished).toBe(true)
  })

  it('removes the anonymous volumes of every container, the forced running ones too, when ticked', async () => {
    const app = testApp()
    const wrapper = mountDialog(app)
    await wrapper.find('[data-testid="bulk-remove-volumes"]').setValue(true)
    await wrapper.find('[data-testid="bulk-remove-force"]').setValue(true)
    await wrapper.find('[data-testid="bulk-confirm-remove"]').trigger('click')
    await flushPromises()
    expect(removeCalls(app)).toEqual([
      { name: 'job', volumes: true, force: false },
      { name: 'old', volumes: true, force: false },
      { name: 'web', volumes: true, force: true },
    ])
  })
})
