import { LOADABLE_ARCHIVE_SUFFIXES, isLoadableArchiveName } from '../../shared/dropped-file'
import type { Translate } from '../i18n/translator'

/**
 * Whether a drag carries files from outside the page. A link, some text or a row
 * dragged inside the app carries none and gets no drop overlay; the names of the
 * files are unknown until the drop, so the overlay appears for any file.
 */
export function dragCarriesFiles(types: readonly string[] | null | undefined): boolean {
  return types?.includes('Files') === true
}

/** What the user may do with the dropped archive. */
export type DropAction = 'load' | 'analyze' | 'archive'

export interface DropOffer {
  action: DropAction
  label: string
  note: string
}

/** What the drop dialog shows: the choice for one archive, or why nothing can be done. */
export type DropChoice = { kind: 'archive'; name: string; offers: DropOffer[]; pathNote: string | null } | { kind: 'refused'; message: string }

/**
 * The choice a drop offers. One archive at a time: a load is one task, and a second
 * file would be silently ignored otherwise. The app reads the dropped file itself; a
 * browser never tells a page where a dropped file lies, so there the path is typed
 * into the Load form, and nothing is uploaded (the core may not even share a disk with the browser).
 */
export function dropChoice(t: Translate, names: readonly string[], desktop: boolean, loadRunning = false): DropChoice {
  const [name] = names
  if (name === undefined) return { kind: 'refused', message: t('registry.drop.nothing') }
  if (names.length > 1) return { kind: 'refused', message: t('registry.drop.several', { n: names.length }) }
  if (!isLoadableArchiveName(name)) {
    return { kind: 'refused', message: t('registry.drop.notArchive', { name, suffixes: LOADABLE_ARCHIVE_SUFFIXES.join(', ') }) }
  }
  // One load at a time (the store keeps one); the dialog would otherwise show the other load's progress as this one's.
  if (loadRunning) return { kind: 'refused', message: t('registry.drop.busy', { name }) }
  const command = '`strata analyze <file>`'
  return {
    kind: 'archive',
    name,
    offers: [
      { action: 'load', label: t('registry.drop.load'), note: desktop ? t('registry.drop.loadNote') : t('registry.drop.loadNoteTyped') },
      { action: 'analyze', label: t('registry.drop.analyze'), note: desktop ? t('registry.drop.analyzeNote') : t('registry.drop.analyzeNoteTyped') },
      { action: 'archive', label: t('registry.drop.archive'), note: desktop ? t('registry.drop.archiveNote', { command }) : t('registry.drop.archiveNoteTyped', { command }) },
    ],
    pathNote: desktop ? null : t('registry.drop.pathNote', { name }),
  }
}
