import { issueText, issuesDetail } from '../../../shared/commit-changes'
import { StrataError, failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import { shortId } from '../../../shared/format'
import { runRequestIssues } from '../../../shared/run-checks'
import type { RunContainerInput } from '../../../shared/run-input'
import type { ContainerSummary, RunResult } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import { statusCodeOf } from './inspect'
import { findContainer } from './list'
import { createBodyOf, type EngineCreateBody } from './run-config'

/**
 * containers.run: create a container from a local image, then start it, as
 * `docker run -d` does, except that a missing image is reported instead of pulled.
 */

interface CreateAnswer {
  Id: string
  Warnings?: string[] | null
}

const CREATE_STATUSES = { 200: true, 201: true, 400: 'bad parameter', 404: 'no such image', 409: 'conflict', 500: 'server error' }

/** The modem itself: dockerode's createContainer drops the engine's Warnings. */
function createOnEngine(connection: EngineConnection, name: string | undefined, body: EngineCreateBody, signal: AbortSignal): Promise<CreateAnswer> {
  return new Promise((resolve, reject) => {
    connection.docker.modem.dial(
      {
        path: '/containers/create?',
        method: 'POST',
        options: { _query: name === undefined ? {} : { name }, _body: body },
        abortSignal: signal,
        statusCodes: CREATE_STATUSES,
      },
      (error, data) => {
        if (error !== null) reject(error)
        else resolve(data as CreateAnswer)
      },
    )
  })
}

async function requireImage(connection: EngineConnection, image: string): Promise<void> {
  try {
    await connection.docker.getImage(image).inspect()
  } catch (error) {
    if (statusCodeOf(error) === 404) throw failure('NOT_FOUND', problem('container.runImageMissing', { image }), { image })
    throw engineError(error, connection.endpoint)
  }
}

function createFailure(connection: EngineConnection, error: unknown, request: RunContainerInput): StrataError {
  const refused = engineError(error, connection.endpoint)
  const reason = refused.message.replace(/\.$/, '')
  if (refused.code === 'CONFLICT') return failure('CONFLICT', problem('container.runConflict', { reason }), { ...refused.detail, ...(request.name === undefined ? {} : { name: request.name }) })
  if (refused.code === 'INVALID_INPUT') return failure('INVALID_INPUT', problem('container.runRefused', { reason }), refused.detail)
  if (refused.code === 'NOT_FOUND') return failure('NOT_FOUND', problem('container.runNotFound', { reason }), refused.detail)
  return refused
}

/** The container exists (created, not running) when the start failed; say so, and how to clear it. */
async function startFailure(connection: EngineConnection, error: unknown, id: string, autoRemove: boolean): Promise<StrataError> {
  const refused = engineError(error, connection.endpoint)
  const said = { id: shortId(id), reason: refused.message.replace(/\.$/, '') }
  const left = await findContainer(connection, id).catch(() => null)
  const found =
    left === null
      ? problem(autoRemove ? 'container.startFailedRemoved' : 'container.startFailedGone', said)
      : problem('container.startFailedRemains', { ...said, state: left.state })
  return failure(refused.code === 'CANCELLED' ? 'CANCELLED' : 'ENGINE_ERROR', found, {
    ...refused.detail,
    id,
    created: true,
    remains: left !== null,
  })
}

async function summaryOf(connection: EngineConnection, id: string): Promise<ContainerSummary | null> {
  return findContainer(connection, id)
}

export async function runContainer(connection: EngineConnection, request: RunContainerInput, signal: AbortSignal): Promise<RunResult> {
  // The boundary checked these already; checked again so no caller of this function skips them.
  const issues = runRequestIssues(request)
  if (issues.length > 0) throw new StrataError('INVALID_INPUT', issues.map(issueText).join('; '), issuesDetail(issues))
  await requireImage(connection, request.image)
  let created: CreateAnswer
  try {
    created = await createOnEngine(connection, request.name, createBodyOf(request), signal)
  } catch (error) {
    throw createFailure(connection, error, request)
  }
  const warnings = (created.Warnings ?? []).filter((warning) => warning !== '')
  const beforeStart = await summaryOf(connection, created.Id)
  if (!request.start) {
    if (beforeStart === null) throw failure('NOT_FOUND', problem('container.removedAfterCreate', { id: shortId(created.Id) }), { id: created.Id })
    return { container: beforeStart, started: false, warnings }
  }
  try {
    await connection.docker.getContainer(created.Id).start()
  } catch (error) {
    throw await startFailure(connection, error, created.Id, request.autoRemove)
  }
  const started = await summaryOf(connection, created.Id)
  if (started !== null) return { container: started, started: true, warnings }
  if (beforeStart === null) throw failure('NOT_FOUND', problem('container.removedAfterStart', { id: shortId(created.Id) }), { id: created.Id })
  // A container with autoRemove whose command ends at once is gone before it can be read again.
  return { container: beforeStart, started: true, warnings: [...warnings, 'It ran, ended and was removed at once (remove when stopped); what it was when created is shown.'] }
}
