import { parseArgs } from 'node:util'
import { CONTAINER_OPTIONS, CONTAINER_USAGE, isContainerCommand, misplacedContainerOption } from './cli-containers-usage'
import { CLEANUP_OPTIONS, CLEANUP_USAGE, misplacedCleanupOption } from './cli-cleanup-usage'
import { EXIT_OK, EXIT_USAGE, UsageError, runCommand, savedTlsFor, useSavedEngineTls } from './cli-run'
import type { SavedEngine } from '../../shared/types'
import { RUN_USAGE, runCommandIndex } from './cli-docker-run-usage'
import { LOGS_USAGE, logsCommandIndex } from './cli-logs-usage'
import { REGISTRY_OPTIONS, REGISTRY_USAGE, isRegistryCommand, misplacedRegistryOption } from './cli-registry-usage'

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  /** Asks a yes/no question; null when there is no terminal to ask on. */
  confirm(question: string): Promise<boolean | null>
  /** Resolves when the user asks a long-running command (serve) to stop. */
  untilInterrupted(): Promise<void>
  /** Aborts when the user interrupts a one-shot command (Ctrl+C): long reads stop and clean up. */
  cancelSignal?: AbortSignal
  /** Writes to one of the process's streams, resolving once it can take more (a pipe's reader keeps up). */
  write?(channel: 'stdout' | 'stderr', text: string): Promise<void>
  /** Shows how far long work is; the terminal decides whether and how. */
  progress?(label: string, done: number, total: number | null, finished: boolean): void
  staticRoot: string
}

// This module is all that `strata --help` and a usage mistake load: each command group,
// the core, dockerode and the schemas (zod) are imported only once a command needs them.
const USAGE = `Usage: strata <command> [options]

Commands:
  serve [--port N]            serve the Strata UI and API on 127.0.0.1 (prints the URL with its token)
  engine [--json]             the engine: endpoint, versions, storage driver, data root, counts
  engines [--json]            every engine this machine names (DOCKER_HOST, contexts, Docker Desktop,
                              Colima, OrbStack, Rancher Desktop, Lima, Podman…) and whether each
                              answers, or why not; exit 1 when none answers
  images [--json]             the image catalog: tags, sizes (shared and unique), platform, containers
  image <ref> [--json]        one image with its layers, history and config
  blockers <ref> [--json]     what stops <ref> from being deleted, and the remedy for each
  analyze <ref|file.tar> [--json] [--files] [--platform os/arch[/variant]]
                              layers, what each adds/changes/removes, wasted bytes, efficiency;
                              a file is a "docker save" or OCI archive, read without loading it
  analyze <ref|file.tar> --advice [--json]
                              how to get bytes back: wasted bytes by cause and instruction, package
                              caches, bytecode, docs and duplicate files left in, each with its fix
  analyze <ref|file.tar> --ci [--ci-config FILE] [--lowestEfficiency 0.9] [--highestWastedBytes 20MB]
          [--highestUserWastedPercent 0.1] [--strataLowestEfficiency R] [--strataHighestWastedBytes SIZE]
          [--strataHighestWastedPercent R]
                              dive's CI: dive's rules on dive's figures, read from --ci-config FILE or
                              ./.dive-ci (rules: lowestEfficiency, highestWastedBytes,
                              highestUserWastedPercent; "disabled" turns one off); CI=true also turns
                              it on; flags win over the file. The strata* rules judge Strata's exact
                              figures instead and are off unless set. Exit 1 when a rule fails or a
                              value is refused
  diff <refA> <refB> [--json]   layers both share (chain IDs); files added, changed, removed from A to B
  cat <ref> <path> [--layer N]  print a file of the image as of layer N (default: the top)
  extract <ref> <path> -o FILE [--layer N]
                              write a file of the image to FILE (never replaces an existing FILE)
  rm <ref> [--untag] [--with-containers] [--force] [--yes] [--json]
                              delete an image; --untag removes only the tag <ref>;
                              --with-containers stops and removes the containers using it and
                              untags its other tags first; --force is the engine's force
                              (stopped containers are orphaned and no space is freed)
  rmi <ref>... [--with-containers] [--yes] [--json]
                              delete several images as one set, children first: images built on
                              one of them inside the set do not block; the bytes freed are counted
                              over shared layers once, predicted and then measured;
                              --with-containers stops and removes the containers using them first
${CONTAINER_USAGE}
${LOGS_USAGE}
${RUN_USAGE}
${CLEANUP_USAGE}
${REGISTRY_USAGE}

Options for every command:
  --host <url>                engine endpoint (unix://, npipe://, tcp://, ssh://); default: DOCKER_HOST,
                              DOCKER_CONTEXT, the docker config's current context, then the default socket
  --engine <name>             an engine saved by name in the app's Settings (instead of --host)
  -h, --help                  this text`

const OPTIONS = {
  host: { type: 'string' },
  engine: { type: 'string' },
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
  'ci-config': { type: 'string' },
  // dive's flag names, as dive spells them.
  lowestEfficiency: { type: 'string' },
  highestWastedBytes: { type: 'string' },
  highestUserWastedPercent: { type: 'string' },
  strataLowestEfficiency: { type: 'string' },
  strataHighestWastedBytes: { type: 'string' },
  strataHighestWastedPercent: { type: 'string' },
  // Strata's earlier names, kept only to say what replaced them.
  'lowest-efficiency': { type: 'string' },
  'highest-wasted': { type: 'string' },
  advice: { type: 'boolean', default: false },
  'highest-wasted-percent': { type: 'string' },
  ...CONTAINER_OPTIONS,
  ...CLEANUP_OPTIONS,
  ...REGISTRY_OPTIONS,
  help: { type: 'boolean', short: 'h', default: false },
} as const

