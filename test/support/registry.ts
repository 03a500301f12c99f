import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { get as httpGet } from 'node:http'
import { get as httpsGet } from 'node:https'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startService } from './service-process'
import type { TestCertificate, TokenServer } from './token-server'

/** Where scripts/system-setup.mjs (npm test's first step) keeps Debian's busybox-static for arm64 (apt-get download), for the multi-platform fixture. */
export const ARM64_BUSYBOX_DEB = '/var/cache/strata-test/busybox-static_arm64.deb'

export interface TestRegistry {
  /** host:port, as image references name it: 127.0.0.1:40123 */
  host: string
  root: string
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port)
        else reject(new Error('no port'))
      })
    })
  })
}

export interface RegistryOptions {
  /** Basic auth: asks for this user and password (htpasswd, bcrypt, made by apache2-utils' htpasswd). */
  user?: { name: string; password: string }
  /** Token auth: sends clients to this token service and trusts tokens signed by `signer`. */
  token?: { server: TokenServer; signer: TestCertificate }
  /** Serves HTTPS with this certificate instead of plain HTTP. */
  tls?: TestCertificate
}

function authConfig(root: string, options: RegistryOptions): string {
  if (options.token !== undefined) {
    const { server, signer } = options.token
    return `auth:\n  token:\n    realm: ${server.realm}\n    service: ${server.service}\n    issuer: ${server.issuer}\n    rootcertbundle: ${signer.certPath}\n`
  }
  return options.user === undefined ? '' : `auth:\n  htpasswd:\n    realm: strata-test\n    path: ${join(root, 'htpasswd')}\n`
}

/** Debian's docker-registry on 127.0.0.1 with storage in a temp folder; open, or with basic or token auth, over HTTP or HTTPS. */
export async function startRegistry(options: RegistryOptions = {}): Promise<TestRegistry> {
  const root = mkdtempSync(join(tmpdir(), 'strata-registry-'))
  const port = await freePort()
  const auth = authConfig(root, options)
  const tls = options.tls === undefined ? '' : `  tls:\n    certificate: ${options.tls.certPath}\n    key: ${options.tls.keyPath}\n`
  if (options.user !== undefined) {
    const made = spawnSync('htpasswd', ['-Bbn', options.user.name, options.user.password], { encoding: 'utf8' })
    if (made.status !== 0) throw new Error(`htpasswd failed (apt-get install apache2-utils): ${made.stderr}`)
    writeFileSync(join(root, 'htpasswd'), made.stdout)
  }
  writeFileSync(
    join(root, 'config.yml'),
    `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${join(root, 'storage')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${String(port)}\n${tls}${auth}`,
  )
  const service = startService('docker-registry', ['serve', join(root, 'config.yml')], join(root, 'registry.log'))
  const host = `127.0.0.1:${String(port)}`
  await service.waitUntil(() => answersV2(host, options.tls !== undefined), 15_000)
  return {
    host,
    root,
    stop: async () => {
      await service.stop()
      rmSync(root, { recursive: true, force: true })
    },
  }
}

/** Whether the registry answers /v2/ yet (200, or 401 when it wants a login); TLS unverified, as only liveness counts here. */
function answersV2(host: string, https: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const send = https ? httpsGet : httpGet
    const request = send(`${https ? 'https' : 'http'}://${host}/v2/`, { rejectUnauthorized: false }, (response) => {
      response.resume()
      resolve(response.statusCode === 200 || response.statusCode === 401)
    })
    request.on('error', () => {
      resolve(false)
    })
  })
}

