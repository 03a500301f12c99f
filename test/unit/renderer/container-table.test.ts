import { describe, expect, it } from 'vitest'
import { ariaSortOf, DEFAULT_CONTAINER_SORT, nextSort, sortContainers } from '../../../renderer/lib/container-sort'
import { bulkTargets } from '../../../renderer/stores/container-bulk'
import { clickRow, headerState, keepShown, NO_SELECTION, rangeBetween, toggleAllShown, type RowSelection } from '../../../renderer/lib/row-selection'
import type { ContainerSummary } from '../../../shared/types'

let serial = 0
function container(name: string, fields: Partial<ContainerSummary> = {}): ContainerSummary {
  serial += 1
  return {
    id: `${serial.toString(16).padStart(4, '0')}${'0'.repeat(60)}`,
    names: [name],
    name,
    image: 'app:1',
    imageId: `sha256:${'c'.repeat(64)}`,
    command: 'sh',
    created: '2024-01-01T00:00:00.000Z',
    state: 'exited',
    status: 'Exited (0)',
    ports: [],
    ...fields,
  }
}

const names = (list: ContainerSummary[]): (string | undefined)[] => list.map((item) => item.name)

describe('sortContainers', () => {
  const web10 = container('web-10', { state: 'running', created: '2024-01-03T00:00:00.000Z', image: 'nginx:1', sizeRw: 50 })
  const web2 = container('web-2', { state: 'paused', created: '2024-01-01T00:00:00.000Z', image: 'busybox:1', sizeRw: 900 })
  const job = container('job', { created: '2024-01-02T00:00:00.000Z', image: `sha256:${'c'.repeat(64)}` })
  const list = [web2, job, web10]

  it('opens newest first, as the engine lists them', () => {
    expect(names(sortContainers(list, DEFAULT_CONTAINER_SORT))).toEqual(['web-10', 'job', 'web-2'])
  })

  it('sorts names as people read the numbers in them, either way', () => {
    expect(names(sortContainers(list, { key: 'name', descending: false }))).toEqual(['job', 'web-2', 'web-10'])
    expect(names(sortContainers(list, { key: 'name', descending: true }))).toEqual(['web-10', 'web-2', 'job'])
  })

  it('puts a container whose image lost its name after the named ones', () => {
    expect(names(sortContainers(list, { key: 'image', descending: false }))).toEqual(['web-2', 'web-10', 'job'])
  })

  it('puts live states first, and unmeasured sizes last when largest come first', () => {
    expect(names(sortContainers(list, { key: 'state', descending: false }))).toEqual(['web-10', 'web-2', 'job'])
    expect(names(sortContainers(list, { key: 'size', descending: true }))).toEqual(['web-2', 'web-10', 'job'])
  })

  it('breaks ties by ID so equal rows keep their places, and leaves the input alone', () => {
    const twins = [container('same'), container('same')]
    const reversed = [...twins].reverse()
    expect(sortContainers(reversed, { key: 'name', descending: true }).map((item) => item.id)).toEqual(twins.map((item) => item.id))
    expect(reversed[0]).toBe(twins[1])
  })

  it('flips the direction on the same header, and starts another in its own first direction', () => {
    expect(nextSort(DEFAULT_CONTAINER_SORT, 'created')).toEqual({ key: 'created', descending: false })
    expect(nextSort(DEFAULT_CONTAINER_SORT, 'name')).toEqual({ key: 'name', descending: false })
    expect(nextSort({ key: 'name', descending: false }, 'size')).toEqual({ key: 'size', descending: true })
    expect(ariaSortOf({ key: 'name', descending: false }, 'name')).toBe('ascending')
    expect(ariaSortOf({ key: 'name', descending: true }, 'name')).toBe('descending')
    expect(ariaSortOf({ key: 'name', descending: true }, 'image')).toBe('none')
  })
})

describe('sortContainers by Status, Command and Ports', () => {
  const port = (publicPort: number | null, privatePort: number) => ({ privatePort, publicPort, protocol: 'tcp', ip: publicPort === null ? null : '0.0.0.0' })

  it('groups statuses running, paused, restarting, exited, created, dead, each by the time in it, shortest first', () => {
    const list = [
      container('dead', { state: 'dead', status: 'Dead' }),
      container('exited-old', { state: 'exited', status: 'Exited (0) 2 hours ago' }),
      container('created', { state: 'created', status: 'Created' }),
      container('up-days', { state: 'running', status: 'Up 3 days' }),
      container('restarting', { state: 'restarting', status: 'Restarting (1) 4 seconds ago' }),
      container('exited-new', { state: 'exited', status: 'Exited (137) 5 minutes ago' }),
      container('paused', { state: 'paused', status: 'Up 10 minutes (Paused)' }),
      container('up-seconds', { state: 'running', status: 'Up 42 seconds (healthy)' }),
      container('up-minute', { state: 'running', status: 'Up About a minute' }),
    ]
    const ascending = ['up-seconds', 'up-minute', 'up-days', 'paused', 'restarting', 'exited-new', 'exited-old', 'created', 'dead']
    expect(names(sortContainers(list, { key: 'status', descending: false }))).toEqual(ascending)
    expect(names(sortContainers(list, { key: 'status', descending: true }))).toEqual([...ascending].reverse())
  })

  it('puts a status line it cannot read after the timed ones of its group, and equal times by their text', () => {
    const list = [
      container('odd', { state: 'running', status: 'Up since forever' }),
      container('code-137', { state: 'exited', status: 'Exited (137) 1 second ago' }),
      container('code-2', { state: 'exited', status: 'Exited (2) 1 second ago' }),
      container('up', { state: 'running', status: 'Up 2 years' }),
    ]
    expect(names(sortContainers(list, { key: 'status', descending: false }))).toEqual(['up', 'odd', 'code-2', 'code-137'])
  })

  it('sorts commands naturally', () => {
    const list = [container('c', { command: 'worker --n 10' }), container('a', { command: 'Worker --n 9' }), container('b', { command: 'nginx -g daemon off;' })]
    expect(names(sortContainers(list, { key: 'command', descending: false }))).toEqual(['b', 'a', 'c'])
    expect(names(sortContainers(list, { key: 'command', descending: true }))).toEqual(['c', 'a', 'b'])
  })

  it('sorts ports by the first published host port as a number, then exposed-only by text, then none', () => {
    const list = [
      container('none'),
      container('exposed-443', { ports: [port(null, 443)] }),
      container('host-10000', { ports: [port(10000, 80)] }),
      container('exposed-80', { ports: [port(null, 80)] }),
      container('host-8080', { ports: [port(9000, 81), port(8080, 80)] }),
      container('host-8080-udp', { ports: [{ ...port(8080, 53), protocol: 'udp' }] }),
    ]
    const ascending = ['host-8080-udp', 'host-8080', 'host-10000', 'exposed-80', 'exposed-443', 'none']
    expect(names(sortContainers(list, { key: 'ports', descending: false }))).toEqual(ascending)
    expect(names(sortContainers(list, { key: 'ports', descending: true }))).toEqual([...ascending].reverse())
  })

  it('starts Status, Command and Ports A→Z, and says so in aria-sort', () => {
    for (const key of ['status', 'command', 'ports'] as const) {
      expect(nextSort(DEFAULT_CONTAINER_SORT, key)).toEqual({ key, descending: false })
      expect(ariaSortOf(nextSort(DEFAULT_CONTAINER_SORT, key), key)).toBe('ascending')
      expect(ariaSortOf(nextSort(nextSort(DEFAULT_CONTAINER_SORT, key), key), key)).toBe('descending')
    }
  })
})