export type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values']

const ARGUMENTS: Record<string, number> = { serve: 0, engine: 0, images: 0, image: 1, blockers: 1, rm: 1, rmi: -1, analyze: 1, diff: 2, cat: 2, extract: 2 }
const ANALYZE_OPTIONS = [
  'advice',
  'files',
  'platform',
  'ci',
  'ci-config',
  'lowestEfficiency',
  'highestWastedBytes',
  'highestUserWastedPercent',
  'strataLowestEfficiency',
  'strataHighestWastedBytes',
  'strataHighestWastedPercent',
  'lowest-efficiency',
  'highest-wasted',
  'highest-wasted-percent',
] as const

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // run reads docker run's options, and everything after its image is the container's command.
  const runAt = runCommandIndex(argv)
  if (runAt !== -1) return (await import('./cli-docker-run')).runContainerFromImage([...argv.slice(0, runAt), ...argv.slice(runAt + 1)], io, USAGE, hostOfSavedEngine)
  const logsAt = logsCommandIndex(argv)
  if (logsAt !== -1) return (await import('./cli-logs')).runLogsCommand([...argv.slice(0, logsAt), ...argv.slice(logsAt + 1)], io, USAGE, hostOfSavedEngine)
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
  if (values.engine !== undefined) {
    try {
      values = { ...values, host: await hostOfSavedEngine(values.engine, values.host) }
    } catch (error) {
      io.stderr(`strata: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`)
      return EXIT_USAGE
    }
  }
  if (command !== undefined && isContainerCommand(command)) return (await import('./cli-containers')).runContainerCommand(command, rest, values, io, USAGE)
  if (command !== undefined && isRegistryCommand(command)) return (await import('./cli-registry')).runRegistryCommand(command, rest, values, io, USAGE)
  if (command === 'cleanup') return (await import('./cli-cleanup')).runCleanupCommand(rest, values, io, USAGE)
  if (command === 'engines') return (await import('./cli-engines')).runEnginesCommand(rest, values, io, USAGE)
  return runCommand(io, USAGE, async (openCore) => {
    if (command === undefined) throw new UsageError('a command is needed')
    const expected = ARGUMENTS[command]
    if (expected === undefined) throw new UsageError(`unknown command "${command}"`)
    if (expected === -1 ? rest.length === 0 : rest.length !== expected) throw new UsageError(expected === 0 ? `unexpected argument "${rest[0] ?? ''}"` : expected === -1 ? `${command} takes one or more image references` : `${command} takes one image reference`)
    const misplaced = misplacedContainerOption(values) ?? misplacedRegistryOption(values) ?? misplacedCleanupOption(values)
    if (misplaced !== null) throw new UsageError(misplaced)
    if (command !== 'serve' && values.port !== undefined) throw new UsageError('--port is only for serve')
    if (command === 'rmi' && (values.untag || values.force)) throw new UsageError('rmi takes no --untag or --force: use rm for one image')
    if (command !== 'rm' && command !== 'rmi' && (values.untag || values['with-containers'] || values.force || values.yes)) throw new UsageError('--untag, --with-containers, --force and --yes are only for rm (and rmi)')
    if (command !== 'analyze' && ANALYZE_OPTIONS.some((option) => values[option] !== undefined && values[option] !== false)) {
      throw new UsageError(`--${ANALYZE_OPTIONS.join(', --')} are only for analyze`)
    }
    if ((values.layer !== undefined && command !== 'cat' && command !== 'extract') || (values.output !== undefined && command !== 'extract')) {
      throw new UsageError('--layer is for cat and extract; -o is for extract')
    }
    // The listing commands ask a socket or plain tcp engine with Node's http, without the core (cli-listing.ts).
    if (command === 'images' || command === 'engine') {
      const listing = await import('./cli-listing')
      const endpoint = listing.plainEndpoint(values.host ?? null, savedTlsFor(values.host ?? null))
      if (endpoint !== null) return await listing.runListingCommand(command, endpoint, values.json, (text) => {
          io.stdout(text)
        })
    }
    // The engine prepares an export for seconds before its first byte: analyze asks for it before the core loads.
    const early = command === 'analyze' ? await import('./cli-analyze-early') : null
    await early?.startEarlyExport(rest[0], values)
    try {
      return await (await import('./cli-image-commands')).runImageCommand(openCore, command, rest, values, io)
    } finally {
      early?.dropEarlyExport()
    }
  })
}

/** `--engine NAME`: the address saved under NAME in the Settings view (settings.json in the config folder). */
/** The saved engine's address for --host; its TLS files go with every core this process opens on that address. */
async function hostOfSavedEngine(name: string, host: string | undefined): Promise<string> {
  const saved = await savedEngineNamed(name, host)
  useSavedEngineTls(saved.host, saved.tls)
  return saved.host
}

async function savedEngineNamed(name: string, host: string | undefined): Promise<SavedEngine> {
  if (host !== undefined) throw new UsageError('--host and --engine each name the engine: give one of them')
  const [{ homedir }, { defaultConfigDir }, { savedEngines }] = await Promise.all([import('node:os'), import('../core/engine/config-dir'), import('../core/settings/engine-host')])
  const engines = savedEngines(defaultConfigDir(process.env, process.platform, homedir()))
  const found = engines.find((engine) => engine.name === name)
  if (found !== undefined) return found
  const known = engines.length === 0 ? 'no engine is saved (Settings > Engines in the app)' : `saved: ${engines.map((engine) => engine.name).join(', ')}`
  throw new UsageError(`no engine named "${name}" is saved; ${known}`)
}
