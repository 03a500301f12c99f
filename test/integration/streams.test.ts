import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { WebSocket } from 'ws'
import type { StrataCore } from '../../electron/core/api/core'
import type { OpenStream } from '../../electron/core/streams/stream-hub'
import { startHost, type RunningHost } from '../../electron/host/server'
import type { WireError } from '../../shared/errors'
import { STREAM_WINDOW_BYTES, type LogBatch, type StatsSample, type StreamName } from '../../shared/streams'
import { privateCore } from '../support/engine'
import { BUSYBOX, FIXTURES } from '../support/fixtures'

// Streams against the private dockerd: logs (both streams, in order, followed, held back
// by unacknowledged bytes), stats, and a terminal whose size and closing reach the exec.
// Through the core, and through the browser host's WebSocket at /api/streams.

const docker = new Docker({ socketPath: inject('dockerSocket') })
const made: string[] = []
let core: StrataCore
let host: RunningHost
const NO_SHELL_TAG = 'strata-test/no-shell:1'

interface Collected {
  opened: unknown
  chunks: unknown[]
  bytes: number
  ended: Promise<WireError | null>
  stream: OpenStream
}

/** Opens a stream on the core and collects what it sends; acks nothing unless told to. */
function collect(name: StreamName, input: unknown, options: { ack?: boolean } = {}): Collected {
  const collected = { opened: null, chunks: [] as unknown[], bytes: 0 } as Collected
  let finish: (error: WireError | null) => void = () => undefined
  collected.ended = new Promise((resolve) => {
    finish = resolve
  })
  collected.stream = core.openStream(name, input, {
    opened: (info) => {
      collected.opened = info
    },
    data: (chunk, bytes) => {
      collected.chunks.push(chunk)
      collected.bytes += bytes
      if (options.ack === true) collected.stream.ack(bytes)
    },
    end: finish,
  })
  return collected
}

function logText(chunks: unknown[], stream?: 'stdout' | 'stderr'): string {
  return (chunks as LogBatch[])
    .flatMap((batch) => batch.entries)
    .filter((entry) => stream === undefined || entry.stream === stream)
    .map((entry) => entry.text)
    .join('')
}

async function runContainer(cmd: string[], image: string = FIXTURES.base.tag, tty = false): Promise<string> {
  const container = await docker.createContainer({ Image: image, Cmd: cmd, Tty: tty, OpenStdin: tty })
  made.push(container.id)
  await container.start()
  return container.id
}

