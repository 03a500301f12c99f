import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'

export interface PrivateDaemon {
  socketPath: string
  host: string
  root: string
  logPath: string
  /** Stops dockerd; unless `keepFiles`, unmounts and removes everything under the root. */
  stop(options?: { keepFiles?: boolean }): Promise<void>
}

/** Says in one line what is missing to run tests against a real engine, or null when nothing is. */
export function daemonPrerequisiteProblem(): string | null {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return 'integration and e2e tests start a private dockerd and need root: run `sudo npm test`.'
  }
  const found = spawnSync('dockerd', ['--version'], { encoding: 'utf8' })
  if (found.error !== undefined || found.status !== 0) {
    return 'dockerd is not installed: `sudo apt-get install docker.io` (integration and e2e tests start a private dockerd).'
  }
  return null
}

/**
 * Starts a dockerd of our own: its own data root, exec root, pidfile and socket
 * under a temp folder, no bridge, no iptables. It never touches /var/run/docker.sock.
 * `extraArgs` are added to dockerd's command line (e.g. a second --host).
 */
export async function startPrivateDaemon(options: { root?: string; extraArgs?: string[] } = {}): Promise<PrivateDaemon> {
  const problem = daemonPrerequisiteProblem()
  if (problem !== null) throw new Error(problem)
  // Passing the root of a stopped daemon starts it again on the same socket and data.
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'strata-dockerd-'))
  const socketPath = join(root, 'docker.sock')
  const logPath = join(root, 'dockerd.log')
  const log = openSync(logPath, 'a')
  // An empty config file keeps the host's /etc/docker/daemon.json out of the test daemon.
  writeFileSync(join(root, 'daemon.json'), '{}\n')
  const child: ChildProcess = spawn(
    'dockerd',
    [
      `--data-root=${join(root, 'data')}`,
      `--exec-root=${join(root, 'exec')}`,
      `--pidfile=${join(root, 'dockerd.pid')}`,
      `--host=unix://${socketPath}`,
      '--bridge=none',
      '--iptables=false',
      '--ip6tables=false',
      '--ip-masq=false',
      `--config-file=${join(root, 'daemon.json')}`,
      // More listeners (a tcp host with --tlsverify and its certificates); the unix socket stays, for the readiness check.
      ...(options.extraArgs ?? []),
    ],
    { stdio: ['ignore', log, log], detached: false, env: { ...process.env, DOCKER_HOST: '' } },
  )
  const status = { exited: false }
  child.on('exit', () => {
    status.exited = true
  })

  const docker = new Docker({ socketPath })
  const deadline = Date.now() + 60_000
  for (;;) {
    if (status.exited) throw new Error(`dockerd exited during start-up; its log:\n${readFileSync(logPath, 'utf8').slice(-4000)}`)
    if (existsSync(socketPath)) {
      try {
        await docker.ping()
        break
      } catch {
        // not answering yet
      }
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`dockerd did not answer within 60 s; its log:\n${readFileSync(logPath, 'utf8').slice(-4000)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }

  return {
    socketPath,
    host: `unix://${socketPath}`,
    root,
    logPath,
    stop: async (stopOptions = {}) => {
      if (!status.exited) {
        child.kill('SIGTERM')
        let timer: NodeJS.Timeout | undefined
        const stopped = await Promise.race([
          new Promise<boolean>((resolve) => {
            child.once('exit', () => {
              resolve(true)
            })
          }),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => {
              resolve(false)
            }, 20_000)
          }),
        ])
        clearTimeout(timer)
        if (!stopped) child.kill('SIGKILL')
      }
      if (stopOptions.keepFiles === true) return
      // Overlay mounts under the data root must go before the files can.
      spawnSync('sh', ['-c', `grep -F ${JSON.stringify(root)} /proc/mounts | cut -d' ' -f2 | sort -r | xargs -r -n1 umount -l`])
      rmSync(root, { recursive: true, force: true, maxRetries: 3 })
    },
  }
}

/**
 * Makes the engine vanish at once, as when it crashes or its VM stops: dockerd and the
 * containerd it started are killed by their pid files (a pattern would also match a
 * client's --host). A daemon shutting down gracefully still answers, with a 500 per
 * request, which is another story. Start it again with startPrivateDaemon({ root }).
 */
export async function crashDaemon(daemon: PrivateDaemon): Promise<void> {
  const containerdPid = join(daemon.root, 'exec', 'containerd', 'containerd.pid')
  for (const pidFile of [join(daemon.root, 'dockerd.pid'), containerdPid]) process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGKILL')
  await daemon.stop({ keepFiles: true })
  // The killed containerd may linger as a zombie nobody reaps; its pid file would make the next dockerd wait for it.
  rmSync(containerdPid, { force: true })
}
