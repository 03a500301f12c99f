#!/usr/bin/env node
// The system side of `npm test` (its first step, in scripts/test-all.mjs). On Debian and Ubuntu:
// installs the packages the integration and end-to-end tests need that dpkg does not list as
// installed, as root or through `sudo -n` (never a password prompt: without either it prints the
// commands to run and exits 1), and downloads busybox-static:arm64 for the multi-platform
// registry fixture. Elsewhere it says exactly what is missing and exits 1. When everything is
// there it runs one dpkg-query and nothing else (no apt-get update).
//
//   node scripts/system-setup.mjs                                 check, install what is missing
//   node scripts/system-setup.mjs --download-arm64-busybox DIR    only fetch the arm64 .deb into DIR (no root needed)
//   STRATA_SKIP_SYSTEM_SETUP=1 npm test                           skip this step
import { spawnSync } from 'node:child_process'
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import {
  ARM64_BUSYBOX_DEB,
  REQUIREMENTS,
  aptInstallCommand,
  arm64Source,
  installedPackages,
  isUbuntu,
  manualMessage,
  missingPackages,
  missingThings,
  otherSystemMessage,
  parseOsRelease,
  privilegeRoute,
  ubuntuChromiumProblem,
} from './system-setup-plan.mjs'

const started = performance.now()
const say = (text) => process.stdout.write(`strata test setup: ${text}\n`)

class SetupError extends Error {}

// dockerd lives in /usr/sbin, which a user's PATH on Debian leaves out.
const SEARCH_PATH = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'].filter((dir) => dir !== '')

