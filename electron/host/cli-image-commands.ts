import { attributeEscapedErrors } from '../core/api/call-guard'
import { homedir } from 'node:os'
import { StrataError } from '../../shared/errors'
import { blockerKey } from '../../shared/types'
import type { CoreOptions, StrataCore } from '../core/api/core'
import { defaultCacheDir } from '../core/engine/cache-dir'
import { defaultConfigDir } from '../core/engine/config-dir'
import type { CliIo, Values } from './cli'
import type { CiPlan } from './cli-analyze-ci'
import { blockersText, engineText, imageText, imagesText, removeText } from './cli-output'
import { userPath } from './cli-paths'
import { EXIT_ERROR, EXIT_OK, UsageError, callCore } from './cli-run'

/** The image and layer commands, once cli.ts has checked their usage. */
export async function runImageCommand(openCore: (options: CoreOptions) => Promise<StrataCore>, command: string, rest: string[], values: Values, io: CliIo): Promise<number> {
  const ref = rest[0] ?? ''
  let ci: CiPlan | null = null
  if (command === 'analyze') {
    if (values.advice && (values.ci || values.files)) throw new UsageError('--advice prints advice instead of the analysis: it does not go with --ci or --files')
    // A CI run's rules are read first: a config dive would refuse stops it before any analysis, as in dive.
    // Advice asked for by name is not a CI run, whatever CI says.
    const gate = values.advice ? null : (await import('./cli-analyze-ci')).ciGate(values, io, process.env, process.cwd())
    if (typeof gate === 'number') return gate
    ci = gate
    const target = (await import('./cli-analyze-target')).analyzeTarget(ref)
    // The archive reader only for analyze: the other commands never read a layer tar here.
    if (target.kind === 'file' && values.advice) return await (await import('./cli-advice')).adviseFile(target.path, (await import('./cli-analyze')).platformOption(values.platform), values.json, io)
    if (target.kind === 'file') return await (await import('./cli-analyze')).analyzeFile(target.path, values, io, ci)
    if (!values.advice && values.platform === undefined) {
      // The report's module loads while the engine writes its export out, not after the analysis.
      const reporting = import('./cli-analyze')
      reporting.catch(() => undefined)
      const analysis = await (await import('./cli-analyze-direct')).analyzeWithoutCore(ref, values, io)
      if (analysis !== null) return (await reporting).report(analysis, values, io, ci)
    }
  }
  const configDir = defaultConfigDir(process.env, process.platform, homedir())
  // serve opens the engine last chosen in a UI (the app's or its own), as the app does.
  const saved = values.host === undefined && command === 'serve' ? (await import('../core/settings/engine-host')).savedEngineTarget(configDir) : null
  const core = await openCore({
    host: values.host ?? saved?.host ?? null,
    tls: saved?.tls ?? null,
    cacheDir: defaultCacheDir(process.env, process.platform, homedir()),
    // serve's UI pins images; the settings file is the one the app and `strata cleanup` read.
    configDir,
  })
  const stopProgress = core.events.on('progress', (event) => {
    io.progress?.(event.label, event.done, event.total, event.finished)
  })
  try {
    return await runEngineCommand(core, command, ref, rest, values, io, ci)
  } finally {
    stopProgress()
  }
}

/** The image and layer commands, on an open core. */
async function runEngineCommand(core: StrataCore, command: string, ref: string, rest: string[], values: Values, io: CliIo, ci: CiPlan | null): Promise<number> {
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
    case 'rmi':
      return await (await import('./cli-remove-set')).removeSetCommand(core, rest, values, io, print)
    case 'diff': {
      const diff = await callCore(core, 'layers.diff', { a: ref, b: rest[1] ?? '' })
      print(diff, (await import('./cli-analyze')).diffText(diff))
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
      if (values.advice) return (await import('./cli-advice')).printAdvice(await callCore(core, 'layers.advice', { ref }, io.cancelSignal), values.json, io)
      // The report's module loads while the engine writes its export out, not after the analysis.
      const reporting = import('./cli-analyze')
      // Heard here too, so that a failure to load it while the analysis fails is not left unheard.
      reporting.catch(() => undefined)
      const analysis = await callCore(core, 'layers.analyze', { ref, files: values.files }, io.cancelSignal)
      return (await reporting).report(analysis, values, io, ci)
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
  // Calls from the page overlap: an escaped error must fail only the one it came from.
  attributeEscapedErrors('per-call')
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
