import { describe, expect, it } from 'vitest'
import { loadedChunks, loadedPackages, loadedZod, traceStrata } from '../support/module-trace'

// `strata --help` and a usage mistake must not pay for the engine client or the schemas:
// dockerode (with gRPC and ssh2) and zod took most of the CLI's start-up time. These runs
// record what the built CLI really loads, so an eager import anywhere on the path fails here.
describe('what the strata command loads before it needs the engine', () => {
  it('--help loads no npm package at all, nor the bundled zod', async () => {
    const run = await traceStrata(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Usage: strata')
    expect(loadedChunks(run.modules).length).toBeGreaterThan(0)
    expect(loadedPackages(run.modules)).toEqual([])
    expect(loadedZod(run.modules)).toBe(false)
  })

  it.each([
    ['an unknown command', ['frobnicate']],
    ['an unknown option', ['images', '--frobnicate']],
    ['a missing argument', ['image']],
    ['rmi without an image', ['rmi', '--yes']],
    ['rmi with an option it does not take', ['rmi', 'a', 'b', '--untag']],
    ['an option of another command', ['images', '--untag']],
    ['a container command without its container', ['stop']],
    ['a registry command without its argument', ['pull']],
    ['run without its image', ['run', '-e', 'A=1']],
    ['run with a field its checks refuse', ['run', '-w', 'relative', 'busybox']],
  ])('a usage mistake (%s) exits 2 without loading dockerode or zod', async (_name, args) => {
    const run = await traceStrata(args)
    expect(run.code).toBe(2)
    expect(loadedPackages(run.modules)).not.toContain('dockerode')
    expect(loadedZod(run.modules)).toBe(false)
  })
})
