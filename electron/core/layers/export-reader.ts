import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { failure, StrataError } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import { formatPlatform, platformMatches } from '../../../shared/platform'
import type { Platform } from '../../../shared/types'
import { detectCompression, looksLikeTar } from './compression'
import { isLendingBody } from '../engine/socket-get'
import { returnHasher, takeHasher } from './content-hash'
import { ChunkBudget, EntryChannel, type Pausable } from './entry-channel'
import { LayerEntry } from './layer-entry'
import { indexLayer, normalizePath, type IndexedLayer, type LayerSource } from './layer-index'
import { TarReader, type TarBodySink } from './tar-reader'
import type { Capture, CapturedFile, LayerFiles } from './types'

/** Small entries (configs, manifests, indexes) are buffered; anything larger is a layer and streams. */
const BUFFER_LIMIT = 4 * 1024 * 1024

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

/** Thrown internally when onLayer asked to stop: not an error for the caller. */
class StopReading extends Error {}

interface ArchiveContents {
  json: Map<string, { text: string; digest: string }>
  layers: Map<string, LayerFiles>
  links: Map<string, string>
}

/** A small entry's whole body, copied out of its chunks as they come (they may be lent). */
class EntryBytes implements TarBodySink {
  private readonly bytes: Buffer
  private length = 0

  constructor(
    size: number,
    private readonly onEnd: (bytes: Buffer) => void,
  ) {
    this.bytes = Buffer.allocUnsafe(size)
  }

  data(chunk: Buffer): void {
    this.length += chunk.copy(this.bytes, this.length)
  }

  end(): void {
    this.onEnd(this.bytes.subarray(0, this.length))
  }
}

function addLayer(contents: ArchiveContents, name: string, files: IndexedLayer, options: ReadOptions): void {
  contents.layers.set(name, files)
  if (options.onLayer?.(files, files.captured, files.diffId) === true) throw new StopReading()
}

async function readLayerStream(contents: ArchiveContents, name: string, stream: LayerSource, options: ReadOptions): Promise<void> {
  addLayer(contents, name, await indexLayer(stream, options.signal, options.capture), options)
}

