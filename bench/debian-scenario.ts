import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import type Docker from 'dockerode'
import { buildFixture } from '../test/support/fixtures'

/**
 * An ordinary image: a real Debian root filesystem (mmdebstrap, minbase plus a few
 * packages, ~220 MB) imported as one layer, then what images usually do on top of
 * one: a package-manager-like rewrite (files replaced by identical copies, a status
 * file edited, a download cache), a chmod, a removed folder and a small final step.
 * Built offline from the apt mirror the machine is configured with; the root
 * filesystem is made once and kept, since it is the slow part.
 */
const exec = promisify(execFile)
const SUITE = process.env.STRATA_BENCH_DEBIAN_SUITE ?? 'bookworm'
const PACKAGES = 'python3,perl,curl,ca-certificates,less,procps'
export const DEBIAN_ROOTFS = process.env.STRATA_BENCH_ROOTFS ?? `/var/tmp/strata-bench/debian-${SUITE}-rootfs.tar`
export const DEBIAN_TAG = 'bench/debian:1'
export const SMALL_DEBIAN_TAG = 'bench/debian-small:1'
const BASE_TAG = 'bench/debian-base:1'

async function ensureRootfs(): Promise<void> {
  if (existsSync(DEBIAN_ROOTFS)) return
  mkdirSync(dirname(DEBIAN_ROOTFS), { recursive: true })
  const partial = `${DEBIAN_ROOTFS}.partial`
  try {
    // --format: the temporary name's extension would otherwise make mmdebstrap write a folder.
    await exec('mmdebstrap', ['--variant=minbase', '--format=tar', `--include=${PACKAGES}`, SUITE, partial], { maxBuffer: 1 << 26 })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`making the Debian root filesystem failed (as root: apt-get install -y mmdebstrap; or set STRATA_BENCH_ROOTFS to a rootfs tar): ${reason}`, { cause: error })
  }
  renameSync(partial, DEBIAN_ROOTFS)
}

export async function buildDebianScenario(docker: Docker, host: string): Promise<void> {
  await ensureRootfs()
  await exec('docker', ['--host', host, 'import', DEBIAN_ROOTFS, BASE_TAG], { env: { ...process.env, DOCKER_HOST: '' } })
  await buildFixture(docker, {
    tag: DEBIAN_TAG,
    dockerfile: [
      `FROM ${BASE_TAG}`,
      [
        'RUN cp -a /usr/share/perl /usr/share/perl.new && rm -rf /usr/share/perl && mv /usr/share/perl.new /usr/share/perl',
        'cp -a /usr/lib/python3.[0-9]* /opt/python-copy',
        "sed -i 's/^Status: install ok installed$/Status: install ok  installed/' /var/lib/dpkg/status",
        'mkdir -p /var/cache/apt/archives && head -c 8000000 /usr/bin/perl > /var/cache/apt/archives/fake.deb',
      ].join(' && '),
      'RUN chmod -R go-w /usr/share/doc && chmod 4755 /usr/bin/newgrp',
      'RUN rm -rf /usr/share/locale /usr/share/man /usr/lib/python3.[0-9]*/test',
      "RUN useradd -m app && echo 'setting=1' > /etc/app.conf",
    ].join('\n'),
  })
}

/**
 * The smallest size the analyze target names (100 MB): one layer of the same root
 * filesystem's /usr/lib and /etc (~108 MB, ~6,000 files), imported as it is. Fixed costs
 * (Node's start, the time to the request, the end of the analysis) weigh most here.
 */
export async function buildSmallDebianScenario(host: string): Promise<void> {
  await ensureRootfs()
  const folder = mkdtempSync(join(tmpdir(), 'strata-bench-debian-small-'))
  try {
    await exec('tar', ['-xf', DEBIAN_ROOTFS, '-C', folder, './usr/lib', './etc'], { maxBuffer: 1 << 26 }).catch(async () =>
      // mmdebstrap may store names without the leading "./".
      exec('tar', ['-xf', DEBIAN_ROOTFS, '-C', folder, 'usr/lib', 'etc'], { maxBuffer: 1 << 26 }),
    )
    await exec('sh', ['-c', 'tar -C "$1" -c usr/lib etc | docker --host "$2" import - "$3"', 'sh', folder, host, SMALL_DEBIAN_TAG], { env: { ...process.env, DOCKER_HOST: '' } })
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
