import { isAbsoluteFilePath } from '../../shared/file-path'
import { i18n } from '../i18n'
import type { Translate } from '../i18n/translator'

/**
 * The app's translator, in whatever language is chosen when the words are asked for.
 * The default for callers that pass none (the registry's Save and Load forms): a form
 * that calls these while rendering follows a change of language.
 */
const appTranslate: Translate = (key, named = {}, plural) => (plural === undefined ? i18n.global.t(key, named) : i18n.global.t(key, named, plural))

/** Where a file path typed into Strata lives: the core reads and writes it, not the page. */
export function pathWhere(desktop: boolean, t: Translate = appTranslate): string {
  return desktop ? t('files.path.desktop') : t('files.path.served')
}

/** What a path field refuses before asking the core (which refuses the same); null when it may be sent. */
export function pathProblem(path: string, t: Translate = appTranslate): string | null {
  const trimmed = path.trim()
  if (trimmed === '') return t('files.path.empty')
  if (trimmed.includes('\0')) return t('files.path.nul')
  if (!isAbsoluteFilePath(trimmed)) return t('files.path.relative')
  return null
}
