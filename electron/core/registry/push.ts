import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import { parseRepositoryTag } from '../../../shared/reference'
import type { PushResult, TagResult, TransferLayer } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import type { ImageInspect } from '../images/image-data'
import type { RegistryAccess } from './access'
import { engineCallError, enginePush, registryFailure } from './engine-calls'
import { referenceText } from './reference'
import { TransferTracker, followStream } from './transfer-tracker'

export interface PushOptions {
  signal: AbortSignal
  onLayer?: (layer: TransferLayer) => void
  onBytes?: (done: number, total: number | null) => void
}

/** "1: digest: sha256:… size: 527", the line older engines end a push with when they send no aux. */
const DIGEST_LINE = /digest: (sha256:[0-9a-f]{64}) size: (\d+)/

/** Pushes a local tag through the engine with the user's credentials, reporting each layer. */
export async function pushImage(connection: EngineConnection, access: RegistryAccess, options: PushOptions): Promise<PushResult> {
  const reference = access.reference
  if (reference.digest !== null || reference.tag === null) throw failure('INVALID_INPUT', problem('registry.pushDigest', { reference: referenceText(reference) }))
  const tracker = new TransferTracker({ ...(options.onLayer === undefined ? {} : { onLayer: options.onLayer }), ...(options.onBytes === undefined ? {} : { onBytes: options.onBytes }) })
  try {
    const stream = await enginePush(connection, reference.name, reference.tag, await access.engineAuth(), options.signal)
    await followStream(stream, tracker, options.signal)
  } catch (error) {
    throw engineCallError(error, connection, reference.domain)
  }
  if (tracker.error !== null) throw registryFailure(tracker.error.message, reference.domain)
  const aux = tracker.aux.find((entry) => entry.Digest !== undefined)
  const line = tracker.statusLines.map((status) => DIGEST_LINE.exec(status)).find((match) => match !== null)
  const digest = aux?.Digest ?? line?.[1]
  if (digest === undefined) throw failure('ENGINE_ERROR', problem('registry.pushNoDigest', { reference: referenceText(reference) }), { lines: tracker.statusLines })
  return { reference: referenceText(reference), digest, size: aux?.Size ?? Number(line?.[2] ?? 0), layers: [...tracker.layers.values()], uploadedBytes: tracker.bytes }
}

/** Points `target` (repo[:tag]) at the image `source` names; says which image the tag named before. */
export async function tagImage(connection: EngineConnection, source: string, target: string): Promise<TagResult> {
  const parsed = parseRepositoryTag(target)
  if (!parsed.ok) throw failure('INVALID_INPUT', parsed.problem, { target })
  const tag = `${parsed.repository}:${parsed.tag ?? 'latest'}`
  try {
    const image = (await connection.docker.getImage(source).inspect()) as ImageInspect
    let previousOwner: string | null = null
    try {
      previousOwner = ((await connection.docker.getImage(tag).inspect()) as ImageInspect).Id
    } catch (error) {
      if ((error as { statusCode?: unknown }).statusCode !== 404) throw error
    }
    await connection.docker.getImage(image.Id).tag({ repo: parsed.repository, tag: parsed.tag ?? 'latest' })
    return { id: image.Id, tag, previousOwner: previousOwner === image.Id ? null : previousOwner }
  } catch (error) {
    throw engineError(error, connection.endpoint)
  }
}
