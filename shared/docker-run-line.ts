import type { RunMount, RunPort, RunRequest } from './types'

/**
 * The `docker run` command line that makes the same container as a containers.run
 * request, for the user to copy. Every argument is quoted for POSIX shells, so the
 * line means exactly these arguments whatever they hold.
 */

/** Characters no POSIX shell gives a meaning to in a word. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/

export function shellQuote(argument: string): string {
  if (PLAIN_WORD.test(argument)) return argument
  // Inside single quotes nothing is special except the closing quote, written as '\''.
  return `'${argument.replaceAll("'", `'\\''`)}'`
}

function publishText(port: RunPort): string {
  const ip = port.hostIp === undefined ? '' : port.hostIp.includes(':') ? `[${port.hostIp}]` : port.hostIp
  const host = port.hostPort === undefined ? '' : String(port.hostPort)
  const outside = ip === '' ? (host === '' ? '' : `${host}:`) : `${ip}:${host}:`
  const protocol = port.protocol === 'tcp' ? '' : `/${port.protocol}`
  return `${outside}${String(port.containerPort)}${protocol}`
}

function volumeText(mount: RunMount): string {
  const source = mount.type === 'bind' ? mount.source : mount.name
  return `${source}:${mount.target}${mount.readOnly ? ':ro' : ''}`
}

function restartText(request: RunRequest): string | null {
  const restart = request.restart
  if (restart === undefined || restart.name === 'no') return null
  return restart.maxRetries === undefined ? restart.name : `${restart.name}:${String(restart.maxRetries)}`
}

/** The words of the line, unquoted: `docker`, `run`, the options, the image and the command. */
export function dockerRunArguments(request: RunRequest): string[] {
  const words = request.start === false ? ['docker', 'create'] : ['docker', 'run', '-d']
  const option = (name: string, value: string | undefined): void => {
    if (value !== undefined) words.push(name, value)
  }
  option('--name', request.name)
  if (request.autoRemove === true) words.push('--rm')
  if (request.interactive === true) words.push('-i')
  if (request.tty === true) words.push('-t')
  option('--restart', restartText(request) ?? undefined)
  option('--network', request.networkMode)
  option('-u', request.user)
  option('-w', request.workingDir)
  // --entrypoint takes one program; the rest of an entrypoint list goes before the command,
  // which gives the process the same arguments (the image's CMD is dropped either way).
  const entrypoint = request.entrypoint
  if (entrypoint === null) option('--entrypoint', '')
  else if (entrypoint !== undefined && entrypoint.length > 0) option('--entrypoint', entrypoint[0])
  for (const variable of request.env ?? []) option('-e', variable)
  for (const [key, value] of Object.entries(request.labels ?? {})) option('-l', `${key}=${value}`)
  for (const port of request.ports ?? []) option('-p', publishText(port))
  for (const mount of request.mounts ?? []) option('-v', volumeText(mount))
  words.push(request.image, ...(entrypoint?.slice(1) ?? []), ...(request.cmd ?? []))
  return words
}

export function dockerRunLine(request: RunRequest): string {
  return dockerRunArguments(request).map(shellQuote).join(' ')
}
