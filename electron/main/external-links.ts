/**
 * The only sites the app hands to the system browser. Nothing in the renderer links out
 * today; Docker's documentation is where help links would point. Hosts that serve
 * anyone's content (github.com, gist hosts, link shorteners) stay off: a compromised
 * page could send the user to a download of its choosing there.
 */
export const EXTERNAL_LINK_HOSTS: ReadonlySet<string> = new Set(['docs.docker.com'])

/** https on an allowed host, default port, no user name or password in the URL. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return parsed.protocol === 'https:' && parsed.port === '' && parsed.username === '' && parsed.password === '' && EXTERNAL_LINK_HOSTS.has(parsed.hostname)
}

/** Opens an allowed link in the browser; anything else is logged and dropped. */
export function openExternalLink(url: string, open: (url: string) => Promise<void>, log: (message: string) => void = console.warn): boolean {
  if (!isAllowedExternalUrl(url)) {
    // The URL is the renderer's text: cut it so a long one cannot flood the log.
    log(`strata: refused to open ${JSON.stringify(url.slice(0, 200))} outside the app: not an allowed site`)
    return false
  }
  open(url).catch((error: unknown) => {
    log(`strata: could not open ${url}: ${error instanceof Error ? error.message : String(error)}`)
  })
  return true
}
