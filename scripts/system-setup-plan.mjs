// What the tests need from the system, and what to do about what is missing, decided from
// plain inputs (dpkg-query's output, os-release, the user id) so tests can craft them.
// scripts/system-setup.mjs gathers the inputs and runs the commands.

/** Where the multi-platform registry fixture reads Debian's busybox-static for arm64 (test/support/registry.ts). */
export const ARM64_BUSYBOX_DEB = '/var/cache/strata-test/busybox-static_arm64.deb'

/**
 * Every Debian package the integration and end-to-end tests use, with what they use of it
 * (checked by name on systems without dpkg) and why. Xvfb is not here: the e2e tests run
 * Chromium headless and no test opens a window.
 */
export const REQUIREMENTS = [
  { package: 'docker.io', commands: ['dockerd', 'docker'], why: 'the private Docker daemon the engine tests start (as root), and the docker CLI they compare with' },
  { package: 'busybox-static', paths: ['/bin/busybox'], why: 'a static busybox: the fixture images are built FROM scratch with it' },
  { package: 'chromium', paths: ['/usr/bin/chromium'], why: 'the browser the end-to-end tests drive (headless) and `npm run icons` draws with' },
  { package: 'zstd', commands: ['zstd'], why: 'zstd-compressed layers for the layer-reader tests' },
  { package: 'ca-certificates', paths: [], why: 'trusted roots for HTTPS downloads' },
  { package: 'openssl', commands: ['openssl'], why: 'certificates for the registry TLS and token tests' },
  { package: 'util-linux', commands: ['umount'], why: 'unmounting what the private daemon leaves' },
  { package: 'docker-registry', commands: ['docker-registry'], why: 'the private registries of the registry tests (the CNCF distribution registry)' },
  { package: 'buildah', commands: ['buildah'], why: 'builds the multi-platform registry fixture offline' },
  { package: 'podman', commands: ['podman'], why: 'Podman\'s service, tested as a second engine' },
  { package: 'apache2-utils', commands: ['htpasswd'], why: 'htpasswd, for the registry basic-auth tests' },
  { package: 'openssh-server', paths: ['/usr/sbin/sshd'], why: 'a private sshd the ssh:// engine tests connect through' },
  { package: 'fonts-noto-cjk', paths: ['/usr/share/fonts/opentype/noto'], why: 'Chinese glyphs for the zh-CN screenshots (without them Chromium draws empty boxes)' },
]

/** The packages the `dpkg-query -W -f='${Package}\t${Status}\n' …` output shows as installed (any architecture). */
export function installedPackages(dpkgOutput) {
  const installed = new Set()
  for (const line of dpkgOutput.split('\n')) {
    const [name, status] = line.split('\t')
    // Status is "want flag state": "install ok installed", "hold ok installed", "deinstall ok config-files"...
    if (name !== undefined && name !== '' && status?.trim().split(/\s+/)[2] === 'installed') installed.add(name.split(':')[0])
  }
  return installed
}

/**
 * The Debian packages to install. A daemon that came another way (Docker's own docker-ce
 * packages give dockerd and docker too) counts as there: installing docker.io would
 * replace it. On Ubuntu, Chromium is no deb (see ubuntuChromiumProblem) and is never asked of apt.
 */
export function missingPackages({ installed, hasCommand, ubuntu = false, requirements = REQUIREMENTS }) {
  return requirements
    .filter((requirement) => !installed.has(requirement.package))
    .filter((requirement) => !(requirement.package === 'docker.io' && requirement.commands.every((command) => hasCommand(command))))
    .filter((requirement) => !(ubuntu && requirement.package === 'chromium'))
    .map((requirement) => requirement.package)
}

export function isUbuntu(osRelease) {
  return /\bubuntu\b/.test(`${osRelease.ID ?? ''} ${osRelease.ID_LIKE ?? ''}`)
}

/**
 * Ubuntu ships Chromium only as a snap (its chromium-browser deb installs the snap), which
 * gives no /usr/bin/chromium, the browser the end-to-end tests drive: say so, or null.
 */
export function ubuntuChromiumProblem({ ubuntu, hasPath }) {
  if (!ubuntu || hasPath('/usr/bin/chromium')) return null
  return [
    'strata test setup: the end-to-end tests drive /usr/bin/chromium, and Ubuntu ships Chromium only as a snap, which does not give it.',
    'Install a Chromium deb (for example from the xtradeb/apps PPA: `sudo add-apt-repository ppa:xtradeb/apps && sudo apt-get install chromium`),',
    'or link /usr/bin/chromium to a Chromium or Chrome binary, then run `npm test` again.',
    'STRATA_SKIP_SYSTEM_SETUP=1 npm test runs anyway; the end-to-end tests then fail.',
  ].join('\n')
}

