import { spawnSync } from 'node:child_process'
import { randomBytes, sign, X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { join } from 'node:path'

/** A self-signed certificate for 127.0.0.1 and localhost, made by openssl: signs tokens and serves TLS. */
export interface TestCertificate {
  certPath: string
  keyPath: string
  certPem: string
  keyPem: string
}

export function makeCertificate(directory: string, name: string): TestCertificate {
  const certPath = join(directory, `${name}.crt`)
  const keyPath = join(directory, `${name}.key`)
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2', '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyPath, '-out', certPath],
    { encoding: 'utf8' },
  )
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}${made.error?.message ?? ''}`)
  return { certPath, keyPath, certPem: readFileSync(certPath, 'utf8'), keyPem: readFileSync(keyPath, 'utf8') }
}

export interface TokenUser {
  name: string
  password: string
  /** Repository actions this user is granted on every repository. */
  actions: ('pull' | 'push')[]
}

/** One request the token service answered, for tests to see which flow a client used. */
export interface TokenRequest {
  method: 'GET' | 'POST'
  grant: 'basic' | 'anonymous' | 'refresh_token' | 'password'
  user: string | null
  scopes: string[]
  status: number
}

export interface TokenServer {
  /** The realm URL the registry's challenge names. */
  realm: string
  service: string
  issuer: string
  requests: TokenRequest[]
  close(): Promise<void>
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url')

/**
 * A token service as docker/distribution's token auth expects (docs/spec/auth/token.md):
 * Basic credentials on GET, OAuth2 password and refresh_token grants on POST, refresh
 * tokens handed out on `offline_token=true`; the JWT is RS256 with the signing
 * certificate in x5c, checked by the registry against its rootcertbundle.
 */
export async function startTokenServer(certificate: TestCertificate, users: TokenUser[]): Promise<TokenServer> {
  const service = 'strata-test-registry'
  const issuer = 'strata-test-token-issuer'
  const requests: TokenRequest[] = []
  const refreshTokens = new Map<string, TokenUser>()
  const certDer = new X509Certificate(certificate.certPem).raw.toString('base64')

  const issue = (user: TokenUser | null, scopes: string[]): string => {
    const access = scopes.flatMap((scope) => {
      const [type, name, actions] = scope.split(':')
      if (type !== 'repository' || name === undefined || actions === undefined || user === null) return []
      return [{ type, name, actions: actions.split(',').filter((action) => (user.actions as string[]).includes(action)) }]
    })
    const now = Math.floor(Date.now() / 1000)
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [certDer] }))
    const claims = base64url(JSON.stringify({ iss: issuer, sub: user?.name ?? '', aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access }))
    const signature = sign('sha256', Buffer.from(`${header}.${claims}`), certificate.keyPem)
    return `${header}.${claims}.${base64url(signature)}`
  }

  const answer = (response: ServerResponse, status: number, body: object): void => {
    response.writeHead(status, { 'Content-Type': 'application/json' })
    response.end(JSON.stringify(body))
  }

  const handle = (request: IncomingMessage, response: ServerResponse, form: URLSearchParams): void => {
    const url = new URL(request.url ?? '/', 'http://token')
    const record = (entry: Omit<TokenRequest, 'method'>): void => {
      requests.push({ method: request.method === 'POST' ? 'POST' : 'GET', ...entry })
    }
    if (request.method === 'POST') {
      const scopes = (form.get('scope') ?? '').split(' ').filter((scope) => scope !== '')
      const grant = form.get('grant_type')
      let user: TokenUser | undefined
      if (grant === 'refresh_token') user = refreshTokens.get(form.get('refresh_token') ?? '')
      else if (grant === 'password') user = users.find((candidate) => candidate.name === form.get('username') && candidate.password === form.get('password'))
      if (user === undefined || (grant !== 'refresh_token' && grant !== 'password')) {
        record({ grant: grant === 'password' ? 'password' : 'refresh_token', user: null, scopes, status: 401 })
        answer(response, 401, { error: 'invalid_grant' })
        return
      }
      record({ grant, user: user.name, scopes, status: 200 })
      const refresh = form.get('access_type') === 'offline' || grant === 'refresh_token' ? { refresh_token: grant === 'refresh_token' ? (form.get('refresh_token') ?? '') : newRefreshToken(user) } : {}
      answer(response, 200, { access_token: issue(user, scopes), expires_in: 300, issued_at: new Date().toISOString(), scope: scopes.join(' '), ...refresh })
      return
    }
    const scopes = url.searchParams.getAll('scope')
    const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? '')
    if (basic === null) {
      record({ grant: 'anonymous', user: null, scopes, status: 200 })
      answer(response, 200, { token: issue(null, scopes), expires_in: 300, issued_at: new Date().toISOString() })
      return
    }
    const [name, ...rest] = Buffer.from(basic[1] ?? '', 'base64').toString('utf8').split(':')
    const user = users.find((candidate) => candidate.name === name && candidate.password === rest.join(':'))
    if (user === undefined) {
      record({ grant: 'basic', user: name ?? null, scopes, status: 401 })
      answer(response, 401, { details: 'wrong user name or password' })
      return
    }
    record({ grant: 'basic', user: user.name, scopes, status: 200 })
    const refresh = url.searchParams.get('offline_token') === 'true' ? { refresh_token: newRefreshToken(user) } : {}
    answer(response, 200, { token: issue(user, scopes), expires_in: 300, issued_at: new Date().toISOString(), ...refresh })
  }

  const newRefreshToken = (user: TokenUser): string => {
    const token = randomBytes(16).toString('hex')
    refreshTokens.set(token, user)
    return token
  }

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      handle(request, response, new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || address === null) throw new Error('the token server has no port')
  return {
    realm: `http://127.0.0.1:${String(address.port)}/token`,
    service,
    issuer,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => {
          resolve()
        })
      }),
  }
}
