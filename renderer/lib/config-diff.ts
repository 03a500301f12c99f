import { formatPlatform } from '../../shared/platform'
import type { ImageConfigView, Platform } from '../../shared/types'
import { compareNatural } from '../../shared/natural-sort'

/** The settings the compare view sets side by side, in the order a Dockerfile reader looks for them. */
export const CONFIG_FIELDS = ['platform', 'entrypoint', 'cmd', 'user', 'workingDir', 'env', 'labels', 'exposedPorts', 'volumes'] as const
export type ConfigField = (typeof CONFIG_FIELDS)[number]

/** One setting of both images; `key` names the variable, label, port or volume within a field that holds several. */
export interface ConfigRow {
  field: ConfigField
  key: string | null
  /** The value in each image; null where that image does not set it. */
  a: string | null
  b: string | null
}

export interface ConfigDiff {
  differ: ConfigRow[]
  same: ConfigRow[]
}

/** What the comparison needs of each image. */
export interface ComparedConfig {
  platform: Platform
  config: ImageConfigView
}

/** Exec form as Docker prints it: ["nginx","-g","daemon off;"]. */
function execForm(words: string[] | null): string | null {
  return words === null ? null : JSON.stringify(words)
}

function env(variables: readonly string[]): Map<string, string> {
  const byName = new Map<string, string>()
  for (const variable of variables) {
    const equals = variable.indexOf('=')
    byName.set(equals === -1 ? variable : variable.slice(0, equals), equals === -1 ? '' : variable.slice(equals + 1))
  }
  return byName
}

/** A set as a map to itself, so sets and maps compare the same way. */
function members(items: readonly string[]): Map<string, string> {
  return new Map(items.map((item) => [item, item]))
}

function single(field: ConfigField, a: string | null, b: string | null): ConfigRow[] {
  // An empty user or working directory is the engine's default: the same as not set.
  return [{ field, key: null, a: a === '' ? null : a, b: b === '' ? null : b }]
}

function keyed(field: ConfigField, a: Map<string, string>, b: Map<string, string>): ConfigRow[] {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort(compareNatural)
  return keys.map((key) => ({ field, key, a: a.get(key) ?? null, b: b.get(key) ?? null }))
}

/** Every setting of both images, split into those that differ and those that are the same. */
export function compareConfigs(a: ComparedConfig, b: ComparedConfig): ConfigDiff {
  const rows = [
    ...single('platform', formatPlatform(a.platform), formatPlatform(b.platform)),
    ...single('entrypoint', execForm(a.config.entrypoint), execForm(b.config.entrypoint)),
    ...single('cmd', execForm(a.config.cmd), execForm(b.config.cmd)),
    ...single('user', a.config.user, b.config.user),
    ...single('workingDir', a.config.workingDir, b.config.workingDir),
    ...keyed('env', env(a.config.env), env(b.config.env)),
    ...keyed('labels', new Map(Object.entries(a.config.labels)), new Map(Object.entries(b.config.labels))),
    ...keyed('exposedPorts', members(a.config.exposedPorts), members(b.config.exposedPorts)),
    ...keyed('volumes', members(a.config.volumes), members(b.config.volumes)),
  ]
  const differ: ConfigRow[] = []
  const same: ConfigRow[] = []
  for (const row of rows) {
    if (row.a === null && row.b === null) continue
    ;(row.a === row.b ? same : differ).push(row)
  }
  return { differ, same }
}
