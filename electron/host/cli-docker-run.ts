import { issueText } from '../../shared/commit-changes'
import { runRequestIssues } from '../../shared/run-checks'
import { parseRunArguments } from './cli-docker-run-args'
import { EXIT_OK, UsageError, callCore, runCommand } from './cli-run'

/** `strata run`: create and start a container from a local image, then return at once, as `docker run -d`. */

interface Io {
  stdout(text: string): void
  stderr(text: string): void
}

/** Resolves --engine NAME to its saved address (a usage error when both or an unknown name are given). */
type SavedEngineHost = (name: string, host: string | undefined) => Promise<string>

export async function runContainerFromImage(argv: string[], io: Io, usage: string, savedEngineHost: SavedEngineHost, environment: Record<string, string | undefined> = process.env): Promise<number> {
  return runCommand(io, usage, async (openCore) => {
    const parsed = parseRunArguments(argv, environment)
    if (parsed.help) {
      io.stdout(`${usage}\n`)
      return EXIT_OK
    }
    // The same checks the core applies, so a mistake exits 2 before anything connects.
    const issues = runRequestIssues(parsed.request)
    if (issues.length > 0) throw new UsageError(issues.map(issueText).join('; '))
    const host = parsed.engine === undefined ? parsed.host : await savedEngineHost(parsed.engine, parsed.host)
    const core = await openCore({ host: host ?? null })
    const result = await callCore(core, 'containers.run', parsed.request)
    for (const warning of result.warnings) io.stderr(`strata: warning: ${warning}\n`)
    io.stdout(parsed.json ? `${JSON.stringify(result.container, null, 2)}\n` : `${result.container.id}\n`)
    return EXIT_OK
  })
}
