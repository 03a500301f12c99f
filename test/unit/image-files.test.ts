import { describe, expect, it } from 'vitest'
import { archiveFileName } from '../../shared/image-files'
import { loadImagesFromInput, saveImagesAsInput } from '../../shared/image-files-input'

describe('archiveFileName', () => {
  it.each([
    [['alpine:3.20'], 'alpine-3.20.tar'],
    [['alpine'], 'alpine.tar'],
    [['registry.example.com:5000/team/app:1.0'], 'app-1.0.tar'],
    [['ghcr.io/owner/app@sha256:' + 'c'.repeat(64)], 'app.tar'],
    [[`sha256:0123456789ab${'f'.repeat(52)}`], 'image-0123456789ab.tar'],
    [[`0123456789ab${'f'.repeat(52)}`], 'image-0123456789ab.tar'],
    [['alpine:3', 'busybox:1'], 'images.tar'],
    [[], 'images.tar'],
  ])('%j → %s', (refs, name) => {
    expect(archiveFileName(refs)).toBe(name)
  })

  it('never suggests a hidden file, a path or an empty name', () => {
    for (const ref of ['.hidden:1', 'a/..', 'team/', '..']) {
      const name = archiveFileName([ref])
      expect(name, ref).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*\.tar$/)
      expect(name.startsWith('.tar')).toBe(false)
    }
  })
})

describe('dialog request schemas', () => {
  it('take what images.save and images.load take, without a path', () => {
    expect(saveImagesAsInput.safeParse({ refs: ['alpine:3'], taskId: 'save-1' }).success).toBe(true)
    expect(saveImagesAsInput.safeParse({ refs: ['alpine:3'] }).success).toBe(true)
    expect(loadImagesFromInput.safeParse({}).success).toBe(true)
    expect(loadImagesFromInput.safeParse({ taskId: 'load-1' }).success).toBe(true)
  })

  it('refuse a path and any other extra key', () => {
    expect(saveImagesAsInput.safeParse({ refs: ['alpine:3'], path: '/tmp/x.tar' }).success).toBe(false)
    expect(loadImagesFromInput.safeParse({ path: '/tmp/x.tar' }).success).toBe(false)
    expect(loadImagesFromInput.safeParse({ filePath: '/tmp/x.tar' }).success).toBe(false)
  })

  it('check refs and task IDs as the contract does', () => {
    expect(saveImagesAsInput.safeParse({ refs: [] }).success).toBe(false)
    expect(saveImagesAsInput.safeParse({ refs: ['bad ref'] }).success).toBe(false)
    expect(saveImagesAsInput.safeParse({ refs: ['alpine'], taskId: 'x'.repeat(101) }).success).toBe(false)
  })
})
