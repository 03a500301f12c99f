import { ChangeLedger } from '../../../shared/change-ledger'
import type { ContainerSummary, ImageDetail, ImageRef, ImageRow, ImageSummary, JsonValue, LayerChains } from '../../../shared/types'
import { listContainers } from '../containers/list'
import type { EngineConnection } from '../engine/connection'
import { ImageDataCache, type ImageInspect } from './image-data'
import { ChainSizes, resolveChainSizes } from './chain-sizes'
import { FamilyIndex } from '../../../shared/image-family'
import { familyIndexOf } from './family'
import { computeSharing, type SharingResult } from './sharing'
import { composeSummary, realDigests, realTags, type ImageListEntry } from './summary'
import { imageStoreOfEngine } from '../engine/image-store'
import { imageListQuery } from './manifests'
import { containerdSizes, storeInputOf } from './store-sizes'

const ADDING_ACTIONS = new Set(['tag', 'pull', 'load', 'import', 'commit'])

/** The /images/json entry the engine would list for an inspected image. */
function entryFromInspect(inspect: ImageInspect): ImageListEntry {
  return {
    Id: inspect.Id,
    RepoTags: realTags(inspect.RepoTags),
    RepoDigests: realDigests(inspect.RepoDigests),
    Created: Math.floor(new Date(inspect.Created).getTime() / 1000),
    Size: inspect.Size,
    ...(inspect.Parent !== undefined && inspect.Parent !== '' ? { ParentId: inspect.Parent } : {}),
    Labels: inspect.Config?.Labels ?? {},
  }
}

export interface ImageChange {
  id: string
  image: ImageSummary | null
}

/**
 * The image catalog of one engine: every top-level image with its layers, true
 * shared/unique sizes and the containers using it. Immutable per-image data comes
 * from the cache; events update the snapshot instead of rebuilding it.
 */
export class ImageCatalog {
  private entries: ImageListEntry[] | null = null
  /** Every image with its parent (/images/json?all=1): the intermediates that name no one but link families. */
  private all: ImageListEntry[] = []
  private family = new FamilyIndex([], new Map())
  private containers = new Map<string, ContainerSummary>()
  /** Container news applied while a full list was on its way wins over that list. */
  private readonly containerNews = new ChangeLedger()
  private summaries = new Map<string, ImageSummary>()
  private sharing: SharingResult = { sharedBytes: new Map(), holders: new Map() }
  private readonly chainSizes = new ChainSizes()
  /** The query /images/json is listed with: empty (as always) unless the engine is on the containerd store with API 1.47+. */
  private listQuery: { manifests?: true } = {}
  // Mutations run one after another, so an event never interleaves with a full list.
  private queue: Promise<unknown> = Promise.resolve()

