import { describe, expect, it } from 'vitest'
import { inspectView } from '../../electron/core/containers/inspect-view'
import type { ContainerFileEntry } from '../../shared/container-files'
import type { JsonValue } from '../../shared/types'
import { isContainerFileEntry, originText, originTitle, shortInstruction } from '../../renderer/lib/container-files'
import { mountLine, networkLines, portLine, stateFacts } from '../../renderer/lib/inspect-summary'
import { translator } from '../../renderer/i18n/translator'

const t = translator('en')
const zh = translator('zh-CN')
const dateTime = (iso: string): string => `at ${iso}`

// Shaped as engines answer GET /containers/{id}/json, trimmed to what the summary reads plus one field it does not.
const RUNNING: JsonValue = {
  Id: 'c0ffee',
  Name: '/web',
  Image: 'sha256:abc',
  Config: { Image: 'nginx:1' },
  RestartCount: 2,
  State: { Status: 'running', Running: true, Paused: false, Restarting: false, OOMKilled: false, Dead: false, Pid: 4242, ExitCode: 0, Error: '', StartedAt: '2026-12-04T10:00:00.123456789Z', FinishedAt: '0001-01-01T00:00:00Z', Health: { Status: 'unhealthy', FailingStreak: 3, Log: [{ Output: 'first' }, { Output: 'curl: refused' }] } },
  Mounts: [
    { Type: 'volume', Name: 'cache', Source: '/var/lib/docker/volumes/cache/_data', Destination: '/cache', Mode: 'z', RW: true },
    { Type: 'bind', Source: '/srv/site', Destination: '/usr/share/nginx/html', Mode: 'ro', RW: false },
  ],
  HostConfig: { NetworkMode: 'bridge' },
  NetworkSettings: {
    Networks: { bridge: { IPAddress: '172.17.0.2', IPPrefixLen: 16, Gateway: '172.17.0.1', MacAddress: '02:42:ac:11:00:02', GlobalIPv6Address: '' } },
    Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }, { HostIp: '::', HostPort: '8080' }], '443/tcp': null },
  },
  Unknown: { kept: true },
}

describe('inspectView', () => {
  it('summarises state, mounts and network, keeping the raw answer whole', () => {
    const view = inspectView(RUNNING)
    expect(view).toMatchObject({ id: 'c0ffee', name: 'web', imageId: 'sha256:abc', imageName: 'nginx:1', networkMode: 'bridge', raw: RUNNING })
    expect(view.state).toEqual({
      status: 'running',
      running: true,
      paused: false,
      restarting: false,
      oomKilled: false,
      dead: false,
      exitCode: 0,
      error: null,
      pid: 4242,
      startedAt: '2026-12-04T10:00:00.123456789Z',
      // The engine's zero time means never.
      finishedAt: null,
      restartCount: 2,
      health: { status: 'unhealthy', failingStreak: 3, lastOutput: 'curl: refused' },
    })
    expect(view.mounts).toEqual([
      { type: 'volume', name: 'cache', source: '/var/lib/docker/volumes/cache/_data', destination: '/cache', readWrite: true, mode: 'z' },
      { type: 'bind', name: null, source: '/srv/site', destination: '/usr/share/nginx/html', readWrite: false, mode: 'ro' },
    ])
    expect(view.networks).toEqual([{ name: 'bridge', ipAddress: '172.17.0.2', prefixLength: 16, gateway: '172.17.0.1', macAddress: '02:42:ac:11:00:02', ipv6Address: '' }])
    expect(view.ports).toEqual([
      { port: '80/tcp', hostIp: '0.0.0.0', hostPort: '8080' },
      { port: '80/tcp', hostIp: '::', hostPort: '8080' },
      { port: '443/tcp', hostIp: null, hostPort: null },
    ])
  })

  it('reads an answer missing everything (an old engine, Podman) without failing', () => {
    const view = inspectView({ Id: 'x', Mounts: null, NetworkSettings: null })
    expect(view).toMatchObject({ id: 'x', name: '', mounts: [], networks: [], ports: [], state: { status: 'unknown', running: false, startedAt: null, health: null } })
    expect(inspectView(null)).toMatchObject({ id: '', raw: null })
  })
})

