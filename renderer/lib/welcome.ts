import type { DiscoveredEngine, EngineDiscovery, EngineIdentity } from '../../shared/engine-discovery'
import type { EngineTls } from '../../shared/types'

/** One line of the first-run list: an engine the machine names, and whether it answers (or why not). */
export interface CandidateRow {
  url: string
  /** The files engines.use needs to open a TLS address as discovery reached it. */
  tlsFiles: EngineTls | null
  /** Who named it: "DOCKER_HOST", "Podman (rootless)"… */
  sources: string
  answers: boolean
  /** "Docker 24.0.7 · API 1.43 · overlay2 · rootless", or why it does not answer. */
  summary: string
  hint: string | null
  inUse: boolean
}

function identityText(engine: DiscoveredEngine): string | null {
  const identity = engine.probe.identity
  return identity === null ? null : identityLine(identity)
}

/** "Docker 20.10.24 · API 1.41 · overlay2 · rootless": who answered, in one line. */
export function identityLine(identity: EngineIdentity): string {
  return [`${identity.engine} ${identity.version}`, `API ${identity.apiVersion}`, identity.storageDriver, identity.rootless ? 'rootless' : null].filter((part) => part !== null && part !== '').join(' · ')
}

/**
 * The candidates to list, those that answer first (then the docker CLI's own choice, then
 * the rest as discovery ordered them). Addresses nobody probed are left out: there is nothing to say about them.
 */
export function candidateRows(discovery: EngineDiscovery): CandidateRow[] {
  const rank = (engine: DiscoveredEngine): number => (engine.probe.answers ? 0 : engine.dockerCliChoice || engine.inUse ? 1 : 2)
  return discovery.engines
    .map((engine, index) => ({ engine, index }))
    .filter(({ engine }) => engine.probe.answers || engine.probe.failure.code !== 'NOT_PROBED' || engine.inUse)
    .sort((a, b) => rank(a.engine) - rank(b.engine) || a.index - b.index)
    .map(({ engine }) => ({
      url: engine.url,
      tlsFiles: engine.tlsFiles,
      sources: engine.sources.map((source) => source.label).join(', '),
      answers: engine.probe.answers,
      summary: engine.probe.answers ? (identityText(engine) ?? '') : engine.probe.failure.message,
      hint: engine.probe.answers ? null : engine.probe.failure.hint,
      inUse: engine.inUse,
    }))
}

/**
 * The engines the picker offers: those that answer, the one in use marked (inUse). The one in
 * use is offered too when the app is connected to it (`current`), even if its probe timed out
 * (a busy Podman can take seconds over /info), with what the app knows of it.
 */
export function pickerEngines(discovery: EngineDiscovery, current: { summary: string } | null = null): CandidateRow[] {
  return candidateRows(discovery)
    .filter((row) => row.answers || (row.inUse && current !== null))
    .map((row) => (row.answers || current === null ? row : { ...row, answers: true, summary: current.summary, hint: null }))
}

export type HostPlatform = 'linux' | 'mac' | 'windows'

/** The platform to give start-up advice for: the engine's own OS when one answered, else what the browser says it runs on. */
export function hostPlatform(navigatorPlatform: string, userAgent: string): HostPlatform {
  const text = `${navigatorPlatform} ${userAgent}`.toLowerCase()
  if (text.includes('mac')) return 'mac'
  if (text.includes('win')) return 'windows'
  return 'linux'
}

export interface StartHint {
  title: string
  /** A command to run, when the step is one. */
  command: string | null
  note: string
}

/** What to do to get an engine running on each platform. */
export function startHints(platform: HostPlatform): StartHint[] {
  switch (platform) {
    case 'mac':
      return [
        { title: 'Docker Desktop', command: null, note: 'Open Docker Desktop from Applications and wait until it says it is running.' },
        { title: 'Colima', command: 'colima start', note: 'Starts the Colima VM and its Docker socket.' },
        { title: 'OrbStack', command: null, note: 'Open OrbStack; its Docker socket answers once it runs.' },
        { title: 'Podman', command: 'podman machine start', note: 'Starts the Podman machine and its Docker-compatible socket.' },
      ]
    case 'windows':
      return [
        { title: 'Docker Desktop', command: null, note: 'Start Docker Desktop from the Start menu and wait until it says it is running.' },
        { title: 'Podman', command: 'podman machine start', note: 'Starts the Podman machine and its Docker-compatible pipe.' },
      ]
    case 'linux':
      return [
        { title: 'Docker Engine', command: 'sudo systemctl start docker', note: 'Starts the system Docker daemon (/var/run/docker.sock).' },
        {
          title: 'Docker without root access',
          command: 'sudo usermod -aG docker $USER',
          note: 'When the socket refuses you: join the docker group, then log out and in again. Or run rootless Docker: systemctl --user start docker.',
        },
        { title: 'Podman', command: 'systemctl --user start podman.socket', note: 'Starts Podman’s Docker-compatible socket for your user.' },
      ]
  }
}

/** Why a typed remote address cannot be tried yet (ssh://user@host[:port] or tcp://host:port), or null. */
export function remoteAddressProblem(text: string): string | null {
  const address = text.trim()
  if (address === '') return null
  if (/^ssh:\/\/[^@\s/]+@[^:\s/]+(:\d{1,5})?\/?$/.test(address)) return portProblem(address)
  if (/^tcp:\/\/[^:\s/@]+:\d{1,5}\/?$/.test(address)) return portProblem(address)
  if (address.startsWith('ssh://')) return 'Write it as ssh://user@host or ssh://user@host:port'
  if (address.startsWith('tcp://')) return 'Write it as tcp://host:port, e.g. tcp://192.168.1.20:2376'
  return 'Start with ssh:// or tcp://, e.g. ssh://me@build-box or tcp://192.168.1.20:2376'
}

function portProblem(address: string): string | null {
  const port = /:(\d+)\/?$/.exec(address)?.[1]
  if (port === undefined) return null
  const value = Number(port)
  return value >= 1 && value <= 65535 ? null : 'The port is a number from 1 to 65535'
}

/** Why a typed socket path cannot be tried yet, or null: unix:///absolute/path or npipe:////./pipe/name. */
export function socketAddressProblem(text: string): string | null {
  const address = text.trim()
  if (address === '') return null
  if (/^unix:\/\/\/\S+$/.test(address) || /^npipe:\/\/\S+$/.test(address)) return null
  if (address.startsWith('/')) return `Write it as unix://${address}`
  return 'Write it as unix:///path/to/docker.sock (or npipe:////./pipe/name on Windows)'
}
