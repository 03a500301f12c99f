/** Containers beyond their summary: ports, removal, filesystem changes, commit. Part of the contract's data shapes (shared/types.ts re-exports it). */
import type { ImageConfigView } from './images'

export interface ContainerPort {
  privatePort: number
  /** Null when the port is exposed but not published on the host. */
  publicPort: number | null
  protocol: string
  /** Host address it is published on; null when not published. */
  ip: string | null
}

export interface ContainerRemoved {
  removed: true
  id: string
}

/**
 * One path of GET /containers/{id}/changes. Every folder above a changed path is
 * listed too: added when the container made it, modified when the image has it
 * (even if only its contents changed; the layer analysis of the committed image
 * reports such a folder only when its own mode or owner changed).
 */
export interface ContainerChange {
  /** Absolute, as the engine names it: /app/new.txt */
  path: string
  kind: 'modified' | 'added' | 'deleted'
}

export interface ContainerChanges {
  containerId: string
  /** Sorted by path. */
  changes: ContainerChange[]
  counts: { added: number; modified: number; deleted: number }
}

/** HEALTHCHECK for a commit: `test` is the command in exec form; `{ none: true }` disables a check the image has. */
export type HealthcheckChange =
  | { test: string[]; intervalSeconds?: number; timeoutSeconds?: number; startPeriodSeconds?: number; retries?: number }
  | { none: true }

/** The Dockerfile instructions a commit applies to the container's config, as fields. Absent fields keep the container's value. */
export interface CommitChanges {
  /** CMD, exec form. Setting entrypoint without cmd clears the command, as a Dockerfile ENTRYPOINT does. */
  cmd?: string[]
  entrypoint?: string[]
  /** "KEY=value"; replaces a variable of the same name in place, appends others. */
  env?: string[]
  /** "80", "80/tcp", "53/udp", "9/sctp"; added to the exposed ports. */
  expose?: string[]
  /** Merged over the container's labels. */
  labels?: Record<string, string>
  user?: string
  /** Absolute path. */
  workdir?: string
  /** Absolute paths, added to the volumes. */
  volumes?: string[]
  /** SIGTERM, TERM or a number. */
  stopSignal?: string
  healthcheck?: HealthcheckChange
  /** Trigger instructions appended to ONBUILD, e.g. "RUN make"; ONBUILD, FROM and MAINTAINER are not allowed. */
  onbuild?: string[]
}

export interface HealthcheckView {
  /** As the engine stores it: ["CMD", ...], ["CMD-SHELL", "..."] or ["NONE"]. */
  test: string[]
  intervalSeconds: number | null
  timeoutSeconds: number | null
  startPeriodSeconds: number | null
  retries: number | null
}

/** The part of a container's (or image's) config a commit can change. */
export interface CommitConfig extends ImageConfigView {
  healthcheck: HealthcheckView | null
  onBuild: string[]
}

/** The image a tag names now. */
export interface TagOwner {
  id: string
  tags: string[]
}

export interface CommitPreview {
  /** The container's config now. */
  config: CommitConfig
  /** The new image's config after the changes. */
  result: CommitConfig
  /** The changes as Dockerfile lines, as `docker commit --change` takes them. */
  changeLines: string[]
  /** The image the requested repository:tag names now; committing moves the tag away from it. */
  tagOwner: TagOwner | null
}

export interface CommitResult {
  id: string
  repoTags: string[]
  /** The image the container was created from. */
  parentId: string
  /** The image that held the tag before, when moveTag moved it. */
  previousTagOwner: TagOwner | null
}
