import type { EngineConnection } from '../engine/connection'
import { CLASSIC_STORE, type ImageStore } from '../engine/image-store'
import { imageListQuery, type ManifestSummaryWire } from '../images/manifests'
import { ChainSizes, resolveChainSizes } from '../images/chain-sizes'
import { engineReportsLayers, sumChainBytes } from '../images/layers-total'
import type { ImageDataCache } from '../images/image-data'
import { imageIdOf, realDigests, realTags } from '../images/summary'
import { containerState, isAnonymousVolume, type CleanupSnapshot, type SnapshotCacheEntry, type SnapshotContainer, type SnapshotImage, type SnapshotVolume } from './snapshot'
import { readSystemDf } from '../system/system-df'
import { readLogSizes } from '../logs/log-sizes'
import { snapshotStoreOf } from './store-plan'

/** The fields of GET /system/df the planner reads. */
interface SystemDf {
  LayersSize?: number
  Images?: { Id: string }[] | null
  Containers?: { Id: string; Names?: string[] | null; ImageID: string; State: string; Created: number; Labels?: Record<string, string> | null; SizeRw?: number; Mounts?: { Type?: string; Name?: string }[] | null }[] | null
  Volumes?: DfVolume[] | null
  BuildCache?: {
    ID: string
    /** API before 1.42 */
    Parent?: string
    /** API 1.42+ */
    Parents?: string[] | null
    Type?: string
    Description?: string
    InUse: boolean
    Shared: boolean
    Size: number
    CreatedAt?: string
    LastUsedAt?: string | null
  }[] | null
}

interface DfVolume {
  Name: string
  Driver?: string
  CreatedAt?: string
  Labels?: Record<string, string> | null
  UsageData?: { Size: number; RefCount: number } | null
}

/** Volumes with the containers (any state) that mount them; the mountpoint is a host path the planner has no use for. */
function volumesOf(df: SystemDf, containers: readonly SnapshotContainer[]): SnapshotVolume[] {
  const mountedBy = new Map<string, string[]>()
  for (const container of containers) for (const name of container.volumes) mountedBy.set(name, [...(mountedBy.get(name) ?? []), container.id])
  return (df.Volumes ?? []).map((volume) => {
    const labels = volume.Labels ?? {}
    const created = volume.CreatedAt === undefined ? Number.NaN : Date.parse(volume.CreatedAt)
    return {
      name: volume.Name,
      driver: volume.Driver ?? '',
      labels,
      created: Number.isNaN(created) ? null : created,
      size: volume.UsageData?.Size ?? -1,
      refCount: volume.UsageData?.RefCount ?? -1,
      mountedBy: mountedBy.get(volume.Name) ?? [],
      anonymous: isAnonymousVolume(volume.Name, labels),
    }
  })
}

interface AllImagesEntry {
  Id: string
  ParentId?: string
  RepoTags?: string[] | null
  RepoDigests?: string[] | null
  Created: number
  Size: number
  Labels?: Record<string, string> | null
  /** Only on the containerd store, asked with ?manifests=1 (API 1.47+). */
  Manifests?: ManifestSummaryWire[] | null
}

function cacheEntry(entry: NonNullable<SystemDf['BuildCache']>[number]): SnapshotCacheEntry {
  const parents = entry.Parents ?? (entry.Parent !== undefined && entry.Parent !== '' ? [entry.Parent] : [])
  return {
    id: entry.ID,
    parents,
    type: entry.Type ?? '',
    description: entry.Description ?? '',
    inUse: entry.InUse,
    shared: entry.Shared,
    size: entry.Size,
    createdAt: entry.CreatedAt ?? null,
    lastUsedAt: entry.LastUsedAt ?? null,
  }
}

/** Resolves pins the way the engine resolves a reference (ID, ID prefix, name, name:tag, digest). */
async function resolvePins(connection: EngineConnection, pins: readonly string[], known: ReadonlySet<string>): Promise<{ pinned: Set<string>; notFound: string[] }> {
  const pinned = new Set<string>()
  const notFound: string[] = []
  for (const pin of pins) {
    if (known.has(pin) || known.has(`sha256:${pin}`)) {
      pinned.add(known.has(pin) ? pin : `sha256:${pin}`)
      continue
    }
    try {
      pinned.add(((await connection.docker.getImage(pin).inspect()) as { Id: string }).Id)
    } catch (error) {
      // A stale pin (the image is gone) or an ambiguous prefix protects nothing; the plan says so.
      const status = (error as { statusCode?: unknown }).statusCode
      if (status !== 404 && status !== 400) throw error
      notFound.push(pin)
    }
  }
  return { pinned, notFound }
}

