import { describe, expect, it } from 'vitest'
import { candidateRows, hostPlatform, pickerEngines, remoteAddressProblem, socketAddressProblem, startHints } from '../../renderer/lib/welcome'
import { candidateSource, type DiscoveredEngine, type EngineDiscovery, type EngineIdentity, type ProbeFailureCode } from '../../shared/engine-discovery'
import { problem } from '../../shared/problems'
import { translator } from '../../renderer/i18n/translator'

const en = translator('en')
const zh = translator('zh-CN')

const DOCKER: EngineIdentity = {
  engine: 'Docker',
  version: '24.0.7',
  apiVersion: '1.43',
  storageDriver: 'overlay2',
  operatingSystem: 'Debian GNU/Linux 12 (bookworm)',
  os: 'linux',
  architecture: 'x86_64',
  rootless: false,
}

function answering(url: string, identity: Partial<EngineIdentity> = {}, extra: Partial<DiscoveredEngine> = {}): DiscoveredEngine {
  return {
    url,
    kind: 'unix',
    tls: false,
    tlsFiles: null,
    sources: [{ origin: 'docker-engine', label: 'Docker Engine' }],
    dockerCliChoice: false,
    inUse: false,
    probe: { answers: true, identity: { ...DOCKER, ...identity }, elapsedMs: 3 },
    ...extra,
  }
}

function failing(url: string, code: ProbeFailureCode, hint: string | null, extra: Partial<DiscoveredEngine> = {}): DiscoveredEngine {
  return {
    url,
    kind: 'unix',
    tls: false,
    tlsFiles: null,
    sources: [{ origin: 'podman-rootless', label: 'Podman (rootless)' }],
    dockerCliChoice: false,
    inUse: false,
    probe: { answers: false, failure: { code, message: `${url}: ${code}`, hint }, identity: null, elapsedMs: 1 },
    ...extra,
  }
}

function discovery(engines: DiscoveredEngine[]): EngineDiscovery {
  return { engines, problems: [], timeoutMs: 1500 }
}

describe('welcome screen candidates', () => {
  it('lists the engines that answer first, then the CLI’s choice and the one in use, then the rest, each with why it does not answer', () => {
    const rows = candidateRows(
      discovery([
        failing('unix:///run/user/1000/podman/podman.sock', 'NO_SOCKET', null),
        failing('unix:///var/run/docker.sock', 'PERMISSION_DENIED', 'sudo usermod -aG docker $USER, then log in again', { dockerCliChoice: true }),
        answering('unix:///tmp/private.sock', { rootless: true }, { sources: [{ origin: 'DOCKER_HOST', label: 'DOCKER_HOST' }, { origin: 'context', label: 'Docker context "x"' }] }),
        failing('unix:///nothing.sock', 'NOT_PROBED', null),
        failing('unix:///tmp/strata-nothing.sock', 'NO_SOCKET', null, { inUse: true }),
      ]), en,
    )
    expect(rows.map((row) => row.url)).toEqual(['unix:///tmp/private.sock', 'unix:///var/run/docker.sock', 'unix:///tmp/strata-nothing.sock', 'unix:///run/user/1000/podman/podman.sock'])
    expect(rows[0]).toEqual({
      url: 'unix:///tmp/private.sock',
      tlsFiles: null,
      sources: 'DOCKER_HOST, Docker context "x"',
      answers: true,
      summary: 'Docker 24.0.7 · API 1.43 · overlay2 · rootless',
      hint: null,
      inUse: false,
    })
    expect(rows[1]).toMatchObject({ answers: false, summary: 'unix:///var/run/docker.sock: PERMISSION_DENIED', hint: 'sudo usermod -aG docker $USER, then log in again' })
    expect(rows[2]?.inUse).toBe(true)
  })

  it('offers in the picker only the engines that answer, the one in use marked', () => {
    const rows = pickerEngines(
      discovery([
        answering('unix:///a.sock', {}, { inUse: true }),
        failing('unix:///b.sock', 'CONNECTION_REFUSED', null),
        answering('unix:///c.sock', { engine: 'Podman', version: '4.3.1', storageDriver: '' }),
      ]), en,
    )
    expect(rows.map((row) => [row.url, row.inUse, row.summary])).toEqual([
      ['unix:///a.sock', true, 'Docker 24.0.7 · API 1.43 · overlay2'],
      ['unix:///c.sock', false, 'Podman 4.3.1 · API 1.43'],
    ])
    expect(pickerEngines(discovery([]), en)).toEqual([])
    // The engine in use whose probe timed out is still offered while the app is connected to it.
    const slow = discovery([failing('unix:///podman.sock', 'TIMEOUT', 'try again', { inUse: true }), answering('unix:///d.sock')])
    expect(pickerEngines(slow, en).map((row) => row.url)).toEqual(['unix:///d.sock'])
    expect(pickerEngines(slow, en, { summary: 'Podman 4.3.1 · API 1.41 · vfs' })).toEqual([
      { url: 'unix:///d.sock', tlsFiles: null, sources: 'Docker Engine', answers: true, summary: 'Docker 24.0.7 · API 1.43 · overlay2', hint: null, inUse: false },
      { url: 'unix:///podman.sock', tlsFiles: null, sources: 'Podman (rootless)', answers: true, summary: 'Podman 4.3.1 · API 1.41 · vfs', hint: null, inUse: true },
    ])
  })
})

