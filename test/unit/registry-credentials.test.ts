import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DockerCredentials, credentialSource, credentialsOfEntry } from '../../electron/core/registry/docker-config'

const folders: string[] = []
function configDir(config?: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-config-unit-'))
  folders.push(dir)
  if (config !== undefined) writeFileSync(join(dir, 'config.json'), JSON.stringify(config))
  return dir
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const base64 = (text: string): string => Buffer.from(text).toString('base64')

describe('the docker config\'s credentials', () => {
  it('decodes auths entries under any spelling of the host, and Docker Hub under its v1 URL', async () => {
    const store = new DockerCredentials(
      configDir({
        auths: {
          'https://index.docker.io/v1/': { auth: base64('hubuser:hub:pass') },
          'http://127.0.0.1:5000/v2/': { auth: base64('local:secret') },
          'plain.example': { username: 'u', password: 'p' },
          'helper.example': {},
        },
      }),
    )
    expect(await store.get('docker.io')).toMatchObject({ username: 'hubuser', password: 'hub:pass', identityToken: null, serverAddress: 'https://index.docker.io/v1/' })
    expect(await store.get('127.0.0.1:5000')).toMatchObject({ username: 'local', password: 'secret' })
    expect(await store.get('plain.example')).toMatchObject({ username: 'u', password: 'p' })
    expect(await store.get('helper.example')).toBeNull()
    expect(await store.get('elsewhere.example')).toBeNull()
  })

  it('keeps an identity token and refuses an auth that is not user:password', () => {
    expect(credentialsOfEntry('r', { auth: base64('u:'), identitytoken: 'refresh' })).toMatchObject({ username: 'u', password: '', identityToken: 'refresh' })
    expect(() => credentialsOfEntry('r', { auth: base64('nocolon') })).toThrow(/user:password/)
  })

  it('asks a credHelpers entry before credsStore, and credsStore before the file', () => {
    const config = { credsStore: 'desktop', credHelpers: { 'gcr.io': 'gcloud', 'https://index.docker.io/v1/': 'hubhelper' } }
    expect(credentialSource(config, 'gcr.io')).toEqual({ kind: 'helper', helper: 'gcloud' })
    expect(credentialSource(config, 'docker.io')).toEqual({ kind: 'helper', helper: 'hubhelper' })
    expect(credentialSource(config, 'quay.io')).toEqual({ kind: 'helper', helper: 'desktop' })
    expect(credentialSource({}, 'quay.io')).toEqual({ kind: 'file' })
  })

  it('a missing config has no credentials; a broken one says so', async () => {
    expect(await new DockerCredentials(configDir()).get('docker.io')).toBeNull()
    const dir = configDir()
    writeFileSync(join(dir, 'config.json'), '{ not json')
    await expect(new DockerCredentials(dir).get('docker.io')).rejects.toThrow(/not valid JSON/)
  })

  it('stores as docker login does (mode 0600, other settings kept, old spelling replaced) and erases', async () => {
    const dir = configDir({ auths: { 'https://127.0.0.1:5000': { auth: base64('old:old') } }, psFormat: 'table {{.ID}}' })
    const store = new DockerCredentials(dir)
    expect(await store.store('127.0.0.1:5000', 'new', 'pw')).toEqual({ serverAddress: '127.0.0.1:5000', storedIn: 'config.json' })
    const written = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { auths: Record<string, { auth: string }>; psFormat: string }
    expect(written).toEqual({ auths: { '127.0.0.1:5000': { auth: base64('new:pw') } }, psFormat: 'table {{.ID}}' })
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600)
    expect(await store.erase('127.0.0.1:5000')).toEqual({ serverAddress: '127.0.0.1:5000', removedFrom: ['config.json'] })
    expect(await store.erase('127.0.0.1:5000')).toEqual({ serverAddress: '127.0.0.1:5000', removedFrom: [] })
  })

  it('names a missing helper program instead of failing obscurely', async () => {
    await expect(new DockerCredentials(configDir({ credsStore: 'strata-absent-helper' })).get('docker.io')).rejects.toThrow(/docker-credential-strata-absent-helper is not installed/)
  })
})
