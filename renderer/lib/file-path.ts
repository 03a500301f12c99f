import { isAbsoluteFilePath } from '../../shared/file-path'
import { translator, type Translate } from '../i18n/translator'

/**
 * English, for callers that pass no translator yet. Not the app's instance: importing it
 * would pull the DOM into the node-side tests that use these helpers. Forms pass their `t`.
 */
const english = translator('en')

/** Where a file path typed into Strata lives: the core reads and writes it, not the page. */
export function pathWhere(desktop: boolean, t: Translate = english): string {
  return desktop ? t('files.path.desktop') : t('files.path.served')
}

/** What a path field refuses before asking the core (which refuses the same); null when it may be sent. */
export function pathProblem(path: string, t: Translate = english): string | null {
  const trimmed = path.trim()
  if (trimmed === '') return t('files.path.empty')
  if (trimmed.includes('\0')) return t('files.path.nul')
  if (!isAbsoluteFilePath(trimmed)) return t('files.path.relative')
  return null
}
