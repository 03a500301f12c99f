import { Agent } from 'node:http'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { DockerClient } from '../../electron/core/engine/dockerode-loader'

// dockerode-loader puts stand-ins in require's cache for dockerode's BuildKit session
// and docker-modem's ssh transport; they must behave as the modules they stand for.
const requireHere = createRequire(import.meta.url)
const requireFromDockerode = createRequire(requireHere.resolve('dockerode'))
const requireFromModem = createRequire(requireFromDockerode.resolve('docker-modem'))

describe('dockerode with its ssh and BuildKit parts deferred', () => {
  it('makes clients as dockerode does', () => {
    const docker = new DockerClient({ socketPath: '/nonexistent.sock' })
    expect(typeof docker.listImages).toBe('function')
  })

  it('loads ssh2 only when the ssh transport is first used, then answers as the real module', () => {
    const sshPath = requireFromModem.resolve('./ssh.js')
    const ssh2Path = requireFromModem.resolve('ssh2')
    const standIn = requireHere.cache[sshPath]?.exports as (options: object) => unknown
    expect(typeof standIn).toBe('function')
    expect(requireHere.cache[ssh2Path]).toBeUndefined()
    // The real transport makes an HTTP agent whose connections go through ssh2; nothing connects yet.
    const agent = standIn({ host: '127.0.0.1', port: 1 })
    expect(agent).toBeInstanceOf(Agent)
    expect(requireHere.cache[ssh2Path]).toBeDefined()
    expect(Object.hasOwn(agent as object, 'createConnection')).toBe(true)
  })

  it('stands in for the BuildKit session with a function, as dockerode calls it', () => {
    const sessionPath = requireFromDockerode.resolve('./session.js')
    expect(typeof requireHere.cache[sessionPath]?.exports).toBe('function')
  })
})
