import { parseChangeLines } from '../../shared/change-parser'
import { commitInputIssues, issueText } from '../../shared/commit-changes'
import type { MethodInput } from '../../shared/contract'
import { parseRepositoryTag } from '../../shared/reference'
import type { CommitChanges } from '../../shared/types'
import type { StrataCore } from '../core/api/core'
import { changesText, commitText, containerText, containersText } from './cli-containers-output'
import { EXIT_OK, UsageError, callCore, runCommand, savedTlsFor } from './cli-run'
import { CONTAINER_COMMANDS } from './cli-containers-usage'
import { EVERY_COMMAND_OPTIONS, isSet, type OptionValue } from './cli-options'

/** The container commands of `strata`: list, changes, commit, start/stop/restart, rm-container. */

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

function checkUsage(command: string, args: string[], values: Record<string, OptionValue>): void {
  const spec = CONTAINER_COMMANDS[command] ?? { min: 0, max: 0, options: [] }
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
    const print = (value: unknown, text: string): void => {
      io.stdout(values.json === true ? `${JSON.stringify(value, null, 2)}\n` : text)
    }
    // The list asks a socket or plain tcp engine with Node's http, without the core (cli-listing.ts).
    if (command === 'containers') {
      const listing = await import('./cli-listing')
      const endpoint = listing.plainEndpoint(values.host ?? null, savedTlsFor(values.host ?? null))
      if (endpoint !== null) {
        const containers = await listing.listContainersPlain(endpoint, values.size === true)
        print(containers, containersText(containers, values.size === true))
        return EXIT_OK
      }
    }
    const core = await openCore({ host: values.host ?? null })
    await run(core, command, args, values, prepared, print)
    return EXIT_OK
  })
}
