/** One image's layers for size accounting: chain IDs with their diff sizes. */
export interface ImageChains {
  id: string
  chains: { chainId: string; size: number }[]
}

export interface SharingResult {
  /** image ID -> bytes of its layers that another image also uses */
  sharedBytes: Map<string, number>
  /** chain ID -> IDs of the images holding it */
  holders: Map<string, string[]>
}

/**
 * Shared size as the engine computes it for `docker system df -v`: a layer is
 * shared when its chain ID is used by more than one of the given images. The same
 * diff ID on another base has another chain ID, so it is not shared.
 */
export function computeSharing(images: readonly ImageChains[]): SharingResult {
  const holders = new Map<string, string[]>()
  for (const image of images) {
    for (const chainId of new Set(image.chains.map((chain) => chain.chainId))) {
      const list = holders.get(chainId)
      if (list === undefined) holders.set(chainId, [image.id])
      else list.push(image.id)
    }
  }
  const sharedBytes = new Map<string, number>()
  for (const image of images) {
    let shared = 0
    for (const chain of image.chains) if ((holders.get(chain.chainId)?.length ?? 0) > 1) shared += chain.size
    sharedBytes.set(image.id, shared)
  }
  return { sharedBytes, holders }
}
