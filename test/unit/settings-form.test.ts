import { describe, expect, it } from 'vitest'
import { MAX_CACHE_CAP_BYTES, MIN_CACHE_CAP_BYTES } from '../../shared/contract'
import { MAX_CAP_BYTES, MIN_CAP_BYTES, capField, engineAddressProblem, engineNameProblem, parseCap, platformProblem } from '../../renderer/lib/settings-form'

describe('the Settings view fields', () => {
  it('reads a cache cap in MB or GB, empty as no cap, and says what is wrong', () => {
    expect([MIN_CAP_BYTES, MAX_CAP_BYTES]).toEqual([MIN_CACHE_CAP_BYTES, MAX_CACHE_CAP_BYTES])
    expect(parseCap('', 'GB')).toEqual({ bytes: null })
    expect(parseCap(' 2 ', 'GB')).toEqual({ bytes: 2_000_000_000 })
    expect(parseCap('1,5', 'GB')).toEqual({ bytes: 1_500_000_000 })
    expect(parseCap('64', 'MB')).toEqual({ bytes: 64_000_000 })
    expect(parseCap('63.9', 'MB')).toEqual({ error: expect.stringContaining('smallest cap is 64 MB') as unknown })
    expect(parseCap('16001', 'GB')).toEqual({ error: expect.stringContaining('largest cap is 16 TB') as unknown })
    for (const text of ['-1', '1e9', 'two', '1.2.3', '0x10']) expect(parseCap(text, 'MB'), text).toEqual({ error: 'Type a number of MB, e.g. 2 or 1.5.' })
  })

  it('shows a saved cap in whole GB when it is, in MB otherwise, and round-trips', () => {
    expect(capField(null)).toEqual({ text: '', unit: 'GB' })
    expect(capField(3_000_000_000)).toEqual({ text: '3', unit: 'GB' })
    expect(capField(1_500_000_000)).toEqual({ text: '1500', unit: 'MB' })
    expect(capField(67_108_864)).toEqual({ text: '67.11', unit: 'MB' })
    for (const bytes of [64_000_000, 250_000_000, 2_000_000_000]) {
      const field = capField(bytes)
      expect(parseCap(field.text, field.unit)).toEqual({ bytes })
    }
  })

  it('checks engine names, addresses and platforms as the contract does', () => {
    expect(engineAddressProblem('')).toBeNull()
    expect(engineAddressProblem('tcp://10.0.0.1:2376')).toBeNull()
    expect(engineAddressProblem('10.0.0.1:2376')).toContain('Start with unix://')
    expect(engineNameProblem('build box', [])).toBeNull()
    expect(engineNameProblem('../etc', [])).toContain('Letters, digits')
    expect(engineNameProblem('x'.repeat(65), [])).toBe('At most 64 characters.')
    expect(engineNameProblem(' lab ', ['lab'])).toContain('saved already')
    expect(platformProblem('linux/arm/v7')).toBeNull()
    expect(platformProblem('linux')).toContain('os/arch')
    expect(platformProblem('all')).toContain('os/arch')
  })
})
