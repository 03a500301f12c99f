import { i18n } from '../i18n'
import type { Translate } from '../i18n/translator'

/**
 * The app's `t` for stores, which word things outside any component (a transfer's
 * title, a form's problem). It reads the current language, so a computed that calls
 * it follows a language change; text already stored keeps the language it was made in.
 */
export const appTranslate: Translate = (key, named = {}, plural) => (plural === undefined ? i18n.global.t(key, named) : i18n.global.t(key, named, plural))
