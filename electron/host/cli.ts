import { homedir } from 'node:os'
import { parseArgs } from 'node:util'
import { StrataError } from '../../shared/errors'
import { blockerKey } from '../../shared/types'
import type { StrataCore } from '../core/api/core'
import { defaultCacheDir } from '../core/engine/cache-dir'
import { defaultConfigDir } from '../core/engine/config-dir'
import { analyzeFile, diffText, isFile, report } from './cli-analyze'
import { CONTAINER_OPTIONS, CONTAINER_USAGE, isContainerCommand, misplacedContainerOption, runContainerCommand } from './cli-containers'
import { CLEANUP_OPTIONS, CLEANUP_USAGE, misplacedCleanupOption, runCleanupCommand } from './cli-cleanup'
import { blockersText, engineText, imageText, imagesText, removeText } from './cli-output'
import { userPath } from './cli-paths'
import { EXIT_ERROR, EXIT_OK, EXIT_USAGE, UsageError, callCore, runCommand } from './cli-run'
import { REGISTRY_OPTIONS, REGISTRY_USAGE, isRegistryCommand, misplacedRegistryOption, runRegistryCommand } from './cli-registry'

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  /** Asks a yes/no question; null when there is no terminal to ask on. */
  confirm(question: string): Promise<boolean | null>
  /** Resolves when the user asks a long-running command (serve) to stop. */
  untilInterrupted(): Promise<void>
  /** Aborts when the user interrupts a one-shot command (Ctrl+C): long reads stop and clean up. */
  cancelSignal?: AbortSignal
  /** Shows how far long work is; the terminal decides whether and how. */
  progress?(label: string, done: number, total: number | null, finished: boolean): void
  staticRoot: string
}


const USAGE = `Usage: strata <command> [options]

Commands:
  serve [--port N]            serve the Strata UI and API on 127.0.0.1 (prints the URL with its token)
  engine [--json]             the engine: endpoint, versions, storage driver, data root, counts
  images [--json]             the image catalog: tags, sizes (shared and unique), platform, containers
  image <ref> [--json]        one image with its layers, history and config
  blockers <ref> [--json]     what stops <ref> from being deleted, and the remedy for each
  analyze <ref|file.tar> [--json] [--files] [--platform os/arch[/variant]]
                              layers, what each adds/changes/removes, wasted bytes, efficiency;
                              a file is a "docker save" or OCI archive, read without loading it
  analyze <ref> --ci [--lowest-efficiency 0.9] [--highest-wasted 20MB] [--highest-wasted-percent 0.1]
                              exit 1 with a report when a rule fails (dive's rules and defaults)
  diff <refA> <refB> [--json]   layers both share (chain IDs); files added, changed, removed from A to B
  cat <ref> <path> [--layer N]  print a file of the image as of layer N (default: the top)
  extract <ref> <path> -o FILE [--layer N]
                              write a file of the image to FILE (never replaces an existing FILE)
  rm <ref> [--untag] [--with-containers] [--force] [--yes] [--json]
                              delete an image; --untag removes only the tag <ref>;
                              --with-containers stops and removes the containers using it and
                              untags its other tags first; --force is the engine's force
                              (stopped containers are orphaned and no space is freed)
${CONTAINER_USAGE}
${CLEANUP_USAGE}
${REGISTRY_USAGE}

Options for every command:
  --host <url>                engine endpoint (unix://, npipe://, tcp://, ssh://); default: DOCKER_HOST,
                              DOCKER_CONTEXT, the docker config's current context, then the default socket
  -h, --help                  this text`

