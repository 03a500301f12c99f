import { homedir } from 'node:os'
import { cleanupOptions, type CleanupOptions } from '../../shared/cleanup-input'
import { StrataError } from '../../shared/errors'
import { formatBytes } from '../../shared/format'
import type { StrataCore } from '../core/api/core'
import { defaultCacheDir } from '../core/engine/cache-dir'
import { defaultConfigDir } from '../core/engine/config-dir'
import { SettingsStore } from '../core/settings/settings'
import { policyRunOf } from '../../shared/policy-run'
import type { CleanupReport } from '../../shared/types'
import { planJson, planText, reportText } from './cli-cleanup-output'
import { policyCleanupOptions } from './cli-cleanup-policy'
import { EXIT_ERROR, EXIT_OK, UsageError, callCore, runCommand } from './cli-run'
import { CLEANUP_OPTIONS } from './cli-cleanup-usage'
import { EVERY_COMMAND_OPTIONS, isSet } from './cli-options'

/** `strata cleanup`: plan, confirm, remove, report. */

const CANDIDATE_FLAGS = '--dangling, --unused, --until, --label, --label-not, --containers, --build-cache, --volumes, --keep-last, --drop-tag'
const COMMON_OPTIONS = [...EVERY_COMMAND_OPTIONS, 'yes']

export interface CleanupValues {
  host?: string | undefined
  json?: boolean | undefined
  yes?: boolean | undefined
  dangling?: boolean | undefined
  unused?: boolean | undefined
  until?: string | undefined
  label?: string[] | undefined
  'label-not'?: string[] | undefined
  containers?: boolean | undefined
  'build-cache'?: boolean | undefined
  volumes?: boolean | undefined
  keep?: string[] | undefined
  'keep-last'?: string | undefined
  'keep-tag'?: string[] | undefined
  'drop-tag'?: string[] | undefined
  'older-than'?: string[] | undefined
  'dry-run'?: boolean | undefined
  policy?: string | undefined
}

interface Io {
  stdout(text: string): void
  stderr(text: string): void
  confirm(question: string): Promise<boolean | null>
  cancelSignal?: AbortSignal
}

const AGE_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/** A date as the contract takes it, or an age ("36h", "7d") counted back from `now`. */
export function parseUntil(text: string, now: Date): string {
  const age = /^(\d+)([smhdw])$/.exec(text)
  if (age !== null) return new Date(now.getTime() - Number(age[1]) * (AGE_UNITS[age[2] ?? ''] ?? 0)).toISOString()
  return text
}

/**
 * The retention flags as the contract's rules; undefined when none is given. The
 * n-th --drop-tag pairs with the n-th --older-than; the counts must agree.
 */
export function retentionOf(values: CleanupValues): Record<string, unknown> | undefined {
  const keepLast = values['keep-last']
  const keepTags = values['keep-tag'] ?? []
  const dropTags = values['drop-tag'] ?? []
  const olderThan = values['older-than'] ?? []
  if (keepLast === undefined && keepTags.length === 0 && dropTags.length === 0 && olderThan.length === 0) return undefined
  if (dropTags.length !== olderThan.length) {
    throw new UsageError(`each --drop-tag needs its --older-than (they pair in order: the first --drop-tag with the first --older-than); got ${String(dropTags.length)} --drop-tag and ${String(olderThan.length)} --older-than`)
  }
  if (keepLast !== undefined && !/^\d{1,5}$/.test(keepLast)) throw new UsageError(`--keep-last takes a whole number of tags to keep per repository, such as 3, not "${keepLast}"`)
  return {
    ...(keepLast === undefined ? {} : { keepLast: Number(keepLast) }),
    ...(keepTags.length === 0 ? {} : { keepTags }),
    ...(dropTags.length === 0 ? {} : { dropTags: dropTags.map((pattern, index) => ({ pattern, olderThan: olderThan[index] })) }),
  }
}

/** The flag a retention issue is about, from its path in the contract's options. */
function retentionFlag(path: readonly PropertyKey[], values: CleanupValues): string {
  const [, field, index, part] = path
  if (field === 'keepLast') return '--keep-last'
  if (field === 'keepTags') return `--keep-tag ${values['keep-tag']?.[Number(index)] ?? ''}`.trimEnd()
  if (field === 'dropTags') return part === 'olderThan' ? `--older-than ${values['older-than']?.[Number(index)] ?? ''}`.trimEnd() : `--drop-tag ${values['drop-tag']?.[Number(index)] ?? ''}`.trimEnd()
  return '--keep-tag'
}

function refuseStrays(args: readonly string[], values: CleanupValues): void {
  if (args.length > 0) throw new UsageError(`cleanup takes no argument, not "${args[0] ?? ''}"`)
  const foreign = Object.keys(values).find((name) => isSet(values[name as keyof CleanupValues]) && !Object.hasOwn(CLEANUP_OPTIONS, name) && !COMMON_OPTIONS.includes(name))
  if (foreign !== undefined) throw new UsageError(`--${foreign} is not an option of cleanup`)
}

