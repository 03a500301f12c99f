import { posix } from 'node:path'
import type { EndpointKind } from '../../../../shared/types'
import { candidateSource, type CandidateSource } from '../../../../shared/engine-discovery'
import { problem, type Problem } from '../../../../shared/problems'
import type { DiscoveryEnvironment } from './environment'

/**
 * The sockets and pipes engines listen on by default, per platform. The platform's
 * own engine sockets are always listed (a missing one is worth saying so); a
 * product's socket only when that product left its folder on this machine, so a
 * Linux box without Colima does not get a "Colima: no socket" line.
 */
export interface KnownSocket {
  kind: Extract<EndpointKind, 'unix' | 'npipe'>
  /** A unix socket path, or a pipe as //./pipe/name. */
  address: string
  source: CandidateSource
  /** How to start the engine behind it, said when nothing listens there. */
  startHint: Problem | null
}

/** Listing this folder gives the named pipes (Node's readdir on Windows). */
export const WINDOWS_PIPE_FOLDER = '\\\\.\\pipe\\'

/** Pipe names that speak the Docker API: Docker Engine and Desktop, and Podman machines. */
const ENGINE_PIPE = /^(docker_engine(_\w+)?|dockerDesktop\w*Engine|podman-[\w.-]+)$/

const join = (...parts: string[]): string => posix.join(...parts)

/** A product's name reads the same in every language. */
const named = (name: string): Problem => problem('engine.sourceName', { name })

/** A command to run reads the same in every language. */
const run = (command: string): Problem => problem('engine.startCommand', { command })

function unix(address: string, origin: CandidateSource['origin'], label: Problem, startHint: Problem | null): KnownSocket {
  return { kind: 'unix', address, source: candidateSource(origin, label), startHint }
}

function pipe(name: string, origin: CandidateSource['origin'], label: Problem, startHint: Problem | null): KnownSocket {
  return { kind: 'npipe', address: `//./pipe/${name}`, source: candidateSource(origin, label), startHint }
}

/** Folders a tool keeps per profile or instance; names starting with "_" are its own bookkeeping (_lima, _config, _templates). */
function profiles(environment: DiscoveryEnvironment, folder: string): string[] {
  return environment.listDir(folder).filter((name) => !name.startsWith('_') && !name.startsWith('.')).sort()
}

/** $XDG_RUNTIME_DIR, or where systemd puts it; none for root, whose engines are the system ones. */
function userRuntimeDir(environment: DiscoveryEnvironment): string | null {
  if (environment.uid === 0) return null
  const fromEnv = environment.env.XDG_RUNTIME_DIR
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  return environment.uid === null ? null : `/run/user/${String(environment.uid)}`
}

function colimaSockets(environment: DiscoveryEnvironment): KnownSocket[] {
  const home = environment.env.COLIMA_HOME ?? join(environment.homeDir, '.colima')
  return profiles(environment, home).map((profile) =>
    unix(join(home, profile, 'docker.sock'), 'colima', problem('engine.sourceColima', { profile }), run(profile === 'default' ? 'colima start' : `colima start --profile ${profile}`)),
  )
}

/** Lima instances made from the docker template forward the engine to <instance>/sock/docker.sock. */
function limaSockets(environment: DiscoveryEnvironment): KnownSocket[] {
  const home = environment.env.LIMA_HOME ?? join(environment.homeDir, '.lima')
  return profiles(environment, home)
    .map((instance) => unix(join(home, instance, 'sock', 'docker.sock'), 'lima', problem('engine.sourceLima', { instance }), run(`limactl start ${instance}`)))
    .filter((socket) => environment.exists(socket.address))
}

function whenFolderExists(environment: DiscoveryEnvironment, folder: string, socket: KnownSocket): KnownSocket[] {
  return environment.exists(folder) ? [socket] : []
}

function linuxSockets(environment: DiscoveryEnvironment): KnownSocket[] {
  const home = environment.homeDir
  const runtimeDir = userRuntimeDir(environment)
  return [
    unix('/var/run/docker.sock', 'docker-engine', named('Docker Engine'), run('sudo systemctl start docker')),
    ...(runtimeDir === null ? [] : [unix(join(runtimeDir, 'docker.sock'), 'docker-rootless', problem('engine.sourceDockerRootless'), run('systemctl --user start docker'))]),
    ...whenFolderExists(environment, join(home, '.docker', 'desktop'), unix(join(home, '.docker', 'desktop', 'docker.sock'), 'docker-desktop', named('Docker Desktop'), problem('engine.startDesktopLinux'))),
    unix('/run/podman/podman.sock', 'podman', problem('engine.sourcePodmanRootful'), run('sudo systemctl start podman.socket')),
    ...(runtimeDir === null ? [] : [unix(join(runtimeDir, 'podman', 'podman.sock'), 'podman-rootless', problem('engine.sourcePodmanRootless'), run('systemctl --user start podman.socket'))]),
    ...colimaSockets(environment),
    ...whenFolderExists(environment, join(home, '.rd'), unix(join(home, '.rd', 'docker.sock'), 'rancher-desktop', named('Rancher Desktop'), problem('engine.startRancher'))),
    ...limaSockets(environment),
  ]
}