const OPTIONS = {
  host: { type: 'string' },
  json: { type: 'boolean', default: false },
  port: { type: 'string' },
  untag: { type: 'boolean', default: false },
  'with-containers': { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  yes: { type: 'boolean', short: 'y', default: false },
  files: { type: 'boolean', default: false },
  layer: { type: 'string' },
  output: { type: 'string', short: 'o' },
  platform: { type: 'string' },
  ci: { type: 'boolean', default: false },
  'lowest-efficiency': { type: 'string' },
  'highest-wasted': { type: 'string' },
  'highest-wasted-percent': { type: 'string' },
  ...CONTAINER_OPTIONS,
  ...CLEANUP_OPTIONS,
  ...REGISTRY_OPTIONS,
  help: { type: 'boolean', short: 'h', default: false },
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values']

const ARGUMENTS: Record<string, number> = { serve: 0, engine: 0, images: 0, image: 1, blockers: 1, rm: 1, analyze: 1, diff: 2, cat: 2, extract: 2 }
const ANALYZE_OPTIONS = ['files', 'platform', 'ci', 'lowest-efficiency', 'highest-wasted', 'highest-wasted-percent'] as const

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let values: Values
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS }))
  } catch (error) {
    io.stderr(`strata: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`)
    return EXIT_USAGE
  }
  const [command, ...rest] = positionals
  if (values.help) {
    io.stdout(`${USAGE}\n`)
    return EXIT_OK
  }
  if (command !== undefined && isContainerCommand(command)) return runContainerCommand(command, rest, values, io, USAGE)
  if (command !== undefined && isRegistryCommand(command)) return runRegistryCommand(command, rest, values, io, USAGE)
  if (command === 'cleanup') return runCleanupCommand(rest, values, io, USAGE)
  return runCommand(io, USAGE, async (openCore) => {
    if (command === undefined) throw new UsageError('a command is needed')
    const expected = ARGUMENTS[command]
    if (expected === undefined) throw new UsageError(`unknown command "${command}"`)
    if (rest.length !== expected) throw new UsageError(expected === 0 ? `unexpected argument "${rest[0] ?? ''}"` : `${command} takes one image reference`)
    const misplaced = misplacedContainerOption(values) ?? misplacedRegistryOption(values) ?? misplacedCleanupOption(values)
    if (misplaced !== null) throw new UsageError(misplaced)
    if (command !== 'serve' && values.port !== undefined) throw new UsageError('--port is only for serve')
    if (command !== 'rm' && (values.untag || values['with-containers'] || values.force || values.yes)) throw new UsageError('--untag, --with-containers, --force and --yes are only for rm')
    if (command !== 'analyze' && ANALYZE_OPTIONS.some((option) => values[option] !== undefined && values[option] !== false)) {
      throw new UsageError(`--${ANALYZE_OPTIONS.join(', --')} are only for analyze`)
    }
    if ((values.layer !== undefined && command !== 'cat' && command !== 'extract') || (values.output !== undefined && command !== 'extract')) {
      throw new UsageError('--layer is for cat and extract; -o is for extract')
    }
    const ref = rest[0] ?? ''
    if (command === 'analyze' && isFile(ref)) return await analyzeFile(ref, values, io)
    const core = openCore({
      host: values.host ?? null,
      cacheDir: defaultCacheDir(process.env, process.platform, homedir()),
      // serve's UI pins images; the settings file is the one the app and `strata cleanup` read.
      configDir: defaultConfigDir(process.env, process.platform, homedir()),
    })
    const stopProgress = core.events.on('progress', (event) => {
      io.progress?.(event.label, event.done, event.total, event.finished)
    })
    try {
      return await runEngineCommand(core, command, ref, rest, values, io)
    } finally {
      stopProgress()
    }
  })
}

