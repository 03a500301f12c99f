import { describe, expect, it } from 'vitest'
import { ChunkBudget, EntryChannel } from '../../electron/core/layers/entry-channel'

function pausable(): { calls: string[]; pause: () => void; resume: () => void } {
  const calls: string[] = []
  return { calls, pause: () => calls.push('pause'), resume: () => calls.push('resume') }
}

async function readAll(channel: AsyncIterable<Buffer>): Promise<string> {
  let text = ''
  for await (const chunk of channel) text += chunk.toString()
  return text
}

describe('EntryChannel', () => {
  it('hands chunks in order, queued or to a reader already waiting, then ends', async () => {
    const budget = new ChunkBudget(pausable(), 100)
    const channel = new EntryChannel(budget)
    channel.data(Buffer.from('ab'))
    const reading = readAll(channel)
    channel.data(Buffer.from('cd'))
    await Promise.resolve()
    channel.data(Buffer.from('ef'))
    channel.end()
    expect(await reading).toBe('abcdef')
    expect(budget.bytes).toBe(0)
  })

  it('pauses the source over the budget and resumes it at half', async () => {
    const source = pausable()
    const budget = new ChunkBudget(source, 10)
    const channel = new EntryChannel(budget)
    for (const text of ['aaaa', 'bbbb', 'cccc']) channel.data(Buffer.from(text))
    expect(source.calls).toEqual(['pause'])
    expect(budget.bytes).toBe(12)
    await channel.next()
    expect(source.calls).toEqual(['pause'])
    await channel.next()
    expect(source.calls).toEqual(['pause', 'resume'])
    expect(budget.bytes).toBe(4)
  })

  it('drops what is queued when the reader stops early, and what comes after', async () => {
    const source = pausable()
    const budget = new ChunkBudget(source, 4)
    const channel = new EntryChannel(budget)
    channel.data(Buffer.from('abcdef'))
    expect(source.calls).toEqual(['pause'])
    await channel.return()
    channel.data(Buffer.from('gh'))
    expect(budget.bytes).toBe(0)
    expect(source.calls).toEqual(['pause', 'resume'])
    expect(await channel.next()).toEqual({ value: undefined, done: true })
  })

  it('fails a waiting reader and every later read when destroyed', async () => {
    const budget = new ChunkBudget(pausable(), 100)
    const channel = new EntryChannel(budget)
    channel.data(Buffer.from('queued'))
    const waiting = (async () => {
      await channel.next()
      return channel.next()
    })()
    await Promise.resolve()
    channel.destroy(new Error('cancelled'))
    await expect(waiting).rejects.toThrow('cancelled')
    await expect(channel.next()).rejects.toThrow('cancelled')
    expect(budget.bytes).toBe(0)
  })
})
