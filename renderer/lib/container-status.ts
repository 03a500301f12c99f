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