/** The image and layer commands, on an open core. */
async function runEngineCommand(core: StrataCore, command: string, ref: string, rest: string[], values: Values, io: CliIo): Promise<number> {
  const print = (value: unknown, text: string): void => {
    io.stdout(values.json ? `${JSON.stringify(value, null, 2)}\n` : text)
  }
  switch (command) {
    case 'engine': {
      const info = await callCore(core, 'engine.info', {})
      print(info, engineText(info))
      return EXIT_OK
    }
    case 'images': {
      const images = await callCore(core, 'images.list', {})
      print(images, imagesText(images))
      return EXIT_OK
    }
    case 'image': {
      const detail = await callCore(core, 'images.inspect', { ref })
      // The catalog fields, then layers, history, config; the raw inspect stays out of the CLI's JSON.
      print({ ...detail.summary, config: detail.config, layers: detail.layers, history: detail.history, graphDriver: detail.graphDriver }, imageText(detail))
      return EXIT_OK
    }
    case 'blockers': {
      const plan = await callCore(core, 'images.blockers', { ref })
      print(plan.blockers, blockersText(plan))
      return EXIT_OK
    }
    case 'rm':
      return await remove(core, ref, values, io, print)
    case 'diff': {
      const diff = await callCore(core, 'layers.diff', { a: ref, b: rest[1] ?? '' })
      print(diff, diffText(diff))
      return EXIT_OK
    }
    case 'cat': {
      const content = await callCore(core, 'layers.readFile', { ref, path: innerPath(rest[1]), ...layerOption(values.layer), maxBytes: CAT_LIMIT })
      if (content.text === null) throw new StrataError('INVALID_INPUT', `${content.path} is binary; write it to a file with: strata extract ${ref} ${content.path} -o FILE`)
      if (content.truncated) throw new StrataError('INVALID_INPUT', `${content.path} is larger than 4 MiB; write it to a file with: strata extract ${ref} ${content.path} -o FILE`)
      io.stdout(content.text)
      return EXIT_OK
    }
    case 'extract': {
      if (values.output === undefined) throw new UsageError('extract needs -o FILE')
      const output = userPath(values.output)
      const written = await core.extractFile(ref, layerOption(values.layer).layer, innerPath(rest[1]), output, io.cancelSignal === undefined ? {} : { signal: io.cancelSignal })
      io.stderr(`Wrote ${output} (${String(written.size)} bytes, from layer ${String(written.layer)})\n`)
      return EXIT_OK
    }
    case 'analyze': {
      if (values.platform !== undefined) throw new UsageError('--platform applies to archive files; the engine exports its own platform')
      const analysis = await callCore(core, 'layers.analyze', { ref, files: values.files }, io.cancelSignal)
      return report(analysis, values, io)
    }
    default:
      return await serve(core, parsePort(values.port), io)
  }
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${value}"`)
  return port
}

async function remove(core: StrataCore, ref: string, values: Values, io: CliIo, print: (value: unknown, text: string) => void): Promise<number> {
  if (values.untag && (values['with-containers'] || values.force)) throw new UsageError('--untag removes one tag; it takes no --with-containers or --force')
  const plan = await callCore(core, 'images.blockers', { ref })
  const blocking = plan.blockers.filter((blocker) => !(values.force && blocker.forceOverrides))
  if (!values.untag && blocking.length > 0 && !values['with-containers']) {
    io.stderr(`strata: ${blockersText(plan).trimEnd()}\n`)
    return EXIT_ERROR
  }
  if (!values.yes) {
    const question = values.untag
      ? `Untag ${ref}?`
      : `${values['with-containers'] && plan.blockers.length > 0 ? `${blockersText(plan)}Clear these and delete` : 'Delete'} ${plan.image.repoTags.join(', ') || plan.image.id}${values.force ? ' with force (stopped containers are orphaned, no space is freed)' : ''}?`
    const answer = await io.confirm(question)
    if (answer === null) throw new StrataError('INVALID_INPUT', 'No terminal to confirm on: pass --yes to delete without asking.')
    if (!answer) {
      io.stderr('strata: nothing deleted.\n')
      return EXIT_ERROR
    }
  }
  const result = values.untag
    ? await callCore(core, 'images.untag', { tag: ref })
    : await callCore(core, 'images.remove', { id: plan.image.id, clearBlockers: values['with-containers'], force: values.force, confirmedBlockers: plan.blockers.map(blockerKey) })
  print(result, removeText(result))
  return EXIT_OK
}

async function serve(core: StrataCore, port: number, io: CliIo): Promise<number> {
  core.follow()
  // Loaded only here: the one-shot commands never need the HTTP and WebSocket server.
  const { startHost } = await import('./server')
  const host = await startHost({ core, staticRoot: io.staticRoot, port })
  io.stdout(`Strata is serving at ${host.url}\n`)
  await io.untilInterrupted()
  await host.close()
  return EXIT_OK
}

const CAT_LIMIT = 4 * 1024 * 1024

/** Paths inside the image are written with or without the leading slash. */
function innerPath(text: string | undefined): string {
  return (text ?? '').replace(/^\/+/, '')
}

function layerOption(text: string | undefined): { layer?: number } {
  if (text === undefined) return {}
  const layer = Number(text)
  if (!Number.isInteger(layer) || layer < 0) throw new UsageError(`--layer must be a layer index (0 is the bottom layer), not "${text}"`)
  return { layer }
}
