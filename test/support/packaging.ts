import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SENTINEL } from '@electron/fuses/dist/constants'

const PROJECT = process.cwd()

/** Runs an npm script of the project (the same ones `npm run dist` runs); throws with its output when it fails. */
export function runScript(name: string): void {
  const run = spawnSync('npm', ['run', '--silent', name], { cwd: PROJECT, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`npm run ${name} failed:\n${run.stdout}\n${run.stderr}`)
}

/**
 * A copy of the project as a clean clone would have it, built: the files electron-builder
 * reads plus node_modules. node_modules is a hard-linked copy of the real one (quick, no
 * space), because a worktree's node_modules may be a symbolic link, through which npm's
 * dependency listing, and so electron-builder's, cannot see the dependencies' dependencies.
 */
export function stageProject(): string {
  const stage = mkdtempSync(join(tmpdir(), 'strata-packaging-'))
  for (const name of ['package.json', 'package-lock.json', 'electron-builder.yml', 'build', 'out']) {
    cpSync(join(PROJECT, name), join(stage, name), { recursive: true })
  }
  const modules = realpathSync(join(PROJECT, 'node_modules'))
  const copy = spawnSync('cp', ['-al', modules, join(stage, 'node_modules')], { encoding: 'utf8' })
  if (copy.status !== 0) symlinkSync(modules, join(stage, 'node_modules'))
  return stage
}

/**
 * A stand-in for the Electron distribution electron-builder would download: the files its
 * Linux packager renames and moves (electron, LICENSE, version, chrome-sandbox, locales/),
 * where `electron` is a shell script that is Node under ELECTRON_RUN_AS_NODE=1. The script
 * carries a fuse wire (sentinel, version 1, 8 fuses all on) inside a quoted string, so
 * electron-builder flips fuses in it as in the real binary and the test can read them back.
 */
export function standInElectron(parent: string, version: string): string {
  const dist = join(parent, 'electron-dist')
  mkdirSync(join(dist, 'locales'), { recursive: true })
  mkdirSync(join(dist, 'resources'), { recursive: true })
  const wire = `${SENTINEL}\u0001\u000811111111`
  writeFileSync(
    join(dist, 'electron'),
    [
      '#!/bin/sh',
      `: '${wire}'`,
      'if [ "$ELECTRON_RUN_AS_NODE" = 1 ]; then exec node "$@"; fi',
      'echo "stand-in Electron: no window here" >&2',
      'exit 1',
      '',
    ].join('\n'),
  )
  chmodSync(join(dist, 'electron'), 0o755)
  writeFileSync(join(dist, 'chrome-sandbox'), '')
  writeFileSync(join(dist, 'LICENSE'), 'stand-in\n')
  writeFileSync(join(dist, 'version'), `${version}\n`)
  writeFileSync(join(dist, 'locales', 'en-US.pak'), '')
  return dist
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file)
  if (bytes.toString('latin1', 1, 4) !== 'PNG') throw new Error(`${file} is not a PNG`)
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}
