// docker-modem's own copy of follow-redirects; a static import, so a bundle that carries its
// dependencies (the installed CLI) shares this one module with docker-modem itself.
import modemHttp from 'docker-modem/lib/http.js'

/**
 * docker-modem follows HTTP redirects with an old copy of follow-redirects. The
 * Engine API never redirects a valid request; its router only redirects paths it
 * cleans (an empty, `.` or `..` segment), and following that redirect makes a second
 * request whose failure no caller can catch, which ends the process. With no
 * redirects allowed, the modem reports the redirect as an error of that one call.
 */
export function refuseEngineRedirects(): void {
  modemHttp.maxRedirects = 0
}

/** The modem's message when the engine answered with a redirect (declared where errors are mapped). */
export { ENGINE_REDIRECT_MESSAGE } from './errors'
