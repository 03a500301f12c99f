import { describe, expect, it } from 'vitest'
import { MAX_CACHE_CAP_BYTES, MIN_CACHE_CAP_BYTES } from '../../shared/contract'
import { MAX_CAP_BYTES, MIN_CAP_BYTES, capField, engineAddressProblem, engineNameProblem, parseCap, platformProblem } from '../../renderer/lib/settings-form'
import { translator } from '../../renderer/i18n/translator'

const en = translator('en')
const zh = translator('zh-CN')

describe('the Settings view fields', () => {
  it('reads a cache cap in MB or GB, empty as no cap, and says what is wrong', () => {
    expect([MIN_CAP_BYTES, MAX_CAP_BYTES]).toEqual([MIN_CACHE_CAP_BYTES, MAX_CACHE_CAP_BYTES])
    expect(parseCap('', 'GB', en)).toEqual({ bytes: null })
    expect(parseCap(' 2 ', 'GB', en)).toEqual({ bytes: 2_000_000_000 })
    expect(parseCap('1,5', 'GB', en)).toEqual({ bytes: 1_500_000_000 })
    expect(parseCap('64', 'MB', en)).toEqual({ bytes: 64_000_000 })
    expect(parseCap('63.9', 'MB', en)).toEqual({ error: expect.stringContaining('smallest cap is 64 MB') as unknown })
    expect(parseCap('16001', 'GB', en)).toEqual({ error: expect.stringContaining('largest cap is 16 TB') as unknown })
    for (const text of ['-1', '1e9', 'two', '1.2.3', '0x10']) expect(parseCap(text, 'MB', en), text).toEqual({ error: 'Type a number of MB, e.g. 2 or 1.5.' })
  })

  it('shows a saved cap in whole GB when it is, in MB otherwise, and round-trips', () => {
    expect(capField(null)).toEqual({ text: '', unit: 'GB' })
    expect(capField(3_000_000_000)).toEqual({ text: '3', unit: 'GB' })
    expect(capField(1_500_000_000)).toEqual({ text: '1500', unit: 'MB' })
    expect(capField(67_108_864)).toEqual({ text: '67.11', unit: 'MB' })
    for (const bytes of [64_000_000, 250_000_000, 2_000_000_000]) {
      const field = capField(bytes)
      expect(parseCap(field.text, field.unit, en)).toEqual({ bytes })
    }
  })

  it('checks engine names, addresses and platforms as the contract does', () => {
    expect(engineAddressProblem('', en)).toBeNull()
    expect(engineAddressProblem('tcp://10.0.0.1:2376', en)).toBeNull()
    expect(engineAddressProblem('10.0.0.1:2376', en)).toContain('Start with unix://')
    expect(engineNameProblem('build box', [], en)).toBeNull()
    expect(engineNameProblem('../etc', [], en)).toContain('Letters, digits')
    expect(engineNameProblem('x'.repeat(65), [], en)).toBe('At most 64 characters.')
    expect(engineNameProblem(' lab ', ['lab'], en)).toContain('saved already')
    expect(platformProblem('linux/arm/v7', en)).toBeNull()
    expect(platformProblem('linux', en)).toContain('os/arch')
    expect(platformProblem('all', en)).toContain('os/arch')
  })
})

describe('the settings checks in Chinese', () => {
  it('words the problems in the chosen language', () => {
    expect(parseCap('two', 'GB', zh)).toEqual({ error: '请输入以 GB 为单位的数字，例如 2 或 1.5。' })
    expect(engineNameProblem(' lab ', ['lab'], zh)).toBe('“lab”已保存：保存将替换它的地址。')
    expect(engineNameProblem('../etc', [], en)).toBe('Letters, digits, spaces and . _ - @ ( ), starting with a letter or digit.')
    expect(platformProblem('linux', zh)).toContain('os/arch')
  })
})
