import type { ContainerFileEntry, ContainerFileOrigin } from '../../shared/container-files'
import type { TreeEntry } from '../../shared/types'
import type { Translate } from '../i18n/translator'

/** The container's Files tab: words for where each path comes from, read-only image layers under one writable layer. */

export function isContainerFileEntry(entry: TreeEntry): entry is ContainerFileEntry {
  return 'origin' in entry
}

const INSTRUCTION_CHARS = 48

/** An instruction short enough for a column; the whole one goes in the title. */
export function shortInstruction(instruction: string): string {
  const text = instruction.replace(/\s+/g, ' ').trim()
  return text.length <= INSTRUCTION_CHARS ? text : `${text.slice(0, INSTRUCTION_CHARS - 1)}…`
}

function layerWords(layer: number | null, layers: readonly string[], short: boolean, t: Translate): string {
  if (layer === null) return ''
  const instruction = layers[layer] ?? ''
  const text = short ? shortInstruction(instruction) : instruction
  return text === '' ? t('containers.files.layer', { n: String(layer) }) : t('containers.files.layerWith', { n: String(layer), instruction: text })
}

/** "image · layer 3 RUN apt-get…", "added in container", "copied up and changed", "deleted in container". */
export function originText(entry: ContainerFileEntry, layers: readonly string[], t: Translate, short = true): string {
  switch (entry.origin) {
    case 'image':
      return t('containers.files.origin.image', { layer: layerWords(entry.imageLayer, layers, short, t) })
    case 'added':
      return t('containers.files.origin.added')
    case 'copied-up':
      return entry.type === 'dir' ? t('containers.files.origin.copiedUpDir') : t('containers.files.origin.copiedUp')
    case 'deleted':
      return t('containers.files.origin.deleted')
  }
}

/** The title of an origin badge: the full instruction, and the image copy a container change hides. */
export function originTitle(entry: ContainerFileEntry, layers: readonly string[], t: Translate): string {
  const lines = [originText(entry, layers, t, false)]
  if (entry.origin !== 'image' && entry.imageLayer !== null) lines.push(t('containers.files.imageCopy', { layer: layerWords(entry.imageLayer, layers, false, t) }))
  if (entry.metadataFrom === null) lines.push(t('containers.files.unknownMeta'))
  else if (!entry.ownerKnown) lines.push(t('containers.files.ownerUnknown'))
  return lines.join('\n')
}

/** The legend's origins, in order; each is worded by containers.files.legendLabel/legendMeaning.<origin>. */
export const ORIGIN_LEGEND: readonly ContainerFileOrigin[] = ['image', 'added', 'copied-up', 'deleted']
