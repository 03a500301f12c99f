import { describe, expect, it } from 'vitest'
import { withPulledSoFar } from '../../electron/core/registry/pull'
import { StrataError } from '../../shared/errors'
import type { PulledImage } from '../../shared/types'

const amd64: PulledImage = {
  reference: '127.0.0.1:5000/multi@sha256:' + 'a'.repeat(64),
  id: 'sha256:' + 'b'.repeat(64),
  platform: { os: 'linux', architecture: 'amd64', variant: null },
  repoTags: [],
  repoDigests: [],
  upToDate: false,
  layers: [],
  downloadedBytes: 1000,
}

describe('a pull of several platforms cut off part-way', () => {
  it('keeps the failure’s code and says which platforms are on disk already', () => {
    const failure = new StrataError('ENGINE_UNREACHABLE', 'No Docker engine answers at unix:///tmp/d.sock.', { endpoint: 'unix:///tmp/d.sock' })
    const reported = withPulledSoFar(failure, [amd64]) as StrataError
    expect(reported.code).toBe('ENGINE_UNREACHABLE')
    expect(reported.message).toBe(`No Docker engine answers at unix:///tmp/d.sock. Before that, Strata pulled linux/amd64 (${amd64.reference}); those stay on disk.`)
    expect(reported.detail).toEqual({
      endpoint: 'unix:///tmp/d.sock',
      pulled: [amd64.reference],
      problem: { id: 'registry.partlyPulled', params: { failure: 'No Docker engine answers at unix:///tmp/d.sock.', pulled: `linux/amd64 (${amd64.reference})` } },
    })
  })

  it('passes the failure through unchanged when nothing was pulled yet', () => {
    const failure = new StrataError('CANCELLED', 'The pull was cancelled.')
    expect(withPulledSoFar(failure, [])).toBe(failure)
  })
})
