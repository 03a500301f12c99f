import { issueText, issuesDetail } from '../../../shared/commit-changes'
import { StrataError } from '../../../shared/errors'
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
    if (statusCodeOf(error) === 404) throw new StrataError('NOT_FOUND', `No image ${image} here; Strata runs local images only: pull it first.`, { image })
    throw engineError(error, connection.endpoint)
  }
}

function createFailure(connection: EngineConnection, error: unknown, request: RunContainerInput): StrataError {
  const failure = engineError(error, connection.endpoint)
  const nothing = 'nothing was created'
  if (failure.code === 'CONFLICT') return new StrataError('CONFLICT', `${failure.message.replace(/\.$/, '')}; ${nothing}.`, { ...failure.detail, ...(request.name === undefined ? {} : { name: request.name }) })
  if (failure.code === 'INVALID_INPUT') return new StrataError('INVALID_INPUT', `The engine refused the container: ${failure.message.replace(/\.$/, '')}; ${nothing}.`, failure.detail)
  if (failure.code === 'NOT_FOUND') return new StrataError('NOT_FOUND', `${failure.message.replace(/\.$/, '')}; ${nothing}.`, failure.detail)
  return failure
}

/** The container exists (created, not running) when the start failed; say so, and how to clear it. */
async function startFailure(connection: EngineConnection, error: unknown, id: string, autoRemove: boolean): Promise<StrataError> {
  const failure = engineError(error, connection.endpoint)
  const reason = failure.message.replace(/\.$/, '')
  const left = await findContainer(connection, id).catch(() => null)
  const what =
    left === null
      ? autoRemove
        ? 'the engine removed it again (remove when stopped)'
        : 'it is gone now'
      : `it is still there, ${left.state}: fix the cause and start it, or remove it (strata rm-container ${shortId(id)})`
  return new StrataError(failure.code === 'CANCELLED' ? 'CANCELLED' : 'ENGINE_ERROR', `Created container ${shortId(id)}, but it did not start: ${reason}. ${what[0]?.toUpperCase() ?? ''}${what.slice(1)}.`, {
    ...failure.detail,
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
    if (beforeStart === null) throw new StrataError('NOT_FOUND', `Container ${shortId(created.Id)} was removed right after it was created.`, { id: created.Id })
    return { container: beforeStart, started: false, warnings }
  }
  try {
    await connection.docker.getContainer(created.Id).start()
  } catch (error) {
    throw await startFailure(connection, error, created.Id, request.autoRemove)
  }
  const started = await summaryOf(connection, created.Id)
  if (started !== null) return { container: started, started: true, warnings }
  if (beforeStart === null) throw new StrataError('NOT_FOUND', `Container ${shortId(created.Id)} started, then was removed before it could be read.`, { id: created.Id })
  // A container with autoRemove whose command ends at once is gone before it can be read again.
  return { container: beforeStart, started: true, warnings: [...warnings, 'It ran, ended and was removed at once (remove when stopped); what it was when created is shown.'] }
}
