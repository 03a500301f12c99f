import { shortId } from '../../shared/format'
import type { DiskMap } from '../../shared/types'
import type { Translate } from '../i18n/translator'
import type { Figures } from './cleanup-text'
import { insetRect, squarify, type Rect } from './treemap'

/** What a treemap of disk use draws: five groups, each split into its tiles. */

export type DiskGroupId = 'images' | 'shared' | 'containers' | 'build-cache' | 'volumes' | 'logs'

export interface DiskTile {
  key: string
  group: DiskGroupId
  label: string
  /** The rest of what the tile's title says: what it is, who holds it. */
  detail: string
  bytes: number
  /** The plan removes it (for an aggregate: every member is planned). */
  planned: boolean
  /** Pinned or labelled strata.keep. */
  protected: boolean
  /** Several small entries drawn as one. */
  aggregate: boolean
  rect: Rect
}

export interface DiskGroup {
  id: DiskGroupId
  label: string
  bytes: number
  plannedBytes: number
  rect: Rect
  /** Room for the group's name above its tiles. */
  titled: boolean
}

export function groupLabel(t: Translate, id: DiskGroupId): string {
  return t(`cleanup.treemap.groups.${id}`)
}

/** What the tiles' words need: the caller's `t` and its locale's figures. */
export interface TileWords {
  t: Translate
  fmt: Figures
}

type Entry = Omit<DiskTile, 'rect' | 'group'>

/** Tiles drawn one by one per group; the rest are folded into one planned and one kept tile, so 1,000 images stay drawable and tabbable. */
export const TILES_PER_GROUP = 60
const GROUP_TITLE = 18
const GROUP_INSET = 2
const MIN_TITLED_HEIGHT = 48

function nameOf(names: readonly string[], id: string): string {
  return names[0] ?? shortId(id)
}

function entriesOf(map: DiskMap, { t, fmt }: TileWords): Record<DiskGroupId, Entry[]> {
  const plain = { protected: false, aggregate: false }
  return {
    images: map.images.map((image) => ({
      ...plain,
      key: `image:${image.id}`,
      label: nameOf(image.names, image.id),
      detail:
        image.sharedBytes > 0
          ? t('cleanup.treemap.imageDetailShared', { own: fmt.bytes(image.uniqueBytes), shared: fmt.bytes(image.sharedBytes) })
          : t('cleanup.treemap.imageDetail', { own: fmt.bytes(image.uniqueBytes) }),
      bytes: image.uniqueBytes,
      planned: image.planned,
      protected: image.protected,
    })),
    shared: map.sharedPool.layers.map((layer) => ({
      ...plain,
      key: `layer:${layer.chainId}`,
      label: t('cleanup.treemap.layer', { id: shortId(layer.chainId) }),
      detail: t('cleanup.treemap.layerDetail', { images: t('cleanup.count.images', { n: fmt.number(layer.holders.length) }, layer.holders.length) }),
      bytes: layer.bytes,
      planned: layer.freed,
    })),
    containers: map.containers.map((container) => ({
      ...plain,
      key: `container:${container.id}`,
      label: nameOf(container.names, container.id),
      detail: t('cleanup.treemap.containerDetail', { state: container.state }),
      bytes: container.writableBytes,
      planned: container.planned,
    })),
    'build-cache': map.buildCache.map((entry) => ({
      ...plain,
      key: `build-cache:${entry.id}`,
      label: entry.description !== '' ? entry.description : entry.id.slice(0, 12),
      detail: t('cleanup.treemap.cacheDetail', {
        type: entry.type || t('cleanup.treemap.cacheEntry'),
        flags: `${entry.inUse ? t('cleanup.treemap.cacheInUse') : ''}${entry.shared ? t('cleanup.treemap.cacheShared') : ''}`,
      }),
      bytes: entry.bytes,
      planned: entry.planned,
    })),
    volumes: map.volumes.map((volume) => ({
      ...plain,
      key: `volume:${volume.name}`,
      label: volume.anonymous ? shortId(volume.name) : volume.name,
      detail: `${volume.anonymous ? t('cleanup.treemap.volumeAnonymous') : t('cleanup.treemap.volumeNamed')}${volume.inUse ? t('cleanup.treemap.volumeInUse') : ''}`,
      bytes: volume.bytes,
      planned: volume.planned,
    })),
    // Never planned: a cleanup does not truncate logs (the engine writes them).
    logs: map.logs.map((log) => ({
      ...plain,
      key: `log:${log.id}`,
      label: nameOf(log.names, log.id),
      detail: t(log.unbounded ? 'cleanup.treemap.logDetailUnbounded' : 'cleanup.treemap.logDetail', { driver: log.driver }),
      bytes: log.bytes,
      planned: false,
    })),
  }
}

/** The largest entries one by one; the others as "N more" tiles, planned apart from kept so the highlight stays true. */
export function foldSmall(entries: readonly Entry[], limit: number, { t, fmt }: TileWords): Entry[] {
  const sorted = entries.filter((entry) => entry.bytes > 0).sort((a, b) => b.bytes - a.bytes)
  if (sorted.length <= limit) return sorted
  const shown = sorted.slice(0, limit)
  const rest = sorted.slice(limit)
  const folded: Entry[] = []
  for (const planned of [true, false]) {
    const members = rest.filter((entry) => entry.planned === planned)
    if (members.length === 0) continue
    const smaller = t('cleanup.treemap.moreDetail', { n: fmt.number(members.length) }, members.length)
    folded.push({
      key: `more:${planned ? 'planned' : 'kept'}`,
      label: t('cleanup.treemap.more', { n: fmt.number(members.length) }),
      detail: planned ? t('cleanup.treemap.morePlanned', { entries: smaller }) : smaller,
      bytes: members.reduce((sum, entry) => sum + entry.bytes, 0),
      planned,
      protected: false,
      aggregate: true,
    })
  }
  return [...shown, ...folded]
}

/** Groups sized by their bytes, then each group's tiles inside it, in pixels of a width x height box. */
export function layoutDiskMap(map: DiskMap, width: number, height: number, words: TileWords, limit = TILES_PER_GROUP): { groups: DiskGroup[]; tiles: DiskTile[] } {
  const entries = entriesOf(map, words)
  const ids = Object.keys(entries) as DiskGroupId[]
  const sums = ids.map((id) => ({
    id,
    bytes: entries[id].reduce((sum, entry) => sum + entry.bytes, 0),
    plannedBytes: entries[id].reduce((sum, entry) => sum + (entry.planned ? entry.bytes : 0), 0),
  }))
  const groups: DiskGroup[] = []
  const tiles: DiskTile[] = []
  for (const { item, rect } of squarify(sums, (sum) => sum.bytes, { x: 0, y: 0, width, height })) {
    const titled = rect.height >= MIN_TITLED_HEIGHT && rect.width >= 80
    groups.push({ id: item.id, label: groupLabel(words.t, item.id), bytes: item.bytes, plannedBytes: item.plannedBytes, rect, titled })
    const inner = insetRect(titled ? { ...rect, y: rect.y + GROUP_TITLE, height: rect.height - GROUP_TITLE } : rect, GROUP_INSET)
    for (const placed of squarify(foldSmall(entries[item.id], limit, words), (entry) => entry.bytes, inner)) {
      tiles.push({ ...placed.item, group: item.id, rect: placed.rect })
    }
  }
  return { groups, tiles }
}
