import { describe, expect, it } from 'vitest'
import { blockersOf, isSingleReference, repositoryOf } from '../../electron/core/images/blockers'
import { chainIds } from '../../electron/core/images/chain'
import { buildLayerStack, cleanCreatedBy, type HistoryEntry } from '../../electron/core/images/history'
import { computeSharing } from '../../electron/core/images/sharing'
import type { ContainerSummary } from '../../shared/types'

describe('chainIds', () => {
  it('keeps the first diff ID and hashes "parent diff" after it (vectors from sha256sum)', () => {
    expect(chainIds(['sha256:aaaa', 'sha256:bbbb', 'sha256:cccc'])).toEqual([
      'sha256:aaaa',
      'sha256:2c4d8760379f05d0ad1ed610712309f0114e7345e6e6a351494cff030ffdf197',
      'sha256:10f847b3ece58353f298bec20c58125235b631360ad43ac162131980750211ff',
    ])
  })

  it('gives the same diff on another base another chain', () => {
    const [, onA] = chainIds(['sha256:baseA', 'sha256:same'])
    const [, onB] = chainIds(['sha256:baseB', 'sha256:same'])
    expect(onA).not.toBe(onB)
  })
})

describe('computeSharing', () => {
  it('counts a chain as shared only when two images hold it', () => {
    const result = computeSharing([
      { id: 'a', chains: [{ chainId: 'c1', size: 100 }, { chainId: 'c2', size: 10 }] },
      { id: 'b', chains: [{ chainId: 'c1', size: 100 }, { chainId: 'c3', size: 7 }] },
      { id: 'c', chains: [{ chainId: 'c4', size: 1 }] },
    ])
    expect(Object.fromEntries(result.sharedBytes)).toEqual({ a: 100, b: 100, c: 0 })
    expect(result.holders.get('c1')).toEqual(['a', 'b'])
  })
})

const history = (entries: [string, number][]): HistoryEntry[] =>
  entries.map(([createdBy, size], index) => ({ Id: '<missing>', Created: 1_700_000_000 + index, CreatedBy: createdBy, Size: size, Comment: '' })).reverse()

describe('buildLayerStack', () => {
  it('maps non-empty steps to diff IDs bottom first and keeps empty steps with the next layer', () => {
    const stack = buildLayerStack(
      ['sha256:l0', 'sha256:l1'],
      history([
        ['/bin/sh -c #(nop) COPY file:abc in /bin/busybox ', 1000],
        ['/bin/sh -c #(nop)  ENV A=1', 0],
        ['/bin/sh -c echo hi > /x', 3],
        ['/bin/sh -c #(nop)  CMD ["sh"]', 0],
      ]),
    )
    expect(stack.layers.map((layer) => [layer.diffId, layer.size, layer.createdBy])).toEqual([
      ['sha256:l0', 1000, 'COPY file:abc in /bin/busybox'],
      ['sha256:l1', 3, 'RUN echo hi > /x'],
    ])
    expect(stack.layers[1]?.emptySteps.map((step) => step.createdBy)).toEqual(['ENV A=1'])
    expect(stack.history.map((step) => step.emptyLayer)).toEqual([false, true, false, true])
  })

  it('places a zero-byte layer on the step that makes layers, not on an ENV', () => {
    const stack = buildLayerStack(
      ['sha256:l0', 'sha256:l1'],
      history([
        ['/bin/sh -c #(nop) ADD file:x in / ', 500],
        ['/bin/sh -c #(nop)  ENV B=2', 0],
        ['/bin/sh -c touch /empty', 0],
      ]),
    )
    expect(stack.layers[1]?.createdBy).toBe('RUN touch /empty')
    expect(stack.history[1]?.emptyLayer).toBe(true)
  })
})

