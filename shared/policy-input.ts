import { z } from 'zod'
import { CANDIDATE_FIELDS, cleanupExecuteInput, cleanupOptions, hasCandidateSet } from './cleanup-input'

/**
 * Saved cleanup policies (settings.json's cleanupPolicies): the inputs of
 * settings.savePolicy, settings.removePolicy and settings.recordPolicyRun, and the
 * check a stored entry passes before it is read. Kept apart from contract.ts so the
 * settings store and the command line read policies with the same rules.
 */

export const MAX_POLICIES = 100

/** As engine names: letters, digits, spaces and . _ - @ ( ), so a name is easy to type after --policy. */
export const policyName = z
  .string()
  .trim()
  .min(1, 'a policy name cannot be empty')
  .max(64, 'a policy name has at most 64 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._@()-]*$/u, 'a policy name is letters, digits, spaces and . _ - @ ( ), starting with a letter or digit')

/**
 * The cleanup options a policy plans with: cleanup.plan's options without pinned. Pins
 * are not saved with a policy: a run takes the app's pinned list as it is then (the core adds it).
 */
export const policyOptions = z
  .object(cleanupOptions.shape)
  .omit({ pinned: true })
  .strict()
  .refine(hasCandidateSet, { error: `choose what to clean up: ${CANDIDATE_FIELDS.join(', ')}` })

export const policySchedule = z.enum(['off', 'daily', 'weekly'])

const instant = z.iso.datetime({ offset: true })
const count = z.number().int().min(0).max(1_000_000)
const bytes = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

/** The preview saved with a policy: a scheduled run removes these items and no others. */
export const policyPromise = z
  .object({
    keys: cleanupExecuteInput.shape.confirmed,
    bytesFreed: bytes,
    at: instant,
  })
  .strict()

export const policyRun = z
  .object({
    at: instant,
    /** Who started it: the app's Run now, the app's schedule, or `strata cleanup --policy`. */
    trigger: z.enum(['app', 'schedule', 'cli']),
    removed: count,
    skipped: count,
    failed: count,
    /** As CleanupReport.freedBytes: null when the engine stopped answering before the after figure. */
    bytesFreed: bytes.nullable(),
    predictedBytes: bytes,
  })
  .strict()

/** What settings.savePolicy takes; lastRun is kept by the store (a save does not reset the schedule). */
export const savePolicyInput = z
  .object({
    name: policyName,
    options: policyOptions,
    schedule: policySchedule,
    promised: policyPromise.nullable(),
    /** Editing: the name the policy is saved under now (it may differ from name, a rename). Left out, the name must be new. */
    previousName: policyName.optional(),
  })
  .strict()

/** A stored entry as read back from settings.json; a hand-edited entry that fails this is left out. */
export const storedPolicy = z
  .object({
    name: policyName,
    options: policyOptions,
    schedule: policySchedule,
    promised: policyPromise.nullable(),
    lastRun: policyRun.nullable(),
  })
  .strict()

export type PolicyOptions = z.output<typeof policyOptions>
export type PolicySchedule = z.output<typeof policySchedule>
export type PolicyPromise = z.output<typeof policyPromise>
export type PolicyRun = z.output<typeof policyRun>
export type CleanupPolicy = z.output<typeof storedPolicy>
export type SavePolicyInput = z.output<typeof savePolicyInput>
