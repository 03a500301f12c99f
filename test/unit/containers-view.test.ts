import { describe, expect, it } from 'vitest'
import { changeListings, initiallyExpanded, matchingEntries } from '../../renderer/lib/change-tree'
import { actionAllowed, findContainer, imageTag, portLabels, stateCounts, visibleContainers } from '../../renderer/lib/container-query'
import { flattenTree } from '../../renderer/lib/file-tree'
import type { ContainerChange, ContainerSummary } from '../../shared/types'

const IMAGE = `sha256:${'c'.repeat(64)}`

function container(name: string, fields: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    id: `${name.charCodeAt(0).toString(16)}${'0'.repeat(62)}`,
    names: [name],
    name,
    image: 'app:1',
    imageId: IMAGE,
    command: 'sh',
    created: '2024-01-01T00:00:00.000Z',
    state: 'exited',
    status: 'Exited (0)',
    ports: [],
    ...fields,
  }
}

describe('visibleContainers', () => {
  const list = [
    container('web', { state: 'running', created: '2024-01-03T00:00:00.000Z', image: 'nginx:1' }),
    container('job', { created: '2024-01-02T00:00:00.000Z' }),
    container('paused', { state: 'paused', created: '2024-01-01T00:00:00.000Z' }),
  ]

  it('filters by name or image substring and by state, newest first', () => {
    expect(visibleContainers(list, '', 'all').map((item) => item.name)).toEqual(['web', 'job', 'paused'])
    expect(visibleContainers(list, 'NGINX', 'all').map((item) => item.name)).toEqual(['web'])
    expect(visibleContainers(list, ' jo ', 'all').map((item) => item.name)).toEqual(['job'])
    expect(visibleContainers(list, '', 'running').map((item) => item.name)).toEqual(['web', 'paused'])
    expect(visibleContainers(list, '', 'stopped').map((item) => item.name)).toEqual(['job'])
    expect(stateCounts(list)).toEqual({ all: 3, running: 2, stopped: 1 })
  })

  it('finds a deep-linked container by ID, prefix or name', () => {
    const web = list[0]
    expect(findContainer(list, web?.id ?? '')).toBe(web)
    expect(findContainer(list, (web?.id ?? '').slice(0, 6))).toBe(web)
    expect(findContainer(list, 'job')?.name).toBe('job')
    expect(findContainer(list, 'nope')).toBeUndefined()
  })
})

describe('container labels', () => {
  it('shows no tag when the engine names the image by ID', () => {
    expect(imageTag(container('a'))).toBe('app:1')
    expect(imageTag(container('a', { image: IMAGE }))).toBeNull()
    expect(imageTag(container('a', { image: 'cccccccccccc' }))).toBeNull()
  })

  it('lists published ports first, once per address', () => {
    expect(
      portLabels([
        { privatePort: 53, publicPort: null, protocol: 'udp', ip: null },
        { privatePort: 80, publicPort: 8080, protocol: 'tcp', ip: '0.0.0.0' },
        { privatePort: 80, publicPort: 8080, protocol: 'tcp', ip: '0.0.0.0' },
      ]),
    ).toEqual(['0.0.0.0:8080→80/tcp', '53/udp'])
  })

  it('offers only the actions that mean something in a state', () => {
    expect(actionAllowed('start', 'exited')).toBe(true)
    expect(actionAllowed('start', 'running')).toBe(false)
    expect(actionAllowed('stop', 'paused')).toBe(true)
    expect(actionAllowed('stop', 'exited')).toBe(false)
    expect(actionAllowed('restart', 'dead')).toBe(false)
  })
})

describe('changeListings', () => {
  const changes: ContainerChange[] = [
    { path: '/bin', kind: 'modified' },
    { path: '/bin/vi', kind: 'deleted' },
    { path: '/etc', kind: 'modified' },
    { path: '/etc/passwd', kind: 'modified' },
    { path: '/work', kind: 'added' },
    { path: '/work/new.txt', kind: 'added' },
    { path: '/deep/a/b.txt', kind: 'added' },
  ]
  const listings = changeListings(changes)

  it('builds folders from the paths, folders first, the engine\'s kinds as the Files tab names them', () => {
    const { rows, missing } = flattenTree(
      (path) => listings.get(path),
      (path) => path !== 'deep/a',
      'name',
    )
    expect(missing).toEqual([])
    expect(rows.map((row) => `${'  '.repeat(row.depth)}${row.entry.name} ${row.entry.type} ${row.entry.change ?? '-'}`)).toEqual([
      'bin dir modified',
      '  vi file removed',
      'deep dir -',
      '  a dir -',
      'etc dir modified',
      '  passwd file modified',
      'work dir added',
      '  new.txt file added',
    ])
  })

  it('filters to a flat list by path substring and kind', () => {
    expect(matchingEntries(listings, 'NEW', 'all').map((entry) => entry.path)).toEqual(['work/new.txt'])
    expect(matchingEntries(listings, '', 'deleted').map((entry) => entry.path)).toEqual(['bin/vi'])
    expect(matchingEntries(listings, '/etc', 'modified').map((entry) => entry.path)).toEqual(['etc', 'etc/passwd'])
  })

  it('opens every folder of a small tree and none of a large one', () => {
    expect([...initiallyExpanded(listings)].sort()).toEqual(['bin', 'deep', 'deep/a', 'etc', 'work'])
    expect(initiallyExpanded(listings, 3).size).toBe(0)
  })
})
