import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { ContainerChange, ContainerChanges } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import { inspectContainer } from './inspect'

/** GET /containers/{id}/changes: Kind 0 modified ("C"), 1 added ("A"), 2 deleted ("D"). */
const KINDS: Record<number, ContainerChange['kind']> = { 0: 'modified', 1: 'added', 2: 'deleted' }

interface EngineChange {
  Path: string
  Kind: number
}

/** The engine answers JSON null for a container that changed nothing, which dockerode passes on as the raw bytes. */
function entriesOf(answer: unknown): EngineChange[] {
  if (Array.isArray(answer)) return answer as EngineChange[]
  const text = Buffer.isBuffer(answer) ? answer.toString('utf8').trim() : answer === null ? 'null' : JSON.stringify(answer)
  if (text === 'null' || text === '') return []
  throw failure('ENGINE_ERROR', problem('container.changesNotList', { answer: text.slice(0, 200) }))
}

export function changesFromEngine(containerId: string, answer: unknown): ContainerChanges {
  const changes = entriesOf(answer)
    .map((entry) => ({ path: entry.Path, kind: KINDS[entry.Kind] ?? 'modified' }))
    // By code point, so the order does not depend on the locale.
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const counts = { added: 0, modified: 0, deleted: 0 }
  for (const change of changes) counts[change.kind] += 1
  return { containerId, changes, counts }
}

/**
 * What the container's writable layer holds compared with its image: the entries
 * the top layer of a commit will hold. The engine lists every folder above a
 * changed path too, as modified when the image has it; the layer analysis counts
 * such a folder as modified only when its own mode or owner changed.
 */
export async function containerChanges(connection: EngineConnection, id: string): Promise<ContainerChanges> {
  const inspect = await inspectContainer(connection, id)
  return writableLayerChanges(connection, inspect.Id)
}

/** The changes of a container known by its full ID. */
export async function writableLayerChanges(connection: EngineConnection, containerId: string): Promise<ContainerChanges> {
  let answer: unknown
  try {
    answer = await connection.docker.getContainer(containerId).changes()
  } catch (error) {
    throw engineError(error, connection.endpoint)
  }
  return changesFromEngine(containerId, answer)
}
