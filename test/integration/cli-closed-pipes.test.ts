import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const STRATA = resolve('bin/strata.js')

/**
 * Runs the built command with its stdout and stderr piped to a reader that goes away at
 * once (`strata … 2>&1 | true`), and answers its exit code, or null when it had not ended
 * within `withinMs` (it is then killed).
 */
async function exitWithReaderGone(args: string[], withinMs = 15_000): Promise<number | null> {
  const child = spawn('node', [STRATA, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '', CI: '' } })
  child.stdout.destroy()
  child.stderr.destroy()
  return new Promise((settle) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      settle(null)
    }, withinMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      settle(code)
    })
  })
}

// Every write to a pipe whose reader has gone fails with EPIPE. Unheard, that error reached
// the CLI's last-resort handler, which reported it on the same closed stderr: the command
// then spun at full CPU and never ended.
describe('the strata command with nobody reading its output', () => {
  it('ends a usage mistake with its usual exit code', async () => {
    expect(await exitWithReaderGone(['images', '--no-such-option'])).toBe(2)
  })

  it('ends a failed command with its usual exit code', async () => {
    expect(await exitWithReaderGone(['analyze', '/nonexistent/strata-test/image.tar'])).toBe(1)
    expect(await exitWithReaderGone(['images', '--json', '--host', 'unix:///nonexistent/strata-test.sock'])).toBe(1)
  })

  it('ends a successful command with 0', async () => {
    expect(await exitWithReaderGone(['--help'])).toBe(0)
  })
})
