import { failure, type StrataError } from '../../../shared/errors'
import { problem, type Problem } from '../../../shared/problems'
import { streamInputs, terminalMessage } from '../../../shared/stream-contract'
import type { StreamName } from '../../../shared/streams'
import type { OpenSource } from './stream-source'

type Parsed = { ok: true; value: unknown } | { ok: false; error: StrataError }

/** `refused` words what was wrong with the value, given the schema's issues (in English: they are the schema's own words). */
function check(schema: { safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown, refused: (issues: string) => Problem): Parsed {
  const parsed = schema.safeParse(value)
  if (parsed.success) return { ok: true, value: parsed.data }
  const issues = parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
  return { ok: false, error: failure('INVALID_INPUT', refused(issues.join('; ')), { issues: issues.join('; ') }) }
}

const noMessages = (name: StreamName) => (): Parsed => ({ ok: false, error: failure('INVALID_INPUT', problem('container.streamTakesNoMessages', { stream: name })) })

const SOURCES: Record<StreamName, () => Promise<OpenSource<never>>> = {
  'containers.logs': async () => (await import('../containers/streams/logs-source')).openLogs,
  'containers.stats': async () => (await import('../containers/streams/stats-source')).openStats,
  'containers.terminal': async () => (await import('../containers/streams/terminal-source')).openTerminal,
}

/** The input check, message check and source of one stream. */
export async function streamKind(name: StreamName): Promise<{ parseInput(input: unknown): Parsed; parseMessage(message: unknown): Parsed; source: OpenSource<never> }> {
  return {
    parseInput: (input) => check(streamInputs[name], input, (issues) => problem('container.streamInputInvalid', { stream: name, issues })),
    parseMessage: name === 'containers.terminal' ? (message) => check(terminalMessage, message, (issues) => problem('container.terminalMessageInvalid', { issues })) : noMessages(name),
    source: await SOURCES[name](),
  }
}
