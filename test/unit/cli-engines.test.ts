import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadedPackages, loadedZod, traceStrata } from '../support/module-trace'

// `strata engines` runs when no engine answers, often as the first command a user
// tries: it must be quick to start, so it loads neither dockerode nor the schemas.
const home = mkdtempSync(join(tmpdir(), 'strata-engines-home-'))
afterAll(() => {
  rmSync(home, { recursive: true, force: true })
})

describe('strata engines', () => {
  it('lists candidates without loading dockerode or zod', async () => {
    const run = await traceStrata(['engines', '--json'], { HOME: home, DOCKER_CONFIG: join(home, '.docker'), DOCKER_HOST: `unix://${join(home, 'absent.sock')}` })
    const discovery = JSON.parse(run.stdout) as { engines: { url: string; probe: { answers: boolean; failure?: { code: string } } }[] }
    expect(discovery.engines[0]).toMatchObject({ url: `unix://${join(home, 'absent.sock')}`, probe: { answers: false, failure: { code: 'NO_SOCKET' } } })
    expect(loadedPackages(run.modules)).toEqual([])
    expect(loadedZod(run.modules)).toBe(false)
  })

  it.each([
    ['an argument', ['engines', 'extra']],
    ['an option of another command', ['engines', '--untag']],
    ['a --host that is no address', ['engines', '--host', 'ftp://nowhere']],
  ])('refuses %s as a usage mistake (exit 2)', async (_name, args) => {
    const run = await traceStrata(args, { HOME: home })
    expect(run.code).toBe(2)
    expect(loadedPackages(run.modules)).toEqual([])
  })
})