describe('start-up hints per platform', () => {
  it('reads the platform from what the browser reports', () => {
    expect(hostPlatform('MacIntel', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)')).toBe('mac')
    expect(hostPlatform('Win32', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)')).toBe('windows')
    expect(hostPlatform('Linux x86_64', 'Mozilla/5.0 (X11; Linux x86_64)')).toBe('linux')
    expect(hostPlatform('', '')).toBe('linux')
  })

  it('names each platform’s engines and the commands that start them', () => {
    const commands = (platform: 'linux' | 'mac' | 'windows'): (string | null)[] => startHints(platform, en).map((hint) => hint.command)
    expect(commands('linux')).toEqual(['sudo systemctl start docker', 'sudo usermod -aG docker $USER', 'systemctl --user start podman.socket'])
    expect(startHints('linux', en)[1]?.note).toContain('systemctl --user start docker')
    expect(startHints('mac', en).map((hint) => hint.title)).toEqual(['Docker Desktop', 'Colima', 'OrbStack', 'Podman'])
    expect(commands('mac')).toContain('colima start')
    expect(commands('mac')).toContain('podman machine start')
    expect(startHints('windows', en).map((hint) => hint.title)).toEqual(['Docker Desktop', 'Podman'])
  })
})

describe('typed addresses', () => {
  it('takes ssh://user@host[:port] and tcp://host:port for a remote engine', () => {
    for (const ok of ['ssh://me@build-box', 'ssh://me@10.0.0.2:2222', 'tcp://192.168.1.20:2376', 'tcp://docker.lan:2375/', '']) expect(remoteAddressProblem(ok, en)).toBeNull()
    expect(remoteAddressProblem('ssh://build-box', en)).toContain('ssh://user@host')
    expect(remoteAddressProblem('tcp://192.168.1.20', en)).toContain('tcp://host:port')
    expect(remoteAddressProblem('tcp://host:70000', en)).toContain('1 to 65535')
    expect(remoteAddressProblem('ssh://me@host:0', en)).toContain('1 to 65535')
    expect(remoteAddressProblem('192.168.1.20:2376', en)).toContain('ssh:// or tcp://')
    expect(remoteAddressProblem('unix:///var/run/docker.sock', en)).toContain('ssh:// or tcp://')
  })

  it('takes a socket as unix:///path or npipe://, and says how to write a bare path', () => {
    expect(socketAddressProblem('unix:///run/user/1000/docker.sock', en)).toBeNull()
    expect(socketAddressProblem('npipe:////./pipe/docker_engine', en)).toBeNull()
    expect(socketAddressProblem('', en)).toBeNull()
    expect(socketAddressProblem('/var/run/docker.sock', en)).toBe('Write it as unix:///var/run/docker.sock')
    expect(socketAddressProblem('unix://relative.sock', en)).toContain('unix:///path')
  })
})

describe('the welcome screen in Chinese', () => {
  it('words its hints and address problems in the chosen language', () => {
    expect(startHints('linux', zh)[0]).toEqual({ title: 'Docker Engine', command: 'sudo systemctl start docker', note: '启动系统的 Docker 守护进程（/var/run/docker.sock）。' })
    expect(remoteAddressProblem('tcp://host:70000', zh)).toBe('端口是 1 到 65535 之间的数字')
    expect(socketAddressProblem('/var/run/docker.sock', zh)).toBe('请写成 unix:///var/run/docker.sock')
    expect(remoteAddressProblem('ssh://build-box', en)).toBe('Write it as ssh://user@host or ssh://user@host:port')
  })

  it('says where each engine was found in the chosen language, and as the core said it when it sent no wording', () => {
    const sources = [
      candidateSource('podman-rootless', problem('engine.sourcePodmanRootless')),
      candidateSource('context', problem('engine.sourceContextCurrent', { name: 'work' })),
      { origin: 'colima' as const, label: 'Colima profile "old"' },
    ]
    const rows = (t: typeof zh): string | undefined => candidateRows(discovery([answering('unix:///p.sock', {}, { sources })]), t)[0]?.sources
    expect(rows(zh)).toBe('Podman（rootless 模式）、Docker 上下文 "work"（当前）、Colima profile "old"')
    expect(rows(en)).toBe('Podman (rootless), Docker context "work" (current), Colima profile "old"')
  })
})
