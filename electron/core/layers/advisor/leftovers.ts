import type { AdviceCause, PackageCache } from '../../../../shared/advice'

/** A visible file that an image built for running rarely needs, and why. */
export interface Leftover {
  cause: Extract<AdviceCause, 'package-cache' | 'python-bytecode' | 'docs'>
  cache?: PackageCache
}

// A home folder: root's, or any user's under /home.
const HOME = String.raw`(?:root|home/[^/]+)`

/**
 * Paths (archive form: no leading slash) of package-manager indexes and caches.
 * Lock files and the `partial` folders are empty on a finished build; a file the
 * manager needs to run (dpkg's status, apk's installed database) is never here.
 */
const CACHES: readonly [PackageCache, RegExp][] = [
  ['apt-lists', /^var\/lib\/apt\/lists\/(?!lock$)[^/]+$/],
  ['apt-archives', /^var\/cache\/apt\/(?:archives\/[^/]+\.deb|[^/]+\.bin)$/],
  ['apk-cache', /^(?:var\/cache\/apk|etc\/apk\/cache)\/.+/],
  ['dnf-yum-cache', /^var\/cache\/(?:dnf|yum)\/.+/],
  ['pip-cache', new RegExp(`^${HOME}/\\.cache/pip/.+`)],
  ['npm-cache', new RegExp(`^${HOME}/\\.npm/.+`)],
  ['yarn-cache', new RegExp(`^(?:usr/local/share/\\.cache/yarn|${HOME}/\\.cache/yarn)/.+`)],
  ['go-build-cache', new RegExp(`^${HOME}/\\.cache/go-build/.+`)],
  ['go-module-cache', new RegExp(`^(?:go|${HOME}/go)/pkg/mod/cache/.+`)],
]

const BYTECODE = /(?:^|\/)__pycache__\/[^/]+\.py[co]$|\.py[co]$/
// Debian asks every package to keep its copyright file: not offered for removal.
const DOCS = /^usr\/(?:local\/)?share\/(?:doc\/(?!.*\/copyright$)|man\/|info\/|gtk-doc\/).+/

export function leftoverOf(path: string): Leftover | null {
  for (const [cache, pattern] of CACHES) if (pattern.test(path)) return { cause: 'package-cache', cache }
  if (BYTECODE.test(path)) return { cause: 'python-bytecode' }
  if (DOCS.test(path)) return { cause: 'docs' }
  return null
}
