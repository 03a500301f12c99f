import { spawn, spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { Leftovers } from '../support/containers'
import { FIXTURES } from '../support/fixtures'
import { privateDocker } from '../support/engine'
import { runStrata, type CliRun } from '../support/strata-cli'

// `strata logs` against the private dockerd, with `docker logs` as the oracle: the same
// bytes on the same streams, --tail and --timestamps, -f until Ctrl+C, and its errors.

const docker = privateDocker()
const leftovers = new Leftovers(docker)
afterAll(async () => {
  await leftovers.clean()
})

const strata = (...args: string[]): Promise<CliRun> => runStrata([...args, '--host', inject('dockerHost')])

function dockerLogs(...args: string[]): CliRun {
  const ran = spawnSync('docker', ['--host', inject('dockerHost'), 'logs', ...args], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '' } })
  return { code: ran.status ?? -1, stdout: ran.stdout, stderr: ran.stderr }
}

/** Runs `script` in a container named `name` and waits for it to exit. */
async function exited(name: string, script: string): Promise<string> {
  const container = await docker.createContainer({ Image: FIXTURES.base.tag, name, Cmd: ['sh', '-c', script] })
  leftovers.container(container.id)
  await container.start()
  await container.wait()
  return container.id
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((done) => setTimeout(done, 50))
  }
}

const BOTH_STREAMS = 'echo out 1; echo err 1 >&2; echo out 2; seq 1 2000; echo "err 2: ünïcode" >&2; printf "no newline"; printf "err without newline" >&2'

describe('strata logs', () => {
  it('prints stdout to stdout and stderr to stderr exactly as docker logs does', async () => {
    await exited('logs-both', BOTH_STREAMS)
    const run = await strata('logs', 'logs-both')
    const oracle = dockerLogs('logs-both')
    expect(run.code).toBe(0)
    expect(oracle.code).toBe(0)
    expect(run.stdout).toBe(oracle.stdout)
    expect(run.stderr).toBe(oracle.stderr)
    expect(run.stderr).toBe('err 1\nerr 2: ünïcode\nerr without newline')
    expect(run.stdout.startsWith('out 1\nout 2\n1\n2\n')).toBe(true)
    expect(run.stdout.endsWith('2000\nno newline')).toBe(true)
  })

  it('--tail and --timestamps (-t) give what docker logs gives', async () => {
    // The engine copies each stream on its own: the pause puts stderr's line first in the log for sure.
    await exited('logs-tail', 'echo on-stderr >&2; sleep 0.3; seq 1 50')
    const tail = await strata('logs', '--tail', '3', 'logs-tail')
    expect(tail).toEqual({ code: 0, ...pick(dockerLogs('--tail', '3', 'logs-tail')) })
    expect(tail.stdout).toBe('48\n49\n50\n')
    expect(tail.stderr).toBe('')
    const stamped = await strata('logs', '-t', '--tail', 'all', 'logs-tail')
    expect(stamped).toEqual({ code: 0, ...pick(dockerLogs('-t', 'logs-tail')) })
    expect(stamped.stdout.split('\n')[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z 1$/)
    expect(stamped.stderr).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z on-stderr\n$/)
    expect((await strata('logs', '--tail', '0', 'logs-tail')).stdout).toBe('')
    // A time after the container ended: nothing; a duration back from now covers all of it.
    expect(await strata('logs', '--since', String(Math.floor(Date.now() / 1000) + 60), 'logs-tail')).toEqual({ code: 0, stdout: '', stderr: '' })
    expect((await strata('logs', '--since', '10m', 'logs-tail')).stdout.split('\n').length).toBe(51)
  })

  it('-f prints lines written after it started, until Ctrl+C ends it with exit 130', async () => {
    const container = await docker.createContainer({ Image: FIXTURES.base.tag, name: 'logs-follow', Cmd: ['sh', '-c', 'echo before; while [ ! -e /go ]; do sleep 0.1; done; echo after >&2; echo after-out; sleep 600'] })
    leftovers.container(container.id)
    await container.start()
    const child = spawn('node', [resolve('bin/strata.js'), 'logs', '-f', 'logs-follow', '--host', inject('dockerHost')], { env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exit = new Promise<number | null>((done) => {
      child.on('exit', done)
    })
    await until(() => stdout === 'before\n', 'the line written before')
    const exec = await container.exec({ Cmd: ['touch', '/go'] })
    await exec.start({})
    await until(() => stdout === 'before\nafter-out\n' && stderr === 'after\n', 'the lines written after -f started')
    child.kill('SIGINT')
    expect(await exit).toBe(130)
    expect(stdout).toBe('before\nafter-out\n')
    expect(stderr).toBe('after\n')
  })

  it('a container that does not exist exits 1 with one line', async () => {
    const run = await strata('logs', 'no-such-container')
    expect(run).toMatchObject({ code: 1, stdout: '' })
    // The engine's own words, as docker logs prints them.
    expect(run.stderr).toBe('strata: No such container: no-such-container\n')
  })

  it('usage mistakes exit 2 with the reason and the usage text', async () => {
    const cases: [string[], string][] = [
      [['logs'], 'strata: logs takes one container'],
      [['logs', 'a', 'b'], 'strata: logs takes one container, not 2 arguments'],
      [['logs', '--tail', 'lots', 'a'], 'strata: --tail takes a number of lines (0 to 10000000) or "all", not "lots"'],
      [['logs', '--since', 'yesterday', 'a'], 'strata: --since takes a duration (10m, 1h30m), Unix seconds or an RFC 3339 time such as 2026-12-04T10:00:00Z, not "yesterday"'],
      [['logs', '--json', 'a'], "strata: Unknown option '--json'"],
    ]
    for (const [args, first] of cases) {
      const run = await strata(...args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr.split('\n')[0]).toContain(first)
      expect(run.stderr).toContain('Usage: strata <command>')
    }
  })
})

function pick(run: CliRun): { stdout: string; stderr: string } {
  return { stdout: run.stdout, stderr: run.stderr }
}
