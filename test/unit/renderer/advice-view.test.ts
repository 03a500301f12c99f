import { describe, expect, it } from 'vitest'
import type { AdviceCause, AdviceFinding, PackageCache } from '../../../shared/advice'
import { ADVICE_KIND } from '../../../shared/advice'
import * as cli from '../../../shared/advice-text'
import { localeFormat } from '../../../renderer/i18n/format'
import { translator } from '../../../renderer/i18n/translator'
import { findingKey, findingRemedy, findingSummary, findingTitle, formatShare, layerName, remedyParts, shareOf } from '../../../renderer/lib/advice-view'

const en = translator('en')
const zh = translator('zh-CN')

function finding(overrides: Partial<AdviceFinding>): AdviceFinding {
  return { cause: 'removed-later', kind: 'wasted', bytes: 10, files: 1, storedBy: [{ index: 2, createdBy: 'RUN a' }], hiddenBy: { index: 3, createdBy: 'RUN b' }, paths: [], ...overrides }
}

describe('remedy text in parts', () => {
  it('makes each backtick span a code part and keeps the words around it', () => {
    expect(remedyParts('Install with `apk add --no-cache`.')).toEqual([
      { code: false, text: 'Install with ' },
      { code: true, text: 'apk add --no-cache' },
      { code: false, text: '.' },
    ])
  })

  it('handles spans at either end, side by side, and no span at all', () => {
    expect(remedyParts('`a``b`')).toEqual([
      { code: true, text: 'a' },
      { code: true, text: 'b' },
    ])
    expect(remedyParts('Just words.')).toEqual([{ code: false, text: 'Just words.' }])
    expect(remedyParts('')).toEqual([])
  })

  it('leaves an unpaired backtick as text', () => {
    expect(remedyParts('a ` b')).toEqual([{ code: false, text: 'a ` b' }])
    expect(remedyParts('`x` and ` y')).toEqual([
      { code: true, text: 'x' },
      { code: false, text: ' and ` y' },
    ])
  })

  it('gives back every character of a real remedy, without the backticks', () => {
    const remedy = findingRemedy(finding({ cause: 'docs', kind: 'removable', hiddenBy: null }), en)
    const parts = remedyParts(remedy)
    expect(parts.filter((part) => part.code).map((part) => part.text)).toContain('path-exclude=/usr/share/doc/*')
    expect(parts.map((part) => part.text).join('')).toBe(remedy.replaceAll('`', ''))
  })
})

describe('shares of the stored bytes', () => {
  it('is a fraction, 0 for nothing of nothing, never above 1', () => {
    expect(shareOf(1, 4)).toBe(0.25)
    expect(shareOf(0, 0)).toBe(0)
    expect(shareOf(5, 0)).toBe(0)
    expect(shareOf(-1, 10)).toBe(0)
    expect(shareOf(12, 10)).toBe(1)
  })

  it('writes one decimal, and says when a share is too small for it', () => {
    expect(formatShare(0.4313, en)).toBe('43.1 %')
    expect(formatShare(1, en)).toBe('100.0 %')
    expect(formatShare(0, en)).toBe('0.0 %')
    expect(formatShare(0.0004, en)).toBe('< 0.1 %')
  })

  it('writes the percent sign against the number in Chinese', () => {
    expect(formatShare(0.4313, zh)).toBe('43.1%')
    expect(formatShare(0.0004, zh)).toBe('< 0.1%')
  })
})

describe('finding keys', () => {
  it('tell apart findings of one cause from other layers or caches', () => {
    const a = finding({})
    const b = finding({ hiddenBy: { index: 4, createdBy: 'RUN c' } })
    const apt = finding({ cause: 'package-cache', kind: 'removable', cache: 'apt-lists', hiddenBy: null })
    const apk = finding({ cause: 'package-cache', kind: 'removable', cache: 'apk-cache', hiddenBy: null })
    const keys = new Set([a, b, apt, apk].map(findingKey))
    expect(keys.size).toBe(4)
    expect(findingKey(a)).toBe('removed-later||2|3')
  })
})

const CAUSES = Object.keys(ADVICE_KIND) as AdviceCause[]
const CACHES: PackageCache[] = ['apt-lists', 'apt-archives', 'apk-cache', 'dnf-yum-cache', 'pip-cache', 'npm-cache', 'yarn-cache', 'go-build-cache', 'go-module-cache']

/** One finding of every cause and every cache, with one, several and many layers. */
function everyFinding(): AdviceFinding[] {
  const layers = [1, 2, 3, 4, 5].map((index) => ({ index, createdBy: `RUN step ${String(index)}` }))
  const long = { index: 6, createdBy: `RUN ${'x'.repeat(120)}` }
  const byCause = CAUSES.map((cause, position) =>
    finding({
      cause,
      kind: ADVICE_KIND[cause],
      bytes: 1234567 * (position + 1),
      files: position === 0 ? 1 : 50051,
      storedBy: layers.slice(0, (position % 5) + 1),
      hiddenBy: ADVICE_KIND[cause] === 'wasted' ? long : null,
    }),
  )
  const byCache = CACHES.map((cache) => finding({ cause: 'package-cache', kind: 'removable', cache, hiddenBy: null, storedBy: [{ index: 0, createdBy: '' }] }))
  return [...byCause, ...byCache]
}

describe('findings in words', () => {
  const numbers = localeFormat('en')

  it('says every finding in English exactly as the CLI does', () => {
    for (const item of everyFinding()) {
      expect(findingTitle(item, en)).toBe(cli.findingTitle(item))
      expect(findingSummary(item, en, numbers)).toBe(cli.findingSummary(item))
      expect(findingRemedy(item, en)).toBe(cli.findingRemedy(item))
    }
    expect(layerName({ index: 3, createdBy: 'RUN apt-get install -y curl' }, en)).toBe(cli.layerName({ index: 3, createdBy: 'RUN apt-get install -y curl' }))
    expect(layerName({ index: 0, createdBy: '' }, en)).toBe('layer 0')
  })

  it('says them in Chinese, keeping commands and figures as they are', () => {
    const zhNumbers = localeFormat('zh-CN')
    const removed = finding({ bytes: 524288, files: 2 })
    expect(findingTitle(removed, zh)).toBe('被后面的层删除')
    expect(findingSummary(removed, zh, zhNumbers)).toBe('第 2 层（RUN a）存储的 2 个文件，524 kB 被第 3 层（RUN b）删除了。')
    const apk = finding({ cause: 'package-cache', kind: 'removable', cache: 'apk-cache', hiddenBy: null })
    expect(findingTitle(apk, zh)).toBe('apk 的缓存')
    expect(remedyParts(findingRemedy(apk, zh))).toContainEqual({ code: true, text: 'apk add --no-cache' })
    const many = finding({ storedBy: [1, 2, 3, 4, 5].map((index) => ({ index, createdBy: '' })) })
    expect(findingSummary(many, zh, zhNumbers)).toMatch(/^第 1 层、第 2 层、第 3 层及另外 2 层存储的/)
    for (const item of everyFinding()) {
      expect(findingSummary(item, zh, zhNumbers)).not.toMatch(/files\.|stored|layer /)
      expect(findingRemedy(item, zh)).not.toBe(findingRemedy(item, en))
    }
  })
})
