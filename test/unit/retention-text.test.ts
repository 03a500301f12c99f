import { describe, expect, it } from 'vitest'
import { keptReasonText, whyText } from '../../renderer/lib/cleanup-text'
import { retentionAgeText, retentionRuleText, retentionVerdictText } from '../../renderer/lib/retention-text'
import { localeFormat } from '../../renderer/i18n/format'
import { translator } from '../../renderer/i18n/translator'
import type { CleanupItem, CleanupPlan } from '../../shared/types'

const t = translator('en')
const zh = translator('zh-CN')
const en = localeFormat('en')
const cn = localeFormat('zh-CN')

describe('retention rules in words', () => {
  it('words each kind of rule in English as the command line spells it', () => {
    expect(retentionRuleText(t, en, { kind: 'keep-last', count: 3 })).toBe('keep-last 3')
    expect(retentionRuleText(t, en, { kind: 'keep-tag', pattern: 'release-*' })).toBe('keep-tag release-*')
    expect(retentionRuleText(t, en, { kind: 'drop-tag', pattern: 'ci-*', olderThan: '7d' })).toBe('older than 7d matching ci-*')
    expect(retentionRuleText(t, en, { kind: 'beyond-last', count: 1200 })).toBe('keep-last 1,200, not among the newest 1,200')
    expect(retentionRuleText(t, en, { kind: 'keep-last', count: 2 }, 'ghcr.io/acme/*')).toBe('keep-last 2 (for ghcr.io/acme/*)')
  })

  it('words them in Chinese, ages in words', () => {
    expect(retentionRuleText(zh, cn, { kind: 'keep-last', count: 3 })).toBe('保留最新 3 个')
    expect(retentionRuleText(zh, cn, { kind: 'drop-tag', pattern: 'ci-*', olderThan: '2w' })).toBe('匹配 ci-* 且创建超过 2 周')
    expect(retentionAgeText(zh, cn, '30m')).toBe('30 分钟')
    expect(retentionAgeText(t, en, '12h')).toBe('12h')
    expect(retentionVerdictText(zh, cn, 'kept', { kind: 'keep-tag', pattern: 'stable' })).toBe('按规则“保留标签 stable”保留')
    expect(retentionRuleText(zh, cn, { kind: 'keep-last', count: 2 }, 'web')).toBe('保留最新 2 个（适用于 web）')
  })

  it('says kept by / removed by rule in the plan, and the plain reason without a rule', () => {
    const item: CleanupItem = { key: 'image:sha256:1', kind: 'image', id: 'sha256:1', names: ['app:1'], reason: 'retention', rule: { kind: 'beyond-last', count: 3 }, after: [], size: 1, bytesFreed: 1, created: null }
    const plan = { items: [item] } as CleanupPlan
    expect(whyText(t, item, plan, en)).toBe('removed by rule keep-last 3, not among the newest 3')
    expect(whyText(t, { ...item, rule: { kind: 'drop-tag', pattern: 'ci-*', olderThan: '7d' } }, plan, en)).toBe('removed by rule older than 7d matching ci-*')
    expect(keptReasonText(t, { reason: 'retention-keep', rule: { kind: 'keep-last', count: 3 } }, en)).toBe('kept by rule keep-last 3')
    expect(keptReasonText(t, { reason: 'pinned', rule: null }, en)).toBe('pinned')
    expect(keptReasonText(zh, { reason: 'retention-keep', rule: null }, cn)).toBe('按保留规则保留')
  })
})
