import { afterAll, describe, expect, inject, it } from 'vitest'
import { connectEngine } from '../../electron/core/engine/connection'
import { ChainSizes, resolveChainSizes } from '../../electron/core/images/chain-sizes'
import { ImageDataCache } from '../../electron/core/images/image-data'
import { measureLayersBytes, sumChainBytes } from '../../electron/core/images/layers-total'
import { parseHost } from '../../electron/core/engine/endpoint'
import { pinApiVersion } from '../../electron/core/engine/version'
import { callError, callOk, privateCore, privateDocker } from '../support/engine'
import { FIXTURES } from '../support/fixtures'
import { dockerCli } from '../support/docker-cli'
import { engineDf } from '../support/engine-df'

const core = privateCore()
afterAll(() => core.close())

interface CliInfo {
  Driver: string
  DockerRootDir: string
  Images: number
  Containers: number
  OperatingSystem: string
  ServerVersion: string
  DriverStatus: [string, string][]
}

describe('engine.info against the docker CLI', () => {
  it('reports what `docker info` and `docker version` report', async () => {
    const info = await callOk(core, 'engine.info', {})
    const cli = JSON.parse(await dockerCli('info', '--format', '{{json .}}')) as CliInfo
    const apiVersion = (await dockerCli('version', '--format', '{{.Server.APIVersion}}')).trim()
    expect(info.storageDriver).toBe(cli.Driver)
    expect(info.dataRoot).toBe(cli.DockerRootDir)
    expect(info.images).toBe(cli.Images)
    expect(info.containers.total).toBe(cli.Containers)
    expect(info.os).toBe(cli.OperatingSystem)
    expect(info.engineVersion).toBe(cli.ServerVersion)
    expect(info.backingFilesystem).toBe(cli.DriverStatus.find(([key]) => key === 'Backing Filesystem')?.[1] ?? null)
    expect(info.daemonApiVersion).toBe(apiVersion)
    // The private daemon is Debian's 20.10: the graph-driver store, whatever its driver.
    expect(info.imageStore).toBe('classic')
    expect(info.snapshotter).toBeNull()
    expect(info.endpoint).toEqual({ url: inject('dockerHost'), kind: 'unix', source: 'explicit', context: null, tls: false })
    expect(info.podman).toBe(false)
  })
})

describe('images.removePlatform on the private 20.10 daemon (API 1.41, classic store)', () => {
  it('is refused before anything is deleted, naming the API version it needs, and the image stays', async () => {
    const before = await privateDocker().getImage(FIXTURES.base.tag).inspect()
    const error = await callError(core, 'images.removePlatform', { id: FIXTURES.base.tag, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } })
    expect(error.code).toBe('API_TOO_OLD')
    expect(error.toWire().detail.problem).toMatchObject({ id: 'image.platformDeleteNeedsApi', params: { minimum: '1.50' } })
    expect(error.message).toContain('Nothing was deleted')
    expect((await privateDocker().getImage(FIXTURES.base.tag).inspect()).Id).toBe(before.Id)
  })

  it('names an image that is not there as not found, before the version', async () => {
    const error = await callError(core, 'images.removePlatform', { id: 'strata-absent/platform:1', platform: { os: 'linux', architecture: 'arm64', variant: null } })
    expect(error.code).toBe('NOT_FOUND')
  })
})

describe('API version pinning', () => {
  it('pins every request to min(daemon, newest known), never unversioned', async () => {
    const connection = await connectEngine(parseHost(inject('dockerHost'), 'explicit', null, null))
    const modem = connection.docker.modem as { version?: string }
    expect(connection.apiVersion).toBe(pinApiVersion(connection.daemon.ApiVersion, 'x'))
    expect(modem.version).toBe(`v${connection.apiVersion}`)
    expect(connection.supports('1.41')).toBe(true)
    expect(connection.supports('9.99')).toBe(false)
  })
})

describe('engine.state', () => {
  it('is connected while following a live daemon', async () => {
    core.follow()
    const deadline = Date.now() + 10_000
    while (core.session.state.state !== 'connected' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    const state = await callOk(core, 'engine.state', {})
    expect(state.state).toBe('connected')
    expect(state.message).toBeNull()
  })
})

describe('engine.diskUsage', () => {
  it('answers calls made at the same moment (the engine runs one /system/df at a time)', async () => {
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => core.call('engine.diskUsage', {})))
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.error.message))).toEqual(['ok', 'ok', 'ok', 'ok'])
    const counts = outcomes.map((outcome) => (outcome.ok ? (outcome.value as { images: { count: number } }).images.count : -1))
    expect(new Set(counts).size).toBe(1)
    expect(counts[0]).toBeGreaterThan(0)
  })
})

describe('layer totals', () => {
  it("Strata's own sum over the listed images' layers (used where the engine reports none) equals Docker's LayersSize", async () => {
    const connection = await connectEngine(parseHost(inject('dockerHost'), 'explicit', null, null))
    const df = await engineDf<{ LayersSize: number }>(connection.docker)
    const listed = (await connection.docker.listImages()) as { Id: string }[]
    const cache = new ImageDataCache()
    const data = await cache.getMany(connection, listed.map((image) => image.Id))
    const sizes = new ChainSizes()
    await resolveChainSizes(connection, cache, sizes, [...data.values()])
    // At least the run's base and app fixtures, which share the base's layers.
    expect(listed.length).toBeGreaterThanOrEqual(2)
    expect(sumChainBytes(data.values(), sizes)).toBe(df.LayersSize)
    expect(await measureLayersBytes(connection, cache)).toEqual({ bytes: df.LayersSize, source: 'engine' })
  })
})
