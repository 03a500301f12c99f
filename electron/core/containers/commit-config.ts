import type { CommitConfig, HealthcheckView } from '../../../shared/types'
import type { EngineContainerConfig } from './inspect'

const NANOSECONDS = 1e9

function asList(value: string[] | string | null | undefined): string[] | null {
  if (value === null || value === undefined) return null
  return Array.isArray(value) ? value : [value]
}

/** The engine leaves a duration out, or 0, when it falls back to its default. */
function seconds(nanoseconds: number | undefined): number | null {
  return nanoseconds === undefined || nanoseconds === 0 ? null : nanoseconds / NANOSECONDS
}

function healthcheckOf(check: EngineContainerConfig['Healthcheck']): HealthcheckView | null {
  const test = check?.Test ?? []
  // An empty test means "inherit from the image", which for a container's own config is none.
  if (check === null || check === undefined || test.length === 0) return null
  return {
    test,
    intervalSeconds: seconds(check.Interval),
    timeoutSeconds: seconds(check.Timeout),
    startPeriodSeconds: seconds(check.StartPeriod),
    retries: check.Retries === undefined || check.Retries === 0 ? null : check.Retries,
  }
}

/** The part of an engine config (container or image) a commit can change; ports and volumes sorted as the engine serializes them. */
export function commitConfigOf(config: EngineContainerConfig | null | undefined): CommitConfig {
  const source = config ?? {}
  return {
    entrypoint: asList(source.Entrypoint),
    cmd: asList(source.Cmd),
    env: source.Env ?? [],
    exposedPorts: Object.keys(source.ExposedPorts ?? {}).sort(),
    volumes: Object.keys(source.Volumes ?? {}).sort(),
    workingDir: source.WorkingDir ?? '',
    user: source.User ?? '',
    labels: source.Labels ?? {},
    stopSignal: source.StopSignal !== undefined && source.StopSignal !== '' ? source.StopSignal : null,
    healthcheck: healthcheckOf(source.Healthcheck),
    onBuild: source.OnBuild ?? [],
  }
}
