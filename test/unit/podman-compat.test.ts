import { describe, expect, it } from 'vitest'
import { isPodman } from '../../electron/core/engine/connection'
import { parseHost } from '../../electron/core/engine/endpoint'
import { engineError } from '../../electron/core/engine/errors'
import { engineReportsLayers, sumChainBytes } from '../../electron/core/images/layers-total'
import { imageIdOf } from '../../electron/core/images/summary'

// What Podman 4.3's Docker-compatible API answers differently from Docker, as seen on a real service.

describe('imageIdOf', () => {
  const hex = 'c12d22f303a55a49fc9f9df0749eba440d28da2ad28b95b8929877266b5a308f'
  it("adds the sha256: prefix Podman leaves off ParentId and /system/df IDs", () => {
    expect(imageIdOf(hex)).toBe(`sha256:${hex}`)
    expect(imageIdOf(`sha256:${hex}`)).toBe(`sha256:${hex}`)
  })
  it('reads an empty parent as none, and leaves anything else alone', () => {
    expect(imageIdOf('')).toBeNull()
    expect(imageIdOf(undefined)).toBeNull()
    expect(imageIdOf('C12D')).toBe('C12D')
    expect(imageIdOf(`${hex}0`)).toBe(`${hex}0`)
  })
})

describe('layer totals', () => {
  it('believes LayersSize when it is above 0, or when no image holds any bytes', () => {
    expect(engineReportsLayers(2_658_012, [2_662_124])).toBe(true)
    expect(engineReportsLayers(0, [])).toBe(true)
    expect(engineReportsLayers(0, [0, 0])).toBe(true)
    // Podman: 0 with images on disk.
    expect(engineReportsLayers(0, [2_662_124])).toBe(false)
    expect(engineReportsLayers(undefined, [1])).toBe(false)
  })

  it('sums every distinct chain once, across images that share a base', () => {
    const sizes = new Map([['a', 100], ['ab', 20], ['abc', 3], ['abd', 4]])
    expect(sumChainBytes([{ chainIds: ['a', 'ab', 'abc'] }, { chainIds: ['a', 'ab', 'abd'] }], sizes)).toBe(127)
    expect(sumChainBytes([{ chainIds: ['a', 'unknown'] }], sizes)).toBe(100)
  })
})

describe("Podman's answers", () => {
  it('is recognised by the Podman Engine component of /version', () => {
    expect(isPodman({ Version: '4.3.1', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64', Components: [{ Name: 'Podman Engine', Version: '4.3.1' }] })).toBe(true)
    expect(isPodman({ Version: '20.10.24', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64', Components: [{ Name: 'Engine', Version: '20.10.24' }] })).toBe(false)
    expect(isPodman({ Version: '20.10.24', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64' })).toBe(false)
  })

  it("turns its 500 for deleting an image with several tags into CONFLICT, as Docker's 409, so the cleanup untags and retries", () => {
    const endpoint = parseHost('unix:///run/podman/podman.sock', 'explicit', null, null)
    const answer = (message: string): Error => Object.assign(new Error(message), { statusCode: 500, json: { message } })
    const several = engineError(answer('unable to delete image "c12d" by ID with more than one tag ([a:1 b:1]): please force removal'), endpoint)
    expect(several.code).toBe('CONFLICT')
    expect(engineError(answer('storage: disk full'), endpoint).code).toBe('ENGINE_ERROR')
  })
})