function dockerLogs(id: string): { stdout: string; stderr: string } {
  const ran = spawnSync('docker', ['--host', inject('dockerHost'), 'logs', id], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { stdout: ran.stdout, stderr: ran.stderr }
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

beforeAll(async () => {
  core = privateCore()
  host = await startHost({ core, staticRoot: 'out/renderer', port: 0 })
  // An image with busybox at /tools/busybox and no shell at any of the paths a terminal looks for.
  const folder = mkdtempSync(join(tmpdir(), 'strata-no-shell-'))
  mkdirSync(join(folder, 'tools'))
  copyFileSync(BUSYBOX, join(folder, 'tools', 'busybox'))
  const imported = spawnSync('sh', ['-c', `tar -C "${folder}" -c tools | docker --host "${inject('dockerHost')}" import - ${NO_SHELL_TAG}`], { encoding: 'utf8' })
  rmSync(folder, { recursive: true, force: true })
  if (imported.status !== 0) throw new Error(imported.stderr)
}, 60_000)

afterAll(async () => {
  for (const id of made) await docker.getContainer(id).remove({ force: true }).catch(() => undefined)
  await docker.getImage(NO_SHELL_TAG).remove({ force: true }).catch(() => undefined)
  await host.close()
  await core.close()
})

describe('containers.logs', () => {
  it('reads stdout and stderr apart and in order, as docker logs does', async () => {
    const id = await runContainer(['sh', '-c', 'echo out-1; sleep 0.1; echo err-1 >&2; sleep 0.1; echo out-2; sleep 0.1; printf "π ✓\\n" >&2'])
    await until(async () => !(await docker.getContainer(id).inspect()).State.Running, 'the container to exit')
    const read = collect('containers.logs', { id }, { ack: true })
    expect(await read.ended).toBeNull()
    expect(read.opened).toEqual({ tty: false })
    const entries = (read.chunks as LogBatch[]).flatMap((batch) => batch.entries)
    expect(entries.map((entry) => `${entry.stream}:${entry.text}`).join('')).toBe('stdout:out-1\nstderr:err-1\nstdout:out-2\nstderr:π ✓\n')
    const cli = dockerLogs(id)
    expect(logText(read.chunks, 'stdout')).toBe(cli.stdout)
    expect(logText(read.chunks, 'stderr')).toBe(cli.stderr)
    expect(core.openStreams).toBe(0)
  })

  it('follows new lines until closed, then leaves no stream open', async () => {
    const id = await runContainer(['sh', '-c', 'i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.1; done'])
    const follow = collect('containers.logs', { id, follow: true, timestamps: true }, { ack: true })
    await until(() => logText(follow.chunks).includes('tick-5'), 'six ticks')
    expect(logText(follow.chunks)).toMatch(/^\d{4}-\d{2}-\d{2}T\S+Z tick-0\n/)
    expect(core.openStreams).toBe(1)
    follow.stream.close()
    expect(await follow.ended).toBeNull()
    expect(core.openStreams).toBe(0)
  })

  it('stops reading while the client has not acknowledged a window of bytes, and reads on when it does', async () => {
    // About 6 MB of log: several windows.
    const id = await runContainer(['sh', '-c', 'i=0; while [ $i -lt 60000 ]; do echo "line $i ................................................................................"; i=$((i+1)); done'])
    await until(async () => !(await docker.getContainer(id).inspect()).State.Running, 'the container to exit', 60_000)
    const held = collect('containers.logs', { id })
    await until(() => held.bytes > STREAM_WINDOW_BYTES, 'a window of bytes')
    await new Promise((resolve) => setTimeout(resolve, 500))
    // Paused: what came is the window and what was in flight when the source paused, not the whole log.
    const whileHeld = held.bytes
    expect(whileHeld).toBeLessThan(STREAM_WINDOW_BYTES * 2)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(held.bytes).toBe(whileHeld)
    let acked = 0
    await until(() => {
      if (acked < held.bytes) {
        held.stream.ack(held.bytes - acked)
        acked = held.bytes
      }
      return logText(held.chunks).includes('line 59999 ')
    }, 'the rest once acknowledged', 60_000)
    expect(await held.ended).toBeNull()
    expect(logText(held.chunks)).toBe(dockerLogs(id).stdout)
  })

  it('refuses bad input before the engine is asked, and says when the container does not exist', async () => {
    for (const input of [{}, { id: '' }, { id: 'x', follow: 'yes' }, { id: 'x', since: 'yesterday' }, { id: 'x', extra: 1 }, null, 'x']) {
      const refused = collect('containers.logs', input)
      expect(await refused.ended, JSON.stringify(input)).toMatchObject({ code: 'INVALID_INPUT' })
    }
    expect(await collect('containers.logs', { id: 'strata-no-such-container' }).ended).toMatchObject({ code: 'NOT_FOUND' })
    expect(core.openStreams).toBe(0)
  })
})

describe('containers.stats', () => {
  it('sends docker stats figures each second and stops when closed', async () => {
    const id = await runContainer(['sleep', '300'])
    const stats = collect('containers.stats', { id }, { ack: true })
    await until(() => stats.chunks.length >= 2, 'two samples', 15_000)
    expect(stats.opened).toEqual({ running: true })
    const sample = stats.chunks[1] as StatsSample
    expect(sample.memoryBytes).toBeGreaterThan(0)
    expect(sample.memoryLimitBytes).toBeGreaterThan(sample.memoryBytes)
    expect(sample.pids).toBe(1)
    expect(sample.cpuPercent).not.toBeNull()
    stats.stream.close()
    expect(await stats.ended).toBeNull()
    expect(core.openStreams).toBe(0)
  })
})

describe('containers.terminal', () => {
  function output(collected: Collected): string {
    return (collected.chunks as { data: string }[]).map((chunk) => chunk.data).join('')
  }

  it('runs the container’s shell with the pane’s size, follows a resize, and ends the exec when closed', async () => {
    const id = await runContainer(['sleep', '300'])
    const terminal = collect('containers.terminal', { id, cols: 100, rows: 30 }, { ack: true })
    await until(() => terminal.opened !== null, 'the terminal to open')
    const { shell, execId } = terminal.opened as { shell: string; execId: string }
    expect(shell).toBe('/bin/sh')
    terminal.stream.send({ kind: 'input', data: 'stty size\n' })
    await until(() => output(terminal).includes('30 100'), 'stty to answer 30 100')
    terminal.stream.send({ kind: 'resize', cols: 120, rows: 40 })
    await new Promise((resolve) => setTimeout(resolve, 200))
    terminal.stream.send({ kind: 'input', data: 'stty size; echo made-here > /made\n' })
    await until(() => output(terminal).includes('40 120'), 'stty to answer 40 120')
    expect((await docker.getExec(execId).inspect()).Running).toBe(true)
    terminal.stream.close()
    expect(await terminal.ended).toBeNull()
    await until(async () => !(await docker.getExec(execId).inspect()).Running, 'the exec session to end')
    expect(core.openStreams).toBe(0)
    const changes = (await docker.getContainer(id).changes()) as { Path: string; Kind: number }[]
    expect(changes).toContainEqual({ Path: '/made', Kind: 1 })
  })

  it('ends the session on close even when what runs in it ignores Ctrl-C, or also the hang-up', async () => {
    const id = await runContainer(['sleep', '300'])
    for (const ignored of ['INT', 'INT HUP']) {
      const terminal = collect('containers.terminal', { id, cols: 80, rows: 24 }, { ack: true })
      await until(() => terminal.opened !== null, 'the terminal to open')
      terminal.stream.send({ kind: 'input', data: `trap '' ${ignored}; while true; do sleep 1; done\n` })
      await new Promise((resolve) => setTimeout(resolve, 500))
      const { execId } = terminal.opened as { execId: string }
      terminal.stream.close()
      await until(async () => !(await docker.getExec(execId).inspect()).Running, `the exec ignoring ${ignored} to end`)
      // Nothing of the terminal is left running in the container: only its own sleep.
      const top = (await docker.getContainer(id).top()) as { Processes: string[][] }
      expect(top.Processes.map((row) => row.at(-1)), ignored).toEqual(['sleep 300'])
    }
  })

  it('says when the container is not running, has no shell, or a message is not a terminal message', async () => {
    const stopped = await docker.createContainer({ Image: FIXTURES.base.tag, Cmd: ['true'] })
    made.push(stopped.id)
    const notRunning = await collect('containers.terminal', { id: stopped.id, cols: 80, rows: 24 }).ended
    expect(notRunning).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('is not running: start it to open a terminal') as unknown })
    const noShell = await runContainer(['/tools/busybox', 'sleep', '300'], NO_SHELL_TAG)
    const missing = await collect('containers.terminal', { id: noShell, cols: 80, rows: 24 }).ended
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('has no shell: none of /bin/bash, /bin/sh, /bin/ash') as unknown })
    const running = await runContainer(['sleep', '300'])
    const terminal = collect('containers.terminal', { id: running, cols: 80, rows: 24 })
    await until(() => terminal.opened !== null, 'the terminal to open')
    terminal.stream.send({ kind: 'resize', cols: 0, rows: 24 })
    expect(await terminal.ended).toMatchObject({ code: 'INVALID_INPUT' })
    const { execId } = terminal.opened as { execId: string }
    await until(async () => !(await docker.getExec(execId).inspect()).Running, 'the refused terminal’s exec to end')
    expect(core.openStreams).toBe(0)
  })
})

