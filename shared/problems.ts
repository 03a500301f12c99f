import { CONTAINER_FAILURES } from './failures/container'
import { ENGINE_FAILURES } from './failures/engine'
import { IMAGE_FAILURES } from './failures/image'
import { LAYER_FAILURES } from './failures/layer'
import { REGISTRY_FAILURES } from './failures/registry'
import { TRANSFER_FAILURES } from './failures/transfer'

/**
 * Input problems as data: a stable id and the values it names. The shared checks
 * (reference names, commit changes, run requests) answer with these, so the core
 * and the command line word them in English here while the renderer words the same
 * id in the user's language (renderer/i18n/messages/<locale>/validation.ts).
 * Kept free of schema code: the renderer and the sandboxed preload load it.
 */

/**
 * The English wording of every problem; `{name}` is filled from the problem's params.
 * The renderer's English (validation.ts) must say exactly the same: a unit test compares them.
 */
export const PROBLEM_ENGLISH = {
  // Docker's reference grammar (shared/reference.ts).
  'reference.portNotNumber': "the registry port in '{domain}' is not a number",
  'reference.ipv6Host': "older engines (20.10 among them) refuse the IPv6 registry address '{host}'; use a host name or an IPv4 address",
  'reference.emptyHostPart': "the registry host '{host}' has an empty part between dots",
  'reference.badHostPart': "the registry host '{host}' is not valid: '{part}' may hold only letters, digits and inner '-'",
  'reference.uppercase': "uppercase letters are not allowed in a repository name: '{name}'",
  'reference.strayCharacter': "'{name}' contains '{character}': a repository name holds only lowercase letters, digits, '.', '_' and '-'",
  'reference.badStart': "'{component}' starts with '{character}': each part of a repository name starts with a letter or digit",
  'reference.badEnd': "'{component}' ends with '{character}': each part of a repository name ends with a letter or digit",
  'reference.underscores': "'{component}' has {count} underscores in a row; at most two are allowed",
  'reference.separators': "'{component}' has two separators in a row ('{run}')",
  'reference.emptyName': 'the repository name is empty',
  'reference.digest': "'{name}' has a digest ('@'): a commit names a repository and a tag, not a digest",
  'reference.whiteSpace': "'{name}' contains white space",
  'reference.imageId': "'{name}' is 64 hexadecimal characters, which the engine reads as an image ID, not a name",
  'reference.leadingSlash': "'{name}' starts with '/'",
  'reference.trailingSlash': "'{name}' ends with '/'",
  'reference.emptyPart': "'{name}' has an empty part ('//')",
  'reference.colon': "'{name}' contains ':': give the tag separately",
  'reference.tooLong': 'the repository name is too long: stored as {prefix}…, it has {length} characters; at most {max} are allowed',
  'reference.emptyTag': 'the tag is empty',
  'reference.tagTooLong': 'the tag is longer than {max} characters ({length})',
  'reference.tagCharacter': "the tag '{tag}' contains '{character}': a tag holds only letters, digits, '_', '.' and '-'",
  'reference.tagStart': "the tag '{tag}' starts with '{character}': a tag starts with a letter, digit or '_'",
  'reference.tagNeedsRepository': 'a tag needs a repository',
  'reference.targetMissing': 'Give a reference: registry/repository:tag.',
  // A commit's changes (shared/commit-changes.ts); some are shared with run requests.
  'change.commandEmpty': 'is empty: give the program to run, or leave the field out to keep the current one',
  'change.programEmpty': 'the program name is empty',
  'change.nul': 'contains a NUL character',
  'change.notKeyValue': "'{entry}' is not KEY=VALUE",
  'change.variableName': "'{key}' is not a variable name (letters, digits and '_', not starting with a digit)",
  'change.envLineBreak': 'the value of {key} holds a line break or NUL, which a change line cannot carry',
  'change.exposeNotPort': "'{port}' is not a port such as 80 or 80/tcp",
  'change.exposeRange': "'{port}': the port must be from 1 to 65535",
  'change.exposeProtocol': "'{port}': the protocol is tcp, udp or sctp",
  'change.labelEmpty': 'a label name is empty',
  'change.labelEquals': "the label name '{key}' contains '='",
  'change.lineBreak': 'holds a line break or NUL, which a change line cannot carry',
  'change.notAbsolute': "'{value}' is not an absolute path",
  'change.trailingSpace': "'{value}' ends with white space",
  'change.durationRange': "{value} is not a duration from 0.001 s to a year (leave it out for the engine's default)",
  'change.durationMs': '{value} s is not a whole number of milliseconds',
  'change.retries': "{value} is not a whole number from 1 (leave it out for the engine's default of 3)",
  'change.triggerEmpty': 'is empty',
  'change.triggerRefused': '{instruction} is not allowed as an ONBUILD trigger',
  'change.notInstruction': "'{instruction}' is not a Dockerfile instruction",
  'change.user': "'{user}' is not a user name or ID, optionally with :group",
  'change.stopSignal': "'{signal}' is not a signal such as SIGTERM, TERM or 15",
  // A containers.run request (shared/run-checks.ts).
  'run.commandEmpty': "is empty: give the program to run, or leave it out to keep the image's",
  'run.entrypointEmpty': "is empty: give the program to run, or leave it out to keep the image's, or clear it with null",
  'run.envNul': 'the value of {key} contains a NUL character',
  'run.portRange': '{port} is not a port from 1 to 65535',
  'run.hostPortRange': '{port} is not a port from 1 to 65535 (leave it out to let the engine choose one)',
  'run.hostIp': "'{ip}' is not an IPv4 or IPv6 address",
  'run.portTaken': 'host port {port}/{protocol} is already published by port {earlier}',
  'run.sourceNotAbsolute': "'{value}' is not an absolute path (the host path to mount)",
  'run.targetNotAbsolute': "'{value}' is not an absolute path (where it appears in the container)",
  'run.workingDirNotAbsolute': "'{value}' is not an absolute path (the working directory)",
  'run.mountColon': "'{value}' contains ':', which separates source, target and mode in a mount",
  'run.volumeName': "'{name}' is not a volume name: letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters",
  'run.rootTarget': 'cannot mount over the root folder /',
  'run.targetTaken': '{target} is already the target of mount {earlier}',
  'run.labelEquals': "the label name '{key}' contains '=', which separates name and value",
  'run.restartPolicy': "'{name}' is not a restart policy: no, always, unless-stopped or on-failure",
  'run.retriesOnlyOnFailure': 'a number of retries goes only with on-failure',
  'run.retries': '{value} is not a whole number of retries from 0 (leave it out to retry forever)',
  'run.restartAutoRemove': "a container removed when it stops cannot restart: choose 'no', or do not remove it when stopped",
  'run.containerName': "'{name}' is not a container name: letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters",
  'run.networkMode': "'{mode}' is not a network: bridge, host, none, container:<name> or a network's name",
  // Multi-line form fields (renderer/lib/form-lines.ts): where a value was typed, and how it failed to read.
  'form.line': 'line {n}',
  'form.item': 'item {n}',
  'form.notJsonArray': 'not a JSON array: {reason}',
  'form.jsonStrings': 'a JSON array here holds only strings',
  'form.notNumber': "'{text}' is not a number",
  // What the core refuses or fails at, one file per domain (shared/failures/).
  ...CONTAINER_FAILURES,
  ...ENGINE_FAILURES,
  ...IMAGE_FAILURES,
  ...LAYER_FAILURES,
  ...REGISTRY_FAILURES,
  ...TRANSFER_FAILURES,
} as const

