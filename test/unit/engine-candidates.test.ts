import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { listCandidates, type EngineCandidate } from '../../electron/core/engine/discovery/candidates'
import type { DiscoveryEnvironment } from '../../electron/core/engine/discovery/environment'
import { WINDOWS_PIPE_FOLDER } from '../../electron/core/engine/discovery/well-known-sockets'
import { parseHost } from '../../electron/core/engine/endpoint'
import { problem } from '../../shared/problems'

/**
 * A machine made of paths: `files` hold content (config, context metadata) and
 * `present` are sockets or folders that exist. Folders above any path exist too,
 * and listing a folder gives the names directly below it.
 */
function machine(options: { platform?: NodeJS.Platform; env?: Record<string, string>; files?: Record<string, string>; present?: string[]; pipes?: string[]; uid?: number | null; home?: string }): DiscoveryEnvironment {
  const files = options.files ?? {}
  const paths = [...Object.keys(files), ...(options.present ?? [])]
  const exists = (path: string): boolean => paths.some((known) => known === path || known.startsWith(`${path}/`))
  return {
    env: options.env ?? {},
    platform: options.platform ?? 'linux',
    homeDir: options.home ?? '/home/ana',
    uid: options.uid === undefined ? 1000 : options.uid,
    readFile: (path) => files[path] ?? null,
    exists,
    listDir: (path) => {
      if (path === WINDOWS_PIPE_FOLDER) return options.pipes ?? []
      const names = new Set<string>()
      for (const known of paths) {
        if (known.startsWith(`${path}/`)) names.add(known.slice(path.length + 1).split('/')[0] ?? '')
      }
      return [...names]
    },
  }
}

function context(name: string, host: string, configDir = '/home/ana/.docker', tls = false): Record<string, string> {
  const digest = createHash('sha256').update(name).digest('hex')
  const files: Record<string, string> = {
    [`${configDir}/contexts/meta/${digest}/meta.json`]: JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }),
  }
  if (tls) for (const file of ['ca.pem', 'cert.pem', 'key.pem']) files[`${configDir}/contexts/tls/${digest}/docker/${file}`] = 'pem'
  return files
}

function urls(candidates: EngineCandidate[]): string[] {
  return candidates.map((candidate) => candidate.endpoint.url)
}

function labelsOf(candidates: EngineCandidate[], url: string): string[] {
  return candidates.find((candidate) => candidate.endpoint.url === url)?.sources.map((source) => source.label) ?? []
}

describe('listCandidates on Linux', () => {
  it("lists the platform's engine sockets even when none exists, rootless ones under XDG_RUNTIME_DIR", () => {
    const { candidates, problems } = listCandidates(machine({ env: { XDG_RUNTIME_DIR: '/run/user/1000' } }))
    expect(urls(candidates)).toEqual(['unix:///var/run/docker.sock', 'unix:///run/user/1000/docker.sock', 'unix:///run/podman/podman.sock', 'unix:///run/user/1000/podman/podman.sock'])
    expect(candidates.map((candidate) => candidate.sources[0]?.origin)).toEqual(['docker-engine', 'docker-rootless', 'podman', 'podman-rootless'])
    expect(problems).toEqual([])
  })

  it('falls back to /run/user/<uid> without XDG_RUNTIME_DIR, and lists no rootless sockets for root', () => {
    expect(urls(listCandidates(machine({ uid: 1001 })).candidates)).toContain('unix:///run/user/1001/podman/podman.sock')
    const forRoot = urls(listCandidates(machine({ uid: 0, env: { XDG_RUNTIME_DIR: '/run/user/0' }, home: '/root' })).candidates)
    expect(forRoot).toEqual(['unix:///var/run/docker.sock', 'unix:///run/podman/podman.sock'])
  })

  it("lists a product's socket when its folder is there: Docker Desktop, Rancher Desktop, every Colima profile, Lima instances with a docker socket", () => {
    const environment = machine({
      env: { XDG_RUNTIME_DIR: '/run/user/1000' },
      present: [
        '/home/ana/.docker/desktop',
        '/home/ana/.rd',
        '/home/ana/.colima/default/colima.yaml',
        '/home/ana/.colima/work/colima.yaml',
        '/home/ana/.colima/_lima/config',
        '/home/ana/.lima/docker/sock/docker.sock',
        '/home/ana/.lima/plain/lima.yaml',
      ],
    })
    const { candidates } = listCandidates(environment)
    expect(urls(candidates)).toEqual([
      'unix:///var/run/docker.sock',
      'unix:///run/user/1000/docker.sock',
      'unix:///home/ana/.docker/desktop/docker.sock',
      'unix:///run/podman/podman.sock',
      'unix:///run/user/1000/podman/podman.sock',
      'unix:///home/ana/.colima/default/docker.sock',
      'unix:///home/ana/.colima/work/docker.sock',
      'unix:///home/ana/.rd/docker.sock',
      'unix:///home/ana/.lima/docker/sock/docker.sock',
    ])
    const colimaWork = candidates.find((candidate) => candidate.endpoint.url.includes('.colima/work'))
    expect(colimaWork?.sources).toEqual([{ origin: 'colima', label: 'Colima profile "work"', wording: { id: 'engine.sourceColima', params: { profile: 'work' } } }])
    expect(colimaWork?.startHint).toEqual(problem('engine.startCommand', { command: 'colima start --profile work' }))
  })

  it('follows COLIMA_HOME and LIMA_HOME', () => {
    const environment = machine({ env: { COLIMA_HOME: '/data/colima', LIMA_HOME: '/data/lima' }, present: ['/data/colima/default/colima.yaml', '/data/lima/dock/sock/docker.sock'] })
    const found = urls(listCandidates(environment).candidates)
    expect(found).toContain('unix:///data/colima/default/docker.sock')
    expect(found).toContain('unix:///data/lima/dock/sock/docker.sock')
  })
})

