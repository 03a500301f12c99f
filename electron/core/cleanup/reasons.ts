import type { RetentionRule } from '../../../shared/retention-input'
import type { CleanupKeepReason, CleanupReason } from '../../../shared/types'

/** Words for the plan's codes, for the command line and skip reasons. */

export const KEEP_TEXT: Record<CleanupKeepReason, string> = {
  'keep-label': 'it carries the strata.keep label',
  pinned: 'it is pinned',
  running: 'it is running',
  'running-container': 'a running container uses it',
  'stopped-container': 'a container that stays uses it',
  'child-image': 'an image that stays is built on it',
  'protected-parent': 'deleting it would also delete a protected parent image',
  'protected-image': 'its image is protected',
  'in-use': 'a build is using it',
  shared: 'an image shares its layer',
  'child-entry': 'a cache entry that stays is made on it',
  'retention-keep': 'a retention rule keeps it',
}

export const REASON_TEXT: Record<CleanupReason, string> = {
  dangling: 'dangling',
  unused: 'unused',
  'stopped-container': 'stopped container',
  'build-cache': 'build cache, not in use, not shared',
  retention: 'a retention rule drops it',
  'unused-volume': 'volume no container mounts',
}

/** A retention rule as the command line spells it: "keep-last 3", "older than 7d matching ci-*". */
export function ruleText(rule: RetentionRule): string {
  switch (rule.kind) {
    case 'keep-last':
      return `keep-last ${String(rule.count)}`
    case 'keep-tag':
      return `keep-tag ${rule.pattern}`
    case 'drop-tag':
      return `older than ${rule.olderThan} matching ${rule.pattern}`
    case 'beyond-last':
      return `keep-last ${String(rule.count)}, not among the newest ${String(rule.count)}`
  }
}
