import { readdirSync } from 'node:fs'
import type { EndpointEnvironment } from '../endpoint'
import { processEnvironment } from '../environment'

/** What discovery reads from the machine: endpoint resolution's view plus folder listings (for profiles, instances and pipes). */
export interface DiscoveryEnvironment extends EndpointEnvironment {
  /** The names in a folder, [] when it is missing or unreadable. On Windows, '//./pipe/' lists the named pipes. */
  listDir(path: string): string[]
}

export function processDiscoveryEnvironment(): DiscoveryEnvironment {
  return {
    ...processEnvironment(),
    listDir(path) {
      try {
        return readdirSync(path)
      } catch {
        return []
      }
    },
  }
}
