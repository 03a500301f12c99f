import { describe, expect, it } from 'vitest'
import { StrataError } from '../../shared/errors'
import { isInsecureRegistry } from '../../electron/core/registry/insecure'
import { isImageEntry, parseManifest } from '../../electron/core/registry/manifests'
import { formatPlatform, parsePlatform, platformMatches } from '../../shared/platform'
import { configKey, manifestKey, parseImageReference, referenceText, registryDomain } from '../../electron/core/registry/reference'
import { parseWwwAuthenticate } from '../../electron/core/registry/www-authenticate'

describe('image references for the registry API', () => {
  it('splits registry, repository, tag and digest as the engine reads them', () => {
    expect(parseImageReference('busybox')).toMatchObject({ domain: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/busybox', name: 'busybox', tag: 'latest', digest: null })
    expect(parseImageReference('127.0.0.1:5000/multi/busybox:1')).toMatchObject({ domain: '127.0.0.1:5000', apiHost: '127.0.0.1:5000', repository: 'multi/busybox', name: '127.0.0.1:5000/multi/busybox', tag: '1' })
    expect(parseImageReference('index.docker.io/user/app:2')).toMatchObject({ domain: 'docker.io', repository: 'user/app', name: 'user/app', tag: '2' })
    const digest = `sha256:${'a'.repeat(64)}`
    const pinned = parseImageReference(`localhost:5000/app@${digest}`)
    expect(pinned).toMatchObject({ domain: 'localhost:5000', repository: 'app', tag: null, digest })
    expect(manifestKey(pinned)).toBe(digest)
    expect(referenceText(pinned)).toBe(`localhost:5000/app@${digest}`)
    expect(manifestKey(parseImageReference('app:3@' + digest))).toBe(digest)
  })

  it('refuses what the engine refuses, with the reason', () => {
    expect(() => parseImageReference('Busybox')).toThrow(/uppercase/)
    expect(() => parseImageReference('app@sha256:short')).toThrow(StrataError)
    expect(() => parseImageReference('app:-bad')).toThrow(/starts with/)
  })

  it('names a registry the way docker login and config.json do', () => {
    expect(registryDomain('https://index.docker.io/v1/')).toBe('docker.io')
    expect(registryDomain('http://127.0.0.1:5000/v2/')).toBe('127.0.0.1:5000')
    expect(registryDomain('Registry.Example.com')).toBe('registry.example.com')
    expect(configKey('docker.io')).toBe('https://index.docker.io/v1/')
    expect(configKey('127.0.0.1:5000')).toBe('127.0.0.1:5000')
  })
})

describe('WWW-Authenticate', () => {
  it('reads a Bearer challenge whose scope holds commas inside quotes', () => {
    expect(parseWwwAuthenticate('Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.example.com/token', service: 'registry.example.com', scope: 'repository:a/b:pull,push' } },
    ])
  })

  it('reads several challenges, unquoted values and escapes', () => {
    expect(parseWwwAuthenticate('Basic realm="a \\"quoted\\" realm", Bearer realm=https://t/token, error=invalid_token')).toEqual([
      { scheme: 'basic', params: { realm: 'a "quoted" realm' } },
      { scheme: 'bearer', params: { realm: 'https://t/token', error: 'invalid_token' } },
    ])
    expect(parseWwwAuthenticate('')).toEqual([])
  })
})

describe('platforms', () => {
  it('parses and prints os/arch[/variant]', () => {
    expect(parsePlatform('linux/arm64')).toEqual({ os: 'linux', architecture: 'arm64', variant: null })
    expect(formatPlatform(parsePlatform('Linux/ARM/v7'))).toBe('linux/arm/v7')
    expect(() => parsePlatform('arm64')).toThrow(/os\/arch/)
    expect(() => parsePlatform('linux/arm/')).toThrow(StrataError)
  })

  it('matches as the engine normalizes: aliases, default variants, any variant when none is asked', () => {
    const arm64 = { os: 'linux', architecture: 'arm64', variant: null }
    expect(platformMatches({ os: 'linux', architecture: 'aarch64', variant: 'v8' }, arm64)).toBe(true)
    expect(platformMatches(arm64, { os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe(true)
    expect(platformMatches({ os: 'linux', architecture: 'arm', variant: 'v6' }, { os: 'linux', architecture: 'arm', variant: 'v7' })).toBe(false)
    expect(platformMatches({ os: 'linux', architecture: 'arm', variant: 'v6' }, { os: 'linux', architecture: 'arm', variant: null })).toBe(true)
    expect(platformMatches({ os: 'windows', architecture: 'amd64', variant: null }, { os: 'linux', architecture: 'x86_64', variant: null })).toBe(false)
  })
})

describe('manifests', () => {
  it('reads an index, and tells attestations from images', () => {
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:1', size: 10, platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:2', size: 10, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
      ],
    }
    const parsed = parseManifest(JSON.stringify(index), null)
    expect(parsed.kind).toBe('index')
    if (parsed.kind !== 'index') return
    expect(parsed.manifests[0]?.platform).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7', osVersion: null })
    expect(parsed.manifests.map(isImageEntry)).toEqual([true, false])
  })

  it('takes the media type from the header when the body has none, and refuses schema 1', () => {
    const manifest = { schemaVersion: 2, config: { digest: 'sha256:c', size: 5 }, layers: [{ digest: 'sha256:l', size: 7, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' }] }
    expect(parseManifest(JSON.stringify(manifest), 'application/vnd.oci.image.manifest.v1+json; charset=utf-8')).toMatchObject({ kind: 'image', mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: 'sha256:c' } })
    expect(() => parseManifest('{"schemaVersion":1}', null)).toThrow(/schema 1/)
    expect(() => parseManifest('not json', null)).toThrow(/not JSON/)
  })
})

describe('insecure registries', () => {
  it('follows the engine\'s CIDRs and IndexConfigs; host names are not resolved', () => {
    const config = { InsecureRegistryCIDRs: ['127.0.0.0/8', '10.1.0.0/16'], IndexConfigs: { 'plain.example:5000': { Secure: false }, 'docker.io': { Secure: true } } }
    expect(isInsecureRegistry('127.0.0.1:5000', config)).toBe(true)
    expect(isInsecureRegistry('localhost:5000', config)).toBe(true)
    expect(isInsecureRegistry('10.1.200.3', config)).toBe(true)
    expect(isInsecureRegistry('10.2.0.1', config)).toBe(false)
    expect(isInsecureRegistry('plain.example:5000', config)).toBe(true)
    expect(isInsecureRegistry('docker.io', config)).toBe(false)
    expect(isInsecureRegistry('127.0.0.1:5000', { InsecureRegistryCIDRs: [] })).toBe(false)
  })
})