  constructor(readonly cache: ImageDataCache = new ImageDataCache()) {}

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work)
    this.queue = result.catch(() => undefined)
    return result
  }

  /** One call to the engine, no per-image data: enough to draw the list's first rows. */
  async rows(connection: EngineConnection): Promise<ImageRow[]> {
    const entries = (await connection.docker.listImages()) as ImageListEntry[]
    return entries.map((entry) => {
      const repoTags = realTags(entry.RepoTags)
      return { id: entry.Id, repoTags, created: new Date(entry.Created * 1000).toISOString(), size: entry.Size, dangling: repoTags.length === 0 }
    })
  }

  /** A full refresh: images and containers listed again, per-image data from the cache. */
  list(connection: EngineConnection): Promise<ImageSummary[]> {
    return this.serialize(async () => {
      const mark = this.containerNews.mark()
      // Per-image data is fetched while the (slower) container list is still on its way.
      const containersListed = listContainers(connection)
      const allListed = connection.docker.listImages({ all: true }) as Promise<ImageListEntry[]>
      const entries = await this.listTop(connection)
      const [containers, data, all] = await Promise.all([containersListed, this.fetchData(connection, entries), allListed])
      this.all = all
      const merged = this.containerNews.merge(containers, [...this.containers.values()], mark)
      this.containers = new Map(merged.map((container) => [container.id, container]))
      this.setEntries(entries, data)
      this.recompose()
      return (this.entries ?? []).flatMap((entry) => this.summaries.get(entry.Id) ?? [])
    })
  }

  /**
   * An image event. A tag, pull, load, import or commit only adds names or an
   * image, so one inspect of the named image updates the snapshot; removals can
   * reveal hidden parents, so they re-list.
   */
  imageEvent(connection: EngineConnection, action: string, ref: string): Promise<ImageChange[]> {
    return this.serialize(async () => {
      const entries = this.entries
      if (entries === null) return []
      // An inspect carries no manifests: on the containerd store the list says what the new image holds.
      if (!ADDING_ACTIONS.has(action) || ref === '' || this.listQuery.manifests === true) return this.relist(connection)
      let inspect: ImageInspect
      try {
        inspect = await connection.docker.getImage(ref).inspect()
      } catch (error) {
        // Already gone again (a quick tag-then-delete): the list says what is left.
        if ((error as { statusCode?: unknown }).statusCode !== 404) throw error
        return this.relist(connection)
      }
      const entry = entryFromInspect(inspect)
      // An untagged new image may be a build step's intermediate, hidden once its child exists: ask the engine.
      if (realTags(entry.RepoTags).length === 0) return this.relist(connection)
      const claimed = new Set(realTags(entry.RepoTags))
      const next = entries.map((existing) => {
        if (existing.Id === entry.Id || !realTags(existing.RepoTags).some((tag) => claimed.has(tag))) return existing
        // The tag moved here from another image, which the engine does not announce.
        return { ...existing, RepoTags: realTags(existing.RepoTags).filter((tag) => !claimed.has(tag)) }
      })
      // An image left without a name is listed only if nothing was built on it: ask the engine.
      const orphaned = next.some((existing, index) => existing !== entries[index] && realTags(existing.RepoTags).length === 0)
      if (orphaned) return this.relist(connection)
      const index = next.findIndex((existing) => existing.Id === entry.Id)
      if (index === -1) next.unshift(entry)
      else next[index] = entry
      // A new tagged image (a pull, a load, a commit on a listed image) adds one node to the parent graph.
      if (!this.all.some((existing) => existing.Id === entry.Id)) this.all = [...this.all, entry]
      return this.replaceEntries(connection, next)
    })
  }

  /** The container as the snapshot last knew it. */
  knownContainer(id: string): ContainerSummary | undefined {
    return this.containers.get(id)
  }

  /**
   * Puts what is now known of one container (null: gone) into the snapshot and
   * returns the images whose summaries moved. Synchronous, so news applies in
   * the order it is given, never interleaved with itself.
   */
  putContainer(id: string, container: ContainerSummary | null): ImageChange[] {
    this.containerNews.touch(id)
    if (container === null) this.containers.delete(id)
    else this.containers.set(id, container)
    if (this.entries === null) return []
    return this.recompose()
  }

  async get(connection: EngineConnection, ref: string): Promise<ImageSummary> {
    const inspect = (await connection.docker.getImage(ref).inspect()) as ImageInspect
    if (this.entries === null) await this.list(connection)
    await this.queue
    return this.summaries.get(inspect.Id) ?? (await this.hiddenSummary(connection, inspect))
  }

  async detail(connection: EngineConnection, ref: string): Promise<ImageDetail> {
    const image = connection.docker.getImage(ref)
    const raw: unknown = await image.inspect()
    const inspect = raw as ImageInspect
    const rawInspect = raw as JsonValue
    const summary = await this.get(connection, inspect.Id)
    const data = await this.cache.get(connection, inspect.Id)
    const history = await this.cache.history(connection, inspect.Id)
    const layers = history.layers.map((layer) => ({
      ...layer,
      sharedWith: (this.sharing.holders.get(layer.chainId) ?? []).filter((holder) => holder !== inspect.Id).map((holder) => this.refOf(holder)),
    }))
    return { summary, config: data.config, layers, history: history.history, graphDriver: data.graphDriver, rawInspect }
  }

  /** The layer chains the catalog already holds: loaded once if it is not yet, never asked of the engine again per image. */
  async chains(connection: EngineConnection): Promise<LayerChains> {
    if (this.entries === null) await this.list(connection)
    await this.queue
    const images: LayerChains['images'] = []
    const chainSizes: Record<string, number> = {}
    for (const entry of this.entries ?? []) {
      const data = this.cache.peek(entry.Id)
      if (data === undefined) continue
      images.push({ id: entry.Id, repoTags: realTags(entry.RepoTags), created: new Date(entry.Created * 1000).toISOString(), chainIds: [...data.chainIds] })
      for (const chainId of data.chainIds) chainSizes[chainId] = this.chainSizes.get(chainId) ?? 0
    }
    return { images, chainSizes }
  }

  refOf(id: string): ImageRef {
    return { id, repoTags: this.summaries.get(id)?.repoTags ?? [] }
  }

  /** Images not listed by /images/json (untagged parents left by the classic builder). */
  private async hiddenSummary(connection: EngineConnection, inspect: ImageInspect): Promise<ImageSummary> {
    const data = await this.cache.get(connection, inspect.Id)
    await resolveChainSizes(connection, this.cache, this.chainSizes, [data])
    const sharedSize = data.chainIds.reduce((sum, chainId) => sum + ((this.sharing.holders.get(chainId)?.length ?? 0) > 0 ? (this.chainSizes.get(chainId) ?? 0) : 0), 0)
    return composeSummary({ entry: entryFromInspect(inspect), data, sharedSize, containers: this.containersOf(inspect.Id), family: this.family.familyOf(inspect.Id) })
  }

  /** Inspect data of every entry, then the size of every layer they hold (few histories, see ChainSizes). */
  private async fetchData(connection: EngineConnection, entries: readonly ImageListEntry[]): Promise<Map<string, unknown>> {
    const data = await this.cache.getMany(
      connection,
      entries.map((entry) => entry.Id),
    )
    await resolveChainSizes(connection, this.cache, this.chainSizes, [...data.values()])
    return data
  }

  private setEntries(entries: ImageListEntry[], data: Map<string, unknown>): void {
    // An image deleted between the list and its inspect is simply gone. The engine lists newest
    // first but images made in the same second in any order: ties go by ID, so a listing reads the same each time.
    this.entries = entries.filter((entry) => data.has(entry.Id)).sort((a, b) => b.Created - a.Created || (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0))
  }

  /** Both lists again: a removal or a new untagged image can change which images are listed and how they link. */
  private async relist(connection: EngineConnection): Promise<ImageChange[]> {
    const [entries, all] = await Promise.all([this.listTop(connection), connection.docker.listImages({ all: true }) as Promise<ImageListEntry[]>])
    this.all = all
    return this.replaceEntries(connection, entries)
  }

  /**
   * GET /images/json, top-level images. The store is asked of /info only where it can be containerd's
   * (Docker 24+, API 1.43+), so an older engine gets exactly the one call it always got.
   */
  private async listTop(connection: EngineConnection): Promise<ImageListEntry[]> {
    const store = (await imageStoreOfEngine(connection)).kind
    if (store === 'containerd') this.chainSizes.refuseDerivation()
    this.listQuery = imageListQuery(connection.apiVersion, store)
    if (this.listQuery.manifests !== true) return connection.docker.listImages()
    return connection.docker.listImages(this.listQuery)
  }

  private async replaceEntries(connection: EngineConnection, entries: ImageListEntry[]): Promise<ImageChange[]> {
    this.setEntries(entries, await this.fetchData(connection, entries))
    return this.recompose()
  }

  private containersOf(imageId: string): ContainerSummary[] {
    return [...this.containers.values()].filter((container) => container.imageId === imageId)
  }

  /** Recomputes sharing and summaries from the snapshot; returns what differs from before. */
  private recompose(): ImageChange[] {
    const entries = this.entries ?? []
    const byImage = new Map<string, ContainerSummary[]>()
    for (const container of this.containers.values()) {
      const list = byImage.get(container.imageId)
      if (list === undefined) byImage.set(container.imageId, [container])
      else list.push(container)
    }
    const withData = entries.flatMap((entry) => {
      const data = this.cache.peek(entry.Id)
      return data === undefined ? [] : [{ entry, data }]
    })
    this.family = familyIndexOf(this.all, entries)
    this.sharing = computeSharing(withData.map(({ data }) => ({ id: data.id, chains: data.chainIds.map((chainId) => ({ chainId, size: this.chainSizes.get(chainId) ?? 0 })) })))
    // Entries carry manifests only on the containerd store: there blobs and snapshots are counted apart.
    const store = withData.some(({ entry }) => entry.Manifests !== undefined)
      ? containerdSizes(withData.map(({ entry, data }) => storeInputOf(entry, data.chainIds.map((chainId) => ({ chainId, size: this.chainSizes.get(chainId) ?? 0 })))))
      : null
    const next = new Map<string, ImageSummary>()
    for (const { entry, data } of withData) {
      const figures = store?.get(entry.Id)
      next.set(entry.Id, composeSummary({ entry, data, sharedSize: this.sharing.sharedBytes.get(entry.Id) ?? 0, containers: byImage.get(entry.Id) ?? [], family: this.family.familyOf(entry.Id), ...(figures !== undefined ? { store: figures } : {}) }))
    }
    const changes: ImageChange[] = []
    for (const [id, summary] of next) {
      const previous = this.summaries.get(id)
      if (previous === undefined || JSON.stringify(previous) !== JSON.stringify(summary)) changes.push({ id, image: summary })
    }
    for (const id of this.summaries.keys()) if (!next.has(id)) changes.push({ id, image: null })
    this.summaries = next
    return changes
  }
}
