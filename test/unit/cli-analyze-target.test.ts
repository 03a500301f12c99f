import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../electron/host/cli'
import { memoryIo } from '../support/cli-io'
import { analyzeTarget } from '../../electron/host/cli-analyze-target'

const work = mkdtempSync(join(tmpdir(), 'strata-analyze-target-'))
writeFileSync(join(work, 'saved.tar'), 'not really a tar')
mkdirSync(join(work, 'layout'))

afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

function failureOf(action: () => unknown): unknown {
  try {
    action()
  } catch (error) {
    return error
  }
  return null
}

describe('what strata analyze was given', () => {
  it('reads an existing file as an archive, whatever its name', () => {
    expect(analyzeTarget('saved.tar', work)).toEqual({ kind: 'file', path: join(work, 'saved.tar') })
    expect(analyzeTarget(join(work, 'saved.tar'), '/')).toEqual({ kind: 'file', path: join(work, 'saved.tar') })
  })

  it('calls a path that does not exist a missing file, by its full path', () => {
    for (const argument of ['./gone.tar', '../gone', '/tmp/strata-no-such/image.tar', 'gone.tar', 'gone.tar.gz', 'out/Image.TAR', 'C:\\images\\web.tar', '~/web.tar']) {
      expect(failureOf(() => analyzeTarget(argument, work)), argument).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^No such file: /) as unknown })
    }
    expect(() => analyzeTarget('gone.tar', work)).toThrow(`No such file: ${join(work, 'gone.tar')}`)
    // Not a reference either: the message says why it was not taken for an image.
    expect(() => analyzeTarget('My Image', work)).toThrow(/No such file: .*not an image reference/)
  })

  it('takes what can only be an image reference as one, and refuses a folder named as a path', () => {
    for (const ref of ['busybox', 'busybox:1.36', 'registry.local:5000/team/web:2', 'sha256:3f2a', 'layout']) expect(analyzeTarget(ref, work)).toEqual({ kind: 'image', ref })
    expect(failureOf(() => analyzeTarget('./layout', work))).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/is a folder/) as unknown })
  })

  it('answers a missing archive before any engine is asked, with exit code 1', async () => {
    const io = memoryIo()
    const missing = join(work, 'nothing-here.tar')
    expect(await runCli(['analyze', missing, '--host', 'tcp://127.0.0.1:1'], io)).toBe(1)
    expect(io.err).toBe(`strata: No such file: ${missing}\n`)
    expect(io.out).toBe('')
  })
})