/**
 * Reads the engine afresh for a plan: /system/df (listed images, containers with
 * their writable sizes and mounts, build cache, volumes with their sizes, LayersSize), every image with its parent, and
 * the chain IDs and layer sizes of listed images and of images containers use,
 * from the per-image cache (immutable by ID); with `logs`, each container's log on disk.
 * With `store` naming the containerd store, also each image's manifests, for its content blobs;
 * on the classic store (the default) the engine is asked exactly what it always was.
 */
export async function readSnapshot(connection: EngineConnection, cache: ImageDataCache, pins: readonly string[], options: { logs?: boolean; store?: ImageStore } = {}): Promise<CleanupSnapshot> {
  const readAt = Date.now()
  const store = options.store ?? CLASSIC_STORE
  const listQuery = store.kind === 'containerd' ? imageListQuery(connection.apiVersion, store.kind) : {}
  const [df, all, top, logs] = await Promise.all([
    readSystemDf<SystemDf>(connection),
    connection.docker.listImages({ all: true }) as Promise<AllImagesEntry[]>,
    // What /system/df lists on Docker; Podman's df also lists build intermediates (and each tag twice).
    (listQuery.manifests === true ? connection.docker.listImages(listQuery) : connection.docker.listImages()) as Promise<AllImagesEntry[]>,
    // Only the plan's disk map shows logs (execute and remove-set never need them); a plan does not fail for them.
    options.logs === true ? readLogSizes(connection).catch(() => []) : Promise.resolve(undefined),
  ])
  const listed = new Set(top.map((image) => image.Id))
  const containers: SnapshotContainer[] = (df.Containers ?? []).map((container) => ({
    id: container.Id,
    names: (container.Names ?? []).map((name) => name.replace(/^\//, '')),
    imageId: imageIdOf(container.ImageID) ?? container.ImageID,
    state: containerState(container.State),
    created: container.Created * 1000,
    labels: container.Labels ?? {},
    // The engine omits a size of 0.
    sizeRw: container.SizeRw ?? 0,
    volumes: (container.Mounts ?? []).flatMap((mount) => (mount.Type === 'volume' && mount.Name !== undefined && mount.Name !== '' ? [mount.Name] : [])),
  }))
  const needed = new Set([...listed, ...containers.map((container) => container.imageId)])
  const data = await cache.getMany(connection, [...needed])
  const sizes = new ChainSizes()
  // There an image's Size is content + snapshots, never the sum of its layers: every layer size comes from a history.
  if (store.kind === 'containerd') sizes.refuseDerivation()
  await resolveChainSizes(connection, cache, sizes, [...data.values()])
  const chainSizes = new Map<string, number>()
  for (const image of data.values()) for (const chainId of image.chainIds) chainSizes.set(chainId, sizes.get(chainId) ?? 0)
  const storeUnits = snapshotStoreOf(
    store,
    top,
    new Map([...data].map(([id, image]) => [id, image.chainIds.map((chainId) => ({ chainId, size: chainSizes.get(chainId) ?? 0 }))])),
    listQuery.manifests === true,
  )

  const images: SnapshotImage[] = all
    // A listed image deleted before its inspect is simply gone.
    .filter((entry) => !listed.has(entry.Id) || data.has(entry.Id))
    .map((entry) => ({
      id: entry.Id,
      repoTags: realTags(entry.RepoTags),
      repoDigests: realDigests(entry.RepoDigests),
      parentId: imageIdOf(entry.ParentId),
      created: entry.Created * 1000,
      size: entry.Size,
      labels: entry.Labels ?? {},
      chains: data.get(entry.Id)?.chainIds ?? [],
      listed: listed.has(entry.Id),
    }))
  const { pinned, notFound } = await resolvePins(connection, pins, new Set(images.map((image) => image.id)))
  return {
    images,
    containers,
    buildCache: (df.BuildCache ?? []).map(cacheEntry),
    volumes: volumesOf(df, containers),
    ...(logs === undefined ? {} : { logs }),
    chainSizes,
    ...(engineReportsLayers(df.LayersSize, top.map((image) => image.Size)) ? { layersSize: df.LayersSize ?? 0, layersSource: 'engine' as const } : { layersSize: sumChainBytes(data.values(), sizes), layersSource: 'images' as const }),
    pinned,
    pinsNotFound: notFound,
    readAt,
    ...(storeUnits === null ? {} : { store: storeUnits }),
  }
}
