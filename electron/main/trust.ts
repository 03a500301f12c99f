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
  if (parsed.protocol !== 'file:') return false
  const expected = new URL(`file://${location.path.startsWith('/') ? '' : '/'}${location.path.replace(/\\/g, '/')}`)
  return decodeURIComponent(parsed.pathname) === decodeURIComponent(expected.pathname)
}
