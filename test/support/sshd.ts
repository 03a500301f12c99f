import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { freePort } from './registry'

/**
 * A real OpenSSH server for the ssh:// transport tests: its own host key, on a
 * free 127.0.0.1 port, letting one test user in with keys the test chooses. That
 * user's `docker system dial-stdio` reaches the suite's private daemon through
 * DOCKER_HOST, which sshd sets for the session (SetEnv).
 */
export interface TestSshServer {
  port: number
  user: string
  /** The host key's public half, as in a .pub file ("ssh-ed25519 AAAA... comment"). */
  hostPublicKey: string
  hostPublicKeyPath: string
  /** What `ssh-keygen -lf` prints for the host key: SHA256:... */
  hostFingerprint: string
  /** The server's second host key (ECDSA), which a client prefers only when known_hosts knows it. */
  hostEcdsaPublicKey: string
  /** Replaces the keys the test user may log in with (public halves, one per line). */
  authorize(publicKeys: string[]): void
  log(): string
  stop(): Promise<void>
}

export const SSH_TEST_USER = 'strata-ssh-test'

/** Says what is missing to run the ssh tests, or null when nothing is. */
export function sshdPrerequisiteProblem(): string | null {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'the ssh tests start sshd and add a user: run them as root.'
  if (spawnSync('/usr/sbin/sshd', ['-V']).error !== undefined) return 'sshd is missing: apt-get install -y --no-install-recommends openssh-server'
  return null
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' })
  if (result.error !== undefined || result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || String(result.error)}`)
  return result.stdout
}

/** A key pair made by ssh-keygen (the real thing, in OpenSSH's own format); passphrase '' for none. */
export function generateKey(path: string, type: 'ed25519' | 'ecdsa' | 'rsa' = 'ed25519', passphrase = ''): { privateKey: string; publicKey: string } {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  rmSync(path, { force: true })
  rmSync(`${path}.pub`, { force: true })
  run('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-C', 'strata-test', '-f', path])
  return { privateKey: readFileSync(path, 'utf8'), publicKey: readFileSync(`${path}.pub`, 'utf8').trim() }
}

/** The fingerprint field of `ssh-keygen -lf file`: the oracle the error's fingerprint must equal. */
export function sshKeygenFingerprint(publicKeyPath: string): string {
  const field = run('ssh-keygen', ['-lf', publicKeyPath]).split(' ')[1]
  if (field === undefined) throw new Error(`ssh-keygen -lf ${publicKeyPath} printed no fingerprint`)
  return field
}

function ensureTestUser(): void {
  if (spawnSync('id', [SSH_TEST_USER]).status !== 0) run('useradd', ['-m', '-s', '/bin/sh', SSH_TEST_USER])
  // useradd leaves the password field '!' (locked), and sshd without PAM refuses locked accounts even for keys; '*' allows keys only.
  run('usermod', ['-p', '*', SSH_TEST_USER])
}


/** Opens the private daemon's socket (and the folders above it) to the test user; undone by the returned function. */
function openSocketTo(socketPath: string): () => void {
  const changed: { path: string; mode: number }[] = []
  const widen = (path: string, bits: number): void => {
    const mode = statSync(path).mode & 0o7777
    if ((mode & bits) === bits) return
    changed.push({ path, mode })
    chmodSync(path, mode | bits)
  }
  // Folders need search (x) for others; the socket needs read and write.
  for (let folder = dirname(socketPath); folder !== '/'; folder = dirname(folder)) widen(folder, 0o001)
  widen(socketPath, 0o006)
  return () => {
    for (const { path, mode } of changed.reverse()) chmodSync(path, mode)
  }
}

export async function startTestSshd(dockerSocket: string): Promise<TestSshServer> {
  const problem = sshdPrerequisiteProblem()
  if (problem !== null) throw new Error(problem)
  ensureTestUser()
  // sshd insists on its privilege separation folder, which only a boot (tmpfiles) creates.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })
  const root = mkdtempSync(join(tmpdir(), 'strata-sshd-'))
  chmodSync(root, 0o755)
  const hostKeyPath = join(root, 'host_ed25519')
  const hostKey = generateKey(hostKeyPath)
  const ecdsaHostKeyPath = join(root, 'host_ecdsa')
  const ecdsaHostKey = generateKey(ecdsaHostKeyPath, 'ecdsa')
  const authorizedKeys = join(root, 'authorized_keys')
  writeFileSync(authorizedKeys, '', { mode: 0o644 })
  const port = await freePort()
  const configPath = join(root, 'sshd_config')
  writeFileSync(
    configPath,
    [
      `Port ${String(port)}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyPath}`,
      `HostKey ${ecdsaHostKeyPath}`,
      `PidFile ${join(root, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      // The keys file lives under /tmp (world-writable): StrictModes would refuse it.
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      `AllowUsers ${SSH_TEST_USER}`,
      `SetEnv DOCKER_HOST=unix://${dockerSocket}`,
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  )
  const restoreSocket = openSocketTo(dockerSocket)
  let log = ''
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] })
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    resolve()
  }))
  const deadline = Date.now() + 15_000
  while (!log.includes('Server listening on')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL')
      restoreSocket()
      throw new Error(`sshd did not start; its log:\n${log}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {
    port,
    user: SSH_TEST_USER,
    hostPublicKey: hostKey.publicKey,
    hostPublicKeyPath: `${hostKeyPath}.pub`,
    hostFingerprint: sshKeygenFingerprint(`${hostKeyPath}.pub`),
    hostEcdsaPublicKey: ecdsaHostKey.publicKey,
    authorize(publicKeys) {
      writeFileSync(authorizedKeys, publicKeys.map((key) => `${key}\n`).join(''))
    },
    log: () => log,
    async stop() {
      child.kill('SIGTERM')
      await exited
      restoreSocket()
      rmSync(root, { recursive: true, force: true })
    },
  }
}

/** A real ssh-agent on a socket of its own, holding the keys given; stop() ends it. */
export async function startSshAgent(folder: string, keyPaths: string[]): Promise<{ socket: string; stop(): void }> {
  const socket = join(folder, 'agent.sock')
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' })
  const deadline = Date.now() + 10_000
  while (spawnSync('ssh-add', ['-l'], { env: { SSH_AUTH_SOCK: socket } }).status === 2) {
    if (Date.now() > deadline || agent.exitCode !== null) {
      agent.kill('SIGKILL')
      throw new Error('ssh-agent did not start')
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  for (const path of keyPaths) {
    const added = spawnSync('ssh-add', [path], { env: { SSH_AUTH_SOCK: socket }, encoding: 'utf8' })
    if (added.status !== 0) throw new Error(`ssh-add ${path} failed: ${added.stderr}`)
  }
  return {
    socket,
    stop: () => {
      agent.kill('SIGTERM')
    },
  }
}
