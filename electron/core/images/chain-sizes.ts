import type { EngineConnection } from '../engine/connection'
import { eachLimited, type HistoryData, type ImageDataCache, type InspectData } from './image-data'

/**
 * Sizes of layers by chain ID. GET /history gives them but is the costly call (the
 * engine measures every layer); an image's size is the sum of its layers, so an image
 * with one layer of unknown size gives that size away. Histories are fetched only
 * for images that cannot be solved this way, fewest layers first, and every fetched
 * history checks the arithmetic: an engine where sizes do not add up gets histories only.
 */
export class ChainSizes {
  private readonly sizes = new Map<string, number>()
  private readonly derived = new Set<string>()
  private trusted: boolean | null = null

  get(chainId: string): number | undefined {
    return this.sizes.get(chainId)
  }

  unknownOf(image: InspectData): string[] {
    return image.chainIds.filter((chainId) => !this.sizes.has(chainId))
  }

  learn(history: HistoryData, imageSize: number): void {
    for (const layer of history.layers) {
      this.sizes.set(layer.chainId, layer.size)
      this.derived.delete(layer.chainId)
    }
    const total = history.layers.reduce((sum, layer) => sum + layer.size, 0)
    if (total !== imageSize) this.distrust()
    else this.trusted ??= true
  }

  derive(images: readonly InspectData[]): void {
    if (this.trusted === false) return
    let progress = true
    while (progress) {
      progress = false
      for (const image of images) {
        const unknown = this.unknownOf(image)
        if (unknown.length !== 1) continue
        const known = image.chainIds.reduce((sum, chainId) => sum + (this.sizes.get(chainId) ?? 0), 0)
        const size = image.size - known
        if (size < 0) {
          this.distrust()
          return
        }
        const chainId = unknown[0] ?? ''
        this.sizes.set(chainId, size)
        this.derived.add(chainId)
        progress = true
      }
    }
  }

  /**
   * On the containerd image store an image's Size is its compressed content plus its unpacked
   * snapshots, so it never equals the sum of its layers: every size must come from a history.
   */
  refuseDerivation(): void {
    this.distrust()
  }

  get derivationTrusted(): boolean | null {
    return this.trusted
  }

  private distrust(): void {
    this.trusted = false
    for (const chainId of this.derived) this.sizes.delete(chainId)
    this.derived.clear()
  }
}

const LARGEST_BATCH = 16

/** Makes every chain of `images` known, fetching as few histories as it can. */
export async function resolveChainSizes(connection: EngineConnection, cache: ImageDataCache, sizes: ChainSizes, images: readonly InspectData[]): Promise<void> {
  const gone = new Set<string>()
  // One history first (the image with the fewest layers often unlocks all the others), then more per round.
  let batchSize = 1
  for (;;) {
    sizes.derive(images)
    const blocked = images.filter((image) => !gone.has(image.id) && sizes.unknownOf(image).length > 0).sort((a, b) => a.chainIds.length - b.chainIds.length)
    if (blocked.length === 0) return
    const batch = sizes.derivationTrusted === false ? blocked : blocked.slice(0, batchSize)
    batchSize = Math.min(batchSize * 2, LARGEST_BATCH)
    await eachLimited(batch, 32, async (image) => {
      try {
        sizes.learn(await cache.history(connection, image.id), image.size)
      } catch (error) {
        if ((error as { statusCode?: unknown }).statusCode !== 404) throw error
        gone.add(image.id)
      }
    })
  }
}
