import { resolve } from 'node:path'

/**
 * A file named on the command line, made absolute against the folder the user ran
 * `strata` in: the core accepts only absolute paths, and a user types relative ones.
 * An empty argument stays empty, for the contract to refuse by name.
 */
export function userPath(argument: string, workingFolder: string = process.cwd()): string {
  return argument === '' ? '' : resolve(workingFolder, argument)
}
