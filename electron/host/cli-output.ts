import type { WireError } from '../../shared/errors'
import { StrataError } from '../../shared/errors'
import { countOf, formatBytes, layersFigureName, shortId } from '../../shared/format'
import { formatPlatform } from '../../shared/platform'
import type { Blocker, DeletePlan, EngineInfo, FamilyLink, ImageDetail, ImageSummary, RemoveResult, StoreFigure } from '../../shared/types'

/** Human-readable renderings for the command line; --json prints the contract's data instead. */

export function oneLine(error: unknown): string {
  if (error instanceof StrataError) return describe(error.toWire())
  return error instanceof Error ? error.message : String(error)
}

function describe(error: WireError): string {
  const hint = typeof error.detail.hint === 'string' ? ` ${error.detail.hint}` : ''
  return `${error.message}${hint}`.replace(/\s*\n\s*/g, ' ')
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()
  return [line(header), ...rows.map(line)].join('\n') + '\n'
}

function keyValues(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([label]) => label.length))
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n') + '\n'
}

export function engineText(info: EngineInfo): string {
  return keyValues([
    ['Endpoint', `${info.endpoint.url} (${info.endpoint.source}${info.endpoint.context !== null ? `, context ${info.endpoint.context}` : ''})`],
    ['Engine', `${info.podman ? 'Podman' : 'Docker'} ${info.engineVersion}`],
    ['API', `${info.apiVersion} (daemon ${info.daemonApiVersion})`],
    ['Storage driver', info.storageDriver],
    ['Backing filesystem', info.backingFilesystem ?? '—'],
    ['Image store', info.imageStore === 'containerd' ? `containerd (snapshotter ${info.snapshotter ?? 'unknown'})` : 'classic (graph driver)'],
    ['Data root', info.dataRoot],
    ['OS / arch', `${info.os} (${info.osType}/${info.architecture})`],
    ['Images', String(info.images)],
    ['Containers', `${info.containers.total} (${info.containers.running} running, ${info.containers.paused} paused, ${info.containers.stopped} stopped)`],
  ])
}

function platformText(image: ImageSummary): string {
  const { os, architecture, variant } = image.platform
  return [os, architecture, variant].filter((part) => part !== null && part !== '').join('/')
}

export function imagesText(images: ImageSummary[]): string {
  const rows = images.flatMap((image) => {
    const names = image.repoTags.length > 0 ? image.repoTags : ['<none>:<none>']
    const containers = `${image.containers.running.length}/${image.containers.stopped.length}`
    return names.map((name) => [name, shortId(image.id), image.created.slice(0, 19).replace('T', ' '), formatBytes(image.size), formatBytes(image.uniqueSize), formatBytes(image.sharedSize), platformText(image), containers])
  })
  return table(['REPOSITORY:TAG', 'IMAGE ID', 'CREATED (UTC)', 'SIZE', 'UNIQUE', 'SHARED', 'PLATFORM', 'RUNNING/STOPPED'], rows)
}

/** How the Images list would name an image (its first tag, else its short ID), and the intermediates passed to reach it. */
function viaText(via: readonly string[]): string {
  return via.length > 0 ? ` (via ${countOf(via.length, 'untagged intermediate')})` : ''
}

function linkText(link: FamilyLink): string {
  return `${link.image.repoTags[0] ?? shortId(link.image.id)}${viaText(link.via)}`
}

/** On the containerd store: content and snapshots apart, each with its source, and the platforms the ID stands for. */
function storeRows(summary: ImageSummary): [string, string][] {
  const store = summary.store
  if (store === undefined) return []
  const figure = (label: string, value: StoreFigure): [string, string] => [label, `${formatBytes(value.total)} (unique ${formatBytes(value.unique)}, shared ${formatBytes(value.shared)}; from ${value.source})`]
  const platforms = store.platforms.flatMap((manifest) => (manifest.kind === 'image' && manifest.platform !== null ? [`${formatPlatform(manifest.platform)}${manifest.available ? '' : ' (not pulled)'}`] : []))
  return [figure('Unpacked', store.unpacked), figure('Content', store.content), ['Platforms', platforms.join(', ') || 'none']]
}

export function imageText(detail: ImageDetail): string {
  const { summary } = detail
  const head = keyValues([
    ['ID', summary.id],
    ['Tags', summary.repoTags.join(', ') || '<none>'],
    ['Created', summary.created],
    ['Size', `${formatBytes(summary.size)} (unique ${formatBytes(summary.uniqueSize)}, shared ${formatBytes(summary.sharedSize)})`],
    ['Platform', platformText(summary)],
    ...storeRows(summary),
    ['Parent', summary.family.parent === null ? 'none' : linkText(summary.family.parent)],
    ['Built on it', summary.family.children.length === 0 ? 'none' : summary.family.children.map(linkText).join(', ')],
  ])
  const rows = [...detail.layers].reverse().map((layer) => [String(layer.index), formatBytes(layer.size), layer.sharedWith.length > 0 ? `shared with ${layer.sharedWith.length}` : 'unique', layer.createdBy.slice(0, 80)])
  return `${head}\n${table(['LAYER', 'SIZE', 'SHARING', 'INSTRUCTION'], rows)}`
}

const REMEDY_TEXT: Record<Blocker['remedy'], string> = {
  'stop-and-remove': 'stop and remove it (--with-containers)',
  'remove-container': 'remove it (--with-containers), or --force to orphan it',
  'delete-child': 'delete that image first',
  untag: 'several names hold it: untag (--with-containers untags all but one), or --force',
}

export function blockerText(blocker: Blocker): string {
  const what =
    blocker.kind === 'child-image'
      ? `image ${blocker.name} is built on it${viaText(blocker.via ?? [])}`
      : blocker.kind === 'tag'
        ? `tagged ${blocker.name}`
        : `container ${blocker.name} (${blocker.state ?? ''}) uses it`
  return `${what}: ${REMEDY_TEXT[blocker.remedy]}`
}

export function blockersText(plan: DeletePlan): string {
  const name = plan.image.repoTags[0] ?? shortId(plan.image.id)
  if (plan.blockers.length === 0) return `Nothing blocks deleting ${name}.\n`
  return `Deleting ${name} is blocked by:\n${plan.blockers.map((blocker) => `  - ${blockerText(blocker)}`).join('\n')}\n`
}

export function removeText(result: RemoveResult): string {
  const lines = [
    ...result.stoppedContainers.map((id) => `Stopped container ${shortId(id)}`),
    ...result.removedContainers.map((id) => `Removed container ${shortId(id)}`),
    ...result.untagged.map((tag) => `Untagged ${tag}`),
    ...result.deletedNamed.images.map((image) => `Deleted ${image.repoTags[0] ?? shortId(image.id)}${image.repoTags.length > 0 ? ` (${shortId(image.id)})` : ''}`),
    ...(result.deletedNamed.intermediates.length > 0 ? [`Deleted ${countOf(result.deletedNamed.intermediates.length, 'untagged intermediate')} it was built on`] : []),
    `Freed ${formatBytes(result.freedBytes)} (${layersFigureName(result.layersBytesSource)} ${formatBytes(result.layersBytesBefore)} -> ${formatBytes(result.layersBytesAfter)})`,
    ...result.orphanedContainers.map((id) => `Orphaned container ${shortId(id)} still holds the layers; remove it to free them`),
  ]
  return `${lines.join('\n')}\n`
}
