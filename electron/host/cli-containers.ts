import { parseChangeLines } from '../../shared/change-parser'
import { commitInputIssues, issueText } from '../../shared/commit-changes'
import type { MethodInput } from '../../shared/contract'
import { parseRepositoryTag } from '../../shared/reference'
import type { CommitChanges } from '../../shared/types'
import type { StrataCore } from '../core/api/core'
import { changesText, commitText, containerText, containersText } from './cli-containers-output'
import { EXIT_OK, UsageError, callCore, runCommand } from './cli-run'

/** The container commands of `strata`: list, changes, commit, start/stop/restart, rm-container. */

export const CONTAINER_USAGE = `  containers [--json] [--size]  every container; --size also measures writable layers (slow)
  changes <container> [--json]  what the container added (A), changed (C) and deleted (D), as docker diff
  commit <container> [<repo[:tag]>] [-m MESSAGE] [-a AUTHOR] [-c "CMD ..."]... [--no-pause] [--move-tag] [--json]
                              make an image of the container; -c takes Dockerfile lines (CMD, ENTRYPOINT,
                              ENV, EXPOSE, LABEL, USER, WORKDIR, VOLUME, STOPSIGNAL, HEALTHCHECK, ONBUILD);
                              a tag that names another image is refused unless --move-tag
  start|stop|restart <container> [-t SECONDS] [--json]
                              -t: seconds stop and restart wait before killing (default 10)
  rm-container <container> [--volumes] [--force] [--json]
                              remove a container; --force kills it first if it runs`

/** Options only these commands take; cli.ts merges them into its option table. */
export const CONTAINER_OPTIONS = {
  size: { type: 'boolean', default: false },
  message: { type: 'string', short: 'm' },
  author: { type: 'string', short: 'a' },
  change: { type: 'string', short: 'c', multiple: true },
  'no-pause': { type: 'boolean', default: false },
  'move-tag': { type: 'boolean', default: false },
  volumes: { type: 'boolean', default: false },
  time: { type: 'string', short: 't' },
} as const

type OptionValue = string | boolean | string[] | undefined

export interface ContainerValues {
  host?: string | undefined
  json?: boolean | undefined
  force?: boolean | undefined
  size?: boolean | undefined
  message?: string | undefined
  author?: string | undefined
  change?: string[] | undefined
  'no-pause'?: boolean | undefined
  'move-tag'?: boolean | undefined
  volumes?: boolean | undefined
  time?: string | undefined
}

const COMMANDS: Record<string, { min: number; max: number; options: string[] }> = {
  containers: { min: 0, max: 0, options: ['size'] },
  changes: { min: 1, max: 1, options: [] },
  commit: { min: 1, max: 2, options: ['message', 'author', 'change', 'no-pause', 'move-tag'] },
  start: { min: 1, max: 1, options: [] },
  stop: { min: 1, max: 1, options: ['time'] },
  restart: { min: 1, max: 1, options: ['time'] },
  'rm-container': { min: 1, max: 1, options: ['volumes', 'force'] },
}
const EVERY_COMMAND_OPTIONS = ['host', 'json', 'help']

// The exit codes of cli.ts (importing them from there would make a cycle).


function isSet(value: OptionValue): boolean {
  return value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)
}

export function isContainerCommand(command: string): boolean {
  return Object.hasOwn(COMMANDS, command)
}

/** For the image commands: the first container-only option given, as a usage message; null when none is. */
export function misplacedContainerOption(values: Record<string, OptionValue>): string | null {
  const given = Object.keys(CONTAINER_OPTIONS).find((name) => isSet(values[name]))
  return given === undefined ? null : `--${given} is an option of the container commands only`
}

function checkUsage(command: string, args: string[], values: Record<string, OptionValue>): void {
  const spec = COMMANDS[command] ?? { min: 0, max: 0, options: [] }
  if (args.length < spec.min || args.length > spec.max) {
    throw new UsageError(spec.max === 0 ? `${command} takes no argument` : `${command} takes ${spec.max === 2 ? 'a container and an optional repo[:tag]' : 'one container'}`)
  }
  const foreign = Object.keys(values).find((name) => isSet(values[name]) && !spec.options.includes(name) && !EVERY_COMMAND_OPTIONS.includes(name))
  if (foreign !== undefined) throw new UsageError(`--${foreign} is not an option of ${command}`)
}