/** Reads the flags into the plan's options with the contract's own rules, before anything connects. */
export function cleanupOptionsOf(args: readonly string[], values: CleanupValues, now: Date): CleanupOptions {
  refuseStrays(args, values)
  const retention = retentionOf(values)
  const parsed = cleanupOptions.safeParse({
    dangling: values.dangling === true,
    unused: values.unused === true,
    ...(values.until === undefined ? {} : { until: parseUntil(values.until, now) }),
    labels: values.label ?? [],
    labelsNot: values['label-not'] ?? [],
    containers: values.containers === true,
    buildCache: values['build-cache'] === true,
    ...(retention === undefined ? {} : { retention }),
    volumes: values.volumes === true,
    pinned: values.keep ?? [],
  })
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  if (issue?.path.length === 0) throw new UsageError(`cleanup needs at least one of ${CANDIDATE_FLAGS}`)
  const field = String(issue?.path[0] ?? '')
  if (field === 'retention') {
    // The rules' own check: keep-tag patterns alone drop nothing.
    if (issue?.path.length === 1) throw new UsageError('--keep-tag needs --keep-last or --drop-tag: on its own it removes nothing')
    throw new UsageError(`${retentionFlag(issue?.path ?? [], values)} is not valid: ${issue?.message ?? ''}`)
  }
  const flag = { until: '--until', labels: '--label', labelsNot: '--label-not', pinned: '--keep' }[field] ?? field
  const hint = field === 'until' ? ': a date such as 2024-05-01 or 2024-05-01T12:00:00Z, or an age such as 36h or 7d' : `: ${issue?.message ?? ''}`
  throw new UsageError(`${flag} is not valid${hint}`)
}

/** `ran` hears the report of a cleanup that was carried out (a policy records its last run). */
async function run(core: StrataCore, options: CleanupOptions, values: CleanupValues, io: Io, ran?: (report: CleanupReport) => Promise<void>): Promise<number> {
  const json = values.json === true
  const plan = await callCore(core, 'cleanup.plan', options)
  if (values['dry-run'] === true) {
    io.stdout(json ? `${JSON.stringify(planJson(plan, options.retention !== undefined), null, 2)}\n` : planText(plan))
    return EXIT_OK
  }
  // With --json, stdout carries the report alone; the plan being confirmed goes to stderr.
  if (json) io.stderr(planText(plan))
  else io.stdout(planText(plan))
  if (plan.items.length > 0 && values.yes !== true) {
    const answer = await io.confirm(`Remove ${plan.items.length === 1 ? 'this item' : `these ${plan.items.length} items`}, freeing ${formatBytes(plan.totalBytesFreed)}?`)
    if (answer === null) throw new StrataError('INVALID_INPUT', 'No terminal to confirm on: pass --yes to clean up without asking.')
    if (!answer) {
      io.stderr('strata: nothing removed.\n')
      return EXIT_ERROR
    }
  }
  const report = await callCore(core, 'cleanup.execute', { options, confirmed: plan.items.map((item) => item.key) }, io.cancelSignal)
  await ran?.(report)
  io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : reportText(report))
  return report.cancelled || report.interrupted !== null || report.outcomes.some((outcome) => outcome.status === 'failed') ? EXIT_ERROR : EXIT_OK
}

/** Runs `strata cleanup`; usage mistakes exit 2 before the engine is asked. */
export async function runCleanupCommand(args: string[], values: CleanupValues, io: Io, usage: string): Promise<number> {
  return runCommand(io, usage, async (openCore) => {
    const configDir = defaultConfigDir(process.env, process.platform, homedir())
    if (values.policy !== undefined) return runPolicy(values.policy, configDir)
    const options = cleanupOptionsOf(args, values, new Date())
    // The config folder holds the pinned images: the core protects them in addition to --keep.
    const core = await openCore({ host: values.host ?? null, cacheDir: defaultCacheDir(process.env, process.platform, homedir()), configDir })
    return run(core, options, values, io)

    async function runPolicy(name: string, configDir: string): Promise<number> {
      refuseStrays(args, values)
      // Read before connecting, so an unknown name is a usage mistake that asks nothing of the engine.
      const { policy, options } = policyCleanupOptions(name, values, (await new SettingsStore(configDir).get()).cleanupPolicies)
      const core = await openCore({ host: values.host ?? null, cacheDir: defaultCacheDir(process.env, process.platform, homedir()), configDir })
      return run(core, options, values, io, async (report) => {
        await callCore(core, 'settings.recordPolicyRun', { name: policy.name, run: policyRunOf(report, 'cli', new Date()) })
      })
    }
  })
}
