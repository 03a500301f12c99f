import type { Readable } from 'node:stream'
import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import { formatPlatform, platformMatches } from '../../../shared/platform'
import type { Platform } from '../../../shared/types'
import { StopReading, walkExport, type ArchiveContents } from './export-walk'
import type { Capture, CapturedFile, LayerFiles } from './types'

/** The image config as an export carries it: the only place with history's empty_layer flags. */
export interface ImageConfigJson {
  architecture?: string
  os?: string
  variant?: string
  rootfs?: { diff_ids?: string[] }
  history?: { created?: string; created_by?: string; empty_layer?: boolean; comment?: string }[]
}

export type { Platform }

export interface ExportedLayer {
  diffId: string
  files: LayerFiles
}

export interface ExportedImage {
  imageId: string
  repoTags: string[]
  config: ImageConfigJson
  layers: ExportedLayer[]
  /** Which layout the export used. */
  layout: 'docker' | 'oci'
  /** Every reference the archive names, of any image in it: an archive on disk is known by these. */
  archiveReferences: string[]
  /** How many images the archive's manifest lists (1 for an engine's export of one image). */
  archiveImages: number
}

export interface ReadOptions {
  /** Pick this image when the export holds several (an ID, or a digest of its config). */
  imageId?: string
  /** Pick this platform from an OCI index. */
  platform?: Platform
  signal?: AbortSignal
  /** Called with the bytes of the export read so far. */
  onBytes?: (bytes: number) => void
  /** Keep the body of this path whenever a layer holds it. */
  capture?: Capture
  /** Called as each layer tar is indexed (with its diff ID when capturing); returning true stops reading there. */
  onLayer?: (files: LayerFiles, captured: CapturedFile | undefined, diffId: string | undefined) => boolean
}

/**
 * Reads a `docker save` stream (engines before 25: manifest.json + <dir>/layer.tar;
 * 25+ and plain OCI layouts: index.json + blobs/sha256/...) entry by entry, in
 * whatever order the entries come. Layer bodies are indexed as they stream and
 * never held; only small JSON is kept until the manifest says what is what.
 */
export async function readImageExport(source: Readable, options: ReadOptions = {}): Promise<ExportedImage> {
  const contents = await walkExport(source, options)
  return resolveImage(contents, options)
}

/** Reads the export only until onLayer says stop; true when it stopped early. */
export async function scanExport(source: Readable, options: ReadOptions): Promise<boolean> {
  try {
    await walkExport(source, options)
    return false
  } catch (error) {
    if (error instanceof StopReading) return true
    throw error
  }
}

function parseJson(contents: ArchiveContents, name: string): unknown {
  const entry = contents.json.get(name)
  if (entry === undefined) throw failure('INVALID_INPUT', problem('layer.exportLacksEntry', { entry: name }), { entry: name })
  try {
    return JSON.parse(entry.text)
  } catch {
    throw failure('INVALID_INPUT', problem('layer.entryNotJson', { entry: name }), { entry: name })
  }
}

function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(':')
  return `blobs/${algorithm ?? 'sha256'}/${hex ?? ''}`
}

function layerFiles(contents: ArchiveContents, path: string): LayerFiles {
  let current = path
  for (let hops = 0; hops < 8; hops += 1) {
    const files = contents.layers.get(current)
    if (files !== undefined) return files
    const next = contents.links.get(current)
    if (next === undefined) break
    current = next
  }
  throw failure('INVALID_INPUT', problem('layer.layerMissing', { entry: path }), { entry: path })
}

interface DockerManifestEntry {
  Config: string
  RepoTags?: string[] | null
  Layers: string[]
}

interface OciDescriptor {
  mediaType?: string
  digest: string
  platform?: { os?: string; architecture?: string; variant?: string }
  annotations?: Record<string, string>
}

