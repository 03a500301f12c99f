import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startService } from './service-process'

/** A Podman Docker-compatible service of the test run's own: storage, state and socket in a temp folder. */
export interface PrivatePodman {
  socketPath: string
  /** unix://… for Strata's --host */
  host: string
  /** Runs the podman CLI on the same storage (to arrange state as a user would). */
  podman(...args: string[]): string
  stop(): Promise<void>
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const asked = request({ socketPath, path: '/_ping' }, (response) => {
      response.resume()
      resolve(response.statusCode === 200)
    })
    asked.on('error', () => {
      resolve(false)
    })
    asked.end()
  })
}

/**
 * `podman system service` on a private socket. vfs storage needs nothing of the kernel;
 * cgroupfs and file events need no systemd. The default ulimits are lowered because
 * runc may not raise nofile/nproc to Podman's defaults inside a container sandbox.
 */
export async function startPrivatePodman(): Promise<PrivatePodman> {
  const root = mkdtempSync(join(tmpdir(), 'strata-podman-'))
  const socketPath = join(root, 'podman.sock')
  const conf = join(root, 'containers.conf')
  writeFileSync(conf, '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]\n')
  const global = ['--root', join(root, 'storage'), '--runroot', join(root, 'run'), '--tmpdir', join(root, 'tmp'), '--storage-driver', 'vfs', '--cgroup-manager', 'cgroupfs', '--events-backend', 'file']
  const env = { ...process.env, CONTAINERS_CONF: conf }
  const service = startService('podman', [...global, 'system', 'service', '--time=0', `unix://${socketPath}`], join(root, 'service.log'), env)
  await service.waitUntil(() => ping(socketPath), 20_000)
  const podman = (...args: string[]): string => {
    const result = spawnSync('podman', [...global, ...args], { env, encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`podman ${args.join(' ')} failed: ${result.stderr}${result.error?.message ?? ''}`)
    return result.stdout.trim()
  }
  return {
    socketPath,
    host: `unix://${socketPath}`,
    podman,
    stop: async () => {
      await service.stop()
      // Not `podman system reset`: it also clears networks outside this folder.
      rmSync(root, { recursive: true, force: true })
    },
  }
}

/**
 * The Podman fixture: FROM scratch with the static busybox, a layer that writes a 512 KiB
 * file, and one that deletes it (a whiteout) and rewrites another, built offline.
 */
export function buildPodmanFixture(podman: PrivatePodman, tag: string): string {
  const context = mkdtempSync(join(tmpdir(), 'strata-podman-context-'))
  try {
    mkdirSync(join(context, 'bin'))
    copyFileSync('/bin/busybox', join(context, 'bin', 'busybox'))
    writeFileSync(
      join(context, 'Containerfile'),
      [
        'FROM scratch',
        'COPY bin/busybox /bin/busybox',
        'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
        'RUN mkdir -p /data && echo hello > /data/a && dd if=/dev/zero of=/data/big bs=1024 count=512',
        'RUN rm /data/big && echo changed > /data/a',
        'CMD ["/bin/sh"]',
        '',
      ].join('\n'),
    )
    podman.podman('build', '-q', '--network', 'none', '-t', tag, context)
    return podman.podman('image', 'inspect', '--format', '{{.Id}}', tag)
  } finally {
    rmSync(context, { recursive: true, force: true })
  }
}
