import { describe, expect, it } from 'vitest'
import { toDaemonEvent } from '../../electron/core/engine/daemon-events'
import { createJsonLineSplitter } from '../../electron/core/engine/json-lines'

function collect(): { values: unknown[]; malformed: string[]; splitter: ReturnType<typeof createJsonLineSplitter> } {
  const values: unknown[] = []
  const malformed: string[] = []
  const splitter = createJsonLineSplitter(
    (value) => values.push(value),
    (line) => malformed.push(line),
  )
  return { values, malformed, splitter }
}

describe('createJsonLineSplitter', () => {
  it('yields objects split across chunks only once complete', () => {
    const { values, splitter } = collect()
    splitter.push('{"a":1}\n{"b":')
    expect(values).toEqual([{ a: 1 }])
    expect(splitter.pending).toBe(5)
    splitter.push('2}\n')
    expect(values).toEqual([{ a: 1 }, { b: 2 }])
    expect(splitter.pending).toBe(0)
  })

  it('handles several objects in one chunk and blank lines', () => {
    const { values, splitter } = collect()
    splitter.push('{"n":1}\n\n{"n":2}\r\n{"n":3}\n')
    expect(values).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }])
  })

  it('keeps a multi-byte character that straddles two chunks intact', () => {
    const { values, splitter } = collect()
    const bytes = Buffer.from('{"name":"café→"}\n', 'utf8')
    const cut = bytes.indexOf(0xe2) + 1
    splitter.push(bytes.subarray(0, cut))
    splitter.push(bytes.subarray(cut))
    expect(values).toEqual([{ name: 'café→' }])
  })

  it('reports malformed lines and carries on', () => {
    const { values, malformed, splitter } = collect()
    splitter.push('not json\n{"ok":true}\n')
    expect(malformed).toEqual(['not json'])
    expect(values).toEqual([{ ok: true }])
  })
})

describe('toDaemonEvent', () => {
  it('reads type, action, actor and string attributes', () => {
    const event = toDaemonEvent({
      Type: 'container',
      Action: 'commit',
      Actor: { ID: 'abc', Attributes: { imageID: 'sha256:1', exitCode: 0 } },
      timeNano: 17,
    })
    expect(event).toEqual({ type: 'container', action: 'commit', id: 'abc', attributes: { imageID: 'sha256:1' }, timeNano: 17 })
  })

  it.each([null, 'x', {}, { Type: 'image', Action: 'tag' }, { Type: 'image', Action: 'tag', Actor: { ID: 5 } }])('ignores %j', (value) => {
    expect(toDaemonEvent(value)).toBeNull()
  })
})
