import type { LoadResult, SaveResult } from './types'

/**
 * Saving images to an archive and loading one, in Electron. The renderer never names
 * a path there: the main process asks in a native dialog and hands only that answer
 * to the core, so a compromised page cannot write or read files of its choosing.
 * Kept free of schema code so the sandboxed preload can bundle it.
 */
export const IPC_SAVE_IMAGES_AS_CHANNEL = 'strata:save-images-as'
export const IPC_LOAD_IMAGES_FROM_CHANNEL = 'strata:load-images-from'

export interface SaveImagesAsRequest {
  refs: string[]
  /** Names the save for progress events and tasks.cancel. */
  taskId?: string
}

export interface LoadImagesFromRequest {
  taskId?: string
}

export type SaveImagesAsResult = { outcome: 'saved'; result: SaveResult } | { outcome: 'cancelled' }

export type LoadImagesFromResult = { outcome: 'loaded'; path: string; result: LoadResult } | { outcome: 'cancelled' }

/** The file name a save dialog suggests: the image's name and tag, or its short ID. */
export function archiveFileName(refs: readonly string[]): string {
  const [first] = refs
  if (first === undefined || refs.length > 1) return 'images.tar'
  const id = /^(?:sha256:)?([0-9a-f]{12})[0-9a-f]{52}$/.exec(first)
  if (id !== null) return `image-${id[1] ?? ''}.tar`
  // registry:5000/team/app:1.0@sha256:… → app-1.0: the digest and the path say nothing a file name needs.
  const withoutDigest = first.split('@')[0] ?? first
  const name = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1).replace(':', '-')
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[.-]+/, '')
  return `${safe === '' ? 'image' : safe}.tar`
}
