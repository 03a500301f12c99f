import type { StrataCore } from '../core/api/core'
import { parsePlatform } from '../../shared/platform'
import { oneLine } from './cli-output'
import { userPath } from './cli-paths'
import { PromptCancelled, promptHidden, promptLine, type PromptInput, type PromptOutput } from './cli-prompt'
import { EXIT_INTERRUPTED, EXIT_OK, UsageError, callCore, runCommand } from './cli-run'
import { REGISTRY_COMMANDS } from './cli-registry-usage'
import { EVERY_COMMAND_OPTIONS, isSet, type OptionValue } from './cli-options'
import { loadText, loginText, logoutText, platformsText, pullText, pushText, remoteText, saveText, tagText } from './cli-registry-output'

/** The registry and file commands of `strata`: inspect-remote, pull, push, tag, save, load, login, logout, platforms. */

export interface RegistryValues {
  host?: string | undefined
  json?: boolean | undefined
  platform?: string | undefined
  output?: string | undefined
  username?: string | undefined
  'password-stdin'?: boolean | undefined
}

function checkUsage(command: string, args: string[], values: Record<string, OptionValue>, interactive: boolean): void {
  const spec = REGISTRY_COMMANDS[command] ?? { min: 0, max: 0, options: [] }
  if (args.length < spec.min || args.length > spec.max) {
    throw new UsageError(command === 'tag' ? 'tag takes a source image and a new name' : command === 'save' ? 'save takes one or more images' : `${command} takes one argument`)
  }
  const foreign = Object.keys(values).find((name) => isSet(values[name]) && !spec.options.includes(name) && !EVERY_COMMAND_OPTIONS.includes(name))
  if (foreign !== undefined) throw new UsageError(`--${foreign} is not an option of ${command}`)
  if (values.platform !== undefined && values.platform !== 'all') {
    try {
      parsePlatform(String(values.platform))
    } catch (error) {
      throw new UsageError(oneLine(error))
    }
  }
  if (command === 'save' && values.output === undefined) throw new UsageError('save needs -o FILE')
  if (command === 'login') checkLoginUsage(values, interactive)
}

function checkLoginUsage(values: Record<string, OptionValue>, interactive: boolean): void {
  // As docker: a password piped in must come with its username, or the prompt would eat the password.
  if (values['password-stdin'] === true && values.username === undefined) throw new UsageError('--password-stdin needs -u USER')
  if (values.username === '') throw new UsageError('the username is empty')
  if (!interactive && (values.username === undefined || values['password-stdin'] !== true)) {
    throw new UsageError('login needs -u USER and --password-stdin when standard input is not a terminal (the password is read from standard input, never from the command line)')
  }
}

export interface RegistryIo {
  stdout(text: string): void
  stderr(text: string): void
  cancelSignal?: AbortSignal
  progress?(label: string, done: number, total: number | null, finished: boolean): void
  /** The whole of standard input; the process's own when not given. */
  readStdin?(): Promise<string>
  /** Where login asks for what its command line lacks; the process's stdin and stderr when not given and stdin is a terminal. */
  terminal?: { input: PromptInput; output: PromptOutput } | null
}

function loginTerminal(io: RegistryIo): { input: PromptInput; output: PromptOutput } | null {
  if (io.terminal !== undefined) return io.terminal
  return process.stdin.isTTY ? { input: process.stdin, output: process.stderr } : null
}