describe('listCandidates on macOS', () => {
  it('lists Docker Desktop, OrbStack, Colima, Rancher Desktop, Lima and every Podman machine socket found', () => {
    const home = '/Users/ana'
    const machineDir = `${home}/.local/share/containers/podman/machine`
    const environment = machine({
      platform: 'darwin',
      home,
      uid: 501,
      env: { TMPDIR: '/var/folders/xy/T' },
      present: [
        `${home}/.orbstack/run`,
        `${home}/.rd/docker.sock`,
        `${home}/.colima/default/docker.sock`,
        `${home}/.lima/docker/sock/docker.sock`,
        `${machineDir}/podman.sock`,
        `${machineDir}/qemu/podman.sock`,
        `${machineDir}/applehv/podman.sock`,
        `${machineDir}/applehv/efi-bl-podman-machine-default`,
        `${machineDir}/libkrun/machine.json`,
        '/var/folders/xy/T/podman/podman-machine-default-api.sock',
        '/var/folders/xy/T/podman/podman-machine-default-gvproxy.sock',
      ],
    })
    const { candidates } = listCandidates(environment)
    expect(urls(candidates)).toEqual([
      'unix:///var/run/docker.sock',
      `unix://${home}/.docker/run/docker.sock`,
      `unix://${home}/.colima/default/docker.sock`,
      `unix://${home}/.orbstack/run/docker.sock`,
      `unix://${home}/.rd/docker.sock`,
      `unix://${home}/.lima/docker/sock/docker.sock`,
      `unix://${machineDir}/podman.sock`,
      `unix://${machineDir}/applehv/podman.sock`,
      `unix://${machineDir}/qemu/podman.sock`,
      'unix:///var/folders/xy/T/podman/podman-machine-default-api.sock',
    ])
    expect(labelsOf(candidates, 'unix:///var/folders/xy/T/podman/podman-machine-default-api.sock')).toEqual(['Podman machine "podman-machine-default"'])
    // No rootless Linux sockets on a Mac, and no OrbStack line without OrbStack.
    expect(urls(listCandidates(machine({ platform: 'darwin', home, uid: 501 })).candidates)).toEqual(['unix:///var/run/docker.sock', `unix://${home}/.docker/run/docker.sock`])
  })
})