describe('streams over the browser host', () => {
  function socket(): WebSocket {
    return new WebSocket(`ws://127.0.0.1:${String(host.port)}/api/streams`, { headers: { host: `127.0.0.1:${String(host.port)}`, authorization: `Bearer ${host.token}` } })
  }

  async function conversation(sent: unknown[], until: (messages: Record<string, unknown>[]) => boolean = (messages) => messages.some((message) => message.op === 'end')): Promise<{ messages: Record<string, unknown>[]; code: number }> {
    const ws = socket()
    const messages: Record<string, unknown>[] = []
    return new Promise((resolve, reject) => {
      ws.on('open', () => {
        for (const message of sent) ws.send(typeof message === 'string' ? message : JSON.stringify(message))
      })
      ws.on('message', (data: Buffer) => {
        messages.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>)
        if (until(messages) && ws.readyState === ws.OPEN) ws.close(1000)
      })
      ws.on('close', (code) => {
        resolve({ messages, code })
      })
      ws.on('error', reject)
    })
  }

  it('carries a log stream, acknowledged, to its end', async () => {
    const id = await runContainer(['sh', '-c', 'echo over-the-socket; sleep 0.1; echo to-stderr >&2'])
    await until(async () => !(await docker.getContainer(id).inspect()).State.Running, 'the container to exit')
    const { messages } = await conversation([{ op: 'open', stream: 'containers.logs', input: { id } }])
    expect(messages[0]).toEqual({ op: 'opened', info: { tty: false } })
    expect(messages.filter((message) => message.op === 'data').flatMap((message) => (message.chunk as LogBatch).entries)).toEqual([
      { stream: 'stdout', text: 'over-the-socket\n' },
      { stream: 'stderr', text: 'to-stderr\n' },
    ])
    expect(messages.at(-1)).toEqual({ op: 'end', error: null })
  })

  it('answers malformed messages with INVALID_INPUT and 1008, and closing the socket closes the stream', async () => {
    for (const sent of [['not json'], [{ op: 'dance' }], [{ op: 'ack', bytes: 5 }], [{ op: 'open', stream: 'containers.nothing', input: {} }], [{ op: 'ack', bytes: -1 }]]) {
      const { messages, code } = await conversation(sent)
      expect(messages.at(-1), JSON.stringify(sent)).toMatchObject({ op: 'end', error: { code: 'INVALID_INPUT' } })
      expect(code).toBe(1008)
    }
    const id = await runContainer(['sleep', '300'])
    const { messages } = await conversation([{ op: 'open', stream: 'containers.stats', input: { id } }], (received) => received.some((message) => message.op === 'data'))
    expect(messages[0]).toEqual({ op: 'opened', info: { running: true } })
    await until(() => core.openStreams === 0, 'the stream of the closed socket to close')
    // The host is still up and answers.
    const after = await conversation([{ op: 'open', stream: 'containers.logs', input: { id: 'strata-no-such-container' } }])
    expect(after.messages.at(-1)).toMatchObject({ op: 'end', error: { code: 'NOT_FOUND' } })
  })
})
