import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { networkError } from '../../electron/core/registry/http'
import { certsDirectories, registryTls, secureContextFor } from '../../electron/core/registry/tls-trust'
import { makeCertificate } from '../support/token-server'

const work = mkdtempSync(join(tmpdir(), 'strata-tls-unit-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

function folder(...parts: string[]): string {
  const path = join(work, ...parts)
  mkdirSync(path, { recursive: true })
  return path
}

describe('certsDirectories', () => {
  it("lists the rootful daemon's, Docker Desktop's and the rootless daemon's folders", () => {
    expect(certsDirectories({ env: {}, homeDir: '/home/ada' })).toEqual(['/etc/docker/certs.d', '/home/ada/.docker/certs.d', '/home/ada/.config/docker/certs.d'])
    expect(certsDirectories({ env: { XDG_CONFIG_HOME: '/cfg' }, homeDir: '/home/ada' })[2]).toBe('/cfg/docker/certs.d')
  })

  it('STRATA_CERTS_D replaces the list, colon-separated', () => {
    expect(certsDirectories({ env: { STRATA_CERTS_D: '/a::/b' }, homeDir: '/home/ada' })).toEqual(['/a', '/b'])
    expect(certsDirectories({ env: { STRATA_CERTS_D: '' }, homeDir: '/h' })).toHaveLength(3)
  })
})

describe('registryTls', () => {
  it('reads every *.crt of the host folder in every directory, and nothing of other hosts', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((name) => makeCertificate(folder('made'), name).certPem)
    writeFileSync(join(folder('one', 'reg:5000'), 'a.crt'), a ?? '')
    writeFileSync(join(folder('two', 'reg:5000'), 'b.crt'), b ?? '')
    writeFileSync(join(folder('two', 'reg:5000'), 'notes.txt'), 'ignored')
    writeFileSync(join(folder('two', 'other:5000'), 'c.crt'), c ?? '')
    const tls = await registryTls('reg:5000', [join(work, 'one'), join(work, 'two'), join(work, 'missing')])
    expect(tls.extraCa).toEqual([a, b])
    expect(tls.clientCert).toBeNull()
    expect(tls.searched).toEqual([join(work, 'one', 'reg:5000'), join(work, 'two', 'reg:5000'), join(work, 'missing', 'reg:5000')])
  })

  it('pairs client.cert with client.key; a certificate without its key is an error that names it', async () => {
    const paired = folder('pair', 'mtls:443')
    writeFileSync(join(paired, 'client.cert'), 'CERT')
    writeFileSync(join(paired, 'client.key'), 'KEY')
    expect((await registryTls('mtls:443', [join(work, 'pair')])).clientCert).toEqual({ cert: 'CERT', key: 'KEY' })

    const lonely = folder('lonely', 'mtls:443')
    writeFileSync(join(lonely, 'client.cert'), 'CERT')
    await expect(registryTls('mtls:443', [join(work, 'lonely')])).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('client.key') as unknown })
  })

  it('a .crt that is not a certificate is an error that names it (Node would skip it silently)', async () => {
    writeFileSync(join(folder('garbled', 'reg:2'), 'ca.crt'), 'not a certificate')
    await expect(registryTls('reg:2', [join(work, 'garbled')])).rejects.toMatchObject({ code: 'INVALID_INPUT', message: `${join(work, 'garbled', 'reg:2', 'ca.crt')} is not a PEM certificate.` })
  })

  it('a file where a folder should be is read as no certificates', async () => {
    writeFileSync(join(folder('filed'), 'reg:1'), 'not a folder')
    expect((await registryTls('reg:1', [join(work, 'filed')])).extraCa).toEqual([])
  })
})

describe('secureContextFor', () => {
  it('builds one context per set of trust and reuses it', async () => {
    const certificate = makeCertificate(folder('certs'), 'unit-ca')
    const material = { extraCa: [certificate.certPem], clientCert: null, searched: [] }
    const first = await secureContextFor(material)
    expect(await secureContextFor({ ...material, extraCa: [certificate.certPem] })).toBe(first)
    expect(await secureContextFor({ extraCa: [], clientCert: null, searched: [] })).not.toBe(first)
  })
})

describe('networkError for TLS', () => {
  it('names the certs.d folders where a CA would be read', () => {
    const error = networkError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'https://reg:5000', ['/etc/docker/certs.d/reg:5000', '/home/ada/.docker/certs.d/reg:5000'])
    expect(error.code).toBe('REGISTRY_UNREACHABLE')
    expect(error.detail.hint).toBe("Put the registry's CA certificate (ca.crt) in /etc/docker/certs.d/reg:5000 or /home/ada/.docker/certs.d/reg:5000, as the engine expects it, or list the registry in the engine's insecure-registries.")
  })
})
