import { isSet, type OptionValue } from './cli-options'

/** What `strata --help` and the command dispatch need of the container commands; no engine or schema code. */

export const CONTAINER_USAGE = `  containers [--json] [--size]  every container; --size also measures writable layers (slow)
  changes <container> [--json]  what the container added (A), changed (C) and deleted (D), as docker diff
  commit <container> [<repo[:tag]>] [-m MESSAGE] [-a AUTHOR] [-c "CMD ..."]... [--no-pause] [--move-tag] [--json]
                              make an image of the container; -c takes Dockerfile lines (CMD, ENTRYPOINT,
                              ENV, EXPOSE, LABEL, USER, WORKDIR, VOLUME, STOPSIGNAL, HEALTHCHECK, ONBUILD);
                              a tag that names another image is refused unless --move-tag
  start|stop|restart <container> [-t SECONDS] [--json]
                              -t: seconds stop and restart wait before killing (default 10)
  rm-container <container> [--volumes] [--force] [--json]
                              remove a container; --force kills it first if it runs`

/** Options only these commands take; cli.ts merges them into its option table. */
export const CONTAINER_OPTIONS = {
  size: { type: 'boolean', default: false },
  message: { type: 'string', short: 'm' },
  author: { type: 'string', short: 'a' },
  change: { type: 'string', short: 'c', multiple: true },
  'no-pause': { type: 'boolean', default: false },
  'move-tag': { type: 'boolean', default: false },
  volumes: { type: 'boolean', default: false },
  time: { type: 'string', short: 't' },
} as const


export const CONTAINER_COMMANDS: Record<string, { min: number; max: number; options: string[] }> = {
  containers: { min: 0, max: 0, options: ['size'] },
  changes: { min: 1, max: 1, options: [] },
  commit: { min: 1, max: 2, options: ['message', 'author', 'change', 'no-pause', 'move-tag'] },
  start: { min: 1, max: 1, options: [] },
  stop: { min: 1, max: 1, options: ['time'] },
  restart: { min: 1, max: 1, options: ['time'] },
  'rm-container': { min: 1, max: 1, options: ['volumes', 'force'] },
}

export function isContainerCommand(command: string): boolean {
  return Object.hasOwn(CONTAINER_COMMANDS, command)
}

/** For the image commands: the first container-only option given, as a usage message; null when none is. */
export function misplacedContainerOption(values: Record<string, OptionValue>): string | null {
  const given = Object.keys(CONTAINER_OPTIONS).find((name) => isSet(values[name]))
  return given === undefined ? null : `--${given} is an option of the container commands only`
}
