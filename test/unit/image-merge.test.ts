import { describe, expect, it } from 'vitest'
import { applyImageChange } from '../../shared/image-merge'
import type { ImageSummary } from '../../shared/types'

function image(id: string, repoTags: string[]): ImageSummary {
  return {
    id,
    repoTags,
    repoDigests: [],
    created: '2026-01-01T00:00:00.000Z',
    size: 10,
    sharedSize: 0,
    uniqueSize: 10,
    platform: { os: 'linux', architecture: 'amd64', variant: null },
    parentId: null,
    family: { parent: null, children: [] },
    dangling: repoTags.length === 0,
    labels: {},
    containers: { running: [], stopped: [] },
  }
}

describe('applyImageChange', () => {
  const list = [image('sha256:a', ['app:1']), image('sha256:b', ['app:2', 'app:latest'])]

  it('adds a new image at the top', () => {
    const result = applyImageChange(list, 'sha256:c', image('sha256:c', ['new:1']))
    expect(result.map((entry) => entry.id)).toEqual(['sha256:c', 'sha256:a', 'sha256:b'])
  })

  it('replaces a known image in place', () => {
    const result = applyImageChange(list, 'sha256:b', image('sha256:b', ['app:2']))
    expect(result.map((entry) => entry.id)).toEqual(['sha256:a', 'sha256:b'])
    expect(result[1]?.repoTags).toEqual(['app:2'])
  })

  it('removes an image that is gone', () => {
    expect(applyImageChange(list, 'sha256:a', null).map((entry) => entry.id)).toEqual(['sha256:b'])
  })

  it('takes a moved tag off the image it left, which may become dangling', () => {
    const result = applyImageChange(list, 'sha256:c', image('sha256:c', ['app:1', 'app:latest']))
    expect(result.find((entry) => entry.id === 'sha256:a')).toMatchObject({ repoTags: [], dangling: true })
    expect(result.find((entry) => entry.id === 'sha256:b')).toMatchObject({ repoTags: ['app:2'], dangling: false })
  })

  it('does not modify the list it was given', () => {
    applyImageChange(list, 'sha256:c', image('sha256:c', ['app:1']))
    expect(list[0]?.repoTags).toEqual(['app:1'])
  })
})
