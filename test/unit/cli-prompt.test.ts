import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { PromptCancelled, promptHidden, promptLine } from '../../electron/host/cli-prompt'

/** A stand-in for a terminal's stdin: records the raw mode it is put in. */
class FakeTty extends PassThrough {
  isTTY = true
  rawModes: boolean[] = []
  setRawMode(mode: boolean): this {
    this.rawModes.push(mode)
    return this
  }
}

function capture(): { write(text: string): void; text: () => string } {
  let written = ''
  return {
    write: (text: string) => {
      written += text
    },
    text: () => written,
  }
}

/** Sends the chunks one event-loop turn apart, as keys typed one after another arrive. */
async function type(input: PassThrough, ...chunks: (string | Buffer)[]): Promise<void> {
  for (const chunk of chunks) {
    await new Promise((resolve) => setImmediate(resolve))
    input.write(chunk)
  }
}

describe('promptHidden', () => {
  it('returns what was typed, writes only the question and a newline, and restores raw mode', async () => {
    const input = new FakeTty()
    const output = capture()
    const answer = promptHidden(input, output, 'Password: ')
    await type(input, 's', 'e', 'cr', 'et', '\r')
    await expect(answer).resolves.toBe('secret')
    expect(output.text()).toBe('Password: \n')
    expect(output.text()).not.toContain('secret')
    expect(input.rawModes).toEqual([true, false])
    expect(input.isPaused()).toBe(true)
  })

  it('Backspace and DEL remove the last character; Ctrl+U clears the line', async () => {
    const input = new FakeTty()
    const output = capture()
    const answer = promptHidden(input, output, 'Password: ')
    await type(input, 'abx', '\x7f', 'cdy', '\b', '\x15', 'pass', '\x7f\x7f', 'ss', '\n')
    await expect(answer).resolves.toBe('pass')
    expect(output.text()).toBe('Password: \n')
  })

  it('handles several keys in one chunk and leaves what follows Enter for the next reader', async () => {
    const input = new FakeTty()
    const answer = promptHidden(input, capture(), 'Password: ')
    await type(input, 'one\x7fe\rnext line\n')
    await expect(answer).resolves.toBe('one')
    await expect(promptLine(input, capture(), '> ')).resolves.toBe('next line')
  })

  it('keeps UTF-8 characters whole even when a chunk ends in the middle of one', async () => {
    const bytes = Buffer.from('pässwörd✓\r', 'utf8')
    const check = bytes.indexOf(Buffer.from('✓', 'utf8'))
    const umlaut = bytes.indexOf(Buffer.from('ä', 'utf8'))
    const input = new FakeTty()
    const answer = promptHidden(input, capture(), 'Password: ')
    await type(input, bytes.subarray(0, umlaut + 1), bytes.subarray(umlaut + 1, check + 1), bytes.subarray(check + 1, check + 2), bytes.subarray(check + 2))
    await expect(answer).resolves.toBe('pässwörd✓')
  })

  it('Backspace removes a whole multi-byte character', async () => {
    const input = new FakeTty()
    const answer = promptHidden(input, capture(), 'Password: ')
    await type(input, 'ab✓', '\x7f', 'c\r')
    await expect(answer).resolves.toBe('abc')
  })

  it('Ctrl+C cancels, moves to a new line and restores raw mode', async () => {
    const input = new FakeTty()
    const output = capture()
    const answer = promptHidden(input, output, 'Password: ')
    await type(input, 'half', '\x03')
    await expect(answer).rejects.toBeInstanceOf(PromptCancelled)
    expect(input.rawModes).toEqual([true, false])
    expect(input.isPaused()).toBe(true)
    expect(output.text()).toBe('Password: \n')
  })

  it('Ctrl+D cancels on an empty line only', async () => {
    const empty = new FakeTty()
    const cancelled = promptHidden(empty, capture(), 'Password: ')
    await type(empty, '\x04')
    await expect(cancelled).rejects.toBeInstanceOf(PromptCancelled)
    expect(empty.rawModes).toEqual([true, false])

    const typed = new FakeTty()
    const answer = promptHidden(typed, capture(), 'Password: ')
    await type(typed, 'ab', '\x04', 'c\r')
    await expect(answer).resolves.toBe('abc')
  })

  it('drops arrow keys and other escape sequences', async () => {
    const input = new FakeTty()
    const answer = promptHidden(input, capture(), 'Password: ')
    await type(input, 'a\x1b[A', 'b\x1b[3~c\x1bOPd\r')
    await expect(answer).resolves.toBe('abcd')
  })

  it('an abort signal cancels and restores raw mode', async () => {
    const input = new FakeTty()
    const controller = new AbortController()
    const answer = promptHidden(input, capture(), 'Password: ', controller.signal)
    await type(input, 'x')
    controller.abort()
    await expect(answer).rejects.toBeInstanceOf(PromptCancelled)
    expect(input.rawModes).toEqual([true, false])
  })

  it('the end of input cancels', async () => {
    const input = new FakeTty()
    const answer = promptHidden(input, capture(), 'Password: ')
    await type(input, 'abc')
    input.end()
    await expect(answer).rejects.toBeInstanceOf(PromptCancelled)
    expect(input.rawModes).toEqual([true, false])
  })

  it('refuses input that is not a terminal, where echo cannot be turned off', async () => {
    const input = new PassThrough()
    const output = capture()
    await expect(promptHidden(input, output, 'Password: ')).rejects.toThrow(/needs a terminal/)
    expect(output.text()).toBe('')
  })
})

describe('promptLine', () => {
  it('writes the question and returns one line without its line ending', async () => {
    const input = new FakeTty()
    const output = capture()
    const answer = promptLine(input, output, 'Username: ')
    await type(input, 'strä', 'ta\r\n')
    await expect(answer).resolves.toBe('sträta')
    expect(output.text()).toBe('Username: ')
    expect(input.rawModes).toEqual([])
  })

  it('leaves typed-ahead input to the password prompt', async () => {
    const input = new FakeTty()
    const output = capture()
    const username = promptLine(input, output, 'Username: ')
    await type(input, 'me\nhidden\r')
    await expect(username).resolves.toBe('me')
    await expect(promptHidden(input, output, 'Password: ')).resolves.toBe('hidden')
    expect(output.text()).toBe('Username: Password: \n')
  })

  it('the end of input or an abort cancels', async () => {
    const ended = new FakeTty()
    const answer = promptLine(ended, capture(), 'Username: ')
    await type(ended, 'partial')
    ended.end()
    await expect(answer).rejects.toBeInstanceOf(PromptCancelled)

    const controller = new AbortController()
    const aborted = promptLine(new FakeTty(), capture(), 'Username: ', controller.signal)
    controller.abort()
    await expect(aborted).rejects.toBeInstanceOf(PromptCancelled)
  })
})
