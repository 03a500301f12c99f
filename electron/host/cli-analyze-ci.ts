/**
 * `strata analyze --ci`: dive's CI mode. As dive (cmd/dive/cli/internal/options/ci.go):
 * --ci or CI=true|1|yes in the environment turns it on; the rules come from --ci-config
 * FILE, else a `.dive-ci` in the working folder, else dive's defaults; a rule's value may
 * also be given as dive's flag (--lowestEfficiency 0.9, ...). Exit 0 when every rule
 * passes, 1 when one fails, 1 when the config cannot be read or a value is refused
 * (dive exits 1 for those too, before analyzing).
 *
 * Where Strata differs, on purpose: a flag wins over the file (dive 0.12 did so; 0.13
 * lets the file replace every flag), and a --ci-config FILE that does not exist is an
 * error (dive silently falls back to its defaults).
 */
import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { formatBytes, shortId } from '../../shared/format'
import type { ImageAnalysis } from '../../shared/types'
import { RULE_DEFAULTS, evaluateRules, misconfiguredRules, type RuleResult, type RuleSetting, type RuleSource } from './dive-ci-rules'
import { CiConfigError, RULE_KEYS, parseDiveCiYaml, type RuleKey } from './dive-ci-yaml'
import { EXIT_ERROR, EXIT_OK, UsageError } from './cli-run'

/** The options of analyze that concern CI, as the command line parsed them. */
export type CiValues = { ci: boolean; json: boolean; 'ci-config'?: string | undefined } & Partial<Record<RuleKey | LegacyOption, string | undefined>>

/** Strata's earlier rule options: named like dive's, they judged Strata's figures. Now: [dive's rule, Strata's]. */
const LEGACY = {
  'lowest-efficiency': ['lowestEfficiency', 'strataLowestEfficiency'],
  'highest-wasted': ['highestWastedBytes', 'strataHighestWastedBytes'],
  'highest-wasted-percent': ['highestUserWastedPercent', 'strataHighestWastedPercent'],
} as const
type LegacyOption = keyof typeof LEGACY

export interface CiPlan {
  /** The config file read, as named (null: none, the defaults and flags only). */
  configFile: string | null
  settings: RuleSetting[]
}

/** dive's truthy(): exactly "true", "1" or "yes". */
export function ciFromEnv(env: NodeJS.ProcessEnv): boolean {
  return ['true', '1', 'yes'].includes(env.CI ?? '')
}

function exists(path: string): boolean {
  try {
    statSync(path)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT'
  }
}

/** The rules this run judges by, or null when it is no CI run. Throws CiConfigError for a file that cannot be read. */
export function ciPlan(values: CiValues, env: NodeJS.ProcessEnv, cwd: string): CiPlan | null {
  for (const [legacy, [dive, strata]] of Object.entries(LEGACY)) {
    if (values[legacy as LegacyOption] !== undefined) throw new UsageError(`--${legacy} is gone: use --${dive} (dive's rule, on dive's figures) or --${strata} (on Strata's exact figures)`)
  }
  const flags = RULE_KEYS.filter((rule) => values[rule] !== undefined)
  if (!values.ci && !ciFromEnv(env)) {
    if (flags.length > 0 || values['ci-config'] !== undefined) throw new UsageError(`--${[...flags, ...(values['ci-config'] !== undefined ? ['ci-config'] : [])].join(', --')} only apply with --ci (or CI=true)`)
    return null
  }
  const named = values['ci-config']
  const file = named ?? '.dive-ci'
  const path = resolve(cwd, file)
  let fromFile = new Map<string, { value: string | null; line: number }>()
  let configFile: string | null = null
  if (exists(path)) {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (error) {
      throw new CiConfigError(file, 0, `cannot read the CI config: ${(error as Error).message}`)
    }
    fromFile = parseDiveCiYaml(text, file)
    configFile = file
  } else if (named !== undefined) {
    throw new CiConfigError(file, 0, 'no such CI config file')
  }
  const settings = RULE_KEYS.map((rule): RuleSetting => {
    const flag = values[rule]
    if (flag !== undefined) return { rule, value: flag, source: 'flag' }
    const written = fromFile.get(rule)
    if (written !== undefined && written.value !== null) return { rule, value: written.value, source: { file, line: written.line } }
    return { rule, value: RULE_DEFAULTS[rule], source: 'default' }
  })
  return { configFile, settings }
}

/**
 * Before a CI run's analysis: its plan, null when it is no CI run, or the exit code when
 * a rule's value is refused (reported on stdout with --json, else on stderr).
 */
export function ciGate(values: CiValues, io: { stdout(text: string): void; stderr(text: string): void }, env: NodeJS.ProcessEnv, cwd: string): CiPlan | null | number {
  const plan = ciPlan(values, env, cwd)
  if (plan === null) return null
  const refused = misconfiguredReport(plan, values.json)
  if (refused === null) return plan
  if (values.json) io.stdout(refused.text)
  else io.stderr(refused.text)
  return refused.code
}