describe('row selection', () => {
  const order = ['a', 'b', 'c', 'd', 'e']
  const plain = { range: false, toggle: false }
  const shift = { range: true, toggle: false }
  const ctrl = { range: false, toggle: true }
  const ids = (selection: RowSelection): string[] => order.filter((id) => selection.selected.has(id))

  it('takes the range between two rows either way round, just the row when the anchor is gone', () => {
    expect(rangeBetween(order, 'b', 'd')).toEqual(['b', 'c', 'd'])
    expect(rangeBetween(order, 'd', 'b')).toEqual(['b', 'c', 'd'])
    expect(rangeBetween(order, null, 'c')).toEqual(['c'])
    expect(rangeBetween(order, 'gone', 'c')).toEqual(['c'])
    expect(rangeBetween(order, 'a', 'gone')).toEqual([])
  })

  it('selects one row on a click, a range on a Shift-click from the same anchor each time', () => {
    const first = clickRow(NO_SELECTION, order, 'b', plain)
    expect(ids(first)).toEqual(['b'])
    const range = clickRow(first, order, 'd', shift)
    expect(ids(range)).toEqual(['b', 'c', 'd'])
    expect(range.anchor).toBe('b')
    // A second Shift-click re-draws from the anchor: the range shrinks.
    expect(ids(clickRow(range, order, 'c', shift))).toEqual(['b', 'c'])
    expect(ids(clickRow(range, order, 'a', shift))).toEqual(['a', 'b'])
  })

  it('toggles one row on a Ctrl-click, keeping the rest; Ctrl+Shift adds a range', () => {
    const some = clickRow(clickRow(NO_SELECTION, order, 'a', plain), order, 'c', ctrl)
    expect(ids(some)).toEqual(['a', 'c'])
    expect(ids(clickRow(some, order, 'a', ctrl))).toEqual(['c'])
    expect(ids(clickRow(some, order, 'e', { range: true, toggle: true }))).toEqual(['a', 'c', 'd', 'e'])
  })

  it('starts a Shift-click with no anchor at the clicked row alone', () => {
    const selection = clickRow(NO_SELECTION, order, 'c', shift)
    expect(ids(selection)).toEqual(['c'])
    expect(selection.anchor).toBe('c')
  })

  it('reads and flips the header checkbox over the shown rows', () => {
    expect(headerState(new Set(), order)).toBe('none')
    expect(headerState(new Set(['a', 'hidden']), order)).toBe('some')
    expect(headerState(new Set(order), order)).toBe('all')
    expect(ids(toggleAllShown(NO_SELECTION, order))).toEqual(order)
    expect(ids(toggleAllShown({ selected: new Set(['b']), anchor: 'b' }, order))).toEqual(order)
    expect(ids(toggleAllShown({ selected: new Set(order), anchor: 'a' }, order))).toEqual([])
    expect(toggleAllShown(NO_SELECTION, []).selected.size).toBe(0)
  })

  it('drops rows no longer shown, and is the same object when nothing changed', () => {
    const selection: RowSelection = { selected: new Set(['a', 'c']), anchor: 'c' }
    expect(keepShown(selection, order)).toBe(selection)
    const kept = keepShown(selection, ['a', 'b'])
    expect([...kept.selected]).toEqual(['a'])
    expect(kept.anchor).toBeNull()
  })
})

describe('bulkTargets', () => {
  const running = container('up', { state: 'running' })
  const paused = container('held', { state: 'paused' })
  const exited = container('down')
  const created = container('new', { state: 'created' })

  it('starts the stopped ones, stops the running ones, removes all', () => {
    expect(names(bulkTargets('start', [running, paused, exited, created]))).toEqual(['down', 'new'])
    expect(names(bulkTargets('stop', [running, paused, exited, created]))).toEqual(['up', 'held'])
    expect(names(bulkTargets('remove', [running, exited]))).toEqual(['up', 'down'])
  })
})
