import type { ContainerInspectView, ContainerMountView, ContainerPortBinding, ContainerStateView } from '../../shared/container-inspect'
import type { Translate } from '../i18n/translator'

/** One labelled fact of the Inspect tab's summary; `tone` marks what needs attention. */
export interface SummaryFact {
  /** Names the fact whatever the language (data-fact, the list's key). */
  key: FactKey
  label: string
  value: string
  tone?: 'bad' | 'good'
  /** The exact value, where `value` is a friendlier form of it. */
  title?: string
}

/** The facts' stable names: the English labels, which the e2e tests select by. */
const FACT_KEYS = {
  status: 'Status',
  exitCode: 'Exit code',
  pid: 'PID',
  started: 'Started',
  finished: 'Finished',
  health: 'Health',
  oomKilled: 'OOM killed',
  restarts: 'Restarts',
  error: 'Error',
} as const

export type FactKey = (typeof FACT_KEYS)[keyof typeof FACT_KEYS]

function fact(id: keyof typeof FACT_KEYS, value: string, t: Translate, extra: Partial<SummaryFact> = {}): SummaryFact {
  return { key: FACT_KEYS[id], label: t(`containers.inspect.facts.${id}`), value, ...extra }
}

/** Status, exit code, started and finished, health, OOM kill and restarts, in the order people read them; `dateTime` words a time in the caller's locale. */
export function stateFacts(state: ContainerStateView, t: Translate, dateTime: (iso: string) => string): SummaryFact[] {
  const never = t('containers.inspect.never')
  const timeFact = (id: 'started' | 'finished', iso: string | null, missing: string): SummaryFact => (iso === null ? fact(id, missing, t) : fact(id, dateTime(iso), t, { title: iso }))
  const facts: SummaryFact[] = [fact('status', state.status, t, state.running ? { tone: 'good' } : {})]
  if (!state.running) facts.push(fact('exitCode', String(state.exitCode), t, state.exitCode !== 0 ? { tone: 'bad' } : {}))
  if (state.running) facts.push(fact('pid', String(state.pid), t))
  facts.push(timeFact('started', state.startedAt, never), timeFact('finished', state.finishedAt, state.running ? t('containers.inspect.stillRunning') : never))
  const health =
    state.health === null
      ? t('containers.inspect.noHealthcheck')
      : state.health.failingStreak > 0
        ? t('containers.inspect.failing', { status: state.health.status, n: String(state.health.failingStreak) })
        : state.health.status
  facts.push(fact('health', health, t, state.health?.status === 'unhealthy' ? { tone: 'bad' } : {}))
  facts.push(fact('oomKilled', state.oomKilled ? t('containers.inspect.yes') : t('containers.inspect.no'), t, state.oomKilled ? { tone: 'bad' } : {}))
  facts.push(fact('restarts', String(state.restartCount), t))
  if (state.error !== null) facts.push(fact('error', state.error, t, { tone: 'bad' }))
  return facts
}

/** "volume 3f2a… → /cache (rw)", "bind /srv/data → /data (ro)". */
export function mountLine(mount: ContainerMountView): string {
  const source = mount.name ?? mount.source
  return `${mount.type} ${source} → ${mount.destination} (${mount.readWrite ? 'rw' : 'ro'})`
}

/** "0.0.0.0:8080 → 80/tcp", or "80/tcp (not published)". */
export function portLine(port: ContainerPortBinding, t: Translate): string {
  if (port.hostPort === null) return t('containers.inspect.notPublished', { port: port.port })
  return `${port.hostIp === null || port.hostIp === '' ? '' : `${port.hostIp}:`}${port.hostPort} → ${port.port}`
}

/** "bridge 172.17.0.2/16 via 172.17.0.1"; a network without an address (none, a stopped container) says so. */
export function networkLines(view: ContainerInspectView, t: Translate): string[] {
  return view.networks.map((network) => {
    if (network.ipAddress === '') return t('containers.inspect.noAddress', { name: network.name })
    const address = `${network.name} ${network.ipAddress}/${String(network.prefixLength)}`
    return network.gateway === '' ? address : t('containers.inspect.via', { address, gateway: network.gateway })
  })
}
