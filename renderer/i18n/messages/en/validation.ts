import { containerFailures } from './failures/container'
import { engineFailures } from './failures/engine'
import { imageFailures } from './failures/image'
import { layerFailures } from './failures/layer'
import { registryFailures } from './failures/registry'
import { transferFailures } from './failures/transfer'
/**
 * English wording of input problems (names, references, run and commit options, form lines)
 * found while the user types or by the core: one key per id of shared/problems.ts, saying
 * exactly what PROBLEM_ENGLISH says (a unit test compares them), '@' and '<…>' escaped for vue-i18n.
 */
export const validation = {
  /** A problem placed where it was found: "line 2: …", "changes.env.0: …". */
  at: '{where}: {problem}',
  /** Between the problems of one failure. */
  separator: '; ',
  /** Between the items of a list: where an engine was found. */
  listSeparator: ', ',
  /** A failure with no problem of its own: the code's title, then the core's message. */
  failure: '{title}: {message}',
  reference: {
    portNotNumber: "the registry port in '{domain}' is not a number",
    ipv6Host: "older engines (20.10 among them) refuse the IPv6 registry address '{host}'; use a host name or an IPv4 address",
    emptyHostPart: "the registry host '{host}' has an empty part between dots",
    badHostPart: "the registry host '{host}' is not valid: '{part}' may hold only letters, digits and inner '-'",
    uppercase: "uppercase letters are not allowed in a repository name: '{name}'",
    strayCharacter: "'{name}' contains '{character}': a repository name holds only lowercase letters, digits, '.', '_' and '-'",
    badStart: "'{component}' starts with '{character}': each part of a repository name starts with a letter or digit",
    badEnd: "'{component}' ends with '{character}': each part of a repository name ends with a letter or digit",
    underscores: "'{component}' has {count} underscores in a row; at most two are allowed",
    separators: "'{component}' has two separators in a row ('{run}')",
    emptyName: 'the repository name is empty',
    digest: "'{name}' has a digest ('{'@'}'): a commit names a repository and a tag, not a digest",
    whiteSpace: "'{name}' contains white space",
    imageId: "'{name}' is 64 hexadecimal characters, which the engine reads as an image ID, not a name",
    leadingSlash: "'{name}' starts with '/'",
    trailingSlash: "'{name}' ends with '/'",
    emptyPart: "'{name}' has an empty part ('//')",
    colon: "'{name}' contains ':': give the tag separately",
    tooLong: 'the repository name is too long: stored as {prefix}…, it has {length} characters; at most {max} are allowed',
    emptyTag: 'the tag is empty',
    tagTooLong: 'the tag is longer than {max} characters ({length})',
    tagCharacter: "the tag '{tag}' contains '{character}': a tag holds only letters, digits, '_', '.' and '-'",
    tagStart: "the tag '{tag}' starts with '{character}': a tag starts with a letter, digit or '_'",
    tagNeedsRepository: 'a tag needs a repository',
    targetMissing: 'Give a reference: registry/repository:tag.',
  },
  change: {
    commandEmpty: 'is empty: give the program to run, or leave the field out to keep the current one',
    programEmpty: 'the program name is empty',
    nul: 'contains a NUL character',
    notKeyValue: "'{entry}' is not KEY=VALUE",
    variableName: "'{key}' is not a variable name (letters, digits and '_', not starting with a digit)",
    envLineBreak: 'the value of {key} holds a line break or NUL, which a change line cannot carry',
    exposeNotPort: "'{port}' is not a port such as 80 or 80/tcp",
    exposeRange: "'{port}': the port must be from 1 to 65535",
    exposeProtocol: "'{port}': the protocol is tcp, udp or sctp",
    labelEmpty: 'a label name is empty',
    labelEquals: "the label name '{key}' contains '='",
    lineBreak: 'holds a line break or NUL, which a change line cannot carry',
    notAbsolute: "'{value}' is not an absolute path",
    trailingSpace: "'{value}' ends with white space",
    durationRange: "{value} is not a duration from 0.001 s to a year (leave it out for the engine's default)",
    durationMs: '{value} s is not a whole number of milliseconds',
    retries: "{value} is not a whole number from 1 (leave it out for the engine's default of 3)",
    triggerEmpty: 'is empty',
    triggerRefused: '{instruction} is not allowed as an ONBUILD trigger',
    notInstruction: "'{instruction}' is not a Dockerfile instruction",
    user: "'{user}' is not a user name or ID, optionally with :group",
    stopSignal: "'{signal}' is not a signal such as SIGTERM, TERM or 15",
  },
  run: {
    commandEmpty: "is empty: give the program to run, or leave it out to keep the image's",
    entrypointEmpty: "is empty: give the program to run, or leave it out to keep the image's, or clear it with null",
    envNul: 'the value of {key} contains a NUL character',
    portRange: '{port} is not a port from 1 to 65535',
    hostPortRange: '{port} is not a port from 1 to 65535 (leave it out to let the engine choose one)',
    hostIp: "'{ip}' is not an IPv4 or IPv6 address",
    portTaken: 'host port {port}/{protocol} is already published by port {earlier}',
    sourceNotAbsolute: "'{value}' is not an absolute path (the host path to mount)",
    targetNotAbsolute: "'{value}' is not an absolute path (where it appears in the container)",
    workingDirNotAbsolute: "'{value}' is not an absolute path (the working directory)",
    mountColon: "'{value}' contains ':', which separates source, target and mode in a mount",
    volumeName: "'{name}' is not a volume name: letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters",
    rootTarget: 'cannot mount over the root folder /',
    targetTaken: '{target} is already the target of mount {earlier}',
    labelEquals: "the label name '{key}' contains '=', which separates name and value",
    restartPolicy: "'{name}' is not a restart policy: no, always, unless-stopped or on-failure",
    retriesOnlyOnFailure: 'a number of retries goes only with on-failure',
    retries: '{value} is not a whole number of retries from 0 (leave it out to retry forever)',
    restartAutoRemove: "a container removed when it stops cannot restart: choose 'no', or do not remove it when stopped",
    containerName: "'{name}' is not a container name: letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters",
    networkMode: "'{mode}' is not a network: bridge, host, none, container:{'<'}name{'>'} or a network's name",
  },
  form: {
    line: 'line {n}',
    item: 'item {n}',
    notJsonArray: 'not a JSON array: {reason}',
    jsonStrings: 'a JSON array here holds only strings',
    notNumber: "'{text}' is not a number",
  },
  container: containerFailures,
  engine: engineFailures,
  image: imageFailures,
  layer: layerFailures,
  registry: registryFailures,
  transfer: transferFailures,
}