describe('listCandidates on Windows', () => {
  it("lists Docker's and Podman's pipes, plus engine pipes found among the machine's named pipes", () => {
    const environment = machine({ platform: 'win32', home: 'C:/Users/ana', uid: null, pipes: ['docker_engine', 'dockerDesktopLinuxEngine', 'podman-work', 'docker_engine_linux', 'lsass', 'InitShutdown', 'PODMAN-MACHINE-DEFAULT'] })
    const { candidates } = listCandidates(environment)
    expect(urls(candidates)).toEqual([
      'npipe:////./pipe/docker_engine',
      'npipe:////./pipe/dockerDesktopLinuxEngine',
      'npipe:////./pipe/podman-machine-default',
      'npipe:////./pipe/docker_engine_linux',
      'npipe:////./pipe/podman-work',
    ])
    expect(candidates.every((candidate) => candidate.endpoint.kind === 'npipe')).toBe(true)
    expect(labelsOf(candidates, 'npipe:////./pipe/podman-work')).toEqual(['Podman machine "work"'])
    expect(candidates.find((candidate) => candidate.endpoint.url.endsWith('docker_engine'))?.dockerCliChoice).toBe(true)
  })
})

describe('contexts, DOCKER_HOST and de-duplication', () => {
  it('lists every stored context (current first), DOCKER_HOST before them, and keeps every source of one address', () => {
    const environment = machine({
      env: { DOCKER_HOST: 'unix:///var/run/docker.sock', XDG_RUNTIME_DIR: '/run/user/1000' },
      files: {
        ...context('colima', 'unix:///home/ana/.colima/default/docker.sock'),
        ...context('remote', 'tcp://10.0.0.5:2376', '/home/ana/.docker', true),
        ...context('builder', 'ssh://ops@build-box'),
        '/home/ana/.docker/config.json': JSON.stringify({ currentContext: 'remote' }),
      },
      present: ['/home/ana/.colima/default/colima.yaml'],
    })
    const { candidates, problems } = listCandidates(environment)
    expect(problems).toEqual([])
    expect(urls(candidates)).toEqual([
      'unix:///var/run/docker.sock',
      'tcp://10.0.0.5:2376',
      'ssh://ops@build-box',
      'unix:///home/ana/.colima/default/docker.sock',
      'unix:///run/user/1000/docker.sock',
      'unix:///run/podman/podman.sock',
      'unix:///run/user/1000/podman/podman.sock',
    ])
    expect(labelsOf(candidates, 'unix:///var/run/docker.sock')).toEqual(['DOCKER_HOST', 'Docker Engine'])
    expect(labelsOf(candidates, 'unix:///home/ana/.colima/default/docker.sock')).toEqual(['Docker context "colima"', 'Colima profile "default"'])
    expect(labelsOf(candidates, 'tcp://10.0.0.5:2376')).toEqual(['Docker context "remote" (current)'])
    expect(candidates.find((candidate) => candidate.endpoint.url === 'tcp://10.0.0.5:2376')?.endpoint.tls?.ca).toMatch(/contexts\/tls\/.*\/docker\/ca\.pem$/)
    // DOCKER_HOST wins over the current context, as in the docker CLI.
    expect(candidates.filter((candidate) => candidate.dockerCliChoice).map((candidate) => candidate.endpoint.url)).toEqual(['unix:///var/run/docker.sock'])
    // The start hint comes from the product that names the address.
    expect(candidates.find((candidate) => candidate.endpoint.url.includes('.colima'))?.startHint).toEqual(problem('engine.startCommand', { command: 'colima start' }))
  })

  it('reads contexts from DOCKER_CONFIG, and DOCKER_CONTEXT picks the current one', () => {
    const environment = machine({
      env: { DOCKER_CONFIG: '/etc/dockercfg', DOCKER_CONTEXT: 'b' },
      files: { ...context('a', 'tcp://a:2375', '/etc/dockercfg'), ...context('b', 'tcp://b:2375', '/etc/dockercfg'), ...context('ignored', 'tcp://c:2375') },
    })
    const { candidates } = listCandidates(environment)
    expect(urls(candidates).slice(0, 2)).toEqual(['tcp://b:2375', 'tcp://a:2375'])
    expect(urls(candidates)).not.toContain('tcp://c:2375')
    expect(candidates[0]?.dockerCliChoice).toBe(true)
    expect(labelsOf(candidates, 'tcp://b:2375')).toEqual(['Docker context "b" (current)'])
  })

  it('treats the same address written differently as one candidate', () => {
    const environment = machine({ env: { DOCKER_HOST: 'unix:///var/run//docker.sock' }, files: context('dup', 'unix:///var/run/./docker.sock') })
    const { candidates } = listCandidates(environment)
    expect(candidates.filter((candidate) => candidate.endpoint.address.includes('docker.sock') && candidate.endpoint.address.startsWith('/var/run'))).toHaveLength(1)
    expect(candidates[0]?.sources.map((source) => source.origin)).toEqual(['DOCKER_HOST', 'context', 'docker-engine'])
  })

  it('reports broken contexts, a bad DOCKER_HOST and a missing current context as problems, and still lists the rest', () => {
    const brokenDigest = createHash('sha256').update('broken').digest('hex')
    const environment = machine({
      env: { DOCKER_HOST: 'ftp://nowhere', DOCKER_CONTEXT: 'gone' },
      files: {
        ...context('fine', 'tcp://fine:2375'),
        [`/home/ana/.docker/contexts/meta/${brokenDigest}/meta.json`]: '{not json',
        ...context('noendpoint', 'tcp://x:1'),
      },
    })
    // A context without a docker endpoint.
    const noEndpointDigest = createHash('sha256').update('noendpoint').digest('hex')
    const readFile = (path: string): string | null => environment.readFile(path)
    const broken = { ...environment, readFile: (path: string) => (path.includes(noEndpointDigest) ? JSON.stringify({ Name: 'noendpoint', Endpoints: {} }) : readFile(path)) }
    const { candidates, problems } = listCandidates(broken)
    expect(urls(candidates)).toContain('tcp://fine:2375')
    expect(urls(candidates)).toContain('unix:///var/run/docker.sock')
    expect(problems.map((problem) => problem.source.origin).sort()).toEqual(['DOCKER_HOST', 'context', 'context', 'context'])
    const messages = problems.map((problem) => problem.message)
    for (const expected of [/"ftp:\/\/nowhere" is not a Docker host address/, /meta\.json is not valid JSON/, /current docker context "gone" does not exist/, /"noendpoint" has no docker endpoint/]) {
      expect(messages.some((message) => expected.test(message)), String(expected)).toBe(true)
    }
    expect(candidates.some((candidate) => candidate.dockerCliChoice)).toBe(false)
  })

  it('reports an unreadable config.json and goes on', () => {
    const { candidates, problems } = listCandidates(machine({ files: { '/home/ana/.docker/config.json': '{' } }))
    expect(problems).toHaveLength(1)
    expect(problems[0]?.message).toMatch(/not valid JSON/)
    expect(candidates.length).toBeGreaterThan(0)
  })

  it('marks the endpoint Strata uses, and lists one chosen with --host first when nothing else names it', () => {
    const environment = machine({})
    const used = listCandidates(environment, parseHost('unix:///var/run/docker.sock', 'default', null, null)).candidates
    expect(used.filter((candidate) => candidate.inUse).map((candidate) => candidate.endpoint.url)).toEqual(['unix:///var/run/docker.sock'])
    expect(used[0]?.sources).toEqual([{ origin: 'docker-engine', label: 'Docker Engine', wording: { id: 'engine.sourceName', params: { name: 'Docker Engine' } } }])
    const chosen = listCandidates(environment, parseHost('tcp://127.0.0.1:2376', 'explicit', null, null)).candidates
    expect(chosen[0]).toMatchObject({ inUse: true, dockerCliChoice: false, sources: [{ origin: 'strata', label: 'Chosen for Strata (--host or settings)' }] })
    expect(chosen[0]?.endpoint.url).toBe('tcp://127.0.0.1:2376')
  })

  it('is pure: the same environment gives the same list', () => {
    const environment = machine({ env: { DOCKER_HOST: 'tcp://h:1' }, files: context('x', 'tcp://x:2') })
    expect(listCandidates(environment)).toEqual(listCandidates(environment))
  })
})

describe('tcp addresses with and without TLS', () => {
  it('are two candidates, each probed as it was named', () => {
    const environment = machine({ env: { DOCKER_HOST: 'tcp://10.0.0.5:2376' }, files: context('secure', 'tcp://10.0.0.5:2376', '/home/ana/.docker', true) })
    const tcp = listCandidates(environment).candidates.filter((candidate) => candidate.endpoint.kind === 'tcp')
    expect(tcp.map((candidate) => [candidate.endpoint.url, candidate.endpoint.tls !== null, candidate.sources[0]?.origin])).toEqual([
      ['tcp://10.0.0.5:2376', false, 'DOCKER_HOST'],
      ['tcp://10.0.0.5:2376', true, 'context'],
    ])
  })
})