export type ProblemId = keyof typeof PROBLEM_ENGLISH

/** Every problem id, for the tests that check each one is worded in every language. */
export const PROBLEM_IDS = Object.keys(PROBLEM_ENGLISH) as ProblemId[]

export type ProblemParams = Record<string, string | number>

/** A type alias, not an interface, so it fits an error's JSON detail as it is. */
export type Problem = { id: ProblemId; params: ProblemParams }

export function problem(id: ProblemId, params: ProblemParams = {}): Problem {
  return { id, params }
}

/** The names a wording fills in: `{name}` → name. */
export function placeholders(wording: string): string[] {
  return [...wording.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort()
}

/** The English sentence for a problem, as the core and the command line say it. */
export function problemEnglish(found: Problem): string {
  return PROBLEM_ENGLISH[found.id].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = found.params[name]
    return value === undefined ? whole : String(value)
  })
}

export function isProblemId(value: unknown): value is ProblemId {
  return typeof value === 'string' && Object.hasOwn(PROBLEM_ENGLISH, value)
}

/** A problem that arrived over a transport (an error's detail), or null when the value is not one. */
export function parseProblem(value: unknown): Problem | null {
  if (typeof value !== 'object' || value === null) return null
  const { id, params } = value as { id?: unknown; params?: unknown }
  if (!isProblemId(id) || typeof params !== 'object' || params === null) return null
  const entries = Object.entries(params).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number')
  return { id, params: Object.fromEntries(entries) }
}
