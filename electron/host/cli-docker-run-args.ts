import type { RunMount, RunPort, RunRequest } from '../../shared/types'
import { RESTART_POLICIES } from '../../shared/run-checks'
import { UsageError } from './cli-run'

/**
 * `strata run`'s command line, read as docker run reads its own: options first,
 * then the image, then the command with its arguments taken as they are (so
 * `strata run IMAGE ls -l` runs `ls -l`). Pure: the environment is a parameter.
 */

type Kind = 'value' | 'list' | 'flag'

interface OptionSpec {
  name: string
  kind: Kind
}

const LONG: Record<string, OptionSpec> = {
  name: { name: 'name', kind: 'value' },
  env: { name: 'env', kind: 'list' },
  label: { name: 'label', kind: 'list' },
  publish: { name: 'publish', kind: 'list' },
  volume: { name: 'volume', kind: 'list' },
  workdir: { name: 'workdir', kind: 'value' },
  user: { name: 'user', kind: 'value' },
  entrypoint: { name: 'entrypoint', kind: 'value' },
  restart: { name: 'restart', kind: 'value' },
  network: { name: 'network', kind: 'value' },
  rm: { name: 'rm', kind: 'flag' },
  tty: { name: 'tty', kind: 'flag' },
  interactive: { name: 'interactive', kind: 'flag' },
  // docker users type -d; strata run always returns at once, so it changes nothing.
  detach: { name: 'detach', kind: 'flag' },
  host: { name: 'host', kind: 'value' },
  engine: { name: 'engine', kind: 'value' },
  json: { name: 'json', kind: 'flag' },
  help: { name: 'help', kind: 'flag' },
}

const SHORT: Record<string, string> = { e: 'env', l: 'label', p: 'publish', v: 'volume', w: 'workdir', u: 'user', t: 'tty', i: 'interactive', d: 'detach', h: 'help' }

export interface RunArguments {
  request: RunRequest
  host?: string | undefined
  engine?: string | undefined
  json: boolean
  help: boolean
}

interface Collected {
  values: Map<string, string>
  lists: Map<string, string[]>
  flags: Set<string>
  positionals: string[]
}

function collect(argv: string[]): Collected {
  const collected: Collected = { values: new Map(), lists: new Map(), flags: new Set(), positionals: [] }
  const take = (spec: OptionSpec, shown: string, inline: string | undefined, index: number): number => {
    if (spec.kind === 'flag') {
      if (inline !== undefined && !['true', 'false'].includes(inline)) throw new UsageError(`${shown} takes no value`)
      if (inline !== 'false') collected.flags.add(spec.name)
      return index
    }
    let value = inline
    let next = index
    if (value === undefined) {
      next += 1
      value = argv[next]
      if (value === undefined) throw new UsageError(`${shown} needs a value`)
    }
    if (spec.kind === 'list') collected.lists.set(spec.name, [...(collected.lists.get(spec.name) ?? []), value])
    else collected.values.set(spec.name, value)
    return next
  }
  let index = 0
  for (; index < argv.length; index += 1) {
    const word = argv[index] ?? ''
    if (word === '--') {
      index += 1
      break
    }
    if (word.startsWith('--')) {
      const equals = word.indexOf('=')
      const name = word.slice(2, equals === -1 ? undefined : equals)
      const spec = LONG[name]
      if (spec === undefined) throw new UsageError(`--${name} is not an option of run`)
      index = take(spec, `--${name}`, equals === -1 ? undefined : word.slice(equals + 1), index)
    } else if (word.startsWith('-') && word.length > 1) {
      // A cluster of short flags (-it), the last of which may take the rest as its value (-eA=1, -p80:80).
      for (let at = 1; at < word.length; at += 1) {
        const letter = word.charAt(at)
        const long = SHORT[letter]
        const spec = long === undefined ? undefined : LONG[long]
        if (spec === undefined) throw new UsageError(`-${letter} is not an option of run`)
        if (spec.kind === 'flag') {
          take(spec, `-${letter}`, undefined, index)
          continue
        }
        const rest = word.slice(at + 1)
        index = take(spec, `-${letter}`, rest === '' ? undefined : rest.replace(/^=/, ''), index)
        break
      }
    } else break
  }
  collected.positionals = argv.slice(index)
  return collected
}

const PORT_NUMBER = /^[0-9]{1,5}$/

function portNumber(text: string, what: string, spec: string): number {
  if (/^[0-9]+-[0-9]+$/.test(text)) throw new UsageError(`-p ${spec}: port ranges are not supported; publish each port with its own -p`)
  if (!PORT_NUMBER.test(text)) throw new UsageError(`-p ${spec}: '${text}' is not a ${what}`)
  return Number(text)
}

