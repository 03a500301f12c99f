import { randomBytes } from 'node:crypto'
import type { Duplex } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { failure } from '../../../../shared/errors'
import { problem } from '../../../../shared/problems'
import type { StreamInput } from '../../../../shared/stream-contract'
import type { TerminalMessage } from '../../../../shared/streams'
import type { Exec } from 'dockerode'
import type { EngineConnection } from '../../engine/connection'
import type { OpenSource } from '../../streams/stream-source'

/** The shells a terminal looks for, most capable first (busybox images have /bin/sh and /bin/ash only). */
export const SHELLS = ['/bin/bash', '/bin/sh', '/bin/ash'] as const

/** Whether the container has a file at `path` (HEAD /containers/{id}/archive, which also reads a stopped container's files). */
async function hasFile(connection: EngineConnection, id: string, path: string): Promise<boolean> {
  try {
    await connection.docker.getContainer(id).infoArchive({ path })
    return true
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode === 404) return false
    throw error
  }
}

/**
 * containers.terminal: `docker exec -it CONTAINER SHELL` over a hijacked connection.
 * Closing the stream closes that connection; the engine then ends the shell (its TTY
 * hangs up), so no exec session outlives the tab that opened it.
 */
export const openTerminal: OpenSource<StreamInput<'containers.terminal'>> = async (connection, input, events) => {
  const container = connection.docker.getContainer(input.id)
  const inspected = await container.inspect()
  const name = inspected.Name.replace(/^\//, '')
  if (!inspected.State.Running) {
    throw failure('CONFLICT', problem('container.terminalNotRunning', { name }), { id: inspected.Id, status: inspected.State.Status })
  }
  let shell: string | undefined = input.shell
  if (shell === undefined) {
    for (const candidate of SHELLS) {
      if (await hasFile(connection, inspected.Id, candidate)) {
        shell = candidate
        break
      }
    }
  }
  if (shell === undefined) {
    throw failure('NOT_FOUND', problem('container.noShell', { name, shells: SHELLS.join(', ') }), { id: inspected.Id, looked: SHELLS.join(', ') })
  }
  // Every process of this terminal inherits the mark, which lets close() find them (see endSession).
  const mark = `STRATA_TERMINAL=${randomBytes(12).toString('hex')}`
  const exec = await container.exec({ Cmd: [shell], AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true, Env: ['TERM=xterm-256color', mark] })
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true }))
  const resize = async (cols: number, rows: number): Promise<void> => {
    await exec.resize({ h: rows, w: cols })
  }
  events.opened({ shell, execId: exec.id })
  // The engine sizes a new TTY 80x24; the pane's size follows at once.
  await resize(input.cols, input.rows).catch(() => undefined)
  const decoder = new StringDecoder('utf8')
  stream.on('data', (chunk: Buffer) => {
    const data = decoder.write(chunk)
    if (data !== '') events.data({ data }, chunk.length)
  })
  stream.on('end', () => {
    events.end(null)
  })
  stream.on('close', () => {
    events.end(null)
  })
  stream.on('error', (error) => {
    events.end(error)
  })
  return {
    pause: () => stream.pause(),
    resume: () => stream.resume(),
    send: async (message) => {
      const terminal = message as TerminalMessage
      if (terminal.kind === 'resize') await resize(terminal.cols, terminal.rows)
      else stream.write(terminal.data)
    },
    close: async () => {
      await endSession(connection, inspected.Id, shell, exec, stream, mark).catch(() => undefined)
      stream.destroy()
    },
  }
}

const running = async (exec: Exec): Promise<boolean> => (await exec.inspect()).Running

async function waitWhileRunning(exec: Exec, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (await running(exec)) {
    if (Date.now() > deadline) return true
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return false
}

/**
 * The engine keeps an exec running after its connection closes (its TTY does not hang
 * up), so closing a terminal ends the session itself: Ctrl-C and Ctrl-D end a shell at
 * its prompt; whatever still runs (a shell with a line typed, a program in front) gets
 * SIGHUP, as a closed terminal window would send, from a second exec that finds every
 * process carrying this terminal's mark in its environment. That exec changes no file.
 */
async function endSession(connection: EngineConnection, id: string, shell: string, exec: Exec, stream: Duplex, mark: string): Promise<void> {
  if (!stream.destroyed) stream.write('\x03\x04')
  if (!(await waitWhileRunning(exec, 500))) return
  const script = `for e in /proc/[0-9]*/environ; do if grep -q "${mark}" "$e" 2>/dev/null; then p=\${e#/proc/}; kill -HUP \${p%/environ} 2>/dev/null; fi; done`
  const hangUp = await connection.docker.getContainer(id).exec({ Cmd: [shell, '-c', script], AttachStdout: false, AttachStderr: false })
  await hangUp.start({ Detach: true })
  if (!(await waitWhileRunning(exec, 1000))) return
  // A program that ignores SIGHUP: what kill -9 would do from a terminal of its own.
  const kill = await connection.docker.getContainer(id).exec({ Cmd: [shell, '-c', script.replace('kill -HUP', 'kill -KILL')], AttachStdout: false, AttachStderr: false })
  await kill.start({ Detach: true })
  await waitWhileRunning(exec, 1000)
}
