import { spawn } from 'node:child_process'
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStrataCore } from '../../electron/core/api/core'
import type { CleanupOutcome, CleanupReport } from '../../shared/types'
import { crashDaemon, startPrivateDaemon, type PrivateDaemon } from '../support/daemon'
import { importImages } from '../support/imported-images'
import { callOk } from '../support/engine'

/**
 * A cleanup cut off by the engine going away: a daemon of this file's own is stopped
 * part-way, and the partial report must agree with what the engine holds once it is back.
 */

const IMAGES = 16
let daemon: PrivateDaemon
let docker: Docker

async function tagsNow(): Promise<Set<string>> {
  const images = await docker.listImages()
  return new Set(images.flatMap((image) => image.RepoTags ?? []))
}

/** What the report claims must hold on the engine: removed images are gone, images not tried are still there. */
function expectReportMatchesEngine(report: CleanupReport, tags: Set<string>): void {
  const byStatus = (status: CleanupOutcome['status']): CleanupOutcome[] => report.outcomes.filter((outcome) => outcome.status === status)
  const removed = byStatus('removed')
  const notTried = byStatus('skipped')
  const failed = byStatus('failed')
  expect(removed.length).toBeGreaterThan(0)
  expect(notTried.length).toBeGreaterThan(0)
  // Only the step in flight when the engine went away can have failed; its fate is the engine's to tell.
  expect(failed.length).toBeLessThanOrEqual(1)
  for (const outcome of removed) for (const name of outcome.names) expect(tags.has(name), `${name} was reported removed`).toBe(false)
  for (const outcome of notTried) {
    expect(outcome.reason).toContain('not tried')
    for (const name of outcome.names) expect(tags.has(name), `${name} was reported not tried`).toBe(true)
  }
}

beforeAll(async () => {
  daemon = await startPrivateDaemon()
  docker = new Docker({ socketPath: daemon.socketPath })
})
afterAll(async () => {
  await daemon.stop()
})

async function restartDaemon(): Promise<void> {
  daemon = await startPrivateDaemon({ root: daemon.root })
  docker = new Docker({ socketPath: daemon.socketPath })
}

describe('a cleanup the engine walks away from', () => {
  it('answers the partial report through the core, and it matches the engine once it is back', async () => {
    await importImages(docker, 'core', IMAGES)
    const core = createStrataCore({ host: daemon.host })
    const killed: { done: Promise<void> | null } = { done: null }
    try {
      const plan = await callOk(core, 'cleanup.plan', { unused: true })
      const keys = plan.items.filter((item) => item.names.some((name) => name.startsWith('interrupt/core-'))).map((item) => item.key)
      expect(keys).toHaveLength(IMAGES)
      core.events.on('progress', (progress) => {
        if (progress.taskId === 'interrupt' && progress.done >= 2) killed.done ??= crashDaemon(daemon)
      })
      const report = await callOk(core, 'cleanup.execute', { options: { unused: true }, confirmed: keys, taskId: 'interrupt' })
      await killed.done
      expect(report.interrupted?.code).toBe('ENGINE_UNREACHABLE')
      expect(report.freedBytes).toBeNull()
      expect(report.layersBytesAfter).toBeNull()
      await restartDaemon()
      expectReportMatchesEngine(report, await tagsNow())
    } finally {
      await core.close()
    }
  })

  it('prints the partial report on stdout from the command line and exits 1', async () => {
    await importImages(docker, 'cli', IMAGES)
    const before = (await tagsNow()).size
    const child = spawn('node', ['bin/strata.js', 'cleanup', '--unused', '--yes', '--json', `--host=${daemon.host}`], { env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    // Stop the engine as soon as the command has removed a few images.
    for (;;) {
      const count = await docker
        .listImages()
        .then((images) => images.flatMap((image) => image.RepoTags ?? []).length)
        .catch(() => null)
      if (count === null || count <= before - 3) break
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await crashDaemon(daemon)
    const code = await exited
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(code).toBe(1)
    const report = JSON.parse(stdout) as CleanupReport
    expect(report.interrupted?.code).toBe('ENGINE_UNREACHABLE')
    await restartDaemon()
    expectReportMatchesEngine(report, await tagsNow())
  })
})
