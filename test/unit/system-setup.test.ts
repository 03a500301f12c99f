import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ARM64_BUSYBOX_DEB, REQUIREMENTS } from '../../scripts/system-setup-plan.mjs'

// scripts/system-setup.mjs as npm test runs it, with stand-ins for dpkg-query, apt-get, sudo and
// install first on PATH: they log what they are asked and change nothing on the machine.
const fakes = mkdtempSync(join(tmpdir(), 'strata-setup-fakes-'))
const log = join(fakes, 'calls.log')

function fake(name: string, body: string): void {
  writeFileSync(join(fakes, name), `#!/bin/sh\n${body}\n`)
  chmodSync(join(fakes, name), 0o755)
}

fake('dpkg-query', [
  'shift 2',
  'for p in "$@"; do',
  '  case " $FAKE_MISSING " in *" $p "*) printf "%s\\tunknown ok not-installed\\n" "$p" ;; *) printf "%s\\tinstall ok installed\\n" "$p" ;; esac',
  'done',
].join('\n'))
fake('apt-get', `echo "apt-get $*" >> "${log}"\ncase " $* " in *" download "*) : > busybox-static_1.0_arm64.deb ;; esac`)
fake('sudo', `[ "$1" = -n ] && shift\necho "sudo $*" >> "${log}"\nexec "$@"`)
fake('install', `echo "install $*" >> "${log}"`)

afterAll(() => {
  rmSync(fakes, { recursive: true, force: true })
})

function setup(missing: string[]): { code: number | null; output: string; calls: string[] } {
  rmSync(log, { force: true })
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${fakes}:${process.env.PATH ?? ''}`, FAKE_MISSING: missing.join(' ') }
  delete env.STRATA_SKIP_SYSTEM_SETUP
  const run = spawnSync(process.execPath, ['scripts/system-setup.mjs'], { env, encoding: 'utf8' })
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []
  return { code: run.status, output: run.stdout + run.stderr, calls }
}

// The arm64 .deb is this machine's real state: where it is missing, the stand-ins fetch it too.
const arm64Present = existsSync(ARM64_BUSYBOX_DEB)
const systemAptCalls = (calls: string[]): string[] => calls.filter((call) => call.startsWith('apt-get') && !call.includes('Dir::Etc::SourceList'))

describe.runIf(process.platform === 'linux')('system-setup.mjs on Debian (stand-in apt and dpkg)', () => {
  it('with everything installed, runs no apt-get at all and says so', () => {
    const run = setup([])
    expect(run.code).toBe(0)
    expect(systemAptCalls(run.calls)).toEqual([])
    if (arm64Present) {
      expect(run.calls).toEqual([])
      expect(run.output).toMatch(new RegExp(`^strata test setup: the ${REQUIREMENTS.length} Debian packages and busybox-static:arm64 are in place \\(\\d+ ms\\)\\.\\n$`))
    }
  })

  it('installs only what dpkg does not list, after one apt-get update, as root or through sudo -n', () => {
    const run = setup(['zstd', 'podman'])
    expect(run.code).toBe(0)
    expect(run.output).toContain('strata test setup: installing zstd podman')
    expect(systemAptCalls(run.calls)).toEqual(['apt-get -qq update', 'apt-get install -y --no-install-recommends zstd podman -qq'])
    const root = process.getuid?.() === 0
    expect(run.calls.some((call) => call.startsWith('sudo -n') || call.startsWith('sudo env'))).toBe(!root)
  })
})
