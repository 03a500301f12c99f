import type { Translate } from '../i18n/translator'

/**
 * The engine's status line ("Up 3 minutes (healthy)", "Exited (137) 2 hours ago") comes
 * in English, built by the engine from the container's state and go-units' HumanDuration.
 * Read back into its parts, it can be worded in the user's language; a line this does not
 * know (another engine's, a future form) is shown as the engine wrote it.
 */
const DURATION = String.raw`(Less than a second|About a minute|About an hour|\d+ (?:second|seconds|minute|minutes|hour|hours|day|days|week|weeks|month|months|year|years))`
const UP = new RegExp(String.raw`^Up ${DURATION}(?: \((Paused|healthy|unhealthy|health: starting)\))?$`)
const ENDED = new RegExp(String.raw`^(Exited|Restarting) \((-?\d+)\) ${DURATION} ago$`)

const HEALTH: Record<string, string> = { healthy: 'healthy', unhealthy: 'unhealthy', 'health: starting': 'starting' }
const FIXED: Record<string, string> = { Created: 'created', Dead: 'dead', 'Removal In Progress': 'removing' }

function durationText(duration: string, t: Translate, number: (value: number) => string): string {
  if (duration === 'Less than a second') return t('containers.status.duration.lessThanSecond')
  if (duration === 'About a minute') return t('containers.status.duration.aboutMinute')
  if (duration === 'About an hour') return t('containers.status.duration.aboutHour')
  const [count = '0', unit = ''] = duration.split(' ')
  const n = Number(count)
  return t(`containers.status.duration.${unit.replace(/s$/, '')}`, { n: number(n) }, n)
}

/** The status line in the words of `t`, or null when it is not one the engine is known to write. */
export function statusText(status: string, t: Translate, number: (value: number) => string = String): string | null {
  const fixed = FIXED[status]
  if (fixed !== undefined) return t(`containers.status.${fixed}`)
  const up = UP.exec(status)
  if (up !== null) {
    const duration = durationText(up[1] ?? '', t, number)
    const detail = up[2]
    if (detail === undefined) return t('containers.status.up', { duration })
    if (detail === 'Paused') return t('containers.status.upPaused', { duration })
    return t('containers.status.upHealth', { duration, health: t(`containers.status.health.${HEALTH[detail] ?? 'healthy'}`) })
  }
  const ended = ENDED.exec(status)
  if (ended !== null) {
    const key = ended[1] === 'Exited' ? 'exited' : 'restarting'
    return t(`containers.status.${key}`, { code: ended[2] ?? '', duration: durationText(ended[3] ?? '', t, number) })
  }
  return null
}

const UNIT_SECONDS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86_400, week: 604_800, month: 2_592_000, year: 31_536_000 }

function durationSeconds(duration: string): number {
  if (duration === 'Less than a second') return 0
  if (duration === 'About a minute') return 60
  if (duration === 'About an hour') return 3600
  const [count = '0', unit = ''] = duration.split(' ')
  return Number(count) * (UNIT_SECONDS[unit.replace(/s$/, '')] ?? 0)
}

/**
 * How long the container has been in its status, in seconds, as the status line says it
 * (up for, exited or restarting since); null for a line without a time (Created, Dead) or
 * one this does not know. The engine rounds, so this orders containers, it does not date them.
 */
export function statusSeconds(status: string): number | null {
  const up = UP.exec(status)
  if (up !== null) return durationSeconds(up[1] ?? '')
  const ended = ENDED.exec(status)
  return ended === null ? null : durationSeconds(ended[3] ?? '')
}
