import { LOADABLE_ARCHIVE_SUFFIXES, isLoadableArchiveName } from '../../shared/dropped-file'

/**
 * Whether a drag carries files from outside the page. A link, some text or a row
 * dragged inside the app carries none and gets no drop overlay; the names of the
 * files are unknown until the drop, so the overlay appears for any file.
 */
export function dragCarriesFiles(types: readonly string[] | null | undefined): boolean {
  return types?.includes('Files') === true
}

/** What the user may do with the dropped archive. */
export type DropAction = 'load' | 'analyze'

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
export function dropChoice(names: readonly string[], desktop: boolean, loadRunning = false): DropChoice {
  const [name] = names
  if (name === undefined) return { kind: 'refused', message: 'Nothing was dropped that Strata can read: drop an image archive file.' }
  if (names.length > 1) return { kind: 'refused', message: `${names.length} files were dropped: drop one image archive at a time.` }
  if (!isLoadableArchiveName(name)) {
    return { kind: 'refused', message: `${name} is not an image archive: Strata loads docker save or OCI archives ending in ${LOADABLE_ARCHIVE_SUFFIXES.join(', ')}.` }
  }
  // One load at a time (the store keeps one); the dialog would otherwise show the other load's progress as this one's.
  if (loadRunning) return { kind: 'refused', message: `Another archive is being loaded: drop ${name} again once that load has ended.` }
  const where = desktop ? '' : ' once you give its full path'
  return {
    kind: 'archive',
    name,
    offers: [
      { action: 'load', label: 'Load into the engine', note: `Loads the images it holds${where}, as docker load does: they replace the tags they carry.` },
      {
        action: 'analyze',
        label: 'Load and analyze',
        note: `Loads it${where}, then opens the image's layers and files, with the space each layer wastes. Strata analyzes images in the engine; \`strata analyze <file>\` analyzes an archive without loading it.`,
      },
    ],
    pathNote: desktop
      ? null
      : `A browser does not tell the page where ${name} lies, and Strata does not upload it: the next form asks for its full path on the machine \`strata serve\` runs on.`,
  }
}
