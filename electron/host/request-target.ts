/**
 * The request target of an HTTP request, read strictly. Only the origin form
 * (`/path?query`) is served: an absolute-form target, `*`, a path that starts
 * with `//` (a browser would read it as another host), bad percent-encoding,
 * control characters and `.`/`..` segments are refused as a whole, so that no
 * later step (routing, file lookup, a redirect) ever sees them. `new URL` is
 * not used: it throws on some targets and silently resolves `..` in others.
 */
export interface RequestTarget {
  /** The path, percent-decoded. Starts with one `/`; no `.`, `..` or NUL inside. */
  path: string
  /** The path as sent (still percent-encoded): safe to echo in a Location header. */
  rawPath: string
  query: URLSearchParams
}

export type TargetReading = { ok: true; target: RequestTarget } | { ok: false; problem: string }

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

export function readRequestTarget(raw: string | undefined): TargetReading {
  if (raw === undefined || raw === '') return { ok: false, problem: 'The request has no target.' }
  if (!raw.startsWith('/')) return { ok: false, problem: 'Only a path is accepted as the request target (no absolute URL, no *).' }
  if (raw.startsWith('//')) return { ok: false, problem: 'The path starts with //.' }
  // Browsers never send a fragment; a raw space or control character has no place in a target either.
  if (hasControlCharacter(raw) || raw.includes(' ') || raw.includes('#')) return { ok: false, problem: 'The request target holds a space, a control character or a #.' }
  const queryStart = raw.indexOf('?')
  const rawPath = queryStart === -1 ? raw : raw.slice(0, queryStart)
  const rawQuery = queryStart === -1 ? '' : raw.slice(queryStart + 1)
  let path: string
  try {
    path = decodeURIComponent(rawPath)
  } catch {
    return { ok: false, problem: 'The path is not valid percent-encoded UTF-8.' }
  }
  if (hasControlCharacter(path)) return { ok: false, problem: 'The path holds a NUL or another control character.' }
  const segments = path.slice(1).split('/')
  if (segments.some((segment) => segment === '.' || segment === '..')) return { ok: false, problem: 'The path holds a . or .. segment.' }
  // A trailing slash leaves one empty last segment, which names a folder; any other empty segment is a doubled slash.
  if (segments.slice(0, -1).includes('')) return { ok: false, problem: 'The path holds an empty segment (//).' }
  return { ok: true, target: { path, rawPath, query: new URLSearchParams(rawQuery) } }
}

/** The API and everything under it; the rest is the renderer's files. */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/')
}