describe('buildLayerStack with WORKDIR', () => {
  it('gives the classic builder\'s WORKDIR its zero-byte layer, so the steps above keep their layers', () => {
    const stack = buildLayerStack(
      ['sha256:l0', 'sha256:l1', 'sha256:l2'],
      history([
        ['/bin/sh -c #(nop) COPY file:x in / ', 500],
        ['/bin/sh -c #(nop) WORKDIR /app', 0],
        ['/bin/sh -c echo hi > /app/x', 3],
        ['/bin/sh -c #(nop)  CMD ["sleep 1000"]', 0],
      ]),
    )
    expect(stack.layers.map((layer) => layer.createdBy)).toEqual(['COPY file:x in /', 'WORKDIR /app', 'RUN echo hi > /app/x'])
    expect(stack.history.at(-1)).toMatchObject({ emptyLayer: true, createdBy: 'CMD ["sleep 1000"]' })
  })
})

describe('cleanCreatedBy', () => {
  it.each([
    ['/bin/sh -c #(nop)  LABEL a=b', 'LABEL a=b'],
    ['/bin/sh -c apk add curl', 'RUN apk add curl'],
    ['|1 VERSION=2 /bin/sh -c make', 'RUN make'],
    ['/bin/busybox --install -s /bin', 'RUN /bin/busybox --install -s /bin'],
    ['RUN /bin/sh -c make # buildkit', 'RUN /bin/sh -c make'],
    ['COPY app /app # buildkit', 'COPY app /app'],
  ])('%s -> %s', (raw, clean) => {
    expect(cleanCreatedBy(raw)).toBe(clean)
  })
})

describe('references and blockers', () => {
  it('reads the repository of tags and digests, registry ports included', () => {
    expect(repositoryOf('localhost:5000/app:1')).toBe('localhost:5000/app')
    expect(repositoryOf('localhost:5000/app')).toBe('localhost:5000/app')
    expect(repositoryOf('app@sha256:abc')).toBe('app')
  })

  it('implements the engine\'s single-reference rule', () => {
    expect(isSingleReference(['app:1'], [])).toBe(true)
    expect(isSingleReference(['app:1'], ['app@sha256:x'])).toBe(true)
    expect(isSingleReference(['app:1', 'app:2'], [])).toBe(false)
    expect(isSingleReference(['app:1'], ['other@sha256:x'])).toBe(false)
    expect(isSingleReference([], [])).toBe(false)
  })

  const container = (id: string, state: ContainerSummary['state'], imageId = 'img'): ContainerSummary => ({
    id,
    names: [`name-${id}`],
    image: 'x',
    imageId,
    command: '',
    created: '',
    state,
    status: '',
  })

  it('classifies containers by state and ignores containers of other images', () => {
    const blockers = blockersOf({
      imageId: 'img',
      tags: ['a:1'],
      digests: [],
      containers: [container('r', 'running'), container('p', 'paused'), container('e', 'exited'), container('c', 'created'), container('o', 'running', 'other')],
      children: [{ image: { id: 'sha256:0123456789abcdef0123', repoTags: [] }, via: [] }],
    })
    expect(blockers.map((blocker) => `${blocker.kind}:${blocker.id}:${blocker.forceOverrides}`)).toEqual([
      'child-image:sha256:0123456789abcdef0123:false',
      'running-container:r:false',
      'running-container:p:false',
      'stopped-container:e:true',
      'stopped-container:c:true',
    ])
  })

  it('names a child by its first tag and keeps the intermediates it was reached through', () => {
    const [child] = blockersOf({ imageId: 'img', tags: [], digests: [], containers: [], children: [{ image: { id: 'sha256:c', repoTags: ['web:1', 'web:latest'] }, via: ['sha256:i1', 'sha256:i2'] }] })
    expect(child).toMatchObject({ kind: 'child-image', id: 'sha256:c', name: 'web:1', via: ['sha256:i1', 'sha256:i2'] })
  })

  it('lists every tag as a blocker only when several repositories or tags name the image', () => {
    expect(blockersOf({ imageId: 'img', tags: ['a:1', 'b:1'], digests: [], containers: [], children: [] }).map((blocker) => blocker.name)).toEqual(['a:1', 'b:1'])
    expect(blockersOf({ imageId: 'img', tags: ['a:1'], digests: [], containers: [], children: [] })).toEqual([])
  })
})
