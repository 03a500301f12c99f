import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import { findBlockers } from '../images/blockers'
import type { CleanupOps } from './execute'

interface BuildPruneAnswer {
  CachesDeleted?: string[] | null
  SpaceReclaimed?: number
}

/** dockerode's pruneBuilder sends no query parameters, so the id filter goes through the modem itself. */
function pruneBuildCache(connection: EngineConnection, id: string): Promise<BuildPruneAnswer> {
  return new Promise((resolve, reject) => {
    connection.docker.modem.dial(
      {
        path: '/build/prune?',
        method: 'POST',
        // The engine takes one value per filter key. `all` lets the ID alone decide, whatever the entry's type.
        options: { filters: JSON.stringify({ id: [id] }), all: true },
        statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
      },
      (error, data) => {
        if (error !== null) reject(error)
        else resolve(data ?? {})
      },
    )
  })
}

/** The cleanup's engine calls, with every failure turned into a StrataError. */
export function engineOps(connection: EngineConnection): CleanupOps {
  const explained = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work()
    } catch (error) {
      throw engineError(error, connection.endpoint)
    }
  }
  return {
    removeContainer: (id) => explained(async () => {
      await connection.docker.getContainer(id).remove({ v: false, force: false })
    }),
    removeImage: (id) => explained(async () => {
      await connection.docker.getImage(id).remove({ force: false, noprune: false })
    }),
    untag: (reference) => explained(async () => {
      await connection.docker.getImage(reference).remove({ force: false, noprune: false })
    }),
    blockers: (id) => explained(async () => (await findBlockers(connection, id)).blockers),
    pruneCacheEntry: (id) => explained(async () => {
      const answer = await pruneBuildCache(connection, id)
      return { deleted: answer.CachesDeleted ?? [], reclaimed: answer.SpaceReclaimed ?? 0 }
    }),
    removeVolume: (name) => explained(async () => {
      await connection.docker.getVolume(name).remove({ force: false })
    }),
  }
}

