import { describe, expect, it } from 'vitest'
import { progressLine, terminalProgress } from '../../electron/host/cli-terminal'

function fakeTerminal(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = []
  const stream = { isTTY, columns: 80, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream
  return { stream, written }
}

describe('progressLine', () => {
  it('shows percent and bytes of a known total, never 100% before the end', () => {
    expect(progressLine('Reading app:1', 500_000, 1_000_000)).toBe('Reading app:1: 50% (500 kB of 1.00 MB)')
    expect(progressLine('Reading app:1', 1_000_000, 1_000_000)).toBe('Reading app:1: 99% (1.00 MB of 1.00 MB)')
    expect(progressLine('Reading app:1', 2048, null)).toBe('Reading app:1: 2.05 kB')
  })

  it('cuts a line that would wrap on a narrow terminal', () => {
    const line = progressLine(`Reading ${'x'.repeat(100)}`, 1, 2, 40)
    expect(line).toHaveLength(39)
    expect(line.endsWith('…')).toBe(true)
  })
})

describe('terminalProgress', () => {
  it('rewrites one line in place and erases it at the end', () => {
    const { stream, written } = fakeTerminal(true)
    const show = terminalProgress(stream, 0)
    show('Reading', 1, 4, false)
    show('Reading', 2, 4, false)
    show('Reading', 4, 4, true)
    expect(written).toEqual(['\r\x1b[KReading: 25% (1 B of 4 B)', '\r\x1b[KReading: 50% (2 B of 4 B)', '\r\x1b[K'])
  })

  it('writes nothing when stderr is not a terminal', () => {
    const { stream, written } = fakeTerminal(false)
    const show = terminalProgress(stream, 0)
    show('Reading', 1, 4, false)
    show('Reading', 4, 4, true)
    expect(written).toEqual([])
  })
})
