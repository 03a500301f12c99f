import type { ImageSummary } from './types'

/**
 * Applies one image change to a list without refetching. A tag names one image
 * only, so tags the changed image now carries are taken off every other image
 * (the engine sends no event for the image a moved tag left).
 */
export function applyImageChange(images: readonly ImageSummary[], id: string, image: ImageSummary | null): ImageSummary[] {
  if (image === null) return images.filter((existing) => existing.id !== id)
  const claimed = new Set(image.repoTags)
  const others = images
    .filter((existing) => existing.id !== image.id)
    .map((existing) => {
      if (!existing.repoTags.some((tag) => claimed.has(tag))) return existing
      const repoTags = existing.repoTags.filter((tag) => !claimed.has(tag))
      return { ...existing, repoTags, dangling: repoTags.length === 0 }
    })
  const index = images.findIndex((existing) => existing.id === image.id)
  if (index === -1) return [image, ...others]
  const result = [...others]
  result.splice(Math.min(index, result.length), 0, image)
  return result
}
