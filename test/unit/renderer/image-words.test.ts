import { describe, expect, it } from 'vitest'
import type { Blocker, Platform } from '../../../shared/types'
import { translator } from '../../../renderer/i18n/translator'
import { clearAndDeleteLabel, describeBlocker } from '../../../renderer/lib/blockers'
import { platformLabel } from '../../../renderer/lib/image-query'

const en = translator('en')
const zh = translator('zh-CN')

const running: Blocker = { kind: 'running-container', id: 'c1', name: 'web', state: 'running', remedy: 'stop-and-remove', forceOverrides: false }
const paused: Blocker = { ...running, state: 'paused' }
const stopped: Blocker = { kind: 'stopped-container', id: 'c2', name: 'old', state: 'exited', remedy: 'remove-container', forceOverrides: true }
const child: Blocker = { kind: 'child-image', id: 'sha256:' + 'ab'.repeat(32), name: '', state: null, remedy: 'delete-child', forceOverrides: false }
const tag: Blocker = { kind: 'tag', id: 'img', name: 'app:1', state: null, remedy: 'untag', forceOverrides: true }

function sentence(blocker: Blocker, t = en): string {
  const text = describeBlocker(blocker, t)
  return `${text.lead}[${text.name}]${text.rest} — ${text.remedy}`
}

describe('blocker sentences', () => {
  it('says in English what holds the image, with the name apart for a link or bold', () => {
    expect(sentence(running)).toBe('Container [web] is running — stop and remove it')
    expect(sentence(paused)).toBe('Container [web] is paused — stop and remove it')
    expect(sentence(stopped)).toBe('Container [old] (exited) uses it — remove it')
    expect(sentence(child)).toBe('Image [abababababab] was built on it — delete it first')
    expect(sentence(tag)).toBe('Tagged [app:1] — untag')
  })

  it('defaults to English when the caller passes no translator', () => {
    expect(describeBlocker(running)).toEqual({ lead: 'Container ', name: 'web', rest: ' is running', remedy: 'stop and remove it' })
  })

  it('says the same in Chinese, the state words translated too', () => {
    expect(sentence(running, zh)).toBe('容器 [web] 运行中 — 停止并删除它')
    expect(sentence(stopped, zh)).toBe('容器 [old]（已退出）正在使用它 — 删除它')
    expect(sentence(child, zh)).toBe('镜像 [abababababab] 基于它构建 — 先删除它')
    expect(sentence(tag, zh)).toBe('标签 [app:1] — 移除标签')
  })
})

describe('the clear-and-delete button', () => {
  it('names only the steps it takes', () => {
    expect(clearAndDeleteLabel([running], en)).toBe('Stop and remove containers, then delete')
    expect(clearAndDeleteLabel([running, stopped, tag], en)).toBe('Stop and remove containers, untag, then delete')
    expect(clearAndDeleteLabel([stopped], en)).toBe('Remove containers, then delete')
    expect(clearAndDeleteLabel([stopped, tag], en)).toBe('Remove containers, untag, then delete')
    expect(clearAndDeleteLabel([tag], en)).toBe('Untag, then delete')
  })

  it('speaks Chinese', () => {
    expect(clearAndDeleteLabel([running, tag], zh)).toBe('停止并删除容器、移除标签，然后删除')
  })
})

describe('platform labels', () => {
  const none: Platform = { os: '', architecture: '', variant: null }

  it('writes os/architecture, and the word for unknown when the engine reports none', () => {
    expect(platformLabel({ os: 'linux', architecture: 'arm64', variant: 'v8' }, en)).toBe('linux/arm64/v8')
    expect(platformLabel(none, en)).toBe('unknown')
    expect(platformLabel(none)).toBe('unknown')
    expect(platformLabel(none, zh)).toBe('未知')
  })
})

describe('Images messages', () => {
  it('keeps <none> literal and counts in both languages', () => {
    expect(en('images.noTag')).toBe('<none>')
    expect(en('images.compare.untagged', { id: 'abc' })).toBe('<none> abc')
    expect(en('images.delete.blocked', { n: 1 }, 1)).toBe('One thing stops this image from being deleted:')
    expect(en('images.delete.blocked', { n: 3 }, 3)).toBe('3 things stop this image from being deleted:')
    expect(en('images.layers.legend', { layers: en('images.layers.count', { n: 1 }, 1), total: '5 MB', largest: '5 MB' })).toBe(
      '1 layer · 5 MB · the top layer first, the base at the bottom · bars are relative to the largest layer (5 MB)',
    )
    expect(en('images.layers.layerIds', { index: 2, diffId: 'd', chainId: 'c' })).toBe('Layer 2\ndiff ID d\nchain ID c')
    expect(en('images.delete.nameSeparator')).toBe(', ')
    expect(zh('images.delete.blocked', { n: 3 }, 3)).toBe('有 3 项阻止删除此镜像：')
  })
})
