import type { ContainerFileEntry, ContainerFileOrigin } from '../../shared/container-files'
import type { TreeEntry } from '../../shared/types'

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

function layerWords(layer: number | null, layers: readonly string[], short: boolean): string {
  if (layer === null) return ''
  const instruction = layers[layer] ?? ''
  const text = short ? shortInstruction(instruction) : instruction
  return `layer ${String(layer)}${text === '' ? '' : ` ${text}`}`
}

/** "image · layer 3 RUN apt-get…", "added in container", "copied up and changed", "deleted in container". */
export function originText(entry: ContainerFileEntry, layers: readonly string[], short = true): string {
  switch (entry.origin) {
    case 'image':
      return `image · ${layerWords(entry.imageLayer, layers, short)}`
    case 'added':
      return 'added in container'
    case 'copied-up':
      return entry.type === 'dir' ? 'copied up (changed inside)' : 'copied up and changed'
    case 'deleted':
      return 'deleted in container'
  }
}

/** The title of an origin badge: the full instruction, and the image copy a container change hides. */
export function originTitle(entry: ContainerFileEntry, layers: readonly string[]): string {
  const lines = [originText(entry, layers, false)]
  if (entry.origin !== 'image' && entry.imageLayer !== null) lines.push(`The image's copy: ${layerWords(entry.imageLayer, layers, false)}`)
  if (entry.metadataFrom === null) lines.push('Its size and mode are not known: the folder has more changed paths than are read, or it is a socket.')
  else if (!entry.ownerKnown) lines.push("Owner not shown: the engine's stat of the container's copy names none.")
  return lines.join('\n')
}

export const ORIGIN_LEGEND: readonly { origin: ContainerFileOrigin; label: string; meaning: string }[] = [
  { origin: 'image', label: 'image · layer n', meaning: 'untouched: read from the read-only image layer that made it' },
  { origin: 'added', label: 'added in container', meaning: 'made in the writable layer; the image has no such path' },
  { origin: 'copied-up', label: 'copied up and changed', meaning: 'copy-on-write: the image has it, the writable layer holds a changed copy' },
  { origin: 'deleted', label: 'deleted in container', meaning: 'the image has it; the writable layer hides it' },
]
