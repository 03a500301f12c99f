import { Module, createRequire } from 'node:module'
import type Docker from 'dockerode'

/**
 * Loads dockerode with two of its parts deferred to their first use. At load time
 * dockerode requires its BuildKit session code (gRPC and protobuf, for buildImage
 * with version 2) and docker-modem requires its ssh:// transport (ssh2); together
 * they were about 3/4 of dockerode's ~280 ms load, paid by every `strata` command
 * although a listing over a socket uses neither. Both modules export one function,
 * so a stand-in that loads the real module on its first call behaves the same.
 */
const requireHere = createRequire(import.meta.url)
const dockerodeMain = requireHere.resolve('dockerode')
// docker-modem is dockerode's dependency, not ours: resolved from dockerode's location.
const requireFromDockerode = createRequire(dockerodeMain)
const requireFromModem = createRequire(requireFromDockerode.resolve('docker-modem'))

function deferUntilCalled(path: string): void {
  const cache = requireHere.cache
  if (cache[path] !== undefined) return
  let real: ((...args: unknown[]) => unknown) | null = null
  const standIn = new Module(path)
  standIn.filename = path
  standIn.loaded = true
  standIn.exports = function deferred(this: unknown, ...args: unknown[]): unknown {
    if (real === null) {
      // Out of the cache first, so that the require below loads the module itself.
      Reflect.deleteProperty(cache, path)
      real = requireHere(path) as (...args: unknown[]) => unknown
    }
    return real.apply(this, args)
  }
  cache[path] = standIn
}

deferUntilCalled(requireFromDockerode.resolve('./session.js'))
deferUntilCalled(requireFromModem.resolve('./ssh.js'))

export const DockerClient = requireHere('dockerode') as typeof Docker
