import { describe, expect, it } from 'vitest'
import { saveFileInput } from '../../shared/save-file-input'

describe('saveFileInput', () => {
  it('reads a path inside the image the same with or without the leading slash', () => {
    expect(saveFileInput.parse({ ref: 'app:1', path: '/bin/busybox' })).toEqual({ ref: 'app:1', path: 'bin/busybox' })
    expect(saveFileInput.parse({ ref: 'app:1', path: '//bin/busybox' })).toEqual({ ref: 'app:1', path: 'bin/busybox' })
    expect(saveFileInput.parse({ ref: 'app:1', path: 'bin/busybox', layer: 1 })).toEqual({ ref: 'app:1', path: 'bin/busybox', layer: 1 })
  })

  it('still refuses a path that is only slashes, or climbs out', () => {
    expect(saveFileInput.safeParse({ ref: 'app:1', path: '/' }).success).toBe(false)
    expect(saveFileInput.safeParse({ ref: 'app:1', path: '/../etc/shadow' }).success).toBe(false)
  })
})
