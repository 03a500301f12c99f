/** Where the renderer is loaded from: the dev server in development, the built file otherwise. */
export type RendererLocation = { kind: 'dev-server'; url: string } | { kind: 'file'; path: string }

/** Only frames showing our own renderer may call the API. */
export function isTrustedFrameUrl(frameUrl: string | undefined, location: RendererLocation): boolean {
  if (frameUrl === undefined || frameUrl === '') return false
  let parsed: URL
  try {
    parsed = new URL(frameUrl)
  } catch {
    return false
  }
  if (location.kind === 'dev-server') {
    return parsed.origin === new URL(location.url).origin
  }
  // A file URL with a host (file://server/...) is a network share on Windows, never our renderer.
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false
  // Compare with the path itself: parsing it as a URL would cut it at a '#' or '?' in a folder name.
  const expected = `${location.path.startsWith('/') ? '' : '/'}${location.path.replace(/\\/g, '/')}`
  try {
    return decodeURIComponent(parsed.pathname) === expected
  } catch {
    // A malformed escape (%E0%A4%A) must refuse the frame, not throw out of an IPC handler.
    return false
  }
}
