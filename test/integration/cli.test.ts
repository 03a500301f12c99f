import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, inject, it } from 'vitest'
import type { EngineInfo, ImageSummary } from '../../shared/types'
import { FIXTURES } from '../support/fixtures'
import { dockerCli } from '../support/docker-cli'

const exec = promisify(execFile)

interface Run {
  code: number
  stdout: string
  stderr: string
}

async function strata(args: string[], env: Record<string, string> = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await exec('node', ['bin/strata.js', ...args], { env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '', ...env } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe('strata command line', () => {
  it('engine --json reports the engine with the docker CLI\'s storage driver', async () => {
    const run = await strata(['engine', '--json', '--host', inject('dockerHost')])
    expect(run.code).toBe(0)
    const info = JSON.parse(run.stdout) as EngineInfo
    expect(info.storageDriver).toBe((await dockerCli('info', '--format', '{{.Driver}}')).trim())
    expect(info.dataRoot).toBe((await dockerCli('info', '--format', '{{.DockerRootDir}}')).trim())
    expect(info.endpoint.source).toBe('explicit')
  })

  it('images --json honours DOCKER_HOST', async () => {
    const run = await strata(['images', '--json'], { DOCKER_HOST: inject('dockerHost') })
    expect(run.code).toBe(0)
    const images = JSON.parse(run.stdout) as ImageSummary[]
    expect(images.some((image) => image.repoTags.includes(FIXTURES.base.tag))).toBe(true)
  })

  it('prints a readable table without --json', async () => {
    const run = await strata(['images', '--host', inject('dockerHost')])
    expect(run.code).toBe(0)
    expect(run.stdout.split('\n')[0]).toMatch(/^REPOSITORY:TAG\s+IMAGE ID\s+CREATED \(UTC\)\s+SIZE$/)
    expect(run.stdout).toContain(FIXTURES.app.tag)
  })

  it('exits 1 with one line on stderr when the engine is unreachable', async () => {
    const run = await strata(['engine', '--json', '--host', 'unix:///nonexistent/docker.sock'])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^strata: No Docker engine answers at unix:\/\/\/nonexistent\/docker.sock/)
  })

  it('exits 2 on bad usage', async () => {
    expect((await strata(['frobnicate'])).code).toBe(2)
    expect((await strata(['images', '--bogus'])).code).toBe(2)
    expect((await strata(['images', '--port', '80'])).code).toBe(2)
    expect((await strata(['serve', '--port', 'eighty'])).code).toBe(2)
    expect((await strata([])).code).toBe(2)
  })

  it('exits 2 for a --host that is not an address', async () => {
    const run = await strata(['images', '--host', 'ftp://nope'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/not a Docker host address/)
  })
})
