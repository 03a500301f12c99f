import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkTlsFiles } from '../../electron/core/engine/tls-files'
import { engineTls } from '../../shared/contract'
import { blankTlsForm, takesTls, tlsFormProblem, tlsOfForm, tlsSummary } from '../../renderer/lib/engine-tls'
import { translator } from '../../renderer/i18n/translator'

const en = translator('en')
const zh = translator('zh-CN')

describe('the TLS part of an engine form', () => {
  const full = { enabled: true, ca: ' /certs/ca.pem ', cert: '/certs/cert.pem', key: '/certs/key.pem', verify: true }

  it('applies to tcp:// addresses only, and only while TLS is ticked', () => {
    expect(takesTls(' tcp://10.0.0.5:2376')).toBe(true)
    expect(takesTls('ssh://me@box')).toBe(false)
    expect(tlsOfForm('tcp://10.0.0.5:2376', full)).toEqual({ ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem', verify: true })
    expect(tlsOfForm('ssh://me@box', full)).toBeNull()
    expect(tlsOfForm('tcp://10.0.0.5:2375', { ...full, enabled: false })).toBeNull()
    // Empty fields are no file: TLS with the system's CAs and no client certificate.
    expect(tlsOfForm('tcp://h:2376', blankTlsForm())).toEqual({ ca: null, cert: null, key: null, verify: true })
  })

  it('says what is wrong before the core is asked: relative paths, a certificate without its key', () => {
    expect(tlsFormProblem('tcp://h:2376', full, en)).toBeNull()
    expect(tlsFormProblem('tcp://h:2376', { ...full, ca: 'ca.pem' }, en)).toMatch(/^CA certificate: give the full path/)
    expect(tlsFormProblem('tcp://h:2376', { ...full, key: '' }, en)).toMatch(/client certificate and its key go together/)
    expect(tlsFormProblem('tcp://h:2376', { ...full, cert: 'C:\\\\certs\\\\cert.pem', key: 'C:/certs/key.pem' }, en)).toBeNull()
    // Not asked at all when the fields do not apply.
    expect(tlsFormProblem('ssh://me@box', { ...full, ca: 'ca.pem' }, en)).toBeNull()
    expect(tlsFormProblem('tcp://h:2375', { ...full, enabled: false, ca: 'ca.pem' }, en)).toBeNull()
  })

  it('agrees with the contract on what it lets through', () => {
    expect(engineTls.safeParse(tlsOfForm('tcp://h:2376', full)).success).toBe(true)
    expect(engineTls.safeParse({ ca: null, cert: '/c.pem', key: null, verify: true }).success).toBe(false)
    expect(engineTls.safeParse({ ca: 'ca.pem', cert: null, key: null, verify: true }).success).toBe(false)
    expect(engineTls.safeParse({ ca: null, cert: null, key: null, verify: true, extra: 1 }).success).toBe(false)
  })

  it('sums a saved engine\u2019s TLS up in one line', () => {
    expect(tlsSummary(null, en)).toBeNull()
    expect(tlsSummary({ ca: '/ca.pem', cert: '/c.pem', key: '/k.pem', verify: true }, en)).toBe('TLS (verified; CA and client certificate)')
    expect(tlsSummary({ ca: null, cert: null, key: null, verify: false }, en)).toBe('TLS (not verified; system CAs)')
  })
})

describe('checkTlsFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-tls-'))
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })
  const pem = join(dir, 'ca.pem')
  writeFileSync(pem, '# made by a test\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')
  const notPem = join(dir, 'notes.txt')
  writeFileSync(notPem, 'hello')
  const folder = join(dir, 'folder')
  mkdirSync(folder)

  it('accepts PEM files and says which file is missing, a folder, or not PEM', () => {
    expect(() => { checkTlsFiles({ ca: pem, cert: pem, key: pem, verify: true }); }).not.toThrow()
    expect(() => { checkTlsFiles({ ca: join(dir, 'absent.pem'), cert: null, key: null, verify: true }); }).toThrow(/The CA certificate .*absent\.pem cannot be read: there is no such file\./)
    expect(() => { checkTlsFiles({ ca: null, cert: folder, key: pem, verify: true }); }).toThrow(/The client certificate .* cannot be read: it is a folder\./)
    expect(() => { checkTlsFiles({ ca: null, cert: pem, key: notPem, verify: true }); }).toThrow(/The client key .*notes\.txt is not a PEM file/)
    try {
      checkTlsFiles({ ca: notPem, cert: null, key: null, verify: false })
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_INPUT', detail: { role: 'ca', path: notPem } })
    }
  })
})

describe('the TLS form in Chinese', () => {
  it('words its problems and summary in the chosen language', () => {
    expect(tlsFormProblem('tcp://h:2376', { enabled: true, ca: 'ca.pem', cert: '', key: '', verify: true }, zh)).toBe('CA 证书：请填写完整路径，例如 /home/you/.docker/ca.pem')
    expect(tlsSummary({ ca: '/ca.pem', cert: '/c.pem', key: '/k.pem', verify: true }, zh)).toBe('TLS（已验证；CA和客户端证书）')
    expect(tlsSummary({ ca: null, cert: '/c.pem', key: '/k.pem', verify: false }, en)).toBe('TLS (not verified; client certificate)')
  })
})
