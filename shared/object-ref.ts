/**
 * The one grammar every image or container reference passes before it is put into
 * an engine URL path. The engine's router cleans paths: an empty, `.` or `..`
 * segment makes it answer with a redirect to another resource instead of an
 * error, so such text must never reach a URL. Pure, so every transport and the
 * renderer check with the same rules; the schema form is object-ref-schema.ts (zod
 * stays out of what the command line loads before the engine answers).
 */

const HEX = /^[a-f0-9]+$/
const FULL_ID_LENGTH = 64
/** Fewer digits after sha256: would name almost any image. */
const MIN_ID_PREFIX = 4
/** `repo@algorithm:hex`; moby accepts sha256 (64 hex) and sha512 (128 hex). */
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/
const TAG = /^\w[\w.-]{0,127}$/
/** One part of a name: a container name, a repository path component or a registry host. */
const COMPONENT = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/
const PORT = /^[0-9]{1,5}$/

function checkDigest(digest: string): string | null {
  if (DIGEST.test(digest)) return null
  return `'@${digest}' is not a digest: write sha256: and 64 lowercase hexadecimal digits`
}

function checkComponent(component: string, index: number): string | null {
  if (component === '') return 'it has an empty part (two slashes in a row, or a slash at an end)'
  if (component === '.' || component === '..') return `it has a '${component}' part, which is not a name`
  // Only the first part may name a registry with a port (localhost:5000/app).
  const colon = index === 0 ? component.lastIndexOf(':') : -1
  const host = colon === -1 ? component : component.slice(0, colon)
  if (colon !== -1 && !PORT.test(component.slice(colon + 1))) return `the registry port in '${component}' is not a number`
  if (!COMPONENT.test(host)) return `'${component}' is not a name part: it starts with a letter or digit and holds only letters, digits, '.', '_' and '-'`
  return null
}

/**
 * What is wrong with an image or container reference, or null. Accepted: a full or
 * short ID (at least 4 hex digits), `sha256:` and a full ID, a container name, and
 * `[registry[:port]/]path[:tag][@digest]`.
 */
export function checkObjectRef(text: string): string | null {
  if (text === '') return 'the reference is empty'
  if (text.startsWith('sha256:')) {
    // The engine resolves a short ID after the algorithm too (sha256:3f2a), as it does a bare one.
    const id = text.slice('sha256:'.length)
    return HEX.test(id) && id.length >= MIN_ID_PREFIX && id.length <= FULL_ID_LENGTH ? null : `'${text}' is not an image ID: after sha256: come 4 to 64 lowercase hexadecimal digits`
  }
  if (HEX.test(text) && text.length > FULL_ID_LENGTH) return `'${text}' is longer than an ID (64 hexadecimal digits)`
  const at = text.indexOf('@')
  const name = at === -1 ? text : text.slice(0, at)
  if (at !== -1) {
    if (name === '') return `'${text}' has a digest but no name before '@'`
    const problem = checkDigest(text.slice(at + 1))
    if (problem !== null) return problem
  }
  const lastSlash = name.lastIndexOf('/')
  const colon = name.lastIndexOf(':')
  const hasTag = colon > lastSlash
  const path = hasTag ? name.slice(0, colon) : name
  if (hasTag && !TAG.test(name.slice(colon + 1))) return `the tag in '${text}' holds only letters, digits, '_', '.' and '-' (at most 128, not starting with '.' or '-')`
  const components = path.split('/')
  for (const [index, component] of components.entries()) {
    const problem = checkComponent(component, components.length > 1 ? index : -1)
    if (problem !== null) return `'${text}' is not an ID, name or image reference: ${problem}`
  }
  return null
}
