import { StrataError } from '../../../shared/errors'
import { streamInputs, terminalMessage } from '../../../shared/stream-contract'
import type { StreamName } from '../../../shared/streams'
import type { OpenSource } from './stream-source'

type Parsed = { ok: true; value: unknown } | { ok: false; error: StrataError }

function check(schema: { safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown, what: string): Parsed {
  const parsed = schema.safeParse(value)
  if (parsed.success) return { ok: true, value: parsed.data }
  const issues = parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
  return { ok: false, error: new StrataError('INVALID_INPUT', `Invalid ${what}: ${issues.join('; ')}`, { issues: issues.join('; ') }) }
}

const noMessages = (name: StreamName) => (): Parsed => ({ ok: false, error: new StrataError('INVALID_INPUT', `The ${name} stream takes no messages.`) })

const SOURCES: Record<StreamName, () => Promise<OpenSource<never>>> = {
  'containers.logs': async () => (await import('../containers/streams/logs-source')).openLogs,
  'containers.stats': async () => (await import('../containers/streams/stats-source')).openStats,
  'containers.terminal': async () => (await import('../containers/streams/terminal-source')).openTerminal,
}

/** The input check, message check and source of one stream. */
export async function streamKind(name: StreamName): Promise<{ parseInput(input: unknown): Parsed; parseMessage(message: unknown): Parsed; source: OpenSource<never> }> {
  return {
    parseInput: (input) => check(streamInputs[name], input, `input for ${name}`),
    parseMessage: name === 'containers.terminal' ? (message) => check(terminalMessage, message, 'terminal message') : noMessages(name),
    source: await SOURCES[name](),
  }
}
