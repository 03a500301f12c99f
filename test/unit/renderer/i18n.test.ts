import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../../shared/errors'
import { en } from '../../../renderer/i18n/messages/en'
import { zhCN } from '../../../renderer/i18n/messages/zh-CN'
import { resolveLocale, systemLocale } from '../../../renderer/i18n/locale'

/** Every leaf of a message tree, as "a.b.c" → text. */
function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const found = new Map<string, unknown>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`
    if (typeof value === 'object' && value !== null) for (const [leaf, text] of leaves(value as object, path)) found.set(leaf, text)
    else found.set(path, value)
  }
  return found
}

describe('the interface languages', () => {
  it('follows the first system language Strata speaks, any Chinese being zh-CN', () => {
    expect(systemLocale(['zh-CN', 'en-US'])).toBe('zh-CN')
    expect(systemLocale(['zh-Hans-CN'])).toBe('zh-CN')
    expect(systemLocale(['zh_TW'])).toBe('zh-CN')
    expect(systemLocale(['fr-FR', 'zh'])).toBe('zh-CN')
    expect(systemLocale(['fr-FR', 'en-GB', 'zh'])).toBe('en')
    expect(systemLocale(['de-DE'])).toBe('en')
    expect(systemLocale([])).toBe('en')
  })

  it('lets a choice saved in settings override the system', () => {
    expect(resolveLocale('en', ['zh-CN'])).toBe('en')
    expect(resolveLocale('zh-CN', ['en-US'])).toBe('zh-CN')
    expect(resolveLocale('system', ['zh-CN'])).toBe('zh-CN')
  })

  it('has every English message in Chinese, none empty, with the same placeholders', () => {
    const english = leaves(en)
    const chinese = leaves(zhCN)
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort())
    for (const [key, text] of chinese) {
      expect(typeof text === 'string' && text.trim() !== '', key).toBe(true)
      const placeholders = (value: unknown): string[] => [...String(value).matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort()
      expect(new Set(placeholders(text)), key).toEqual(new Set(placeholders(english.get(key))))
    }
  })

  it('names every error code the core can raise, in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(en.errors.code[code], code).toMatch(/\S/)
      expect(zhCN.errors.code[code], code).toMatch(/\S/)
    }
    expect(Object.keys(en.errors.code).sort()).toEqual([...ERROR_CODES].sort())
  })
})
