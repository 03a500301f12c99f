import { commitInputIssues, issueText, issuesDetail, type ChangeIssue } from '../../../shared/commit-changes'
import { commitChangeLines, previewCommitConfig } from '../../../shared/commit-lines'
import { StrataError, failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import { shortId } from '../../../shared/format'
import { familiarTag } from '../../../shared/reference'
import type { CommitChanges, CommitPreview, CommitResult, TagOwner } from '../../../shared/types'
import { isPodman, type EngineConnection } from '../engine/connection'
import { engineError } from '../engine/errors'
import { commitConfigOf } from './commit-config'
import { containerName, inspectContainer, statusCodeOf, type ContainerInspect } from './inspect'

export interface CommitRequest {
  id: string
  repository?: string | undefined
  tag?: string | undefined
  comment?: string | undefined
  author?: string | undefined
  pause: boolean
  changes: CommitChanges
  moveTag: boolean
}

export type PreviewRequest = Pick<CommitRequest, 'id' | 'repository' | 'tag' | 'changes'>

function refuseInvalid(issues: ChangeIssue[]): void {
  if (issues.length === 0) return
  throw new StrataError('INVALID_INPUT', issues.map(issueText).join('; '), issuesDetail(issues))
}

/** The engine refuses both; saying why beats its bare 409. */
function refuseUncommittable(inspect: ContainerInspect): void {
  const name = containerName(inspect)
  if (inspect.State.Status === 'removing') throw failure('CONFLICT', problem('container.commitRemoving', { name }), { id: inspect.Id, state: 'removing' })
  if (inspect.State.Status === 'dead') throw failure('CONFLICT', problem('container.commitDead', { name }), { id: inspect.Id, state: 'dead' })
}

async function tagOwner(connection: EngineConnection, tag: string): Promise<TagOwner | null> {
  try {
    const image = await connection.docker.getImage(tag).inspect()
    return { id: image.Id, tags: image.RepoTags }
  } catch (error) {
    if (statusCodeOf(error) === 404) return null
    throw engineError(error, connection.endpoint)
  }
}

function tagConflict(tag: string, owner: TagOwner): StrataError {
  const otherTags = owner.tags.filter((name) => name !== tag)
  const becomesDangling = otherTags.length === 0
  const said = { tag, image: shortId(owner.id) }
  const found = becomesDangling ? problem('container.tagTakenDangling', said) : problem('container.tagTakenKeeps', { ...said, otherTags: otherTags.join(', ') })
  return failure('CONFLICT', found, {
    tag,
    imageId: owner.id,
    otherTags,
    becomesDangling,
  })
}

export interface EngineCommit {
  repository?: string | undefined
  tag?: string | undefined
  comment?: string | undefined
  author?: string | undefined
  pause: boolean
  /** Dockerfile lines, sent as they are. */
  lines: string[]
  stopSignal?: string | undefined
}

/** POST /commit. Exported so tests can hand the engine lines Strata would never build. */
export async function runCommit(connection: EngineConnection, inspect: ContainerInspect, commit: EngineCommit): Promise<string> {
  const query = {
    container: inspect.Id,
    pause: commit.pause,
    changes: commit.lines,
    ...(commit.repository === undefined ? {} : { repo: commit.repository, tag: commit.tag ?? 'latest' }),
    ...(commit.comment === undefined ? {} : { comment: commit.comment }),
    ...(commit.author === undefined ? {} : { author: commit.author }),
  }
  // A config in the body is the base the change lines apply to, and the engine fills what it
  // leaves out from the container's, so the container's own config changes nothing. It is
  // always sent: Podman refuses a commit without a body (dockerode drops an empty one).
  // Engine 20.10 refuses STOPSIGNAL as a change line, so a new signal travels in that body;
  // Podman ignores the body's signal but takes the line.
  const podman = isPodman(connection.daemon)
  const signalAsLine = podman && commit.stopSignal !== undefined
  const body = commit.stopSignal === undefined || signalAsLine ? { ...inspect.Config } : { ...inspect.Config, StopSignal: commit.stopSignal }
  if (signalAsLine) query.changes = [...commit.lines, `STOPSIGNAL ${commit.stopSignal ?? ''}`]
  try {
    const created = (await connection.docker.getContainer(inspect.Id).commit({ _query: query, _body: body })) as { Id: string }
    return created.Id
  } catch (error) {
    const refused = engineError(error, connection.endpoint)
    const name = containerName(inspect)
    if (refused.code === 'NOT_FOUND') throw failure('NOT_FOUND', problem('container.commitRemovedMeanwhile', { name }), { id: inspect.Id })
    if (refused.code === 'CONFLICT') throw failure('CONFLICT', problem('container.commitConflict', { name, reason: refused.message }), { id: inspect.Id })
    if (refused.code === 'INVALID_INPUT') throw failure('INVALID_INPUT', problem('container.commitRefused', { reason: refused.message }), { changeLines: commit.lines })
    throw refused
  }
}

/**
 * Makes an image of a container's filesystem and config with the changes applied.
 * Everything is checked first (the name, the changes, the container's state, who
 * holds the tag) so that a refusal leaves no image behind.
 */
export async function commitContainer(connection: EngineConnection, request: CommitRequest): Promise<CommitResult> {
  refuseInvalid(commitInputIssues(request))
  const inspect = await inspectContainer(connection, request.id)
  refuseUncommittable(inspect)
  const tag = request.repository === undefined ? null : familiarTag(request.repository, request.tag ?? null)
  const owner = tag === null ? null : await tagOwner(connection, tag)
  if (tag !== null && owner !== null && !request.moveTag) throw tagConflict(tag, owner)
  const id = await runCommit(connection, inspect, {
    repository: request.repository,
    tag: request.tag,
    comment: request.comment,
    author: request.author,
    pause: request.pause,
    lines: commitChangeLines({ ...request.changes, stopSignal: undefined }),
    stopSignal: request.changes.stopSignal,
  })
  const image = await connection.docker.getImage(id).inspect()
  return { id, repoTags: image.RepoTags, parentId: inspect.Image, previousTagOwner: owner }
}

export async function previewCommit(connection: EngineConnection, request: PreviewRequest): Promise<CommitPreview> {
  refuseInvalid(commitInputIssues(request))
  const inspect = await inspectContainer(connection, request.id)
  const config = commitConfigOf(inspect.Config)
  const tag = request.repository === undefined ? null : familiarTag(request.repository, request.tag ?? null)
  return {
    config,
    result: previewCommitConfig(config, request.changes),
    changeLines: commitChangeLines(request.changes),
    tagOwner: tag === null ? null : await tagOwner(connection, tag),
  }
}
