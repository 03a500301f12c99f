import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { LoginResult } from '../../shared/types'
import { installCredentialHelper } from '../support/credential-helper'
import { callError, callOk, privateCore, privateDocker } from '../support/engine'
import { FIXTURES } from '../support/fixtures'
import { forgetRegistryImages, startRegistry, type TestRegistry } from '../support/registry'

const work = mkdtempSync(join(tmpdir(), 'strata-registry-auth-'))
const fileConfig = join(work, 'file-config')
const helperConfig = join(work, 'helper-config')
const helperStore = join(work, 'helper-store.json')
const user = { name: 'strata', password: 'correct horse battery' }
installCredentialHelper(join(work, 'bin'), 'strata-test', helperStore)
process.env.PATH = `${join(work, 'bin')}:${process.env.PATH ?? ''}`
process.env.DOCKER_CONFIG = fileConfig
const core = privateCore()
const docker = privateDocker()
let registry: TestRegistry
beforeAll(async () => {
  registry = await startRegistry({ user })
})
afterAll(async () => {
  await forgetRegistryImages(docker, registry.host)
  await core.close()
  await registry.stop()
  rmSync(work, { recursive: true, force: true })
})

function cliLogin(password: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', ['bin/strata.js', 'login', registry.host, '-u', user.name, '--password-stdin', '--json', '--host', inject('dockerHost')], { env: { ...process.env, DOCKER_HOST: '', DOCKER_CONFIG: fileConfig } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code) => {
      resolve({ code, stdout, stderr })
    })
    child.stdin.end(`${password}\n`)
  })
}

describe('registries that ask for a login', () => {
  it('a wrong password is UNAUTHORIZED and stores nothing', async () => {
    const refused = await callError(core, 'registry.login', { registry: registry.host, username: user.name, password: 'wrong' })
    expect(refused.code).toBe('UNAUTHORIZED')
    expect(existsSync(join(fileConfig, 'config.json'))).toBe(false)
    const cli = await cliLogin('wrong')
    expect(cli.code).toBe(1)
    expect(cli.stderr).toMatch(/refused the credentials/)
    expect(existsSync(join(fileConfig, 'config.json'))).toBe(false)
  })

  it('without credentials, inspect and pull are UNAUTHORIZED with a hint to log in', async () => {
    const inspected = await callError(core, 'registry.inspect', { ref: `${registry.host}/strata/base:1` })
    expect(inspected.code).toBe('UNAUTHORIZED')
    expect(inspected.detail.hint).toMatch(/strata login/)
    expect((await callError(core, 'registry.pull', { ref: `${registry.host}/strata/base:1` })).code).toBe('UNAUTHORIZED')
  })

  it('login --password-stdin stores base64 user:password in config.json; push and inspect then use it', async () => {
    const cli = await cliLogin(user.password)
    expect(cli.stderr).toBe('')
    const result = JSON.parse(cli.stdout) as LoginResult
    expect(result).toMatchObject({ registry: registry.host, serverAddress: registry.host, storedIn: 'config.json', status: 'Login Succeeded' })
    const config = JSON.parse(readFileSync(join(fileConfig, 'config.json'), 'utf8')) as { auths: Record<string, { auth: string }> }
    expect(Buffer.from(config.auths[registry.host]?.auth ?? '', 'base64').toString()).toBe(`${user.name}:${user.password}`)

    const target = `${registry.host}/strata/base:1`
    await callOk(core, 'images.tag', { source: FIXTURES.base.tag, target })
    const pushed = await callOk(core, 'registry.push', { ref: target })
    const remote = await callOk(core, 'registry.inspect', { ref: target })
    expect(remote.digest).toBe(pushed.digest)
    expect(remote.engine?.digest).toBe(pushed.digest)
    expect(remote.platforms[0]?.presentLocally).toBe(true)
  })

  it('logout removes them; the registry refuses again', async () => {
    const result = await callOk(core, 'registry.logout', { registry: registry.host })
    expect(result.removedFrom).toEqual(['config.json'])
    const config = JSON.parse(readFileSync(join(fileConfig, 'config.json'), 'utf8')) as { auths: Record<string, unknown> }
    expect(config.auths[registry.host]).toBeUndefined()
    expect((await callError(core, 'registry.inspect', { ref: `${registry.host}/strata/base:1` })).code).toBe('UNAUTHORIZED')
  })

  it('with credsStore, login goes through docker-credential-<helper> and config.json keeps an empty entry', async () => {
    mkdirSync(helperConfig, { recursive: true })
    writeFileSync(join(helperConfig, 'config.json'), JSON.stringify({ credsStore: 'strata-test', detachKeys: 'ctrl-x' }))
    process.env.DOCKER_CONFIG = helperConfig
    try {
      const login = await callOk(core, 'registry.login', { registry: `http://${registry.host}/v2/`, username: user.name, password: user.password })
      expect(login.storedIn).toBe('docker-credential-strata-test')
      const config = JSON.parse(readFileSync(join(helperConfig, 'config.json'), 'utf8')) as Record<string, unknown>
      expect(config).toEqual({ credsStore: 'strata-test', detachKeys: 'ctrl-x', auths: { [registry.host]: {} } })
      expect(JSON.parse(readFileSync(helperStore, 'utf8'))).toEqual({ [registry.host]: { Username: user.name, Secret: user.password } })
      await docker.getImage(`${registry.host}/strata/base:1`).remove()
      const pulled = await callOk(core, 'registry.pull', { ref: `${registry.host}/strata/base:1` })
      expect(pulled.images[0]?.id).toBe(inject('fixtureIds').base)
      const logout = await callOk(core, 'registry.logout', { registry: registry.host })
      expect(logout.removedFrom).toEqual(['docker-credential-strata-test'])
      expect(JSON.parse(readFileSync(helperStore, 'utf8'))).toEqual({})
    } finally {
      process.env.DOCKER_CONFIG = fileConfig
    }
  })
})
