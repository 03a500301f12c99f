import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { HistoryStep, ImageConfigView, LayerInfo, Platform } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { buildLayerStack, type HistoryEntry } from './history'

/** The fields of GET /images/{id}/json that Strata reads. */
export interface ImageInspect {
  Id: string
  RepoTags?: string[] | null
  RepoDigests?: string[] | null
  Parent?: string
  Created: string
  Size: number
  Architecture?: string
  Os?: string
  Variant?: string
  Config?: {
    Entrypoint?: string[] | string | null
    Cmd?: string[] | string | null
    Env?: string[] | null
    ExposedPorts?: Record<string, unknown> | null
    Volumes?: Record<string, unknown> | null
    WorkingDir?: string
    User?: string
    Labels?: Record<string, string> | null
    StopSignal?: string
  } | null
  GraphDriver?: { Name?: string; Data?: Record<string, string> | null }
  RootFS?: { Layers?: string[] | null }
}

/** What never changes for an image ID: safe to cache forever, in memory and on disk. */
export interface ImmutableImageData {
  id: string
  created: string
  platform: Platform
  config: ImageConfigView
  graphDriver: { name: string; data: Record<string, string> }
  layers: Omit<LayerInfo, 'sharedWith'>[]
  history: HistoryStep[]
}

const CACHE_FORMAT = 1

function asList(value: string[] | string | null | undefined): string[] | null {
  if (value === null || value === undefined) return null
  return Array.isArray(value) ? value : [value]
}

export function immutableDataOf(inspect: ImageInspect, history: HistoryEntry[]): ImmutableImageData {
  const config = inspect.Config ?? {}
  const stack = buildLayerStack(inspect.RootFS?.Layers ?? [], history)
  return {
    id: inspect.Id,
    created: inspect.Created,
    platform: { os: inspect.Os ?? '', architecture: inspect.Architecture ?? '', variant: inspect.Variant !== undefined && inspect.Variant !== '' ? inspect.Variant : null },
    config: {
      entrypoint: asList(config.Entrypoint),
      cmd: asList(config.Cmd),
      env: config.Env ?? [],
      exposedPorts: Object.keys(config.ExposedPorts ?? {}),
      volumes: Object.keys(config.Volumes ?? {}),
      workingDir: config.WorkingDir ?? '',
      user: config.User ?? '',
      labels: config.Labels ?? {},
      stopSignal: config.StopSignal !== undefined && config.StopSignal !== '' ? config.StopSignal : null,
    },
    graphDriver: { name: inspect.GraphDriver?.Name ?? '', data: inspect.GraphDriver?.Data ?? {} },
    layers: stack.layers,
    history: stack.history,
  }
}

/**
 * Per-image inspect + history, keyed by image ID (content-addressed, so never stale).
 * With a directory, entries survive restarts as one JSON file per image.
 */
export class ImageDataCache {
  private readonly memory = new Map<string, ImmutableImageData>()
  private readonly inFlight = new Map<string, Promise<ImmutableImageData>>()

  constructor(private readonly directory: string | null = null) {}

  peek(id: string): ImmutableImageData | undefined {
    return this.memory.get(id)
  }

  get(connection: EngineConnection, id: string): Promise<ImmutableImageData> {
    const known = this.memory.get(id)
    if (known !== undefined) return Promise.resolve(known)
    let pending = this.inFlight.get(id)
    if (pending === undefined) {
      pending = this.load(connection, id).finally(() => this.inFlight.delete(id))
      this.inFlight.set(id, pending)
    }
    return pending
  }

  /** Fetches what is missing with a bounded number of requests in flight; images that vanished meanwhile are left out. */
  async getMany(connection: EngineConnection, ids: readonly string[], concurrency = 64): Promise<Map<string, ImmutableImageData>> {
    const result = new Map<string, ImmutableImageData>()
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const id = ids[next]
        next += 1
        if (id === undefined) continue
        try {
          result.set(id, await this.get(connection, id))
        } catch (error) {
          if ((error as { statusCode?: unknown }).statusCode !== 404) throw error
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker))
    return result
  }

  private async load(connection: EngineConnection, id: string): Promise<ImmutableImageData> {
    const fromDisk = await this.readDisk(id)
    if (fromDisk !== null) {
      this.memory.set(id, fromDisk)
      return fromDisk
    }
    const image = connection.docker.getImage(id)
    const [inspect, history] = await Promise.all([image.inspect() as Promise<ImageInspect>, image.history() as Promise<HistoryEntry[]>])
    const data = immutableDataOf(inspect, history)
    this.memory.set(id, data)
    await this.writeDisk(data)
    return data
  }

  private fileOf(id: string): string | null {
    if (this.directory === null || !/^sha256:[0-9a-f]{64}$/.test(id)) return null
    return join(this.directory, `${id.slice('sha256:'.length)}.json`)
  }

  private async readDisk(id: string): Promise<ImmutableImageData | null> {
    const file = this.fileOf(id)
    if (file === null) return null
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as { format?: unknown; data?: ImmutableImageData }
      return parsed.format === CACHE_FORMAT && parsed.data?.id === id ? parsed.data : null
    } catch {
      return null
    }
  }

  private async writeDisk(data: ImmutableImageData): Promise<void> {
    const file = this.fileOf(data.id)
    if (file === null || this.directory === null) return
    try {
      await mkdir(this.directory, { recursive: true })
      // Write then rename, so a crash never leaves half a file under the final name.
      const temporary = `${file}.${process.pid}.tmp`
      await writeFile(temporary, JSON.stringify({ format: CACHE_FORMAT, data }))
      await rename(temporary, file)
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }
}
