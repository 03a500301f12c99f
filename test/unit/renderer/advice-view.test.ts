import { describe, expect, it } from 'vitest'
import type { AdviceFinding } from '../../../shared/advice'
import { findingRemedy } from '../../../shared/advice-text'
import { findingKey, formatShare, remedyParts, shareOf } from '../../../renderer/lib/advice-view'

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
    const remedy = findingRemedy(finding({ cause: 'docs', kind: 'removable', hiddenBy: null }))
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
    expect(formatShare(0.4313)).toBe('43.1 %')
    expect(formatShare(1)).toBe('100.0 %')
    expect(formatShare(0)).toBe('0.0 %')
    expect(formatShare(0.0004)).toBe('< 0.1 %')
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
