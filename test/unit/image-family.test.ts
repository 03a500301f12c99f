import { describe, expect, it } from 'vitest'
import { FamilyIndex, intermediatesOf } from '../../shared/image-family'
import { isUnused } from '../../shared/image-use'
import { namedDeletions } from '../../electron/core/images/remove'
import { passesFilter } from '../../renderer/lib/image-query'
import { blockerText, removeText } from '../../electron/host/cli-output'
import type { ImageSummary } from '../../shared/types'

/**
 * base:1 <- i1 <- i2 <- web:1 <- i3 <- grand:1
 *                  i2 <- i4 <- api:1
 * base:1 <- i5 <- <none> (a listed dangling image: untagged, no children)
 * i6 <- i7 <- orphan:1 (built on an intermediate with nothing listed above)
 */
const nodes = [
  { id: 'base', parentId: null },
  { id: 'i1', parentId: 'base' },
  { id: 'i2', parentId: 'i1' },
  { id: 'web', parentId: 'i2' },
  { id: 'i3', parentId: 'web' },
  { id: 'grand', parentId: 'i3' },
  { id: 'i4', parentId: 'i2' },
  { id: 'api', parentId: 'i4' },
  { id: 'i5', parentId: 'base' },
  { id: 'dangling', parentId: 'i5' },
  { id: 'i6', parentId: null },
  { id: 'i7', parentId: 'i6' },
  { id: 'orphan', parentId: 'i7' },
]
const listed = new Map<string, string[]>([
  ['base', ['base:1']],
  ['web', ['web:1']],
  ['grand', ['grand:1']],
  ['api', ['api:1', 'api:latest']],
  ['dangling', []],
  ['orphan', ['orphan:1']],
])
const family = new FamilyIndex(nodes, listed)

describe('image families by name', () => {
  it('names the nearest listed descendants, looking through intermediates, and stops at the first listed one; tagged by name, then untagged', () => {
    expect(family.childrenOf('base')).toEqual([
      { image: { id: 'api', repoTags: ['api:1', 'api:latest'] }, via: ['i1', 'i2', 'i4'] },
      { image: { id: 'web', repoTags: ['web:1'] }, via: ['i1', 'i2'] },
      { image: { id: 'dangling', repoTags: [] }, via: ['i5'] },
    ])
    // grand:1 is web:1's child, not base:1's nearest.
    expect(family.childrenOf('web')).toEqual([{ image: { id: 'grand', repoTags: ['grand:1'] }, via: ['i3'] }])
    expect(family.childrenOf('grand')).toEqual([])
  })

  it('collapses intermediates shared by several children once', () => {
    expect(intermediatesOf(family.childrenOf('base'))).toEqual(['i1', 'i2', 'i4', 'i5'])
  })

  it('names the nearest listed ancestor with the intermediates between, nearest first', () => {
    expect(family.parentOf('api')).toEqual({ image: { id: 'base', repoTags: ['base:1'] }, via: ['i4', 'i2', 'i1'] })
    expect(family.parentOf('grand')).toEqual({ image: { id: 'web', repoTags: ['web:1'] }, via: ['i3'] })
    expect(family.parentOf('base')).toBeNull()
  })

  it('names the topmost intermediate when nothing listed is above, so an existing parent is never "none"', () => {
    expect(family.parentOf('orphan')).toEqual({ image: { id: 'i6', repoTags: [] }, via: ['i7'] })
  })

  it('survives a parent loop in bad engine data', () => {
    const loop = new FamilyIndex([{ id: 'a', parentId: 'b' }, { id: 'b', parentId: 'a' }], new Map())
    expect(loop.parentOf('a')).toBeNull()
    expect(loop.childrenOf('a')).toEqual([])
  })
})

describe('unused', () => {
  it('is an image no container uses and no image is built on', () => {
    expect(isUnused({ containers: 0, children: 0 })).toBe(true)
    expect(isUnused({ containers: 1, children: 0 })).toBe(false)
    // A parent is not unused: deleting it is refused and would free nothing.
    expect(isUnused({ containers: 0, children: 2 })).toBe(false)
  })
})

describe('named deletions', () => {
  it('names the deleted image by the tags it had and counts the intermediates deleted along', () => {
    const images = new Set(['img', 'i1', 'i2', 'other'])
    // Docker also lists the released layers' chain IDs as deleted: they are not images.
    expect(namedDeletions(['img', 'i2', 'i1', 'sha256:layer'], { id: 'img', repoTags: ['web:1'] }, images)).toEqual({ images: [{ id: 'img', repoTags: ['web:1'] }], intermediates: ['i2', 'i1'] })
    // Untagging only: nothing deleted.
    expect(namedDeletions([], { id: 'img', repoTags: ['web:1'] }, images)).toEqual({ images: [], intermediates: [] })
  })
})

describe('the Images filter and Cleanup agree on unused', () => {
  const summary = (children: number, stopped: number): ImageSummary => ({
    id: 'x',
    repoTags: ['x:1'],
    repoDigests: [],
    created: '2026-01-01T00:00:00.000Z',
    size: 1,
    sharedSize: 0,
    uniqueSize: 1,
    platform: { os: 'linux', architecture: 'amd64', variant: null },
    parentId: null,
    family: { parent: null, children: Array.from({ length: children }, (_, index) => ({ image: { id: `c${index}`, repoTags: [] }, via: [] })) },
    dangling: false,
    labels: {},
    containers: { running: [], stopped: Array.from({ length: stopped }, (_, index) => ({ id: `s${index}`, name: `s${index}`, state: 'exited' as const })) },
  })

  it('counts a parent with children as in use, not unused', () => {
    expect(passesFilter(summary(1, 0), 'unused')).toBe(false)
    expect(passesFilter(summary(1, 0), 'in-use')).toBe(true)
    expect(passesFilter(summary(0, 1), 'in-use')).toBe(true)
    expect(passesFilter(summary(0, 0), 'unused')).toBe(true)
    expect(passesFilter(summary(0, 0), 'in-use')).toBe(false)
  })
})

describe('the CLI names families too', () => {
  it('says which listed child blocks a delete and through how many intermediates', () => {
    expect(blockerText({ kind: 'child-image', id: 'sha256:c', name: 'web:1', state: null, remedy: 'delete-child', forceOverrides: false, via: ['i1', 'i2'] })).toBe(
      'image web:1 is built on it (via 2 untagged intermediates): delete that image first',
    )
  })

  it('names the deleted image and counts the intermediates instead of listing their IDs', () => {
    const text = removeText({
      deletedImages: ['sha256:0123456789abcdef', 'sha256:i1', 'sha256:layer'],
      deletedNamed: { images: [{ id: 'sha256:0123456789abcdef', repoTags: ['web:1'] }], intermediates: ['sha256:i1'] },
      untagged: ['web:1'],
      stoppedContainers: [],
      removedContainers: [],
      orphanedContainers: [],
      layersBytesBefore: 10,
      layersBytesAfter: 4,
      layersBytesSource: 'engine',
      freedBytes: 6,
    })
    expect(text).toContain('Deleted web:1 (0123456789ab)\nDeleted 1 untagged intermediate it was built on\n')
    expect(text).not.toContain('layer\n')
  })
})