function run(program: string, args: string[]): string {
  const result = spawnSync(program, args, { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed: ${result.stderr}${result.error?.message ?? ''}`)
  return result.stdout.trim()
}

/** The fixtures pushed into the run's registry. */
export interface RegistryFixtures {
  host: string
  /** An OCI index of linux/amd64 and linux/arm64 busybox images. */
  multiArch: string
  /** One linux/amd64 image with a 24 MB incompressible layer: long enough to cancel a pull mid-way. */
  big: string
}

/**
 * Builds FROM scratch with buildah (its own vfs storage under a temp folder, never the
 * system's), amd64 from /bin/busybox and arm64 from Debian's busybox-static:arm64, and
 * pushes an index of both with `buildah manifest push --all`. All offline.
 */
export function pushRegistryFixtures(host: string): RegistryFixtures {
  if (!existsSync(ARM64_BUSYBOX_DEB)) throw new Error(`${ARM64_BUSYBOX_DEB} is missing: run \`sudo node scripts/system-setup.mjs\` (npm test runs it first; it downloads busybox-static:arm64).`)
  const work = mkdtempSync(join(tmpdir(), 'strata-buildah-'))
  const storage = ['--storage-driver', 'vfs', '--root', join(work, 'root'), '--runroot', join(work, 'runroot')]
  const buildah = (...args: string[]): string => run('buildah', [...storage, ...args])
  try {
    run('dpkg-deb', ['-x', ARM64_BUSYBOX_DEB, join(work, 'arm64')])
    mkdirSync(join(work, 'amd64', 'bin'), { recursive: true })
    copyFileSync('/bin/busybox', join(work, 'amd64', 'bin', 'busybox'))
    const image = (arch: string, name: string, extra?: string): void => {
      const container = buildah('from', '--arch', arch, '--os', 'linux', 'scratch')
      buildah('copy', container, join(work, arch, 'bin', 'busybox'), '/bin/busybox')
      if (extra !== undefined) buildah('copy', container, extra, '/data/blob')
      buildah('config', '--arch', arch, '--os', 'linux', '--cmd', '/bin/busybox sh', '--label', `org.strata.fixture=${name}`, container)
      buildah('commit', '-q', container, name)
    }
    image('amd64', 'localhost/strata-multi-amd64')
    image('arm64', 'localhost/strata-multi-arm64')
    buildah('manifest', 'create', 'localhost/strata-multi')
    buildah('manifest', 'add', 'localhost/strata-multi', 'localhost/strata-multi-amd64')
    buildah('manifest', 'add', 'localhost/strata-multi', 'localhost/strata-multi-arm64')
    const multiArch = `${host}/multi/busybox:1`
    buildah('manifest', 'push', '--all', '--tls-verify=false', 'localhost/strata-multi', `docker://${multiArch}`)
    const blob = join(work, 'blob')
    writeFileSync(blob, randomBytes(24 * 1024 * 1024))
    chmodSync(blob, 0o644)
    image('amd64', 'localhost/strata-big', blob)
    const big = `${host}/big/blob:1`
    buildah('push', '--tls-verify=false', 'localhost/strata-big', `docker://${big}`)
    return { host, multiArch, big }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

interface ListedImage {
  Id: string
  RepoTags?: string[] | null
  RepoDigests?: string[] | null
}

/**
 * Leaves the shared engine as the run's other files expect it: every name under the
 * registry's host is removed (a fixture image tagged for a push only loses that tag),
 * and images known only by such names go.
 */
export async function forgetRegistryImages(docker: { listImages(options?: object): Promise<ListedImage[]>; getImage(name: string): { remove(options?: object): Promise<unknown> } }, host: string): Promise<void> {
  const prefix = `${host}/`
  for (const image of await docker.listImages()) {
    const tags = (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>')
    const ours = tags.filter((tag) => tag.startsWith(prefix))
    const onlyOurs = ours.length === tags.length && (image.RepoDigests ?? []).every((digest) => digest.startsWith(prefix)) && (ours.length > 0 || (image.RepoDigests ?? []).length > 0)
    if (onlyOurs) await docker.getImage(image.Id).remove({ force: true })
    else for (const tag of ours) await docker.getImage(tag).remove()
  }
}