function timeout(text: string | undefined): number {
  if (text === undefined) return 10
  const seconds = Number(text)
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 3600) throw new UsageError(`-t must be whole seconds from 0 to 3600, not "${text}"`)
  return seconds
}

/** Reads the name and --change lines, and checks them with the same rules the core applies, before connecting. */
function commitInput(container: string, name: string | undefined, values: ContainerValues): MethodInput<'containers.commit'> {
  const naming = name === undefined ? { ok: true as const, repository: undefined, tag: null } : parseRepositoryTag(name)
  if (!naming.ok) throw new UsageError(naming.message)
  const parsed = parseChangeLines(values.change ?? [])
  if (!parsed.ok) throw new UsageError(`--change: ${parsed.message}`)
  const changes: CommitChanges = parsed.changes
  const input = {
    id: container,
    ...(naming.repository === undefined ? {} : { repository: naming.repository }),
    ...(naming.tag === null ? {} : { tag: naming.tag }),
    ...(values.message === undefined ? {} : { comment: values.message }),
    ...(values.author === undefined ? {} : { author: values.author }),
    pause: values['no-pause'] !== true,
    changes,
    moveTag: values['move-tag'] === true,
  }
  const issues = commitInputIssues(input)
  if (issues.length > 0) throw new UsageError(issues.map(issueText).join('; '))
  return input
}


/** What is read from the command line before connecting, so usage mistakes never reach the engine. */
interface Prepared {
  commit: MethodInput<'containers.commit'> | null
  timeoutSeconds: number
}

async function run(core: StrataCore, command: string, args: string[], values: ContainerValues, prepared: Prepared, print: (value: unknown, text: string) => void): Promise<void> {
  const id = args[0] ?? ''
  switch (command) {
    case 'containers': {
      const containers = await callCore(core, 'containers.list', { size: values.size === true })
      print(containers, containersText(containers, values.size === true))
      return
    }
    case 'changes': {
      const changes = await callCore(core, 'containers.changes', { id })
      print(changes, changesText(changes))
      return
    }
    case 'commit': {
      const result = await callCore(core, 'containers.commit', prepared.commit ?? commitInput(id, args[1], values))
      print(result, commitText(result, id))
      return
    }
    case 'start': {
      const container = await callCore(core, 'containers.start', { id })
      print(container, containerText('Started', container))
      return
    }
    case 'stop':
    case 'restart': {
      const container = await callCore(core, command === 'stop' ? 'containers.stop' : 'containers.restart', { id, timeoutSeconds: prepared.timeoutSeconds })
      print(container, containerText(command === 'stop' ? 'Stopped' : 'Restarted', container))
      return
    }
    default: {
      const removed = await callCore(core, 'containers.remove', { id, volumes: values.volumes === true, force: values.force === true })
      print(removed, `Removed container ${removed.id}\n`)
    }
  }
}

interface Io {
  stdout(text: string): void
  stderr(text: string): void
}

/** Runs one container command; usage mistakes (bad names, bad --change lines) exit 2 before the engine is asked. */
export async function runContainerCommand(command: string, args: string[], values: ContainerValues, io: Io, usage: string): Promise<number> {
  return runCommand(io, usage, async (openCore) => {
    checkUsage(command, args, values as Record<string, OptionValue>)
    const prepared: Prepared = { commit: command === 'commit' ? commitInput(args[0] ?? '', args[1], values) : null, timeoutSeconds: timeout(values.time) }
    const core = openCore({ host: values.host ?? null })
    await run(core, command, args, values, prepared, (value, text) => {
      io.stdout(values.json === true ? `${JSON.stringify(value, null, 2)}\n` : text)
    })
    return EXIT_OK
  })
}
