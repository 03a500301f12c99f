import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'

/** Questions asked on a terminal, as `docker login` asks for what its command line lacks. */

export interface PromptInput extends Readable {
  isTTY?: boolean
  setRawMode?(mode: boolean): unknown
}

export interface PromptOutput {
  write(text: string): unknown
}

/** The user gave up on a question (Ctrl+C, Ctrl+D on an empty line, the end of input, or an interrupt). */
export class PromptCancelled extends Error {}

/** Returns the answer when a character ends it, undefined to read on; throws to cancel. */
type CharHandler = (char: string) => string | undefined

/**
 * Feeds `input` to `onChar` one character at a time until it answers. Bytes are
 * decoded one by one so a character split across chunks still arrives whole, and
 * whatever follows the answer is put back for the next reader (typed-ahead input
 * such as the password after the username).
 */
function readAnswer(input: PromptInput, onChar: CharHandler, signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true || input.readableEnded) {
      reject(new PromptCancelled('cancelled'))
      return
    }
    const decoder = new StringDecoder('utf8')
    const finish = (outcome: { value: string } | { error: unknown }, rest?: Buffer): void => {
      input.off('data', onData)
      input.off('end', onEnd)
      input.off('error', onError)
      signal?.removeEventListener('abort', onAbort)
      input.pause()
      if (rest !== undefined && rest.length > 0) input.unshift(rest)
      if ('value' in outcome) resolve(outcome.value)
      else reject(outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error)))
    }
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
      for (let index = 0; index < bytes.length; index++) {
        const char = decoder.write(bytes.subarray(index, index + 1))
        if (char === '') continue
        let answer: string | undefined
        try {
          answer = onChar(char)
        } catch (error) {
          finish({ error }, bytes.subarray(index + 1))
          return
        }
        if (answer !== undefined) {
          finish({ value: answer }, bytes.subarray(index + 1))
          return
        }
      }
    }
    const onEnd = (): void => {
      finish({ error: new PromptCancelled('end of input') })
    }
    const onError = (error: unknown): void => {
      finish({ error })
    }
    const onAbort = (): void => {
      finish({ error: new PromptCancelled('interrupted') })
    }
    input.on('data', onData)
    input.on('end', onEnd)
    input.on('error', onError)
    signal?.addEventListener('abort', onAbort, { once: true })
    input.resume()
  })
}

/**
 * Asks `question` on `output` and reads one line with echo on; the terminal's
 * own line editing applies, and its Ctrl+C arrives as SIGINT, so `signal` is
 * what cancels it.
 */
export async function promptLine(input: PromptInput, output: PromptOutput, question: string, signal?: AbortSignal): Promise<string> {
  output.write(question)
  let line = ''
  try {
    return await readAnswer(input, (char) => {
      if (char === '\n') return line.replace(/\r$/, '')
      line += char
      return undefined
    }, signal)
  } catch (error) {
    // The shell's prompt would otherwise follow "Username: ^C" on the same line.
    if (error instanceof PromptCancelled) output.write('\n')
    throw error
  }
}

const ESCAPE = '\x1b'

/**
 * Asks `question` on `output` and reads a line with echo off: the terminal is
 * in raw mode, so this does the editing (Backspace, Ctrl+U) and the cancelling
 * (Ctrl+C, Ctrl+D on an empty line) a terminal would. Nothing typed is ever
 * written to `output`. Refuses input that is not a terminal, where echo could
 * not be turned off.
 */
export async function promptHidden(input: PromptInput, output: PromptOutput, question: string, signal?: AbortSignal): Promise<string> {
  if (input.isTTY !== true || input.setRawMode === undefined) throw new Error('a hidden prompt needs a terminal')
  const chars: string[] = []
  // Arrow and function keys send escape sequences; none of their bytes belong in a password.
  let escape: 'none' | 'start' | 'csi' | 'ss3' = 'none'
  const onChar: CharHandler = (char) => {
    if (escape === 'start') escape = char === '[' ? 'csi' : char === 'O' ? 'ss3' : 'none'
    else if (escape === 'ss3') escape = 'none'
    else if (escape === 'csi') escape = char >= '@' && char <= '~' ? 'none' : 'csi'
    else if (char === '\r' || char === '\n') return chars.join('')
    else if (char === '\x03') throw new PromptCancelled('interrupted')
    else if (char === '\x04' && chars.length === 0) throw new PromptCancelled('end of input')
    else if (char === '\x7f' || char === '\b') chars.pop()
    else if (char === '\x15') chars.length = 0
    else if (char === ESCAPE) escape = 'start'
    else if (char >= ' ') chars.push(char)
    return undefined
  }
  input.setRawMode(true)
  try {
    // Only once echo is off: whatever is typed after the question appears stays hidden.
    output.write(question)
    return await readAnswer(input, onChar, signal)
  } finally {
    input.setRawMode(false)
    input.pause()
    // Raw mode swallowed the Enter (or Ctrl+C) that would have moved the cursor on.
    output.write('\n')
  }
}
