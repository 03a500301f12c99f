import type { CandidateSource, DiscoveredEngine, DiscoveryProblem, EngineDiscovery, EngineIdentity, ProbeFailure } from '../../shared/engine-discovery'
import type { ConnectionState, EngineTls } from '../../shared/types'
import { parseProblem } from '../../shared/problems'
import { failureDetail, failureHint, problemText } from '../i18n/problems'
import type { Translate } from '../i18n/translator'

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

function identityText(engine: DiscoveredEngine, t: Translate): string | null {
  const identity = engine.probe.identity
  return identity === null ? null : identityLine(identity, t)
}

/** "Docker 20.10.24 · API 1.41 · overlay2 · rootless": who answered, in one line. */
export function identityLine(identity: EngineIdentity, t: Translate): string {
  return [`${identity.engine} ${identity.version}`, `API ${identity.apiVersion}`, identity.storageDriver, identity.rootless ? t('welcome.rootless') : null].filter((part) => part !== null && part !== '').join(' · ')
}

/**
 * The candidates to list, those that answer first (then the docker CLI's own choice, then
 * the rest as discovery ordered them). Addresses nobody probed are left out: there is nothing to say about them.
 */
export function candidateRows(discovery: EngineDiscovery, t: Translate): CandidateRow[] {
  const rank = (engine: DiscoveredEngine): number => (engine.probe.answers ? 0 : engine.dockerCliChoice || engine.inUse ? 1 : 2)
  return discovery.engines
    .map((engine, index) => ({ engine, index }))
    .filter(({ engine }) => engine.probe.answers || engine.probe.failure.code !== 'NOT_PROBED' || engine.inUse)
    .sort((a, b) => rank(a.engine) - rank(b.engine) || a.index - b.index)
    .map(({ engine }) => ({
      url: engine.url,
      tlsFiles: engine.tlsFiles,
      sources: engine.sources.map((source) => sourceLabel(source, t)).join(t('validation.listSeparator')),
      answers: engine.probe.answers,
      summary: engine.probe.answers ? (identityText(engine, t) ?? '') : probeFailureText(engine.probe.failure, t),
      hint: engine.probe.answers ? null : probeFailureHint(engine.probe.failure, t),
      inUse: engine.inUse,
    }))
}

/** Where a candidate was found, in the user's language when the core sent the label as a wording. */
export function sourceLabel(source: CandidateSource, t: Translate): string {
  const worded = parseProblem(source.wording)
  return worded === null ? source.label : problemText(worded, t)
}

/** Why an address does not answer, in the user's language when the core sent it as a problem, else as the core said it. */
export function probeFailureText(failure: ProbeFailure, t: Translate): string {
  return failureDetail({ code: failure.code, message: failure.message, detail: { problem: failure.problem } }, t)
}

/** What to do about it, worded the same way; null when there is nothing to do. */
export function probeFailureHint(failure: ProbeFailure, t: Translate): string | null {
  return failureHint({ code: failure.code, message: failure.message, detail: { hint: failure.hint, hintProblem: failure.hintProblem } }, t)
}

/** A place that should name an engine but could not be read: "Docker context "x": why". */
export function discoveryProblemText(found: DiscoveryProblem, t: Translate): string {
  const why = failureDetail({ code: 'INVALID_INPUT', message: found.message, detail: { problem: found.problem } }, t)
  return t('validation.at', { where: sourceLabel(found.source, t), problem: why })
}

/** Why the engine in use cannot be reached, worded like any failure. */
export function connectionReason(connection: ConnectionState, t: Translate): string | null {
  if (connection.message === null) return null
  return failureDetail({ code: 'ENGINE_UNREACHABLE', message: connection.message, detail: { problem: connection.problem } }, t)
}

/**
 * The engines the picker offers: those that answer, the one in use marked (inUse). The one in
 * use is offered too when the app is connected to it (`current`), even if its probe timed out
 * (a busy Podman can take seconds over /info), with what the app knows of it.
 */
export function pickerEngines(discovery: EngineDiscovery, t: Translate, current: { summary: string } | null = null): CandidateRow[] {
  return candidateRows(discovery, t)
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

/** What to do to get an engine running on each platform; product names and commands stay as they are. */
export function startHints(platform: HostPlatform, t: Translate): StartHint[] {
  switch (platform) {
    case 'mac':
      return [
        { title: t('welcome.hints.dockerDesktop'), command: null, note: t('welcome.hints.macDesktop') },
        { title: 'Colima', command: 'colima start', note: t('welcome.hints.colima') },
        { title: 'OrbStack', command: null, note: t('welcome.hints.orbstack') },
        { title: 'Podman', command: 'podman machine start', note: t('welcome.hints.macPodman') },
      ]
    case 'windows':
      return [
        { title: t('welcome.hints.dockerDesktop'), command: null, note: t('welcome.hints.windowsDesktop') },
        { title: 'Podman', command: 'podman machine start', note: t('welcome.hints.windowsPodman') },
      ]
    case 'linux':
      return [
        { title: t('welcome.hints.dockerEngine'), command: 'sudo systemctl start docker', note: t('welcome.hints.linuxEngine') },
        { title: t('welcome.hints.dockerRootless'), command: 'sudo usermod -aG docker $USER', note: t('welcome.hints.linuxRootless') },
        { title: 'Podman', command: 'systemctl --user start podman.socket', note: t('welcome.hints.linuxPodman') },
      ]
  }
}

/** Why a typed remote address cannot be tried yet (ssh://user@host[:port] or tcp://host:port), or null. */
export function remoteAddressProblem(text: string, t: Translate): string | null {
  const address = text.trim()
  if (address === '') return null
  if (/^ssh:\/\/[^@\s/]+@[^:\s/]+(:\d{1,5})?\/?$/.test(address)) return portProblem(address, t)
  if (/^tcp:\/\/[^:\s/@]+:\d{1,5}\/?$/.test(address)) return portProblem(address, t)
  if (address.startsWith('ssh://')) return t('welcome.problems.sshForm')
  if (address.startsWith('tcp://')) return t('welcome.problems.tcpForm')
  return t('welcome.problems.scheme')
}

function portProblem(address: string, t: Translate): string | null {
  const port = /:(\d+)\/?$/.exec(address)?.[1]
  if (port === undefined) return null
  const value = Number(port)
  return value >= 1 && value <= 65535 ? null : t('welcome.problems.port')
}

/** Why a typed socket path cannot be tried yet, or null: unix:///absolute/path or npipe:////./pipe/name. */
export function socketAddressProblem(text: string, t: Translate): string | null {
  const address = text.trim()
  if (address === '') return null
  if (/^unix:\/\/\/\S+$/.test(address) || /^npipe:\/\/\S+$/.test(address)) return null
  if (address.startsWith('/')) return t('welcome.problems.unixForm', { path: address })
  return t('welcome.problems.socketForm')
}