/** docker's -p: [ip:][hostPort:]containerPort[/protocol], the ip in brackets when it is IPv6. */
export function parsePublish(spec: string): RunPort {
  const slash = spec.lastIndexOf('/')
  const protocolText = slash === -1 ? 'tcp' : spec.slice(slash + 1)
  const ports = slash === -1 ? spec : spec.slice(0, slash)
  if (protocolText !== 'tcp' && protocolText !== 'udp' && protocolText !== 'sctp') throw new UsageError(`-p ${spec}: the protocol is tcp, udp or sctp, not '${protocolText}'`)
  let hostIp: string | undefined
  let rest = ports
  const bracket = /^\[([^\]]*)\]:(.*)$/.exec(ports)
  if (bracket !== null) {
    hostIp = bracket[1]
    rest = bracket[2] ?? ''
    if (!rest.includes(':')) throw new UsageError(`-p ${spec}: after an address come HOST_PORT:PORT (HOST_PORT may be empty)`)
  }
  const parts = rest.split(':')
  if (hostIp === undefined && parts.length === 3) hostIp = parts.shift()
  if (parts.length > 2 || (hostIp === undefined && parts.length === 0)) throw new UsageError(`-p ${spec}: not [IP:][HOST_PORT:]PORT[/PROTOCOL]`)
  const containerText = parts.pop() ?? ''
  const hostText = parts.pop()
  if (hostIp === '') throw new UsageError(`-p ${spec}: the address before the ports is empty`)
  const port: RunPort = { containerPort: portNumber(containerText, 'container port', spec), protocol: protocolText }
  if (hostIp !== undefined) port.hostIp = hostIp
  if (hostText !== undefined && hostText !== '') port.hostPort = portNumber(hostText, 'host port', spec)
  return port
}

/** docker's -v SOURCE:TARGET[:ro|rw]: an absolute SOURCE is a host path, any other a volume's name. */
export function parseVolume(spec: string): RunMount {
  const parts = spec.split(':')
  const last = parts.at(-1)
  let readOnly = false
  if (parts.length === 3 && (last === 'ro' || last === 'rw')) {
    readOnly = last === 'ro'
    parts.pop()
  }
  if (parts.length !== 2) {
    const why = parts.length === 1 ? 'a volume without a source (an anonymous volume) is not supported' : 'the mode after TARGET is ro or rw'
    throw new UsageError(`-v ${spec}: not SOURCE:TARGET[:ro]; ${why}`)
  }
  const [source = '', target = ''] = parts
  if (source === '') throw new UsageError(`-v ${spec}: the source is empty`)
  return source.startsWith('/') ? { type: 'bind', source, target, readOnly } : { type: 'volume', name: source, target, readOnly }
}

/** docker's -e: KEY=VALUE, or KEY alone for the value KEY has here (left out when it has none). */
export function parseEnv(specs: string[], environment: Record<string, string | undefined>): string[] {
  return specs.flatMap((spec) => {
    if (spec.includes('=')) return [spec]
    if (spec === '') throw new UsageError('-e: an empty variable name')
    const value = environment[spec]
    return value === undefined ? [] : [`${spec}=${value}`]
  })
}

/** docker's --label: KEY=VALUE, or KEY alone for an empty value; a later one of the same KEY wins. */
export function parseLabels(specs: string[]): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const spec of specs) {
    const equals = spec.indexOf('=')
    const key = equals === -1 ? spec : spec.slice(0, equals)
    if (key === '') throw new UsageError(`--label ${spec}: the label name is empty`)
    labels[key] = equals === -1 ? '' : spec.slice(equals + 1)
  }
  return labels
}

/** docker's --restart: no, always, unless-stopped, on-failure or on-failure:N. */
export function parseRestart(spec: string): NonNullable<RunRequest['restart']> {
  const [name = '', retries, extra] = spec.split(':')
  const policy = RESTART_POLICIES.find((known) => known === name)
  if (policy === undefined || extra !== undefined) throw new UsageError(`--restart ${spec}: use no, always, unless-stopped or on-failure[:MAX_RETRIES]`)
  if (retries === undefined) return { name: policy }
  if (policy !== 'on-failure') throw new UsageError(`--restart ${spec}: a number of retries goes only with on-failure`)
  if (!/^[0-9]{1,7}$/.test(retries)) throw new UsageError(`--restart ${spec}: '${retries}' is not a whole number of retries`)
  return { name: policy, maxRetries: Number(retries) }
}

export function parseRunArguments(argv: string[], environment: Record<string, string | undefined>): RunArguments {
  const collected = collect(argv)
  const help = collected.flags.has('help')
  const [image, ...command] = collected.positionals
  if (image === undefined) {
    if (help) return { request: { image: '' }, json: false, help }
    throw new UsageError('run takes an image (and then, optionally, a command with its arguments)')
  }
  const value = (name: string): string | undefined => collected.values.get(name)
  const list = (name: string): string[] => collected.lists.get(name) ?? []
  const entrypoint = value('entrypoint')
  const request: RunRequest = { image, start: true }
  const name = value('name')
  if (name !== undefined) request.name = name
  if (command.length > 0) request.cmd = command
  // docker's --entrypoint '' clears the image's entrypoint.
  if (entrypoint !== undefined) request.entrypoint = entrypoint === '' ? null : [entrypoint]
  if (list('env').length > 0) request.env = parseEnv(list('env'), environment)
  if (list('label').length > 0) request.labels = parseLabels(list('label'))
  if (list('publish').length > 0) request.ports = list('publish').map(parsePublish)
  if (list('volume').length > 0) request.mounts = list('volume').map(parseVolume)
  const workdir = value('workdir')
  if (workdir !== undefined) request.workingDir = workdir
  const user = value('user')
  if (user !== undefined) request.user = user
  const restart = value('restart')
  if (restart !== undefined) request.restart = parseRestart(restart)
  const network = value('network')
  if (network !== undefined) request.networkMode = network
  if (collected.flags.has('tty')) request.tty = true
  if (collected.flags.has('interactive')) request.interactive = true
  if (collected.flags.has('rm')) request.autoRemove = true
  return { request, host: value('host'), engine: value('engine'), json: collected.flags.has('json'), help }
}
