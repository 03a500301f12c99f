import { z } from 'zod'
import { objectRefSchema } from './object-ref-schema'
import { retentionRules } from './retention-input'

/**
 * The inputs of cleanup.plan and cleanup.execute. Kept apart from contract.ts so
 * the command line can check its flags with the same rules before connecting
 * (and without importing the contract, which would make an import cycle).
 */

/** `key` or `key=value`, as docker's label filters take them. */
const labelRule = z
  .string()
  .min(1)
  .max(1024)
  .refine((rule) => !rule.startsWith('=') && !/\s/.test(rule.split('=')[0] ?? ''), 'a label filter is key or key=value')

/** An image ID (or a prefix), a name or a reference; the same grammar as the contract's objectRef. */
const imageRef = objectRefSchema

/** What selects candidates; at least one must be set. */
export const CANDIDATE_FIELDS = ['dangling', 'unused', 'until', 'labels', 'labelsNot', 'containers', 'buildCache', 'retention', 'volumes'] as const

interface CandidateFields {
  dangling: boolean
  unused: boolean
  until?: string | undefined
  labels: string[]
  labelsNot: string[]
  containers: boolean
  buildCache: boolean
  retention?: unknown
  volumes: boolean
}

export function hasCandidateSet(options: CandidateFields): boolean {
  return options.dangling || options.unused || options.containers || options.buildCache || options.volumes || options.retention !== undefined || options.until !== undefined || options.labels.length > 0 || options.labelsNot.length > 0
}

export const cleanupOptions = z
  .object({
    /** Images without a tag. */
    dangling: z.boolean().default(false),
    /** Images no container (of any state) and no child image uses, once the plan's other removals are done. */
    unused: z.boolean().default(false),
    /** Only what was created (build cache: last used) before this instant. Alone, it selects unused images. */
    until: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).optional(),
    /** Only images and containers carrying every one of these labels. Alone, they select unused images. */
    labels: z.array(labelRule).max(100).default([]),
    /** Only images and containers carrying none of these labels. */
    labelsNot: z.array(labelRule).max(100).default([]),
    /** Stopped containers (created, exited, dead); removing them can leave their images unused. */
    containers: z.boolean().default(false),
    /** Build cache entries neither in use nor shared with an image. */
    buildCache: z.boolean().default(false),
    /** Tags kept and dropped per repository (shared/retention-input.ts); the dropped ones' images become candidates. */
    retention: retentionRules.optional(),
    /** Volumes no container (of any state) mounts. Never chosen by default: their data is not rebuilt by a pull. */
    volumes: z.boolean().default(false),
    /** Images never to clean up (the app's pinned list, or --keep): IDs, ID prefixes or references. */
    pinned: z.array(imageRef).max(10_000).default([]),
  })
  .strict()
  .refine(hasCandidateSet, { error: `choose what to clean up: ${CANDIDATE_FIELDS.join(', ')}` })

export type CleanupOptions = z.output<typeof cleanupOptions>

/** `${kind}:${id}` of a plan item, as CleanupItem.key gives it. */
const itemKey = z
  .string()
  .max(300)
  .regex(/^(container|image|build-cache|volume):[A-Za-z0-9:_.-]+$/, 'not a cleanup item key')

export const cleanupExecuteInput = z
  .object({
    /** The options the confirmed plan was made with; the plan is made again from them. */
    options: cleanupOptions,
    /** Keys of the items the user confirmed; only those still in the fresh plan are removed. */
    confirmed: z.array(itemKey).max(100_000),
    /** Names the progress events, and lets tasks.cancel stop the cleanup between items. */
    taskId: z.string().min(1).max(100).optional(),
  })
  .strict()