/** A config, manifest or index is kept as JSON; a small layer is indexed; anything else is skipped. */
async function readSmallEntry(contents: ArchiveContents, name: string, bytes: Buffer, options: ReadOptions): Promise<void> {
  const first = bytes.subarray(0, 1).toString('latin1')
  if (first === '{' || first === '[') {
    contents.json.set(name, { text: bytes.toString('utf8'), digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}` })
    return
  }
  if (detectCompression(bytes) !== 'none' || looksLikeTar(bytes) || bytes.length === 0 || isEmptyTar(bytes)) await readLayerStream(contents, name, Readable.from([bytes]), options)
}

// An empty layer is a tar of two zero blocks.
function isEmptyTar(bytes: Buffer): boolean {
  return bytes.length >= 1024 && bytes.every((byte) => byte === 0)
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

/** Entry bytes read but not yet indexed, over which the export is paused (see entry-channel.ts). */
const WAITING_HIGH = 8 * 1024 * 1024

async function walkExport(source: Readable, options: ReadOptions): Promise<ArchiveContents> {
  const contents: ArchiveContents = { json: new Map(), layers: new Map(), links: new Map() }
  let bytesRead = 0
  // What pauses the export: the stream itself, or, once its bytes are lent, its socket.
  let feed: Pausable = source
  const budget = new ChunkBudget(
    {
      pause: () => {
        feed.pause()
      },
      resume: () => {
        feed.resume()
      },
    },
    WAITING_HIGH,
  )
  const lent = isLendingBody(source)
  // Layers indexed in place hash with this one (they come one after the other); it is taken before the first byte.
  const hasher = await takeHasher()
  // Entries that need waiting for are read one after the other, as they come.
  let reading: Promise<void> = Promise.resolve()
  const open = new Set<EntryChannel>()
  let settled = false
  try {
    await new Promise<void>((resolve, reject) => {
      const cancelled = (): StrataError => failure('CANCELLED', problem('layer.analysisCancelled'))
      /** Stops reading, and answers once the entry being read has let go of what it opened (a file being written). */
      const stop = (answer: () => Error): void => {
        if (settled) return
        settled = true
        options.signal?.removeEventListener('abort', onAbort)
        // The engine's answer is let go, not left paused with its connection open.
        source.off('data', onData)
        source.destroy()
        const error = answer()
        for (const channel of open) channel.destroy(error)
        const settle = (): void => {
          // Stopping the streams on a cancel makes the entry fail too; that failure is the cancel.
          reject(options.signal?.aborted === true ? cancelled() : error)
        }
        reading.then(settle, settle)
      }
      const fail = (error: unknown): void => {
        stop(() => (error instanceof StopReading || error instanceof StrataError ? error : failure('INVALID_INPUT', problem('layer.exportUnreadable', { cause: error instanceof Error ? error.message : String(error) }))))
      }
      const onAbort = (): void => {
        stop(cancelled)
      }
      const later = (read: () => Promise<void>): void => {
        reading = reading.then(async () => {
          if (!settled) await read()
        })
        reading.catch(fail)
      }
      /** A layer read as a stream (compressed, or a captured file written to disk), after the entries before it. */
      const streamed = (name: string): TarBodySink => {
        const body = new EntryChannel(budget)
        open.add(body)
        later(async () => {
          try {
            await readLayerStream(contents, name, body, options)
          } finally {
            open.delete(body)
            // Whatever the reader left unread is not waited for.
            void body.return()
          }
        })
        return body
      }
      const tar = new TarReader((header) => {
        const name = normalizePath(header.name)
        if (header.kind === 'symlink' || header.kind === 'hardlink') {
          // Newer engines store a repeated layer once and link the other places to it.
          contents.links.set(name, header.kind === 'hardlink' ? normalizePath(header.linkname) : joinRelative(name, header.linkname))
          return null
        }
        if (header.kind !== 'file') return null
        if (header.size <= BUFFER_LIMIT) {
          return new EntryBytes(header.size, (bytes) => {
            later(() => readSmallEntry(contents, name, bytes, options))
          })
        }
        return new LayerEntry({
          hasher,
          ...(options.capture === undefined ? {} : { capture: options.capture }),
          lent,
          onIndexed: (files) => {
            addLayer(contents, name, files, options)
          },
          openStream: () => streamed(name),
        })
      })
      let ended = false
      /** The archive is whole: once the entries being read are done, the answer is ready. */
      const finished = (): void => {
        ended = true
        try {
          tar.finish()
        } catch (error) {
          fail(error)
          return
        }
        reading.then(() => {
          if (settled) return
          settled = true
          options.signal?.removeEventListener('abort', onAbort)
          resolve()
        }, fail)
      }
      function onData(chunk: Buffer): void {
        if (settled || ended) return
        bytesRead += chunk.length
        options.onBytes?.(bytesRead)
        try {
          tar.push(chunk)
        } catch (error) {
          fail(error)
          return
        }
        if (tar.complete) {
          // The archive's end marker came: an engine sends the end of its answer only once it
          // has removed the export's temporary files (~0.1 s for 275 MB), and nothing after
          // the marker belongs to the archive, so the rest of the answer is not waited for.
          finished()
          source.off('data', onData)
          source.destroy()
        }
      }
      if (options.signal?.aborted === true) {
        onAbort()
        return
      }
      options.signal?.addEventListener('abort', onAbort, { once: true })
      source.on('error', (error) => {
        if (!ended) fail(error)
      })
      if (source.errored !== null) {
        fail(source.errored)
        return
      }
      source.on('close', () => {
        // A connection that closed without an error or an end is as broken as one that failed.
        if (!ended) fail(new Error('the export stopped before its end'))
      })
      source.on('end', () => {
        if (!ended) finished()
      })
      if (lent) feed = source.lend(onData)
      else source.on('data', onData)
    })
  } finally {
    // Nothing indexes in place once the promise has settled: every push happens in onData, which is over.
    returnHasher(hasher)
  }
  return contents
}

function joinRelative(from: string, target: string): string {
  const parts = from.split('/').slice(0, -1)
  for (const part of target.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.' && part !== '') parts.push(part)
  }
  return parts.join('/')
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
