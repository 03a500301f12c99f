import { shortId } from '../../shared/format'
import type { ImageRef, ImageSummary, Platform } from '../../shared/types'
import { formatPlatform } from '../../shared/platform'
import { isUnused } from '../../shared/image-use'
import { translator, type Translate } from '../i18n/translator'

/** Which images the list shows; "in use" means a container (whatever its state) uses the image or an image is built on it: see shared/image-use.ts. */
export type ImageFilter = 'all' | 'dangling' | 'in-use' | 'unused'

export type ImageSortKey = 'name' | 'id' | 'created' | 'size' | 'unique' | 'shared' | 'platform' | 'containers'

export interface ImageSort {
  key: ImageSortKey
  descending: boolean
}

/** In the toolbar's order; their names are in the message files (images.filter). */
export const IMAGE_FILTERS: readonly { value: ImageFilter }[] = [{ value: 'all' }, { value: 'dangling' }, { value: 'in-use' }, { value: 'unused' }]

export function containerCount(image: ImageSummary): number {
  return image.containers.running.length + image.containers.stopped.length
}

export function passesFilter(image: ImageSummary, filter: ImageFilter): boolean {
  switch (filter) {
    case 'all':
      return true
    case 'dangling':
      return image.dangling
    case 'in-use':
      return !imageIsUnused(image)
    case 'unused':
      return imageIsUnused(image)
  }
}

/** The same test Cleanup's "Unused" applies, so the filter and a cleanup agree. */
export function imageIsUnused(image: ImageSummary): boolean {
  return isUnused({ containers: containerCount(image), children: image.family.children.length })
}

function hexOf(id: string): string {
  return id.startsWith('sha256:') ? id.slice('sha256:'.length) : id
}

/**
 * A search matches a tag or repository name anywhere, an ID from its start (with or
 * without "sha256:"), or a label written as key=value anywhere. `needle` is lower case.
 */
export function matchesSearch(image: ImageSummary, needle: string): boolean {
  if (needle === '') return true
  const idNeedle = hexOf(needle)
  if (idNeedle !== '' && hexOf(image.id).startsWith(idNeedle)) return true
  if (image.repoTags.some((tag) => tag.toLowerCase().includes(needle))) return true
  if (image.repoDigests.some((digest) => (digest.split('@')[0] ?? '').toLowerCase().includes(needle))) return true
  return Object.entries(image.labels).some(([key, value]) => `${key}=${value}`.toLowerCase().includes(needle))
}

let english: Translate | undefined

/** Callers that pass no translator (views not yet translated, and sorting) get the English word. */
function englishWords(): Translate {
  english ??= translator('en')
  return english
}

/** "linux/amd64", or the word for unknown when the engine reports no platform. */
export function platformLabel(platform: Platform, t: Translate = englishWords()): string {
  const text = formatPlatform(platform)
  return text === '' ? t('images.platformUnknown') : text
}

/** How the UI names an image in one word: its first tag, or its short ID when it has none. */
export function imageName(image: ImageRef): string {
  return image.repoTags[0] ?? shortId(image.id)
}

// "img2" before "img10", as people read names.
const collator = new Intl.Collator(undefined, { numeric: true })

function sortName(image: ImageSummary): string {
  // Untagged images sort after every tagged one when ascending.
  return image.repoTags[0] ?? '\uffff'
}

function compareBy(a: ImageSummary, b: ImageSummary, key: ImageSortKey): number {
  switch (key) {
    case 'name':
      return collator.compare(sortName(a), sortName(b))
    case 'id':
      return hexOf(a.id).localeCompare(hexOf(b.id))
    case 'created':
      return a.created.localeCompare(b.created)
    case 'size':
      return a.size - b.size
    case 'unique':
      return a.uniqueSize - b.uniqueSize
    case 'shared':
      return a.sharedSize - b.sharedSize
    case 'platform':
      return collator.compare(platformLabel(a.platform), platformLabel(b.platform))
    case 'containers':
      return containerCount(a) - containerCount(b) || a.containers.running.length - b.containers.running.length
  }
}

/** Sorts a copy; ties fall back to the ID so the order never flickers between updates. */
export function sortImages(images: readonly ImageSummary[], sort: ImageSort): ImageSummary[] {
  const direction = sort.descending ? -1 : 1
  return [...images].sort((a, b) => direction * compareBy(a, b, sort.key) || a.id.localeCompare(b.id))
}

/** The first direction a column sorts in when chosen: names A→Z, numbers and dates largest first. */
export function defaultDescending(key: ImageSortKey): boolean {
  return key !== 'name' && key !== 'id' && key !== 'platform'
}
