import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A CA of the test's own, a server certificate for 127.0.0.1 and a client certificate it signed, made by openssl. */
export interface TlsCertificates {
  ca: string
  serverCert: string
  serverKey: string
  /** As DOCKER_CERT_PATH wants it: ca.pem, cert.pem, key.pem. */
  clientDir: string
  /** cert.pem and key.pem without ca.pem: the server cannot be verified. */
  clientDirWithoutCa: string
}

function openssl(cwd: string, ...args: string[]): void {
  const made = spawnSync('openssl', args, { cwd, encoding: 'utf8' })
  if (made.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${made.stderr}${made.error?.message ?? ''}`)
}

function signed(dir: string, name: string, subject: string, extensions: string): void {
  openssl(dir, 'req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', subject)
  writeFileSync(join(dir, `${name}.ext`), extensions)
  openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', `${name}-cert.pem`, '-days', '2', '-extfile', `${name}.ext`)
}

export function makeTlsCertificates(dir: string): TlsCertificates {
  mkdirSync(dir, { recursive: true })
  openssl(dir, 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=strata-test-ca', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign')
  signed(dir, 'server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n')
  signed(dir, 'client', '/CN=strata-test-client', 'extendedKeyUsage=clientAuth\n')
  const clientDir = join(dir, 'client')
  const clientDirWithoutCa = join(dir, 'client-without-ca')
  for (const folder of [clientDir, clientDirWithoutCa]) {
    mkdirSync(folder)
    copyFileSync(join(dir, 'client-cert.pem'), join(folder, 'cert.pem'))
    copyFileSync(join(dir, 'client-key.pem'), join(folder, 'key.pem'))
  }
  copyFileSync(join(dir, 'ca.pem'), join(clientDir, 'ca.pem'))
  return { ca: join(dir, 'ca.pem'), serverCert: join(dir, 'server-cert.pem'), serverKey: join(dir, 'server-key.pem'), clientDir, clientDirWithoutCa }
}
