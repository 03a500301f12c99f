import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const exec = promisify(execFile)
const STRATA = resolve('bin/strata.js')
const TRACE_HOOK = fileURLToPath(new URL('./module-trace-preload.mjs', import.meta.url))

export interface TracedRun {
  code: number
  stdout: string
  /** Every module the process loaded: file paths, file: URLs and node: built-ins. */
  modules: string[]
}

/** Runs the built `strata` with a hook that records each module it loads (see module-trace-preload.mjs). */
export async function traceStrata(args: string[], env: Record<string, string> = {}): Promise<TracedRun> {
  if (!existsSync(resolve('out/main/cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first, then rerun the tests.')
  const folder = mkdtempSync(join(tmpdir(), 'strata-trace-'))
  const traceFile = join(folder, 'modules.txt')
  try {
    // As runStrata: CI=true would make `analyze` a dive CI run, so only a test that passes it gets it.
    const inherited = { ...process.env }
    delete inherited.CI
    const options = { env: { ...inherited, DOCKER_HOST: '', DOCKER_CONTEXT: '', XDG_CACHE_HOME: folder, ...env, STRATA_MODULE_TRACE: traceFile }, maxBuffer: 1 << 26 }
    let code = 0
    let stdout = ''
    try {
      ;({ stdout } = await exec('node', ['--import', TRACE_HOOK, STRATA, ...args], options))
    } catch (error) {
      const failed = error as { code: number; stdout: string }
      code = failed.code
      stdout = failed.stdout
    }
    const modules = readFileSync(traceFile, 'utf8').split('\n').filter((line) => line !== '')
    return { code, stdout, modules }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

/** The npm packages among the loaded modules ("dockerode", "@grpc/grpc-js"...), each once. */
export function loadedPackages(modules: readonly string[]): string[] {
  const names = modules.flatMap((module) => {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(module)
    return match?.[1] === undefined ? [] : [match[1]]
  })
  return [...new Set(names)].sort()
}

/** The built files of out/main the process loaded, with their source text. */
export function loadedChunks(modules: readonly string[]): { path: string; source: string }[] {
  return modules
    .map((module) => (module.startsWith('file:') ? fileURLToPath(module) : module))
    .filter((path) => path.includes('/out/main/'))
    .map((path) => ({ path, source: readFileSync(path, 'utf8') }))
}

/** Declarations that only the layer reader and the registry client hold, as the built chunks spell them. */
export const LAYER_AND_REGISTRY_CODE = [/\bclass LayerExplorer\b/, /\bclass LayerCache\b/, /\bfunction scanExport\b/, /\bfunction analyzeEngineImage\b/, /\bclass RegistryAccess\b/, /\bfunction pullImage\b/, /\bfunction inspectRemote\b/]

/** Whether the run loaded zod: from node_modules, or bundled into a chunk (the main build bundles it). */
export function loadedZod(modules: readonly string[]): boolean {
  return loadedPackages(modules).includes('zod') || loadedChunks(modules).some((chunk) => chunk.source.includes('$constructor("ZodObject"'))
}
