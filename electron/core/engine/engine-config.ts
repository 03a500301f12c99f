/**
 * The run configuration the engine keeps for an image (GET /images/{id}/json) and a
 * container (GET /containers/{id}/json) alike: the fields Strata reads or changes.
 */
export interface EngineConfig {
  Entrypoint?: string[] | string | null
  Cmd?: string[] | string | null
  Env?: string[] | null
  ExposedPorts?: Record<string, unknown> | null
  Volumes?: Record<string, unknown> | null
  WorkingDir?: string
  User?: string
  Labels?: Record<string, string> | null
  StopSignal?: string
  Healthcheck?: { Test?: string[] | null; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number } | null
  OnBuild?: string[] | null
}
