import { parseArgs } from 'node:util'
import { StrataError, type WireError } from '../../shared/errors'
import { formatBytes, shortId } from '../../shared/format'
import type { EngineInfo, ImageSummary } from '../../shared/types'
import { createStrataCore, type StrataCore } from '../core/api/core'
import { startHost } from './server'

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  /** Resolves when the user asks a long-running command (serve) to stop. */
  untilInterrupted(): Promise<void>
  staticRoot: string
}

export const EXIT_OK = 0
export const EXIT_ERROR = 1
export const EXIT_USAGE = 2

const USAGE = `Usage: strata <command> [options]

Commands:
  serve [--port N]     serve the Strata UI and API on 127.0.0.1 (prints the URL with its token)
  engine [--json]      the engine: endpoint, versions, storage driver, data root, counts
  images [--json]      local images

Options for every command:
  --host <url>         engine endpoint (unix://, npipe://, tcp://, ssh://); default: DOCKER_HOST,
                       DOCKER_CONTEXT, the docker config's current context, then the default socket
  -h, --help           this text`

class UsageError extends Error {}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        host: { type: 'string' },
        json: { type: 'boolean', default: false },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    io.stderr(`strata: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`)
    return EXIT_USAGE
  }
  const { values, positionals } = parsed
  const command = positionals[0]
  if (values.help || command === undefined) {
    if (values.help) {
      io.stdout(`${USAGE}\n`)
      return EXIT_OK
    }
    io.stderr(`${USAGE}\n`)
    return EXIT_USAGE
  }
  let core: StrataCore | null = null
  try {
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1] ?? ''}"`)
    if (command !== 'serve' && values.port !== undefined) throw new UsageError('--port is only for serve')
    try {
      core = createStrataCore({ host: values.host ?? null })
    } catch (error) {
      // An endpoint that cannot be parsed is a usage mistake, not an engine failure.
      if (error instanceof StrataError && error.code === 'INVALID_INPUT') throw new UsageError(oneLine(error))
      throw error
    }
    switch (command) {
      case 'engine':
        printEngine(await callOrThrow<EngineInfo>(core, 'engine.info', {}), values.json, io)
        return EXIT_OK
      case 'images':
        printImages(await callOrThrow<ImageSummary[]>(core, 'images.list', {}), values.json, io)
        return EXIT_OK
      case 'serve':
        return await serve(core, parsePort(values.port), io)
      default:
        throw new UsageError(`unknown command "${command}"`)
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`strata: ${error.message}\n${USAGE}\n`)
      return EXIT_USAGE
    }
    io.stderr(`strata: ${oneLine(error)}\n`)
    return EXIT_ERROR
  } finally {
    await core?.close()
  }
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${value}"`)
  return port
}

async function callOrThrow<T>(core: StrataCore, method: string, input: unknown): Promise<T> {
  const outcome = await core.call(method, input)
  if (!outcome.ok) throw StrataError.fromWire(outcome.error)
  return outcome.value as T
}

function oneLine(error: unknown): string {
  if (error instanceof StrataError) return describe(error.toWire())
  return error instanceof Error ? error.message : String(error)
}

function describe(error: WireError): string {
  const hint = typeof error.detail.hint === 'string' ? ` ${error.detail.hint}` : ''
  return `${error.message}${hint}`.replace(/\s*\n\s*/g, ' ')
}

async function serve(core: StrataCore, port: number, io: CliIo): Promise<number> {
  core.follow()
  const host = await startHost({ core, staticRoot: io.staticRoot, port })
  io.stdout(`Strata is serving at ${host.url}\n`)
  await io.untilInterrupted()
  await host.close()
  return EXIT_OK
}

function printEngine(info: EngineInfo, json: boolean, io: CliIo): void {
  if (json) {
    io.stdout(`${JSON.stringify(info, null, 2)}\n`)
    return
  }
  const rows: [string, string][] = [
    ['Endpoint', `${info.endpoint.url} (${info.endpoint.source}${info.endpoint.context !== null ? `, context ${info.endpoint.context}` : ''})`],
    ['Engine', `${info.podman ? 'Podman' : 'Docker'} ${info.engineVersion}`],
    ['API', `${info.apiVersion} (daemon ${info.daemonApiVersion})`],
    ['Storage driver', info.storageDriver],
    ['Backing filesystem', info.backingFilesystem ?? '—'],
    ['Data root', info.dataRoot],
    ['OS / arch', `${info.os} (${info.osType}/${info.architecture})`],
    ['Images', String(info.images)],
    ['Containers', `${info.containers.total} (${info.containers.running} running, ${info.containers.paused} paused, ${info.containers.stopped} stopped)`],
  ]
  const width = Math.max(...rows.map(([label]) => label.length))
  io.stdout(rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n') + '\n')
}

function printImages(images: ImageSummary[], json: boolean, io: CliIo): void {
  if (json) {
    io.stdout(`${JSON.stringify(images, null, 2)}\n`)
    return
  }
  const rows = images.flatMap((image) => {
    const names = image.repoTags.length > 0 ? image.repoTags : ['<none>:<none>']
    return names.map((name) => [name, shortId(image.id), image.created.slice(0, 19).replace('T', ' '), formatBytes(image.size)])
  })
  const header = ['REPOSITORY:TAG', 'IMAGE ID', 'CREATED (UTC)', 'SIZE']
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()
  io.stdout([line(header), ...rows.map(line)].join('\n') + '\n')
}
