import { EVERY_COMMAND_OPTIONS, isSet, type OptionValue } from './cli-options'
import { EXIT_ERROR, EXIT_OK, UsageError, runCommand } from './cli-run'
import { enginesText } from './cli-engines-output'
import type { Endpoint } from '../core/engine/endpoint'

/**
 * `strata engines`: every engine this machine names and whether each answers. It
 * calls discovery directly rather than through a core: a core resolves one endpoint
 * first, and a broken context or DOCKER_HOST would then stop the very command that
 * reports them. Neither dockerode nor the schemas load.
 */

interface Io {
  stdout(text: string): void
  stderr(text: string): void
}

export async function runEnginesCommand(args: string[], values: Record<string, OptionValue>, io: Io, usage: string): Promise<number> {
  return runCommand(io, usage, async () => {
    if (args.length > 0) throw new UsageError('engines takes no argument')
    const foreign = Object.keys(values).find((name) => isSet(values[name]) && !EVERY_COMMAND_OPTIONS.includes(name))
    if (foreign !== undefined) throw new UsageError(`--${foreign} is not an option of engines`)
    const [{ discoverEngines }, { processDiscoveryEnvironment }, { parseHost, tlsFromEnv }] = await Promise.all([
      import('../core/engine/discovery/discover'),
      import('../core/engine/discovery/environment'),
      import('../core/engine/endpoint'),
    ])
    const environment = processDiscoveryEnvironment()
    const host = typeof values.host === 'string' ? values.host.trim() : ''
    let inUse: Endpoint | null
    try {
      inUse = host === '' ? null : parseHost(host, 'explicit', null, tlsFromEnv(environment))
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error))
    }
    const discovery = await discoverEngines(environment, { inUse })
    io.stdout(values.json === true ? `${JSON.stringify(discovery, null, 2)}\n` : enginesText(discovery))
    // Like a health check: success when at least one engine answers.
    return discovery.engines.some((engine) => engine.probe.answers) ? EXIT_OK : EXIT_ERROR
  })
}