function sourceText(source: RuleSource): string {
  return source === 'default' ? 'default' : source === 'flag' ? 'flag' : `${source.file}:${String(source.line)}`
}

const STATUS_TEXT: Record<RuleResult['status'], string> = { pass: 'PASS', fail: 'FAIL', disabled: 'SKIP', misconfigured: 'MISCONFIGURED' }

/** A misconfigured plan: what dive prints as an error, and exit 1 before any analysis. */
export function misconfiguredReport(plan: CiPlan, json: boolean): { text: string; code: number } | null {
  const wrong = misconfiguredRules(plan.settings)
  if (wrong.length === 0) return null
  if (json) return { text: `${JSON.stringify({ ci: { verdict: 'misconfigured', configFile: plan.configFile, rules: wrong.map((rule) => ({ ...rule, status: 'misconfigured' })) } }, null, 2)}\n`, code: EXIT_ERROR }
  const lines = wrong.map((rule) => `  MISCONFIGURED  ${rule.rule} (${rule.message}; from ${sourceText(rule.source)})`)
  return { text: `Evaluation:\n${lines.join('\n')}\n\nCI Misconfigured\n`, code: EXIT_ERROR }
}

function percent(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(2)} %` : `${value > 0 ? '+Inf' : Number.isNaN(value) ? 'NaN' : '-Inf'} %`
}

function figuresText(analysis: ImageAnalysis): string[] {
  const { dive } = analysis
  // dive prints "0 %" when nothing is wasted, whatever the division gives.
  const userPercent = dive.wastedBytes === 0 ? '0 %' : percent(dive.wastedBytes / dive.userSizeBytes)
  const strataPercent = analysis.totalBytes === 0 ? 0 : analysis.wastedBytes / analysis.totalBytes
  return [
    `dive's figures (as dive measures them; dive's rules judge these):`,
    `  efficiency:        ${percent(dive.efficiency)}`,
    `  wastedBytes:       ${String(dive.wastedBytes)} bytes (${formatBytes(dive.wastedBytes)})`,
    `  userWastedPercent: ${userPercent} (of ${String(dive.userSizeBytes)} bytes above the first layer)`,
    `Strata's figures (exact: the copy in use and byte-identical rewrites are not waste):`,
    `  efficiency:        ${percent(analysis.efficiency)}`,
    `  wastedBytes:       ${String(analysis.wastedBytes)} bytes (${formatBytes(analysis.wastedBytes)})`,
    `  wastedPercent:     ${percent(strataPercent)} (of ${String(analysis.totalBytes)} stored bytes)`,
  ]
}

function inefficienciesText(analysis: ImageAnalysis): string[] {
  const files = analysis.dive.inefficiencies.slice(0, 20)
  if (files.length === 0) return ["Inefficient files (dive's count): (None)"]
  return [
    "Inefficient files (dive's count):",
    `  ${'Count'.padEnd(5)}  ${'Wasted Space'.padEnd(12)}  File Path`,
    ...files.map((file) => `  ${String(file.count).padEnd(5)}  ${formatBytes(file.bytes).padEnd(12)}  ${file.path}`),
    ...(analysis.dive.inefficiencies.length > files.length ? [`  … and more (see --json)`] : []),
  ]
}

/** The verdict on an analysis: text or JSON, and the exit code (1 when a rule fails). */
export function ciReport(analysis: ImageAnalysis, plan: CiPlan, json: boolean): { text: string; code: number } {
  // Strata's rules are shown when asked for; dive's always, sorted by name as dive prints them.
  const results = evaluateRules(plan.settings, analysis).filter((result) => result.figures === 'dive' || result.source !== 'default')
  const shown = [...results.filter((result) => result.figures === 'dive').sort((a, b) => a.rule.localeCompare(b.rule)), ...results.filter((result) => result.figures === 'strata')]
  const failed = results.filter((result) => result.status === 'fail').length
  const code = failed === 0 ? EXIT_OK : EXIT_ERROR
  const verdict = failed === 0 ? 'pass' : 'fail'
  if (json) return { text: `${JSON.stringify({ ...analysis, ci: { verdict, configFile: plan.configFile, rules: shown } }, null, 2)}\n`, code }
  const tally = (['pass', 'fail', 'disabled'] as const)
    .map((status) => [status === 'disabled' ? 'skip' : status, results.filter((result) => result.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${name}:${String(count)}`)
  const name = analysis.image.repoTags[0] ?? shortId(analysis.image.id)
  return {
    text: [
      `Image ${name} (${shortId(analysis.image.id)})`,
      ...figuresText(analysis),
      '',
      ...inefficienciesText(analysis),
      '',
      `Evaluation (${plan.configFile === null ? "dive's defaults" : `rules from ${plan.configFile}`}):`,
      ...shown.map((result) => `  ${STATUS_TEXT[result.status]}  ${result.rule} (${result.message})`),
      '',
      `Result: ${verdict.toUpperCase()} [${tally.join(' ')}]`,
      '',
    ].join('\n'),
    code,
  }
}