/**
 * Podman machines on macOS: 4.x forwards the API to machine/<provider or name>/podman.sock,
 * 5.x to $TMPDIR/podman/<machine>-api.sock and links machine/podman.sock to the default one.
 */
function podmanMachineSockets(environment: DiscoveryEnvironment): KnownSocket[] {
  const machineDir = join(environment.homeDir, '.local', 'share', 'containers', 'podman', 'machine')
  const start = run('podman machine start')
  const found = [
    unix(join(machineDir, 'podman.sock'), 'podman-machine', problem('engine.sourcePodmanMachineDefault'), start),
    ...profiles(environment, machineDir).map((folder) => unix(join(machineDir, folder, 'podman.sock'), 'podman-machine', problem('engine.sourcePodmanMachineFolder', { folder }), start)),
  ]
  const tmpDir = environment.env.TMPDIR
  if (tmpDir !== undefined && tmpDir !== '') {
    const apiDir = join(tmpDir, 'podman')
    for (const name of environment.listDir(apiDir).filter((entry) => entry.endsWith('-api.sock')).sort()) {
      found.push(unix(join(apiDir, name), 'podman-machine', problem('engine.sourcePodmanMachine', { name: name.slice(0, -'-api.sock'.length) }), start))
    }
  }
  return found.filter((socket) => environment.exists(socket.address))
}

function macSockets(environment: DiscoveryEnvironment): KnownSocket[] {
  const home = environment.homeDir
  return [
    // Docker Desktop links it to its own socket when allowed to; OrbStack, Colima or podman-mac-helper may own it instead.
    unix('/var/run/docker.sock', 'docker-engine', problem('engine.sourceMacDefault'), problem('engine.startMacDefault')),
    unix(join(home, '.docker', 'run', 'docker.sock'), 'docker-desktop', named('Docker Desktop'), problem('engine.startDesktop')),
    ...colimaSockets(environment),
    ...whenFolderExists(environment, join(home, '.orbstack'), unix(join(home, '.orbstack', 'run', 'docker.sock'), 'orbstack', named('OrbStack'), problem('engine.startOrbStack'))),
    ...whenFolderExists(environment, join(home, '.rd'), unix(join(home, '.rd', 'docker.sock'), 'rancher-desktop', named('Rancher Desktop'), problem('engine.startRancher'))),
    ...limaSockets(environment),
    ...podmanMachineSockets(environment),
  ]
}

function windowsPipes(environment: DiscoveryEnvironment): KnownSocket[] {
  const listed = [
    pipe('docker_engine', 'docker-engine', problem('engine.sourceWindowsEngine'), problem('engine.startWindowsEngine')),
    pipe('dockerDesktopLinuxEngine', 'docker-desktop', problem('engine.sourceDesktopLinux'), problem('engine.startDesktop')),
    pipe('podman-machine-default', 'podman-machine', problem('engine.sourcePodmanMachine', { name: 'podman-machine-default' }), run('podman machine start')),
  ]
  const known = new Set(listed.map((socket) => socket.address.toLowerCase()))
  for (const name of environment.listDir(WINDOWS_PIPE_FOLDER).filter((entry) => ENGINE_PIPE.test(entry)).sort()) {
    const address = `//./pipe/${name}`
    if (known.has(address.toLowerCase())) continue
    known.add(address.toLowerCase())
    const podman = name.startsWith('podman-')
    listed.push(pipe(name, podman ? 'podman-machine' : 'named-pipe', podman ? problem('engine.sourcePodmanMachine', { name: name.slice('podman-'.length) }) : problem('engine.sourceNamedPipe', { name }), podman ? run(`podman machine start ${name.slice('podman-'.length)}`) : null))
  }
  return listed
}

export function wellKnownSockets(environment: DiscoveryEnvironment): KnownSocket[] {
  if (environment.platform === 'win32') return windowsPipes(environment)
  if (environment.platform === 'darwin') return macSockets(environment)
  return linuxSockets(environment)
}
