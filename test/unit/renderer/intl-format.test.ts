import { describe, expect, it } from 'vitest'
import { localeFormat } from '../../../renderer/i18n/format'
import { formatBytes } from '../../../shared/format'

const now = new Date('2026-12-05T12:00:00Z')
const before = (seconds: number): string => new Date(now.getTime() - seconds * 1000).toISOString()

describe('numbers, sizes and ages in the interface languages', () => {
  it('groups digits the way each language does', () => {
    expect(localeFormat('en').number(50051)).toBe('50,051')
    expect(localeFormat('zh-CN').number(50051)).toBe('50,051')
    expect(localeFormat('en').percent(0.1234)).toBe('12.3%')
  })

  it("keeps the docker CLI's decimal units and digits, equal to the CLI's own formatter in English", () => {
    for (const bytes of [0, 999, 1000, 1234, 99_999, 585_000, 12_345_678, 1_000_000_000, 3.2e12]) {
      expect(localeFormat('en').bytes(bytes), String(bytes)).toBe(formatBytes(bytes))
      expect(localeFormat('zh-CN').bytes(bytes), String(bytes)).toBe(formatBytes(bytes))
    }
    expect(localeFormat('en').bytes(-1)).toBe('—')
  })

  it('words ages in the steps docker uses, in each language', () => {
    const english = localeFormat('en')
    const chinese = localeFormat('zh-CN')
    expect(english.age(before(2), now, 'just now')).toBe('just now')
    expect(english.age(before(42), now, 'just now')).toBe('42 seconds ago')
    expect(english.age(before(60), now, 'just now')).toBe('1 minute ago')
    expect(english.age(before(3 * 3600 + 5), now, 'just now')).toBe('3 hours ago')
    expect(english.age(before(15 * 86400), now, 'just now')).toBe('2 weeks ago')
    expect(english.age(before(400 * 86400), now, 'just now')).toBe('1 year ago')
    expect(chinese.age(before(2), now, '刚刚')).toBe('刚刚')
    expect(chinese.age(before(180), now, '刚刚')).toBe('3分钟前')
    expect(chinese.age(before(2 * 86400), now, '刚刚')).toBe('2天前')
  })

  it('writes dates in the language, and a dash for no date', () => {
    expect(localeFormat('en').dateTime('2026-12-05T12:00:00Z')).toMatch(/Dec 5, 2026/)
    expect(localeFormat('zh-CN').dateTime('2026-12-05T12:00:00Z')).toMatch(/2026年12月5日/)
    expect(localeFormat('en').dateTime('not a date')).toBe('—')
  })
})
