import { readFile, readdir, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ImageAnalysis } from '../../../shared/types'
import { decodeLayerFiles, encodeLayerFiles } from './layer-file-format'
import type { LayerFiles } from './types'
import { makeFolder } from '../fs/make-folder'

// 2: analyses carry dive's figures (ImageAnalysis.dive); older ones are recomputed.
const FORMAT = 2
const LAYER_SUFFIX = '.idx'

/** What an image export told us beyond its layers: kept by image ID, so a cached analysis needs no export. */
export interface ImageLayersMeta {
  imageId: string
  diffIds: string[]
  createdBy: string[]
}

function hexOf(digest: string): string | null {
  const match = /^sha256:([0-9a-f]{64})$/.exec(digest)
  return match?.[1] ?? null
}

/**
 * Layer file indexes keyed by diff ID (content-addressed: never stale), on disk with
 * a size cap and least-recently-used eviction, and the most recent ones in memory.
 */
export class LayerCache {
  private readonly memory = new Map<string, LayerFiles>()
  private readonly metas = new Map<string, ImageLayersMeta>()
  private readonly analyses = new Map<string, ImageAnalysis>()

  constructor(
    private readonly directory: string | null,
    private readonly maxDiskBytes = 512 * 1024 * 1024,
    private readonly maxMemoryEntries = 2_000_000,
    /** Called after each layer index written: the core enforces the user's cap on the whole cache folder here. */
    private readonly afterWrite: () => Promise<void> = () => Promise.resolve(),
  ) {}

  async getLayer(diffId: string): Promise<LayerFiles | null> {
    const known = this.memory.get(diffId)
    if (known !== undefined) {
      // Re-inserting keeps the Map's order least-recently-used first.
      this.memory.delete(diffId)
      this.memory.set(diffId, known)
      return known
    }
    const hex = hexOf(diffId)
    if (this.directory === null || hex === null) return null
    const file = join(this.directory, `${hex}${LAYER_SUFFIX}`)
    try {
      const files = decodeLayerFiles(await readFile(file))
      if (files === null) return null
      const now = new Date()
      await utimes(file, now, now).catch(() => undefined)
      this.remember(diffId, files)
      return files
    } catch {
      return null
    }
  }

  async putLayer(diffId: string, files: LayerFiles): Promise<void> {
    this.remember(diffId, files)
    const hex = hexOf(diffId)
    if (this.directory === null || hex === null) return
    await this.write(`${hex}${LAYER_SUFFIX}`, encodeLayerFiles(files))
    await this.evict()
    await this.afterWrite().catch(() => undefined)
  }

  /**
   * Several layers of one image: written one at a time (each encoded index is a buffer
   * as large as the layer's file list), then the folder's cap and the user's cap
   * checked once, not after each (each check reads the whole folder).
   */
  async putLayers(layers: readonly (readonly [string, LayerFiles])[]): Promise<void> {
    let wrote = false
    for (const [diffId, files] of layers) {
      this.remember(diffId, files)
      const hex = hexOf(diffId)
      if (this.directory === null || hex === null) continue
      await this.write(`${hex}${LAYER_SUFFIX}`, encodeLayerFiles(files))
      wrote = true
    }
    if (!wrote) return
    await this.evict()
    await this.afterWrite().catch(() => undefined)
  }

  /** A finished analysis (without file lists) of an image: immutable like the image itself. */
  async getAnalysis(imageId: string): Promise<ImageAnalysis | null> {
    const hex = hexOf(imageId)
    if (this.directory === null || hex === null) return this.analyses.get(imageId) ?? null
    const known = this.analyses.get(imageId)
    if (known !== undefined) return known
    try {
      const parsed = JSON.parse(await readFile(join(this.directory, 'analyses', `${hex}.json`), 'utf8')) as { format?: unknown; analysis: ImageAnalysis }
      if (parsed.format !== FORMAT || parsed.analysis.image.id !== imageId) return null
      this.analyses.set(imageId, parsed.analysis)
      return parsed.analysis
    } catch {
      return null
    }
  }

  async putAnalysis(analysis: ImageAnalysis): Promise<void> {
    this.analyses.set(analysis.image.id, analysis)
    const hex = hexOf(analysis.image.id)
    if (this.directory === null || hex === null) return
    await this.write(join('analyses', `${hex}.json`), JSON.stringify({ format: FORMAT, analysis }))
  }

  async getMeta(imageId: string): Promise<ImageLayersMeta | null> {
    const known = this.metas.get(imageId)
    if (known !== undefined) return known
    const hex = hexOf(imageId)
    if (this.directory === null || hex === null) return null
    try {
      const meta = JSON.parse(await readFile(join(this.directory, 'images', `${hex}.json`), 'utf8')) as ImageLayersMeta
      if (meta.imageId !== imageId) return null
      this.metas.set(imageId, meta)
      return meta
    } catch {
      return null
    }
  }

  async putMeta(meta: ImageLayersMeta): Promise<void> {
    this.metas.set(meta.imageId, meta)
    const hex = hexOf(meta.imageId)
    if (this.directory === null || hex === null) return
    await this.write(join('images', `${hex}.json`), JSON.stringify(meta))
  }

  private remember(diffId: string, files: LayerFiles): void {
    this.memory.set(diffId, files)
    let total = 0
    for (const layer of this.memory.values()) total += layer.entries.length
    for (const [key, layer] of this.memory) {
      if (total <= this.maxMemoryEntries || key === diffId) break
      this.memory.delete(key)
      total -= layer.entries.length
    }
  }

  private async write(relative: string, text: string | Buffer): Promise<void> {
    if (this.directory === null) return
    const file = join(this.directory, relative)
    try {
      await makeFolder(join(file, '..'))
      const temporary = `${file}.${process.pid}.tmp`
      await writeFile(temporary, text)
      await rename(temporary, file)
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }

  /** Drops the least recently used layer files until the folder is under its cap. */
  private async evict(): Promise<void> {
    if (this.directory === null) return
    const names = (await readdir(this.directory).catch(() => [])).filter((name) => name.endsWith(LAYER_SUFFIX) || name.endsWith('.json'))
    const files = await Promise.all(
      names.map(async (name) => {
        const info = await stat(join(this.directory ?? '', name)).catch(() => null)
        return { name, size: info?.size ?? 0, used: info?.mtimeMs ?? 0 }
      }),
    )
    let total = files.reduce((sum, file) => sum + file.size, 0)
    for (const file of files.sort((a, b) => a.used - b.used)) {
      if (total <= this.maxDiskBytes) break
      await unlink(join(this.directory, file.name)).catch(() => undefined)
      total -= file.size
    }
  }
}
