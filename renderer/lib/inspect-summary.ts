import type { ContainerInspectView, ContainerMountView, ContainerPortBinding, ContainerStateView } from '../../shared/container-inspect'

/** One labelled fact of the Inspect tab's summary; `tone` marks what needs attention. */
export interface SummaryFact {
  label: string
  value: string
  tone?: 'bad' | 'good'
  /** The exact value, where `value` is a friendlier form of it. */
  title?: string
}

function timeFact(label: string, iso: string | null, never: string): SummaryFact {
  if (iso === null) return { label, value: never }
  return { label, value: new Date(iso).toLocaleString(), title: iso }
}

/** Status, exit code, started and finished, health, OOM kill and restarts, in the order people read them. */
export function stateFacts(state: ContainerStateView): SummaryFact[] {
  const facts: SummaryFact[] = [{ label: 'Status', value: state.status, ...(state.running ? { tone: 'good' as const } : {}) }]
  if (!state.running) facts.push({ label: 'Exit code', value: String(state.exitCode), ...(state.exitCode !== 0 ? { tone: 'bad' as const } : {}) })
  if (state.running) facts.push({ label: 'PID', value: String(state.pid) })
  facts.push(timeFact('Started', state.startedAt, 'never'), timeFact('Finished', state.finishedAt, state.running ? 'still running' : 'never'))
  facts.push({ label: 'Health', value: state.health === null ? 'no health check' : `${state.health.status}${state.health.failingStreak > 0 ? ` (${String(state.health.failingStreak)} failing)` : ''}`, ...(state.health?.status === 'unhealthy' ? { tone: 'bad' as const } : {}) })
  facts.push({ label: 'OOM killed', value: state.oomKilled ? 'yes' : 'no', ...(state.oomKilled ? { tone: 'bad' as const } : {}) })
  facts.push({ label: 'Restarts', value: String(state.restartCount) })
  if (state.error !== null) facts.push({ label: 'Error', value: state.error, tone: 'bad' })
  return facts
}

/** "volume 3f2a… → /cache (rw)", "bind /srv/data → /data (ro)". */
export function mountLine(mount: ContainerMountView): string {
  const source = mount.name ?? mount.source
  return `${mount.type} ${source} → ${mount.destination} (${mount.readWrite ? 'rw' : 'ro'})`
}

/** "0.0.0.0:8080 → 80/tcp", or "80/tcp (not published)". */
export function portLine(port: ContainerPortBinding): string {
  if (port.hostPort === null) return `${port.port} (not published)`
  return `${port.hostIp === null || port.hostIp === '' ? '' : `${port.hostIp}:`}${port.hostPort} → ${port.port}`
}

/** "bridge 172.17.0.2/16 via 172.17.0.1"; a network without an address (none, a stopped container) says so. */
export function networkLines(view: ContainerInspectView): string[] {
  return view.networks.map((network) => {
    if (network.ipAddress === '') return `${network.name} (no address)`
    const gateway = network.gateway === '' ? '' : ` via ${network.gateway}`
    return `${network.name} ${network.ipAddress}/${String(network.prefixLength)}${gateway}`
  })
}
