import { describe, expect, it } from 'vitest'
import Modem from 'docker-modem'
import type { EngineConnection } from '../../electron/core/engine/connection'
import { platformDeleteQuery, removePlatform } from '../../electron/core/images/remove-platform'
import { StrataError } from '../../shared/errors'
import { compareApiVersions } from '../../shared/format'
import { containerd29, classic2010 } from '../fixtures/engine-api/info'
import { digests } from '../fixtures/engine-api/containerd-images'

const ARM64 = { os: 'linux', architecture: 'arm64', variant: 'v8' }

function problemOf(work: () => unknown): unknown {
  try {
    work()
  } catch (error) {
    return error instanceof StrataError ? { code: error.code, problem: error.toWire().detail.problem } : error
  }
  return null
}

describe('DELETE /images/{name}?platforms= (API 1.50, moby api/docs/CHANGELOG.md)', () => {
  it('builds one JSON-encoded OCI platform per value, as the swagger documents the parameter', () => {
    expect(platformDeleteQuery('1.50', 'containerd', ARM64)).toEqual({ platforms: ['{"os":"linux","architecture":"arm64","variant":"v8"}'] })
    expect(platformDeleteQuery('1.52', 'containerd', { os: 'linux', architecture: 'amd64', variant: null })).toEqual({ platforms: ['{"os":"linux","architecture":"amd64"}'] })
    // What goes on the wire through dockerode's modem: a repeated `platforms` key, URL-encoded JSON.
    // buildQuerystring is private in the typings; it is what dial() runs on the options.
    const modem = new Modem({ socketPath: '/nonexistent' }) as unknown as { buildQuerystring(options: object): string }
    const wire = modem.buildQuerystring(platformDeleteQuery('1.50', 'containerd', ARM64))
    expect(decodeURIComponent(wire)).toBe('platforms={"os":"linux","architecture":"arm64","variant":"v8"}')
  })

  it('refuses below API 1.50, where the engine would ignore the parameter and delete every platform', () => {
    for (const version of ['1.41', '1.44', '1.47', '1.49']) {
      expect(problemOf(() => platformDeleteQuery(version, 'containerd', ARM64))).toEqual({
        code: 'API_TOO_OLD',
        problem: { id: 'image.platformDeleteNeedsApi', params: { platform: 'linux/arm64/v8', apiVersion: version, minimum: '1.50' } },
      })
    }
  })

  it('refuses on the classic store, where an image ID holds one platform', () => {
    expect(problemOf(() => platformDeleteQuery('1.51', 'classic', ARM64))).toMatchObject({ code: 'INVALID_INPUT', problem: { id: 'image.platformDeleteClassicStore' } })
  })
})

function engine(apiVersion: string, info: object) {
  const calls: string[] = []
  const docker = {
    info: () => {
      calls.push('GET /info')
      return Promise.resolve(info)
    },
    getImage: (id: string) => ({
      inspect: () => {
        calls.push(`GET /images/${id}/json`)
        return Promise.resolve({ Id: id })
      },
      remove: (query: object) => {
        calls.push(`DELETE /images/${id} ${JSON.stringify(query)}`)
        return Promise.resolve([{ Deleted: digests.alpineArm64 }])
      },
    }),
  }
  const connection = { docker, apiVersion, supports: (version: string) => compareApiVersions(apiVersion, version) >= 0, endpoint: { url: 'unix:///fixture.sock' } } as unknown as EngineConnection
  return { connection, calls }
}

describe('removePlatform against recorded engines', () => {
  it('sends the platform on a containerd engine at API 1.51 and reports what it deleted', async () => {
    const { connection, calls } = engine('1.51', containerd29.answer)
    const result = await removePlatform(connection, { id: digests.alpineIndex, platform: ARM64 })
    expect(calls).toEqual([`GET /images/${digests.alpineIndex}/json`, 'GET /info', `DELETE /images/${digests.alpineIndex} {"platforms":["{\\"os\\":\\"linux\\",\\"architecture\\":\\"arm64\\",\\"variant\\":\\"v8\\"}"]}`])
    expect(result).toEqual({ id: digests.alpineIndex, platform: ARM64, deleted: [digests.alpineArm64], untagged: [] })
  })

  it('only asks an engine below 1.50 whether the image is there, and deletes nothing (the private daemon speaks 1.41)', async () => {
    const { connection, calls } = engine('1.41', classic2010.answer)
    await expect(removePlatform(connection, { id: digests.alpineIndex, platform: ARM64 })).rejects.toMatchObject({ code: 'API_TOO_OLD' })
    expect(calls).toEqual([`GET /images/${digests.alpineIndex}/json`])
  })
})
