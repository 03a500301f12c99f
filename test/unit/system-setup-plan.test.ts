import { describe, expect, it } from 'vitest'
import {
  ARM64_BUSYBOX_DEB,
  REQUIREMENTS,
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
} from '../../scripts/system-setup-plan.mjs'
import { ARM64_BUSYBOX_DEB as REGISTRY_FIXTURE_DEB } from '../support/registry'

const ALL = REQUIREMENTS.map((requirement) => requirement.package)
const none = (): boolean => false
const every = (): boolean => true

/** dpkg-query -W -f='${Package}\t${Status}\n' output, as Debian 12 prints it. */
function dpkgOutput(rows: [string, string][]): string {
  return rows.map(([name, status]) => `${name}\t${status}\n`).join('')
}

describe('installedPackages', () => {
  it('counts only packages whose state is "installed"', () => {
    const output = dpkgOutput([
      ['docker.io', 'install ok installed'],
      ['chromium', 'hold ok installed'],
      ['podman', 'deinstall ok config-files'],
      ['buildah', 'install ok half-installed'],
      ['zstd', 'install ok unpacked'],
      ['busybox-static', 'unknown ok not-installed'],
    ])
    expect([...installedPackages(output)].sort()).toEqual(['chromium', 'docker.io'])
  })

  it('reads architecture-qualified names and ignores blank lines', () => {
    expect([...installedPackages('busybox-static:amd64\tinstall ok installed\n\n')]).toEqual(['busybox-static'])
  })
})

describe('missingPackages', () => {
  it('is empty when dpkg lists everything (the fast path: nothing to run)', () => {
    const output = dpkgOutput(ALL.map((name) => [name, 'install ok installed']))
    expect(missingPackages({ installed: installedPackages(output), hasCommand: none })).toEqual([])
  })

  it('names every package on a fresh machine, in a stable order', () => {
    expect(missingPackages({ installed: installedPackages(''), hasCommand: none })).toEqual(ALL)
  })

  it('names what dpkg does not list as installed (removed, half-installed, never installed)', () => {
    const output = dpkgOutput([
      ...ALL.filter((name) => !['podman', 'buildah', 'zstd'].includes(name)).map((name): [string, string] => [name, 'install ok installed']),
      ['podman', 'deinstall ok config-files'],
      ['buildah', 'install ok half-installed'],
    ])
    expect(missingPackages({ installed: installedPackages(output), hasCommand: none })).toEqual(['zstd', 'buildah', 'podman'])
  })

  it('leaves Docker\'s own docker-ce alone: dockerd and docker on PATH count for docker.io', () => {
    const output = dpkgOutput(ALL.filter((name) => name !== 'docker.io').map((name) => [name, 'install ok installed']))
    expect(missingPackages({ installed: installedPackages(output), hasCommand: every })).toEqual([])
    expect(missingPackages({ installed: installedPackages(output), hasCommand: (name) => name === 'docker' })).toEqual(['docker.io'])
  })

  it('covers what the tests run', () => {
    expect(ALL).toEqual(expect.arrayContaining(['docker.io', 'busybox-static', 'chromium', 'zstd', 'openssl', 'docker-registry', 'buildah', 'podman', 'apache2-utils']))
  })
})

describe('on Ubuntu', () => {
  const noble = parseOsRelease('ID=ubuntu\nID_LIKE=debian\nVERSION_CODENAME=noble\n')
  const bookworm = parseOsRelease('ID=debian\nVERSION_CODENAME=bookworm\n')

  it('tells Ubuntu and its derivatives from Debian', () => {
    expect(isUbuntu(noble)).toBe(true)
    expect(isUbuntu(parseOsRelease('ID=linuxmint\nID_LIKE="ubuntu debian"\n'))).toBe(true)
    expect(isUbuntu(bookworm)).toBe(false)
  })

  it('never asks apt for chromium (a snap there), and says how to get /usr/bin/chromium', () => {
    expect(missingPackages({ installed: new Set(), hasCommand: none, ubuntu: true })).toEqual(ALL.filter((name) => name !== 'chromium'))
    const problem = ubuntuChromiumProblem({ ubuntu: true, hasPath: none })
    expect(problem).toMatch(/drive \/usr\/bin\/chromium, and Ubuntu ships Chromium only as a snap/)
    expect(problem).toContain('link /usr/bin/chromium to a Chromium or Chrome binary')
  })

  it('is content with any /usr/bin/chromium, and says nothing on Debian', () => {
    expect(ubuntuChromiumProblem({ ubuntu: true, hasPath: (path) => path === '/usr/bin/chromium' })).toBeNull()
    expect(ubuntuChromiumProblem({ ubuntu: false, hasPath: none })).toBeNull()
  })
})

