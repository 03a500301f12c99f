import { formatBytes, shortId } from '../../shared/format'
import type { LoadResult, LocalPlatforms, LoginResult, LogoutResult, Platform, PullResult, PushResult, RemoteImage, SaveResult, TagResult } from '../../shared/types'

/** Human-readable renderings of the registry and file commands; --json prints the contract's data instead. */

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()
  return [line(header), ...rows.map(line)].join('\n') + '\n'
}

export function platformName(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter((part) => part !== null && part !== '').join('/')
}

/** "yes", "no", or how many of the layers are here when some are. */
function presence(platform: RemoteImage['platforms'][number]): string {
  if (platform.presentLocally) return 'image'
  const here = platform.layers.filter((layer) => layer.local === 'present').length
  const unknown = platform.layers.some((layer) => layer.local === 'unknown')
  if (unknown) return 'unknown'
  return here === 0 ? 'none' : `${String(here)}/${String(platform.layers.length)} layers`
}

export function remoteText(remote: RemoteImage): string {
  const rows = remote.platforms.map((platform) => [
    platformName(platform),
    shortId(platform.digest),
    formatBytes(platform.compressedSize),
    String(platform.layers.length),
    presence(platform),
    platform.downloadSize === null ? 'unknown' : `${formatBytes(platform.downloadSize)}${platform.uncertainSize > 0 ? ` (up to ${formatBytes(platform.downloadSize + platform.uncertainSize)})` : ''}`,
  ])
  const head = [
    `${remote.reference}  ${remote.isIndex ? 'index' : 'manifest'} ${remote.digest}`,
    `  ${remote.mediaType}${remote.otherManifests > 0 ? `, ${String(remote.otherManifests)} attestation/other entries not shown` : ''}`,
    remote.engine === null ? `  the engine could not resolve it: ${remote.engineError ?? 'unknown error'}` : remote.engine.digest === remote.digest ? '  the engine resolves it to the same digest' : `  the engine resolves it to ${remote.engine.digest}`,
  ]
  return `${head.join('\n')}\n${table(['PLATFORM', 'MANIFEST', 'COMPRESSED', 'LAYERS', 'HERE', 'DOWNLOAD'], rows)}`
}

export function pullText(result: PullResult): string {
  const lines = result.images.map((image) => `${image.upToDate ? 'Up to date' : 'Pulled'} ${image.reference} (${platformName(image.platform)}) as ${shortId(image.id)}: ${formatBytes(image.downloadedBytes)} downloaded, ${String(image.layers.filter((layer) => layer.status === 'exists').length)} of ${String(image.layers.length)} layers already here`)
  return `${lines.join('\n')}\n${result.digest === null ? '' : `Digest: ${result.digest}\n`}`
}

export function pushText(result: PushResult): string {
  const skipped = result.layers.filter((layer) => layer.status === 'exists' || layer.status === 'mounted').length
  return `Pushed ${result.reference}: digest ${result.digest} (manifest ${String(result.size)} bytes), ${String(result.layers.length - skipped)} layers sent, ${String(skipped)} already there\n`
}

export function tagText(result: TagResult): string {
  return `Tagged ${shortId(result.id)} as ${result.tag}${result.previousOwner === null ? '' : ` (moved from ${shortId(result.previousOwner)})`}\n`
}

export function saveText(result: SaveResult): string {
  return `Saved ${result.images.map((image) => image.repoTags[0] ?? shortId(image.id)).join(', ')} to ${result.path} (${formatBytes(result.bytes)})\n`
}

export function loadText(result: LoadResult): string {
  return result.loaded.map((name) => `Loaded ${name}\n`).join('')
}

export function loginText(result: LoginResult): string {
  return `${result.status}: ${result.username} at ${result.registry}, stored in ${result.storedIn} (${result.configPath})\n`
}

export function logoutText(result: LogoutResult): string {
  return result.removedFrom.length === 0 ? `No credentials were stored for ${result.registry}\n` : `Removed the credentials for ${result.registry} from ${result.removedFrom.join(' and ')}\n`
}

export function platformsText(result: LocalPlatforms): string {
  const lines = [`${shortId(result.imageId)} is ${platformName(result.platform)} (${result.source === 'engine' ? 'as the engine reports' : 'from its repo digests\' registries'})`]
  for (const list of result.manifests) {
    lines.push(`${list.reference}${list.isIndex ? ' (index)' : ''}${list.error === null ? '' : `: ${list.error}`}`)
    for (const entry of list.platforms) lines.push(`  ${platformName(entry.platform).padEnd(16)} ${shortId(entry.digest)}  ${entry.local ? `here as ${shortId(entry.localImageId ?? '')}` : 'not here'}`)
  }
  if (result.manifests.length === 0) lines.push('No repo digest: it was never pulled or pushed, so no registry knows it.')
  return `${lines.join('\n')}\n`
}
