import { describe, expect, it } from 'vitest'
import { statusSeconds, statusText } from '../../../renderer/lib/container-status'
import { translator } from '../../../renderer/i18n/translator'

const english = translator('en')
const chinese = translator('zh-CN')

// Status lines as Docker Engine writes them (container State.String with go-units HumanDuration).
const ENGINE_LINES = [
  'Up Less than a second',
  'Up 1 second',
  'Up 42 seconds',
  'Up About a minute',
  'Up 3 minutes',
  'Up About an hour',
  'Up 5 hours (healthy)',
  'Up 2 days (unhealthy)',
  'Up 3 weeks (health: starting)',
  'Up 10 minutes (Paused)',
  'Exited (0) 15 seconds ago',
  'Exited (137) 2 months ago',
  'Exited (-1) 3 years ago',
  'Restarting (1) 4 seconds ago',
  'Created',
  'Dead',
  'Removal In Progress',
]

describe("the engine's container status line", () => {
  it('words every line the engine writes exactly as the engine does, in English', () => {
    for (const line of ENGINE_LINES) expect(statusText(line, english), line).toBe(line)
  })

  it('words them in Chinese with no English left', () => {
    for (const line of ENGINE_LINES) {
      const text = statusText(line, chinese) ?? ''
      expect(text, line).not.toBe('')
      expect(text, line).not.toMatch(/[A-Za-z]{3,}/)
    }
    expect(statusText('Exited (137) 2 hours ago', chinese)).toBe('已退出（退出码 137），2 小时前')
    expect(statusText('Up 5 hours (healthy)', chinese)).toBe('已运行 5 小时（健康）')
  })

  it('leaves a line it does not know to be shown as written', () => {
    expect(statusText('Up 3 minutes ago', english)).toBeNull()
    expect(statusText('Exited (0)', english)).toBeNull()
    expect(statusText('', english)).toBeNull()
  })
})

describe('statusSeconds', () => {
  it('reads how long the container has been in its status, for ordering', () => {
    expect(statusSeconds('Up Less than a second')).toBe(0)
    expect(statusSeconds('Up 42 seconds')).toBe(42)
    expect(statusSeconds('Up About a minute')).toBe(60)
    expect(statusSeconds('Up 3 minutes')).toBe(180)
    expect(statusSeconds('Up 5 hours (healthy)')).toBe(5 * 3600)
    expect(statusSeconds('Up 10 minutes (Paused)')).toBe(600)
    expect(statusSeconds('Exited (137) 2 months ago')).toBe(2 * 30 * 86_400)
    expect(statusSeconds('Restarting (1) 4 seconds ago')).toBe(4)
    expect(statusSeconds('Exited (0) 1 week ago')).toBe(604_800)
  })

  it('keeps the order of the units: a day is longer than 23 hours, a year longer than 11 months', () => {
    expect(statusSeconds('Up 1 day') ?? 0).toBeGreaterThan(statusSeconds('Up 23 hours') ?? Infinity)
    expect(statusSeconds('Up 1 year') ?? 0).toBeGreaterThan(statusSeconds('Up 11 months') ?? Infinity)
  })

  it('has no time for lines without one, or lines it does not know', () => {
    for (const line of ['Created', 'Dead', 'Removal In Progress', 'Up since forever', '']) expect(statusSeconds(line)).toBeNull()
  })
})
