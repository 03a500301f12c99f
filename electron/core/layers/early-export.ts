import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { getOverSocket, type SocketAnswer, type SocketRequest } from '../engine/socket-get'
import type { ImageInspect } from '../images/image-data'

/** An image's inspect as the early request read it, with the engine's API version (its Api-Version header). */
export interface EarlyInspect {
  inspect: ImageInspect
  apiVersion: string | null
}

/**
 * An image export asked for before the engine client and the core have loaded.
 *
 * The engine writes a whole export out before it sends its first byte (seconds), and
 * `strata analyze` used to ask for it only once Node had loaded dockerode, zod and the
 * core (~250 ms, more on a loaded machine). The CLI calls `requestExportEarly` first
 * thing: two plain HTTP requests over the engine's unix socket (socket-get.ts, not even
 * Node's `http`): the image's inspect (for its ID), then its export by that ID.
 *
 * Nothing here is trusted: the core claims the export only for the same socket and
 * the same image ID its own inspect found (`claimEarlyExport`), and asks the engine
 * itself in every other case. An answer that is not a 200 is dropped, never reported.
 * `strata analyze` on a unix socket uses the inspect too (`earlyInspect`), to analyse
 * without the core at all (host/cli-analyze-direct.ts).
 */
interface EarlyExport {
  socketPath: string
  ref: string
  /** The engine's inspect of `ref`, or null when it did not answer 200 with an image ID. */
  inspected: Promise<EarlyInspect | null>
  /** The image ID and its export, or null when there is none to use. */
  answer: Promise<{ imageId: string; response: Readable } | null>
  requests: SocketRequest[]
  claimed: boolean
  /** Set when the command is over: nothing more is asked. */
  dropped: boolean
}

let pending: EarlyExport | null = null
const failed = new WeakSet<Readable>()

function noteFailure(this: Readable): void {
  failed.add(this)
}

// Characters a reference or an ID can hold, sent as they are (as dockerode sends them); no `..` or `//` (no reference has them).
const PLAIN_REF = /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/
const IMAGE_ID = /^sha256:([0-9a-f]{64})$/

/** The answer's status and body, or null when the engine could not be asked. */
async function get(requests: SocketRequest[], socketPath: string, path: string): Promise<SocketAnswer | null> {
  const sent = getOverSocket(socketPath, path)
  requests.push(sent)
  try {
    return await sent.answer
  } catch {
    return null
  }
}

async function readSmall(response: Readable, limit: number): Promise<string | null> {
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of response as AsyncIterable<Buffer>) {
    length += chunk.length
    if (length > limit) return null
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Starts the export of `ref` from the engine at `socketPath`, unless the layer cache
 * in `layerCacheDir` already knows the image (then no export is needed at all).
 * Settles once the export is asked for, or will not be: loading the core blocks the
 * event loop for a while, and the inspect's answer would otherwise wait for it.
 */
export function requestExportEarly(socketPath: string, ref: string, layerCacheDir: string | null, needsFiles: boolean): Promise<void> {
  if (pending !== null || !PLAIN_REF.test(ref) || ref.includes('..') || ref.includes('//')) return Promise.resolve()
  let inspectedAs: (inspected: EarlyInspect | null) => void = () => undefined
  const inspection = new Promise<EarlyInspect | null>((resolve) => {
    inspectedAs = resolve
  })
  const entry: EarlyExport = { socketPath, ref, inspected: inspection, answer: Promise.resolve(null), requests: [], claimed: false, dropped: false }
  const requests = entry.requests
  let sent = (): void => undefined
  const exportSent = new Promise<void>((resolve) => {
    sent = resolve
  })
  entry.answer = (async (): Promise<{ imageId: string; response: Readable } | null> => {
    const inspected = await get(requests, socketPath, `/images/${ref}/json`)
    if (inspected === null) return null
    if (inspected.statusCode !== 200) {
      inspected.body.destroy()
      return null
    }
    const text = await readSmall(inspected.body, 8 * 1024 * 1024).catch(() => null)
    let inspect: unknown
    try {
      inspect = text === null ? null : JSON.parse(text)
    } catch {
      return null
    }
    const imageId = typeof inspect === 'object' && inspect !== null ? (inspect as { Id?: unknown }).Id : undefined
    const hex = typeof imageId === 'string' ? IMAGE_ID.exec(imageId)?.[1] : undefined
    if (typeof imageId !== 'string' || hex === undefined) return null
    // A finished analysis (or every layer indexed) in the cache: the core will not export.
    const cached = layerCacheDir !== null && ((!needsFiles && existsSync(join(layerCacheDir, 'analyses', `${hex}.json`))) || existsSync(join(layerCacheDir, 'images', `${hex}.json`)))
    inspectedAs({ inspect: inspect as ImageInspect, apiVersion: inspected.headers.get('api-version') ?? null })
    // Dropped meanwhile: the command is over.
    if (cached || entry.dropped) return null
    const asked = get(requests, socketPath, `/images/${imageId}/get`)
    sent()
    const answered = await asked
    if (answered === null) return null
    if (answered.statusCode !== 200) {
      answered.body.destroy()
      return null
    }
    const response = answered.body
    // Until claimed, a broken connection is noted here (the claim then answers null), not thrown.
    response.on('error', noteFailure)
    return { imageId, response }
  })()
    .catch(() => null)
    .finally(() => {
      sent()
      inspectedAs(null)
    })
  pending = entry
  return exportSent
}

/**
 * The engine's inspect of `ref` from the unix socket `socketPath`, when the early request
 * made one and it named an image within `waitMs`; null otherwise. An inspect on a local
 * socket takes milliseconds: an engine that has not answered by then is left to the core,
 * whose own probe times out and says so.
 */
export async function earlyInspect(socketPath: string, ref: string, waitMs: number): Promise<EarlyInspect | null> {
  const early = pending
  if (early === null || early.socketPath !== socketPath || early.ref !== ref) return null
  return await settledWithin(early.inspected, waitMs, null)
}

/** What `promise` settles to, or `otherwise` when it has not within `ms`. */
export async function settledWithin<T, U>(promise: Promise<T>, ms: number, otherwise: U): Promise<T | U> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([promise, new Promise<U>((resolve) => (timer = setTimeout(resolve, ms, otherwise)))])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The early export of `imageId` from the unix socket `socketPath`, if one was asked
 * for and answered; null otherwise (the caller asks the engine itself). Claimed once.
 */
export async function claimEarlyExport(socketPath: string, imageId: string): Promise<Readable | null> {
  const early = pending
  if (early === null || early.claimed || early.socketPath !== socketPath) return null
  early.claimed = true
  const answer = await early.answer
  if (answer === null) return null
  answer.response.off('error', noteFailure)
  if (answer.imageId !== imageId || failed.has(answer.response) || answer.response.destroyed) {
    answer.response.destroy()
    return null
  }
  return answer.response
}

/** Lets go of an early export nobody claimed (a cached analysis, an error before the export). */
export function dropEarlyExport(): void {
  const early = pending
  pending = null
  if (early === null) return
  early.dropped = true
  if (early.claimed) return
  early.claimed = true
  for (const sent of early.requests) sent.destroy()
  void early.answer.then((answer) => answer?.response.destroy())
}
