// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import type { ContainerColumnKey, ContainerHeadColumn } from '../../../../renderer/composables/useContainerColumns'
import { setStrataApiForTests } from '../../../../renderer/api'
import ContainersTableHead from '../../../../renderer/components/containers/ContainersTableHead.vue'
import { useContainerTableStore } from '../../../../renderer/stores/container-table'
import { useContainerStore } from '../../../../renderer/stores/containers'
import type { ContainerSummary } from '../../../../shared/types'
import { testApp } from './app-plugins'

function container(name: string, fields: Partial<ContainerSummary>): ContainerSummary {
  return {
    id: name.padEnd(64, '0'),
    names: [name],
    name,
    image: 'app:1',
    imageId: `sha256:${'c'.repeat(64)}`,
    command: 'sh',
    created: '2026-01-01T00:00:00.000Z',
    state: 'running',
    status: 'Up 1 second',
    ports: [],
    ...fields,
  }
}

// Each column orders these three differently, so a header that did not sort would show.
const CONTAINERS = [
  container('a', { state: 'exited', status: 'Exited (0) 1 second ago', command: 'worker --n 10', ports: [{ privatePort: 80, publicPort: 9000, protocol: 'tcp', ip: '0.0.0.0' }] }),
  container('b', { state: 'running', status: 'Up 3 hours', command: 'worker --n 9', ports: [] }),
  container('c', { state: 'paused', status: 'Up 2 minutes (Paused)', command: 'api', ports: [{ privatePort: 80, publicPort: 10000, protocol: 'tcp', ip: '0.0.0.0' }] }),
]

const COLUMNS: ContainerHeadColumn[] = [
  { key: 'name', label: 'Name', class: 'col-name', sort: 'name' },
  { key: 'status', label: 'Status', class: 'col-status', sort: 'status' },
  { key: 'command', label: 'Command', class: 'col-command', sort: 'command' },
  { key: 'ports', label: 'Ports', class: 'col-ports', sort: 'ports' },
]

async function mountHead() {
  const app = testApp()
  const store = useContainerStore()
  store.containers = CONTAINERS
  store.loaded = true
  const props = { columns: COLUMNS, optionalColumns: [], shown: new Set<ContainerColumnKey>(), hiddenByWidth: new Set<ContainerColumnKey>() }
  const wrapper = mount({ render: () => h('table', [h(ContainersTableHead, props)]) }, { global: { plugins: app.plugins }, attachTo: document.body })
  await flushPromises()
  return { wrapper, table: useContainerTableStore() }
}

afterEach(() => {
  document.body.innerHTML = ''
  setStrataApiForTests(null)
})

describe('the Containers table header', () => {
  it('sorts by Status, Command and Ports on a click, A→Z first, then Z→A, saying so in aria-sort', async () => {
    const { wrapper, table } = await mountHead()
    const header = (column: string) => wrapper.find(`th[data-column="${column}"]`)
    const order = () => table.rows.map((row) => row.name)
    const expected: Record<string, string[]> = { status: ['b', 'c', 'a'], command: ['c', 'b', 'a'], ports: ['a', 'c', 'b'] }

    for (const [column, ascending] of Object.entries(expected)) {
      const button = header(column).find('button.sort')
      expect(button.attributes('type')).toBe('button')
      await button.trigger('click')
      expect(header(column).attributes('aria-sort')).toBe('ascending')
      expect(header('name').attributes('aria-sort')).toBe('none')
      expect(order()).toEqual(ascending)
      await button.trigger('click')
      expect(header(column).attributes('aria-sort')).toBe('descending')
      expect(order()).toEqual([...ascending].reverse())
    }
  })
})