async function processStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** The username and password from the command line, standard input, or the terminal; checkLoginUsage has made sure one of them can answer. */
async function loginCredentials(values: RegistryValues, io: RegistryIo): Promise<{ username: string; password: string }> {
  const terminal = loginTerminal(io)
  let username = values.username
  if (username === undefined) {
    if (terminal === null) throw new UsageError('login needs -u USER')
    username = (await promptLine(terminal.input, terminal.output, 'Username: ', io.cancelSignal)).trim()
    if (username === '') throw new UsageError('the username is empty')
  }
  if (values['password-stdin'] === true) {
    // As docker login --password-stdin: one trailing newline is the terminal's, not the password's.
    const password = (await (io.readStdin ?? processStdin)()).replace(/\r?\n$/, '')
    if (password === '') throw new UsageError('no password on standard input')
    return { username, password }
  }
  if (terminal === null) throw new UsageError('login needs --password-stdin when standard input is not a terminal')
  const password = await promptHidden(terminal.input, terminal.output, 'Password: ', io.cancelSignal)
  if (password === '') throw new UsageError('the password is empty')
  return { username, password }
}

async function run(core: StrataCore, command: string, args: string[], values: RegistryValues, io: RegistryIo, print: (value: unknown, text: string) => void): Promise<void> {
  const first = args[0] ?? ''
  const signal = io.cancelSignal
  switch (command) {
    case 'inspect-remote': {
      const remote = await callCore(core, 'registry.inspect', { ref: first }, signal)
      // The documented shape first; the rest of RemoteImage follows for scripts that want it.
      const { mediaType, digest, platforms, ...rest } = remote
      print({ mediaType, digest, platforms, ...rest }, remoteText(remote))
      return
    }
    case 'platforms': {
      const result = await callCore(core, 'images.platforms', { ref: first }, signal)
      print(result, platformsText(result))
      return
    }
    case 'pull': {
      const result = await callCore(core, 'registry.pull', { ref: first, ...(values.platform === undefined ? {} : { platform: values.platform }) }, signal)
      print(result, pullText(result))
      return
    }
    case 'push': {
      const result = await callCore(core, 'registry.push', { ref: first }, signal)
      print(result, pushText(result))
      return
    }
    case 'tag': {
      const result = await callCore(core, 'images.tag', { source: first, target: args[1] ?? '' }, signal)
      print(result, tagText(result))
      return
    }
    case 'save': {
      const result = await callCore(core, 'images.save', { refs: args, path: userPath(values.output ?? '') }, signal)
      print(result, saveText(result))
      return
    }
    case 'load': {
      const result = await callCore(core, 'images.load', { path: userPath(first) }, signal)
      print(result, loadText(result))
      return
    }
    case 'login': {
      const { username, password } = await loginCredentials(values, io)
      const result = await callCore(core, 'registry.login', { registry: first, username, password }, signal)
      print(result, loginText(result))
      return
    }
    default: {
      const result = await callCore(core, 'registry.logout', { registry: first }, signal)
      print(result, logoutText(result))
    }
  }
}

/** Runs one registry or file command; usage mistakes exit 2 before the engine is asked. */
export async function runRegistryCommand(command: string, args: string[], values: RegistryValues, io: RegistryIo, usage: string): Promise<number> {
  return runCommand(io, usage, async (openCore) => {
    checkUsage(command, args, values as Record<string, OptionValue>, command === 'login' && loginTerminal(io) !== null)
    const core = await openCore({ host: values.host ?? null })
    const layers = new Map<string, string>()
    const stopLayers = core.events.on('transfer.layer', (event) => {
      layers.set(event.layer.id, event.layer.status)
    })
    const stopBytes = core.events.on('progress', (event) => {
      const done = [...layers.values()].filter((status) => status === 'done' || status === 'exists' || status === 'mounted').length
      io.progress?.(layers.size > 0 ? `${event.label} (${String(done)}/${String(layers.size)} layers)` : event.label, event.done, event.total, event.finished)
    })
    try {
      await run(core, command, args, values, io, (value, text) => {
        io.stdout(values.json === true ? `${JSON.stringify(value, null, 2)}\n` : text)
      })
      return EXIT_OK
    } catch (error) {
      if (error instanceof PromptCancelled) return EXIT_INTERRUPTED
      throw error
    } finally {
      stopLayers()
      stopBytes()
    }
  })
}
