import type { AdviceCause, AdviceFinding, AdviceLayer, PackageCache } from './advice'
import { formatBytes } from './format'

/**
 * The advisor's findings in words (English). The core returns only structured
 * findings; the command line and the interface both say them through here.
 */
export const CAUSE_TITLE: Record<AdviceCause, string> = {
  'removed-later': 'Deleted by a later layer',
  'overwritten-later': 'Replaced by a later layer',
  'restored-same-bytes': 'Stored again unchanged (chmod, chown, touch)',
  'hidden-by-opaque': 'Hidden by a folder made again',
  'package-cache': 'Package-manager caches',
  'python-bytecode': 'Python bytecode',
  docs: 'Documentation and man pages',
  'duplicate-content': 'The same bytes at several paths',
}

export const CACHE_TITLE: Record<PackageCache, string> = {
  'apt-lists': "apt's package lists",
  'apt-archives': "apt's downloaded packages and caches",
  'apk-cache': "apk's cache",
  'dnf-yum-cache': "dnf's or yum's cache",
  'pip-cache': "pip's cache",
  'npm-cache': "npm's cache",
  'yarn-cache': "yarn's cache",
  'go-build-cache': "Go's build cache",
  'go-module-cache': "Go's module download cache",
}

const CACHE_REMEDY: Record<PackageCache, string> = {
  'apt-lists': 'End the RUN that runs apt-get update with `rm -rf /var/lib/apt/lists/*`.',
  'apt-archives': 'End the RUN that installs with `apt-get clean`, or mount a cache there: `RUN --mount=type=cache,target=/var/cache/apt ...`.',
  'apk-cache': 'Install with `apk add --no-cache`.',
  'dnf-yum-cache': 'End the RUN that installs with `dnf clean all` (or `yum clean all`).',
  'pip-cache': 'Install with `pip install --no-cache-dir`, or mount a cache at /root/.cache/pip.',
  'npm-cache': 'Run `npm cache clean --force` in the same RUN, or mount a cache at /root/.npm.',
  'yarn-cache': 'Run `yarn cache clean` in the same RUN, or mount a cache at the yarn cache folder.',
  'go-build-cache': 'Build in an earlier stage and COPY only the binary, or mount a cache at /root/.cache/go-build.',
  'go-module-cache': 'Build in an earlier stage and COPY only the binary, or mount a cache at /go/pkg/mod.',
}

/** "layer 3 (RUN apt-get install …)" */
export function layerName(layer: AdviceLayer): string {
  const instruction = layer.createdBy.length > 80 ? `${layer.createdBy.slice(0, 79)}…` : layer.createdBy
  return instruction === '' ? `layer ${String(layer.index)}` : `layer ${String(layer.index)} (${instruction})`
}

function layersNamed(layers: readonly AdviceLayer[]): string {
  const names = layers.slice(0, 3).map(layerName)
  const more = layers.length > 3 ? ` and ${String(layers.length - 3)} more` : ''
  return `${names.join(', ')}${more}`
}

function files(count: number): string {
  return count === 1 ? '1 file' : `${count.toLocaleString('en-US')} files`
}

export function findingTitle(finding: AdviceFinding): string {
  return finding.cause === 'package-cache' && finding.cache !== undefined ? CACHE_TITLE[finding.cache] : CAUSE_TITLE[finding.cause]
}

/** What happened, naming the instructions involved. */
export function findingSummary(finding: AdviceFinding): string {
  const what = `${files(finding.files)}, ${formatBytes(finding.bytes)}`
  const stored = layersNamed(finding.storedBy)
  const hider = finding.hiddenBy === null ? '' : layerName(finding.hiddenBy)
  switch (finding.cause) {
    case 'removed-later':
      return `${stored} stored ${what} that ${hider} deleted.`
    case 'overwritten-later':
      return `${stored} stored ${what} that ${hider} replaced with other content.`
    case 'restored-same-bytes':
      return `${stored} stored ${what} that ${hider} stored again with the very same bytes: a chmod, chown or touch copies whole files.`
    case 'hidden-by-opaque':
      return `${stored} stored ${what} in a folder that ${hider} removed and made again, hiding all of it.`
    case 'package-cache':
      return `${what} of ${findingTitle(finding)} left in the image by ${stored}.`
    case 'python-bytecode':
      return `${what} of compiled Python bytecode, stored by ${stored}.`
    case 'docs':
      return `${what} of documentation, man and info pages, stored by ${stored}.`
    case 'duplicate-content':
      return `${stored} stored ${what} whose bytes are already at other paths of the image.`
  }
}

/** The usual Dockerfile fix. */
export function findingRemedy(finding: AdviceFinding): string {
  switch (finding.cause) {
    case 'removed-later':
      return 'Delete the files in the RUN that creates them, or make them in an earlier stage of a multi-stage build and COPY only what is needed.'
    case 'overwritten-later':
      return 'Write the final content once: do both steps in one RUN, or produce the files in a build stage and COPY the result.'
    case 'restored-same-bytes':
      return 'Set owner and mode where the files are created: `COPY --chown=... --chmod=...`, or chown/chmod in the same RUN that writes them.'
    case 'hidden-by-opaque':
      return "Build the folder's final content in one step, or in a build stage whose result is copied."
    case 'package-cache':
      return finding.cache === undefined ? 'Clean the package manager in the RUN that installs.' : CACHE_REMEDY[finding.cache]
    case 'python-bytecode':
      return 'Set `PYTHONDONTWRITEBYTECODE=1` while installing, or `pip install --no-compile`; Python then compiles on first import.'
    case 'docs':
      return 'Keep dpkg from installing them: a file in /etc/dpkg/dpkg.cfg.d/ with `path-exclude=/usr/share/doc/*`, `path-include=/usr/share/doc/*/copyright`, `path-exclude=/usr/share/man/*` and `path-exclude=/usr/share/info/*`; or remove them in the RUN that installs.'
    case 'duplicate-content':
      return 'Keep one copy and link to it (`ln`), or COPY the content once.'
  }
}
