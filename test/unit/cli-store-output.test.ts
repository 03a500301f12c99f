import { describe, expect, it } from 'vitest'
import { engineText, imageText } from '../../electron/host/cli-output'
import type { EngineInfo, ImageDetail, ImageSummary } from '../../shared/types'

const SUMMARY: ImageSummary = {
  id: `sha256:${'a'.repeat(64)}`,
  repoTags: ['alpine:3.20'],
  repoDigests: [],
  created: '2024-05-29T16:26:40.000Z',
  size: 12_000_000,
  sharedSize: 0,
  uniqueSize: 12_000_000,
  platform: { os: 'linux', architecture: 'amd64', variant: null },
  parentId: null,
  family: { parent: null, children: [] },
  dangling: false,
  labels: {},
  containers: { running: [], stopped: [] },
}

function detail(summary: ImageSummary): ImageDetail {
  return { summary, layers: [], history: [] } as unknown as ImageDetail
}

describe('command line text on the containerd store', () => {
  it('prints unpacked and content apart with their sources, and the platforms', () => {
    const text = imageText(
      detail({
        ...SUMMARY,
        store: {
          unpacked: { total: 8_000_000, shared: 0, unique: 8_000_000, source: 'history-chain-ids' },
          content: { total: 4_000_000, shared: 0, unique: 4_000_000, source: 'manifest-content' },
          platforms: [
            { digest: 'sha256:b', kind: 'image', platform: { os: 'linux', architecture: 'amd64', variant: null }, available: true, contentBytes: 4_000_000, unpackedBytes: 8_000_000, containers: [] },
            { digest: 'sha256:c', kind: 'image', platform: { os: 'linux', architecture: 'arm64', variant: 'v8' }, available: false, contentBytes: 0, unpackedBytes: 0, containers: [] },
            { digest: 'sha256:d', kind: 'attestation', platform: null, available: true, contentBytes: 900, unpackedBytes: 0, containers: [] },
          ],
        },
      }),
    )
    expect(text).toMatch(/Unpacked +8\.00 MB \(unique 8\.00 MB, shared 0 B; from history-chain-ids\)/)
    expect(text).toMatch(/Content +4\.00 MB \(unique 4\.00 MB, shared 0 B; from manifest-content\)/)
    expect(text).toMatch(/Platforms +linux\/amd64, linux\/arm64\/v8 \(not pulled\)\n/)
  })

  it('prints nothing of the kind on the classic store, and names the store of the engine', () => {
    expect(imageText(detail(SUMMARY))).not.toContain('Unpacked')
    const info = { endpoint: { url: 'unix:///x.sock', source: 'explicit', context: null }, podman: false, engineVersion: '29.0.0', apiVersion: '1.51', daemonApiVersion: '1.52', storageDriver: 'overlayfs', backingFilesystem: null, imageStore: 'containerd', snapshotter: 'overlayfs', dataRoot: '/var/lib/docker', os: 'Docker Desktop', osType: 'linux', architecture: 'aarch64', images: 2, containers: { total: 0, running: 0, paused: 0, stopped: 0 } } as unknown as EngineInfo
    expect(engineText(info)).toMatch(/Image store +containerd \(snapshotter overlayfs\)/)
  })
})
