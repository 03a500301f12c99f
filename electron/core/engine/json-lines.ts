import { StringDecoder } from 'node:string_decoder'

/**
 * The daemon's /events stream is a sequence of JSON objects separated by
 * newlines, but chunk boundaries fall anywhere. This splitter keeps the
 * incomplete tail and hands out one parsed object per complete line.
 */
export interface JsonLineSplitter {
  push(chunk: Buffer | string): void
  /** Characters waiting for their newline. */
  readonly pending: number
}


export function createJsonLineSplitter(onValue: (value: unknown) => void, onMalformed: (line: string) => void): JsonLineSplitter {
  let tail = ''
  // A multi-byte character may straddle two chunks; the decoder holds its first bytes back.
  const decoder = new StringDecoder('utf8')
  return {
    push(chunk) {
      tail += typeof chunk === 'string' ? chunk : decoder.write(chunk)
      let newline = tail.indexOf('\n')
      while (newline !== -1) {
        const line = tail.slice(0, newline).trim()
        tail = tail.slice(newline + 1)
        if (line !== '') {
          let value: unknown
          let parsed = true
          try {
            value = JSON.parse(line)
          } catch {
            parsed = false
          }
          if (parsed) onValue(value)
          else onMalformed(line)
        }
        newline = tail.indexOf('\n')
      }
    },
    get pending() {
      return tail.length
    },
  }
}
