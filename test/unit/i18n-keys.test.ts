import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { en } from '../../renderer/i18n/messages/en'
import { translator } from '../../renderer/i18n/translator'

const root = join(import.meta.dirname, '../../renderer')

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sources(path)
    return /\.(vue|ts)$/.test(name) ? [path] : []
  })
}

function lookup(key: string): unknown {
  let node: unknown = en
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined
  return node
}

describe('message keys the renderer uses', () => {
  it('names only keys that exist, each a message rather than a group', () => {
    const missing: string[] = []
    let seen = 0
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8')
      // Literal keys: t('a.b'), $t('a.b'), tm('a.b'), keypath="a.b"; keys built at run time are checked by the e2e's untranslated-text scan.
      for (const match of text.matchAll(/(?:\bt|\$t|\btm|\bte)\(\s*'([\w-]+(?:\.[\w-]+)+)'|keypath="([\w-]+(?:\.[\w-]+)+)"/g)) {
        const key = match[1] ?? match[2] ?? ''
        seen += 1
        const found = lookup(key)
        if (typeof found !== 'string' && !(match[0].startsWith('tm') && typeof found === 'object')) missing.push(`${relative(root, file)}: ${key}`)
      }
    }
    expect(seen).toBeGreaterThan(20)
    expect(missing).toEqual([])
  })

  it('translates through a fixed-locale translator for pure helpers', () => {
    expect(translator('en')('images.count', { n: 3 }, 3)).toBe('3 images')
    expect(translator('en')('images.count', { n: 1 }, 1)).toBe('1 image')
    expect(translator('zh-CN')('images.count', { n: 3 }, 3)).toBe('3 个镜像')
  })
})