function resolveImage(contents: ArchiveContents, options: ReadOptions): ExportedImage {
  if (contents.json.has('manifest.json')) {
    const manifest = parseJson(contents, 'manifest.json') as DockerManifestEntry[]
    const wanted = options.imageId?.replace(/^sha256:/, '')
    const chosen = manifest.find((entry) => wanted === undefined || entry.Config.includes(wanted)) ?? (wanted === undefined ? manifest[0] : undefined)
    if (chosen === undefined) throw failure('NOT_FOUND', problem('layer.exportLacksImage', { image: options.imageId ?? '' }))
    const references = [...new Set(manifest.flatMap((entry) => entry.RepoTags ?? []))]
    return { ...assemble(contents, chosen.Config, chosen.Layers, chosen.RepoTags ?? [], contents.json.has('oci-layout') ? 'oci' : 'docker'), archiveReferences: references, archiveImages: manifest.length }
  }
  if (!contents.json.has('index.json')) throw failure('INVALID_INPUT', problem('layer.notArchive'))
  const listed = (parseJson(contents, 'index.json') as { manifests?: OciDescriptor[] }).manifests ?? []
  const manifest = chooseManifest(contents, listed, options, 0)
  const body = parseJson(contents, blobPath(manifest.digest)) as { config: OciDescriptor; layers: OciDescriptor[] }
  const name = ociName(manifest)
  const references = [...new Set(listed.flatMap((descriptor) => ociName(descriptor) ?? []))]
  return { ...assemble(contents, blobPath(body.config.digest), body.layers.map((layer) => blobPath(layer.digest)), name !== undefined ? [name] : [], 'oci'), archiveReferences: references, archiveImages: listed.length }
}

function ociName(descriptor: OciDescriptor): string | undefined {
  return descriptor.annotations?.['io.containerd.image.name'] ?? descriptor.annotations?.['org.opencontainers.image.ref.name']
}

function chooseManifest(contents: ArchiveContents, manifests: OciDescriptor[], options: ReadOptions, depth: number): OciDescriptor {
  if (depth > 4) throw failure('INVALID_INPUT', problem('layer.indexTooDeep'))
  const platform = options.platform
  const matches = manifests.filter((descriptor) => {
    if (platform === undefined || descriptor.platform === undefined) return true
    return platformMatches({ os: descriptor.platform.os ?? '', architecture: descriptor.platform.architecture ?? '', variant: descriptor.platform.variant ?? null }, platform)
  })
  // Attestation manifests ride along in indexes; they are not images.
  const images = matches.filter((descriptor) => descriptor.platform?.os !== 'unknown')
  for (const descriptor of images) {
    if (!contents.json.has(blobPath(descriptor.digest))) continue
    const isIndex = descriptor.mediaType?.includes('index') === true || descriptor.mediaType?.includes('manifest.list') === true
    if (isIndex) return chooseManifest(contents, (parseJson(contents, blobPath(descriptor.digest)) as { manifests?: OciDescriptor[] }).manifests ?? [], options, depth + 1)
    return descriptor
  }
  const missing = platform === undefined ? problem('layer.ociNoImage') : problem('layer.ociNoImageForPlatform', { platform: formatPlatform(platform) })
  throw failure('NOT_FOUND', missing, {
    platforms: manifests.flatMap((descriptor) => (descriptor.platform === undefined ? [] : [`${descriptor.platform.os ?? ''}/${descriptor.platform.architecture ?? ''}`])),
  })
}

function assemble(contents: ArchiveContents, configPath: string, layerPaths: string[], repoTags: string[], layout: ExportedImage['layout']): Omit<ExportedImage, 'archiveReferences' | 'archiveImages'> {
  const config = parseJson(contents, configPath) as ImageConfigJson
  const configDigest = contents.json.get(configPath)?.digest ?? ''
  const diffIds = config.rootfs?.diff_ids ?? []
  if (diffIds.length !== layerPaths.length) {
    throw failure('INVALID_INPUT', problem('layer.layerCountMismatch', { configLayers: diffIds.length, manifestLayers: layerPaths.length }))
  }
  return {
    imageId: configDigest,
    repoTags,
    config,
    layout,
    layers: layerPaths.map((path, index) => ({ diffId: diffIds[index] ?? '', files: layerFiles(contents, path) })),
  }
}