describe('the Inspect summary words', () => {
  it('names exit code, OOM kill and failing health as what needs attention', () => {
    const exited = inspectView({ State: { Status: 'exited', ExitCode: 137, OOMKilled: true, StartedAt: '2026-12-04T10:00:00Z', FinishedAt: '2026-12-04T10:05:00Z' }, RestartCount: 0 }).state
    const facts = stateFacts(exited, t, dateTime)
    expect(facts.map((fact) => fact.label)).toEqual(['Status', 'Exit code', 'Started', 'Finished', 'Health', 'OOM killed', 'Restarts'])
    expect(facts.find((fact) => fact.label === 'Exit code')).toMatchObject({ value: '137', tone: 'bad' })
    expect(facts.find((fact) => fact.label === 'OOM killed')).toMatchObject({ value: 'yes', tone: 'bad' })
    expect(facts.find((fact) => fact.label === 'Finished')?.title).toBe('2026-12-04T10:05:00Z')
    const running = stateFacts(inspectView(RUNNING).state, t, dateTime)
    expect(running.map((fact) => fact.label)).toEqual(['Status', 'PID', 'Started', 'Finished', 'Health', 'OOM killed', 'Restarts'])
    expect(running.find((fact) => fact.label === 'Finished')?.value).toBe('still running')
    expect(running.find((fact) => fact.label === 'Health')).toMatchObject({ value: 'unhealthy (3 failing)', tone: 'bad' })
    expect(facts.find((fact) => fact.label === 'Finished')?.value).toBe('at 2026-12-04T10:05:00Z')
  })

  it('words the facts in Chinese, keyed by their English names', () => {
    const facts = stateFacts(inspectView(RUNNING).state, zh, dateTime)
    expect(facts.find((fact) => fact.key === 'Health')).toMatchObject({ label: '健康状况', value: 'unhealthy（连续 3 次失败）' })
    expect(facts.find((fact) => fact.key === 'OOM killed')?.value).toBe('否')
    expect(networkLines(inspectView({ NetworkSettings: { Networks: { none: { IPAddress: '' } } } }), zh)).toEqual(['none（无地址）'])
  })

  it('writes mounts, ports and networks as one line each', () => {
    const view = inspectView(RUNNING)
    expect(view.mounts.map(mountLine)).toEqual(['volume cache → /cache (rw)', 'bind /srv/site → /usr/share/nginx/html (ro)'])
    expect(view.ports.map((port) => portLine(port, t))).toEqual(['0.0.0.0:8080 → 80/tcp', ':::8080 → 80/tcp', '443/tcp (not published)'])
    expect(networkLines(view, t)).toEqual(['bridge 172.17.0.2/16 via 172.17.0.1'])
    expect(networkLines(inspectView({ NetworkSettings: { Networks: { none: { IPAddress: '' } } } }), t)).toEqual(['none (no address)'])
  })
})

function fileEntry(origin: ContainerFileEntry['origin'], imageLayer: number | null, type: ContainerFileEntry['type'] = 'file'): ContainerFileEntry {
  return { name: 'f', path: 'f', type, size: 1, mode: 0o644, uid: 0, gid: 0, link: null, change: null, sameContent: null, childCount: 0, layer: 0, origin, imageLayer, metadataFrom: 'image', ownerKnown: true }
}

describe('the Files tab origin words', () => {
  const layers = ['COPY file:abc in /bin/busybox', 'RUN /bin/busybox --install -s /bin && echo a very long instruction that goes on']

  it('names the image layer and its instruction, or what the container did', () => {
    expect(originText(fileEntry('image', 0), layers, t)).toBe('image · layer 0 COPY file:abc in /bin/busybox')
    expect(originText(fileEntry('image', 1), layers, t)).toBe('image · layer 1 RUN /bin/busybox --install -s /bin && echo a ve…')
    expect(originText(fileEntry('added', null), layers, t)).toBe('added in container')
    expect(originText(fileEntry('copied-up', 1), layers, t)).toBe('copied up and changed')
    expect(originText(fileEntry('copied-up', 1, 'dir'), layers, t)).toBe('copied up (changed inside)')
    expect(originText(fileEntry('deleted', 0), layers, t)).toBe('deleted in container')
    expect(originTitle(fileEntry('deleted', 0), layers, t)).toBe("deleted in container\nThe image's copy: layer 0 COPY file:abc in /bin/busybox")
    expect(originTitle({ ...fileEntry('added', null), metadataFrom: null, ownerKnown: false }, layers, t)).toBe('added in container\nIts size and mode are not known: the folder has more changed paths than are read, or it is a socket.')
    expect(originTitle({ ...fileEntry('copied-up', 1), metadataFrom: 'container', ownerKnown: false }, layers, t)).toContain('names none')
    expect(originText(fileEntry('image', 0), layers, zh)).toBe('镜像 · 第 0 层 COPY file:abc in /bin/busybox')
    expect(originText(fileEntry('added', null), layers, zh)).toBe('在容器中新增')
  })

  it('shortens instructions to one line of 48 characters', () => {
    expect(shortInstruction('RUN  apt-get update \n && apt-get install -y curl ca-certificates gnupg lsb-release')).toBe('RUN apt-get update && apt-get install -y curl c…')
    expect(shortInstruction('CMD ["sh"]')).toBe('CMD ["sh"]')
  })

  it('tells container entries from image tree entries', () => {
    const plain = { name: 'f', path: 'f', type: 'file' as const, size: 1, mode: 0o644, uid: 0, gid: 0, link: null, change: null, sameContent: null, childCount: 0, layer: 0 }
    expect(isContainerFileEntry(fileEntry('image', 0))).toBe(true)
    expect(isContainerFileEntry(plain)).toBe(false)
  })
})
