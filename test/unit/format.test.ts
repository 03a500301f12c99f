import { describe, expect, it } from 'vitest'
import { defaultCacheDir } from '../../electron/core/engine/cache-dir'
import { compareApiVersions, countOf, formatAge, formatBytes, shortId } from '../../shared/format'

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.00 kB'],
    [1_990_000, '1.99 MB'],
    [12_345_678, '12.3 MB'],
    [123_456_789, '123 MB'],
    [5_000_000_000, '5.00 GB'],
  ])('%i bytes is %s, in the docker CLI\'s decimal units', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })

  it('shows a dash for sizes the engine did not compute', () => {
    expect(formatBytes(-1)).toBe('—')
    expect(formatBytes(Number.NaN)).toBe('—')
  })
})

describe('shortId', () => {
  it('drops the algorithm and keeps 12 hex digits', () => {
    expect(shortId('sha256:3ad402d1ae4390badfc42bbe3a7f4318acf8e43b33a16f058b98a6ccaf60e294')).toBe('3ad402d1ae43')
    expect(shortId('280c6602c6fe8816a738b8985ab2780a')).toBe('280c6602c6fe')
  })
})

describe('compareApiVersions', () => {
  it('compares numerically, not as text', () => {
    expect(compareApiVersions('1.9', '1.41')).toBe(-1)
    expect(compareApiVersions('1.41', '1.41')).toBe(0)
    expect(compareApiVersions('1.51', '1.47')).toBe(1)
  })
})

describe('formatAge', () => {
  const now = new Date('2026-11-29T12:00:00Z')
  it.each([
    ['2026-11-29T11:59:58Z', 'just now'],
    ['2026-11-29T11:59:30Z', '30 seconds ago'],
    ['2026-11-29T11:59:00Z', '1 minute ago'],
    ['2026-11-29T09:00:00Z', '3 hours ago'],
    ['2026-11-20T12:00:00Z', '1 week ago'],
    ['2024-11-29T12:00:00Z', '2 years ago'],
  ])('%s is %s', (iso, text) => {
    expect(formatAge(iso, now)).toBe(text)
  })
})

describe('countOf', () => {
  it('uses the singular for one only', () => {
    expect(countOf(1, 'image')).toBe('1 image')
    expect(countOf(0, 'image')).toBe('0 images')
    expect(countOf(2, 'entry', 'entries')).toBe('2 entries')
  })
})

describe('defaultCacheDir', () => {
  it('follows XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on Windows', () => {
    expect(defaultCacheDir({}, 'linux', '/home/ana')).toBe('/home/ana/.cache/strata')
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/var/cache/ana' }, 'linux', '/home/ana')).toBe('/var/cache/ana/strata')
    expect(defaultCacheDir({}, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Caches/strata')
    expect(defaultCacheDir({ LOCALAPPDATA: 'C:/Users/ana/AppData/Local' }, 'win32', 'C:/Users/ana')).toBe('C:/Users/ana/AppData/Local/strata/Cache')
  })
})
