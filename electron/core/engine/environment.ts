import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import type { EndpointEnvironment } from './endpoint'

/** The real process environment, for resolving the endpoint outside tests. */
export function processEnvironment(): EndpointEnvironment {
  return {
    env: process.env,
    platform: process.platform,
    homeDir: homedir(),
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    readFile(path) {
      try {
        return readFileSync(path, 'utf8')
      } catch {
        return null
      }
    },
    exists: existsSync,
  }
}
