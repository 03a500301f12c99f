/** Where the renderer is loaded from: the dev server in development, the built file otherwise. */
export type RendererLocation = { kind: 'dev-server'; url: string } | { kind: 'file'; path: string }

/**
 * Windows file systems ignore case, and Chromium may spell the drive letter either way
 * (file:///c:/… for C:\…): compare there as the platform does, exactly elsewhere.
 */
function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b
}

/** Only frames showing our own renderer may call the API. */
export function isTrustedFrameUrl(frameUrl: string | undefined, location: RendererLocation, platform: NodeJS.Platform = process.platform): boolean {
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
    return samePath(decodeURIComponent(parsed.pathname), expected, platform)
  } catch {
    // A malformed escape (%E0%A4%A) must refuse the frame, not throw out of an IPC handler.
    return false
  }
}
