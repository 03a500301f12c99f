import { describe, expect, it } from 'vitest'
import { LogDemuxer, TtyLogDecoder } from '../../electron/core/containers/streams/log-demuxer'

function frame(type: number, text: string | Buffer): Buffer {
  const payload = typeof text === 'string' ? Buffer.from(text, 'utf8') : text
  const header = Buffer.alloc(8)
  header.writeUInt8(type, 0)
  header.writeUInt32BE(payload.length, 4)
  return Buffer.concat([header, payload])
}

describe('LogDemuxer', () => {
  it('splits stdout and stderr frames in order, joining runs of one stream', () => {
    const demuxer = new LogDemuxer()
    const wire = Buffer.concat([frame(1, 'one\n'), frame(1, 'two\n'), frame(2, 'oops\n'), frame(1, 'three\n')])
    expect(demuxer.push(wire)).toEqual([
      { stream: 'stdout', text: 'one\ntwo\n' },
      { stream: 'stderr', text: 'oops\n' },
      { stream: 'stdout', text: 'three\n' },
    ])
  })

  it('gives the same text whatever the chunk boundaries, headers and UTF-8 characters cut included', () => {
    const wire = Buffer.concat([frame(1, 'héllo wörld ✓\n'), frame(2, '错误：磁盘已满\n'), frame(1, Buffer.alloc(0)), frame(1, '🐳 done\n')])
    const whole = new LogDemuxer().push(wire)
    for (let size = 1; size <= 9; size++) {
      const demuxer = new LogDemuxer()
      const parts: { stream: string; text: string }[] = []
      for (let at = 0; at < wire.length; at += size) parts.push(...demuxer.push(wire.subarray(at, at + size)))
      parts.push(...demuxer.end())
      const joined = parts.reduce<{ stream: string; text: string }[]>((runs, part) => {
        const last = runs.at(-1)
        if (last?.stream === part.stream) last.text += part.text
        else runs.push({ ...part })
        return runs
      }, [])
      expect(joined, `chunks of ${String(size)}`).toEqual(whole)
    }
    expect(whole.map((entry) => entry.text).join('')).toBe('héllo wörld ✓\n错误：磁盘已满\n🐳 done\n')
  })

  it('keeps a frame whose header arrived without its payload for the next chunk, and marks a character cut at the end', () => {
    const demuxer = new LogDemuxer()
    const wire = frame(2, 'ab')
    expect(demuxer.push(wire.subarray(0, 5))).toEqual([])
    expect(demuxer.push(wire.subarray(5, 9))).toEqual([{ stream: 'stderr', text: 'a' }])
    expect(demuxer.push(wire.subarray(9))).toEqual([{ stream: 'stderr', text: 'b' }])
    const cut = new LogDemuxer()
    expect(cut.push(frame(1, Buffer.from([0xe2, 0x9c])))).toEqual([])
    expect(cut.end()).toEqual([{ stream: 'stdout', text: '\ufffd' }])
  })

  it('reads a TTY container as one stream, decoding across chunks', () => {
    const decoder = new TtyLogDecoder()
    const bytes = Buffer.from('π=3.14\n', 'utf8')
    expect([...decoder.push(bytes.subarray(0, 1)), ...decoder.push(bytes.subarray(1)), ...decoder.end()]).toEqual([{ stream: 'stdout', text: 'π=3.14\n' }])
  })
})
