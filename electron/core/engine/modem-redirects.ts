import { createRequire } from 'node:module'

/**
 * docker-modem follows HTTP redirects with its own copy of an old follow-redirects.
 * The Engine API never redirects a valid request; its router only redirects paths it
 * cleans (an empty, `.` or `..` segment), and following that redirect makes a second
 * request whose failure no caller can catch, which ends the process. With no
 * redirects allowed, the modem reports the redirect as an error of that one call.
 */
export function refuseEngineRedirects(): void {
  // Resolved from dockerode's own location: docker-modem is its dependency, not ours.
  const fromDockerode = createRequire(createRequire(import.meta.url).resolve('dockerode'))
  const modemHttp = fromDockerode('docker-modem/lib/http.js') as { maxRedirects: number }
  modemHttp.maxRedirects = 0
}

/** The modem's message when the engine answered with a redirect. */
export const ENGINE_REDIRECT_MESSAGE = /^Max redirects exceeded/