function hasCommand(name) {
  return SEARCH_PATH.some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

const hasPath = (path) => statSync(path, { throwIfNoEntry: false }) !== undefined

function run(argv, options = {}) {
  process.stdout.write(`+ ${argv.join(' ')}\n`)
  const result = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', ...options })
  if (result.status !== 0) throw new SetupError(`\`${argv.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}).`)
}

/**
 * Fetches busybox-static:arm64 with a private apt configuration (its own sources, lists and
 * cache in a temp folder), so the system's architectures and sources are left as they are and
 * no root is needed. Returns the .deb's path inside `into`.
 */
function readOsRelease() {
  const text = ['/etc/os-release', '/usr/lib/os-release'].map((path) => (hasPath(path) ? readFileSync(path, 'utf8') : '')).find((found) => found !== '') ?? ''
  return parseOsRelease(text)
}

function downloadArm64Busybox(into) {
  const source = arm64Source(readOsRelease())
  if (source === null) {
    throw new SetupError(`cannot tell which Debian or Ubuntu release this is (/etc/os-release), so not where busybox-static for arm64 comes from: download that .deb to ${ARM64_BUSYBOX_DEB} by hand.`)
  }
  const work = mkdtempSync(join(tmpdir(), 'strata-apt-arm64-'))
  try {
    for (const dir of ['lists/partial', 'cache/archives/partial', 'parts']) mkdirSync(join(work, dir), { recursive: true })
    writeFileSync(join(work, 'sources.list'), `${source}\n`)
    const options = [
      ['Dir::Etc::SourceList', join(work, 'sources.list')],
      ['Dir::Etc::SourceParts', join(work, 'parts')],
      ['Dir::State::Lists', join(work, 'lists')],
      ['Dir::Cache', join(work, 'cache')],
      ['APT::Architectures::', 'arm64'],
      ['Debug::NoLocking', '1'],
      // As root, apt would hand the download to the _apt user, which cannot write in a private temp folder.
      ...(process.getuid?.() === 0 ? [['APT::Sandbox::User', 'root']] : []),
    ].flatMap(([key, value]) => ['-o', `${key}=${value}`])
    run(['apt-get', ...options, '-qq', 'update'])
    mkdirSync(into, { recursive: true })
    run(['apt-get', ...options, '-qq', 'download', 'busybox-static:arm64'], { cwd: into })
    const deb = readdirSync(into).find((name) => /^busybox-static_.*_arm64\.deb$/.test(name))
    if (deb === undefined) throw new SetupError('apt-get download busybox-static:arm64 left no .deb.')
    return join(into, deb)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function setUpDebian() {
  const packages = REQUIREMENTS.map((requirement) => requirement.package)
  const query = spawnSync('dpkg-query', ['-W', '-f=${Package}\t${Status}\n', ...packages], { encoding: 'utf8' })
  // dpkg-query exits 1 when a package is unknown to it (never installed): the output still lists the rest.
  if (query.error !== undefined) throw new SetupError(`dpkg-query failed: ${query.error.message}`)
  const ubuntu = isUbuntu(readOsRelease())
  const missing = missingPackages({ installed: installedPackages(query.stdout), hasCommand, ubuntu })
  const arm64Missing = (statSync(ARM64_BUSYBOX_DEB, { throwIfNoEntry: false })?.size ?? 0) === 0
  const chromiumProblem = ubuntuChromiumProblem({ ubuntu, hasPath })
  if (missing.length === 0 && !arm64Missing) {
    if (chromiumProblem !== null) throw new SetupError(chromiumProblem)
    say(`the ${packages.length} Debian packages and busybox-static:arm64 are in place (${(performance.now() - started).toFixed(0)} ms).`)
    return
  }
  const uid = process.getuid?.() ?? 0
  const sudoWorks = uid !== 0 && hasCommand('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0
  const route = privilegeRoute({ uid, sudoWorks })
  if (route === 'manual') throw new SetupError(manualMessage({ packages: missing, arm64Missing }))
  const asRoot = (argv) => (route === 'root' ? argv : ['sudo', '-n', ...argv])
  if (missing.length > 0) {
    say(`installing ${missing.join(' ')}${route === 'sudo' ? ' (through sudo)' : ''}`)
    run(asRoot(['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-qq', 'update']))
    run(asRoot(['env', 'DEBIAN_FRONTEND=noninteractive', ...aptInstallCommand(missing), '-qq']))
  }
  if (arm64Missing) {
    say(`downloading busybox-static:arm64 to ${ARM64_BUSYBOX_DEB} (the multi-platform registry fixture)`)
    const download = mkdtempSync(join(tmpdir(), 'strata-arm64-busybox-'))
    try {
      const deb = downloadArm64Busybox(download)
      run(asRoot(['install', '-D', '-m', '0644', deb, ARM64_BUSYBOX_DEB]))
    } finally {
      rmSync(download, { recursive: true, force: true })
    }
  }
  // What apt cannot give is said last, once the rest is in place.
  if (chromiumProblem !== null) throw new SetupError(chromiumProblem)
  say(`done in ${((performance.now() - started) / 1000).toFixed(1)} s.`)
}

function setUp() {
  const argv = process.argv.slice(2)
  if (argv[0] === '--download-arm64-busybox') {
    if (argv[1] === undefined) throw new SetupError('--download-arm64-busybox takes a folder.')
    say(`downloaded ${downloadArm64Busybox(argv[1])}`)
    return
  }
  if (argv.length > 0) throw new SetupError(`unknown arguments: ${argv.join(' ')}`)
  if (process.env.STRATA_SKIP_SYSTEM_SETUP === '1') {
    say('skipped (STRATA_SKIP_SYSTEM_SETUP=1).')
    return
  }
  if (process.platform === 'linux' && hasCommand('apt-get') && hasCommand('dpkg-query')) {
    setUpDebian()
    return
  }
  const message = otherSystemMessage({
    platform: process.platform,
    missing: missingThings({ hasCommand, hasPath, arm64DebPresent: hasPath(ARM64_BUSYBOX_DEB) }),
  })
  if (message !== null) throw new SetupError(message)
  say(`everything the tests need is in place (${(performance.now() - started).toFixed(0)} ms).`)
}

try {
  setUp()
} catch (error) {
  if (!(error instanceof SetupError)) throw error
  process.stderr.write(error.message.startsWith('strata test setup:') ? `${error.message}\n` : `strata test setup: ${error.message}\n`)
  process.exitCode = 1
}
