import { describe, expect, it } from 'vitest'
import { translator } from '../../../renderer/i18n/translator'
import { en } from '../../../renderer/i18n/messages/en'
import { CONTAINER_FILTERS } from '../../../renderer/lib/container-query'
import { ORIGIN_LEGEND } from '../../../renderer/lib/container-files'
import { SINCE_CHOICES } from '../../../renderer/lib/log-since'
import type { ContainerStateName } from '../../../shared/types'

// Keys the containers components build at run time (`containers.state.${state}`…), which the literal-key scan cannot see.
const STATES: readonly ContainerStateName[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']

function lookup(key: string): unknown {
  let node: unknown = en
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined
  return node
}

describe('the containers wording built from values', () => {
  it('has a message for every state, filter, tab, since choice, origin and change kind', () => {
    const keys = [
      ...STATES.map((state) => `containers.state.${state}`),
      ...CONTAINER_FILTERS.map((filter) => `containers.toolbar.${filter}`),
      ...['changes', 'logs', 'terminal', 'stats', 'inspect', 'files'].map((tab) => `containers.detail.tabs.${tab}`),
      ...SINCE_CHOICES.map((choice) => `containers.logs.sinceChoice.${choice.id}`),
      ...ORIGIN_LEGEND.flatMap((origin) => [`containers.files.legendLabel.${origin}`, `containers.files.legendMeaning.${origin}`]),
      ...['added', 'modified', 'deleted', 'unchanged'].map((kind) => `containers.changes.kind.${kind}`),
      ...['keep', 'command', 'none'].map((mode) => `containers.health.${mode}`),
      ...['cmd', 'entrypoint', 'env', 'labels', 'expose', 'volumes', 'user', 'workdir', 'stopSignal', 'onbuild'].map((field) => `containers.commit.hints.${field}`),
    ]
    expect(keys.filter((key) => typeof lookup(key) !== 'string')).toEqual([])
  })

  it('keeps the engine state words in English and words them in Chinese', () => {
    expect(translator('en')('containers.state.exited')).toBe('exited')
    expect(translator('zh-CN')('containers.state.running')).toBe('运行中')
    expect(translator('en')('containers.logs.lines', { n: '10,000' }, 10_000)).toBe('10,000 lines')
    expect(translator('en')('containers.logs.lines', { n: '1' }, 1)).toBe('1 line')
    expect(translator('en')('containers.commit.authorHint')).toBe('e.g. Ada Lovelace <ada@example.com>')
  })
})