describe('privilegeRoute', () => {
  it('runs directly as root, through sudo -n when it needs no password, and otherwise asks the user', () => {
    expect(privilegeRoute({ uid: 0, sudoWorks: false })).toBe('root')
    expect(privilegeRoute({ uid: 1000, sudoWorks: true })).toBe('sudo')
    expect(privilegeRoute({ uid: 1000, sudoWorks: false })).toBe('manual')
  })
})

describe('manualMessage', () => {
  it('prints the exact apt-get command and how to get the arm64 .deb', () => {
    const message = manualMessage({ packages: ['podman', 'zstd'], arm64Missing: true })
    expect(message).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends podman zstd')
    expect(message).toContain(`sudo node scripts/system-setup.mjs   (it also downloads busybox-static:arm64 to ${ARM64_BUSYBOX_DEB})`)
  })

  it('leaves out the apt-get line when only the arm64 .deb is missing', () => {
    const message = manualMessage({ packages: [], arm64Missing: true })
    expect(message).not.toContain('apt-get')
    expect(message).toContain('sudo node scripts/system-setup.mjs')
  })
})

describe('on a system without apt', () => {
  it('says exactly what is missing, what each is for, and its Debian package (Fedora-like)', () => {
    const present = new Set(['docker', 'openssl', 'umount', 'zstd'])
    const missing = missingThings({ hasCommand: (name) => present.has(name), hasPath: none, arm64DebPresent: false })
    const message = otherSystemMessage({ platform: 'linux', missing })
    expect(message).not.toBeNull()
    const lines = (message ?? '').split('\n')
    expect(lines[0]).toBe('strata test setup: the integration and end-to-end tests need what this machine lacks:')
    expect(lines).toContain('  - dockerd: the private Docker daemon the engine tests start (as root), and the docker CLI they compare with (Debian: docker.io)')
    expect(lines).toContain('  - /bin/busybox: a static busybox: the fixture images are built FROM scratch with it (Debian: busybox-static)')
    expect(lines).toContain('  - /usr/bin/chromium: the browser the end-to-end tests drive (headless) and `npm run icons` draws with (Debian: chromium)')
    expect(lines.some((line) => line.startsWith('  - docker-registry: '))).toBe(true)
    expect(lines.some((line) => line.startsWith('  - htpasswd: '))).toBe(true)
    expect(lines.some((line) => line.startsWith(`  - ${ARM64_BUSYBOX_DEB}: `))).toBe(true)
    expect(lines.some((line) => /^ {2}- (docker|openssl|umount|zstd):/.test(line))).toBe(false)
    expect(message).toMatch(/no apt-get and dpkg-query \(not Debian or Ubuntu\)/)
    expect(message).toContain('STRATA_SKIP_SYSTEM_SETUP=1 npm test')
  })

  it('on macOS names Linux as the way to run the engine tests', () => {
    const missing = missingThings({ hasCommand: (name) => name === 'docker', hasPath: none, arm64DebPresent: false })
    expect(otherSystemMessage({ platform: 'darwin', missing })).toMatch(/This is macOS: .* need Linux/)
  })

  it('lets the tests run when everything is there', () => {
    expect(otherSystemMessage({ platform: 'linux', missing: missingThings({ hasCommand: every, hasPath: every, arm64DebPresent: true }) })).toBeNull()
  })
})

describe('arm64Source', () => {
  it('fetches from Debian\'s archive on Debian', () => {
    const release = parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n')
    expect(arm64Source(release)).toBe('deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main')
  })

  it('fetches from ports.ubuntu.com on Ubuntu and its derivatives (arm64 is not on the amd64 archive)', () => {
    const ubuntu = parseOsRelease('NAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\nVERSION_CODENAME=noble\nUBUNTU_CODENAME=noble\n')
    expect(arm64Source(ubuntu)).toBe('deb [arch=arm64 signed-by=/usr/share/keyrings/ubuntu-archive-keyring.gpg] http://ports.ubuntu.com/ubuntu-ports noble main universe')
    const mint = parseOsRelease('NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\nVERSION_CODENAME=wilma\nUBUNTU_CODENAME=noble\n')
    expect(arm64Source(mint)).toContain('ubuntu-ports noble main')
  })

  it('gives up on a release it cannot place', () => {
    expect(arm64Source(parseOsRelease('ID=fedora\nVERSION_ID=41\n'))).toBeNull()
    expect(arm64Source(parseOsRelease('ID=debian\n'))).toBeNull()
  })

  it('reads the same path the registry fixture reads', () => {
    expect(ARM64_BUSYBOX_DEB).toBe(REGISTRY_FIXTURE_DEB)
  })
})
