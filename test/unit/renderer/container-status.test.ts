import { describe, expect, it } from 'vitest'
import { statusText } from '../../../renderer/lib/container-status'
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
