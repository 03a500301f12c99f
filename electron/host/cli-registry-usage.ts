import { isSet, type OptionValue } from './cli-options'

/** What `strata --help` and the command dispatch need of the registry and file commands; no engine or schema code. */

export const REGISTRY_USAGE = `  inspect-remote <ref> [--json] a remote tag's platforms, manifests, compressed sizes, and what is here already
  platforms <ref> [--json]      the index and platforms behind a local image
  pull <ref> [--platform os/arch[/variant]|all] [--json]
                              pull with the docker config's credentials; 'all' keeps one image per platform
  push <ref> [--json]           push a tag with the docker config's credentials
  tag <src> <dst> [--json]      name the image <src> as <dst> (repo[:tag])
  save <ref>... -o FILE [--json]
                              write the images to a tar (docker save); nothing is left at FILE if it fails
  load <file.tar> [--json]      load the images of a tar (docker save or OCI layout)
  login <registry> [-u USER] [--password-stdin] [--json]
                              check the credentials with the engine, then store them as docker login does;
                              on a terminal, asks for what is missing (the password without echo)
  logout <registry> [--json]    remove the stored credentials`

export const REGISTRY_OPTIONS = {
  username: { type: 'string', short: 'u' },
  'password-stdin': { type: 'boolean', default: false },
} as const


export const REGISTRY_COMMANDS: Record<string, { min: number; max: number; options: string[] }> = {
  'inspect-remote': { min: 1, max: 1, options: [] },
  platforms: { min: 1, max: 1, options: [] },
  pull: { min: 1, max: 1, options: ['platform'] },
  push: { min: 1, max: 1, options: [] },
  tag: { min: 2, max: 2, options: [] },
  save: { min: 1, max: Number.POSITIVE_INFINITY, options: ['output'] },
  load: { min: 1, max: 1, options: [] },
  login: { min: 1, max: 1, options: ['username', 'password-stdin'] },
  logout: { min: 1, max: 1, options: [] },
}

export function isRegistryCommand(command: string): boolean {
  return Object.hasOwn(REGISTRY_COMMANDS, command)
}

/** For the other commands: the first registry-only option given, as a usage message; null when none is. */
export function misplacedRegistryOption(values: Record<string, OptionValue>): string | null {
  const given = Object.keys(REGISTRY_OPTIONS).find((name) => isSet(values[name]))
  return given === undefined ? null : `--${given} is an option of login only`
}