/** What the tests need and this system lacks, checked by command and path (systems without dpkg). */
export function missingThings({ hasCommand, hasPath, requirements = REQUIREMENTS, arm64DebPresent }) {
  const missing = []
  for (const requirement of requirements) {
    const absent = [...(requirement.commands ?? []).filter((command) => !hasCommand(command)), ...(requirement.paths ?? []).filter((path) => !hasPath(path))]
    if (absent.length > 0) missing.push(`${absent.join(', ')}: ${requirement.why} (Debian: ${requirement.package})`)
  }
  if (!arm64DebPresent) {
    missing.push(`${ARM64_BUSYBOX_DEB}: Debian's busybox-static .deb for arm64, downloaded (not installed), for the multi-platform registry fixture`)
  }
  return missing
}

/** How to run what needs root: directly as root, through `sudo -n`, or not at all (say what to run). */
export function privilegeRoute({ uid, sudoWorks }) {
  if (uid === 0) return 'root'
  return sudoWorks ? 'sudo' : 'manual'
}

export function aptInstallCommand(packages) {
  return ['apt-get', 'install', '-y', '--no-install-recommends', ...packages]
}

/** The message when something must be installed and neither root nor password-less sudo is at hand. */
export function manualMessage({ packages, arm64Missing }) {
  const lines = ['strata test setup: root is needed to install what the tests need, and sudo asks for a password (or is missing).']
  if (packages.length > 0) lines.push(`Run:  sudo apt-get update && sudo ${aptInstallCommand(packages).join(' ')}`)
  if (arm64Missing) lines.push(`and:  sudo node scripts/system-setup.mjs   (it also downloads busybox-static:arm64 to ${ARM64_BUSYBOX_DEB})`)
  else lines.push('or:   sudo node scripts/system-setup.mjs')
  lines.push('then run `npm test` again.')
  return lines.join('\n')
}

/** The message on a system without apt, where nothing is installed for the user; null when nothing is missing. */
export function otherSystemMessage({ platform, missing }) {
  if (missing.length === 0) return null
  const where =
    platform === 'darwin' || platform === 'win32'
      ? `This is ${platform === 'darwin' ? 'macOS' : 'Windows'}: the integration and end-to-end tests start a private dockerd as root and need Linux; run them on Debian or Ubuntu (a VM or a container), where \`npm test\` installs all of this itself.`
      : 'This system has no apt-get and dpkg-query (not Debian or Ubuntu), so nothing is installed for you: install the equivalents with your package manager, or run `npm test` on Debian or Ubuntu, where it installs all of this itself.'
  return [
    'strata test setup: the integration and end-to-end tests need what this machine lacks:',
    ...missing.map((item) => `  - ${item}`),
    where,
    'STRATA_SKIP_SYSTEM_SETUP=1 npm test runs anyway: build, lint, typecheck and unit tests need none of it; the engine tests then fail.',
  ].join('\n')
}

export function parseOsRelease(text) {
  const fields = {}
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim())
    if (match?.[1] !== undefined && match[2] !== undefined) fields[match[1]] = match[2].replace(/^(["'])(.*)\1$/, '$2')
  }
  return fields
}

/**
 * The one-line apt source busybox-static:arm64 is fetched from, used only by a private apt
 * configuration (the system's architectures and sources are left alone). Ubuntu serves arm64
 * from ports.ubuntu.com, not from its amd64 archive. Null when the release is not known.
 */
export function arm64Source(osRelease) {
  const family = `${osRelease.ID ?? ''} ${osRelease.ID_LIKE ?? ''}`
  if (isUbuntu(osRelease)) {
    const codename = osRelease.UBUNTU_CODENAME ?? osRelease.VERSION_CODENAME
    if (codename === undefined || codename === '') return null
    return `deb [arch=arm64 signed-by=/usr/share/keyrings/ubuntu-archive-keyring.gpg] http://ports.ubuntu.com/ubuntu-ports ${codename} main universe`
  }
  if (/\bdebian\b/.test(family)) {
    const codename = osRelease.DEBIAN_CODENAME ?? osRelease.VERSION_CODENAME
    if (codename === undefined || codename === '') return null
    return `deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian ${codename} main`
  }
  return null
}
