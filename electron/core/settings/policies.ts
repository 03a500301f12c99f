import { failure } from '../../../shared/errors'
import { MAX_POLICIES, storedPolicy, type CleanupPolicy, type PolicyRun, type SavePolicyInput } from '../../../shared/policy-input'
import { problem } from '../../../shared/problems'

/**
 * Saved cleanup policies as settings.json holds them (cleanupPolicies): each change
 * takes the file's record and answers the next one, keeping every other key. The
 * SettingsStore runs them inside its read-modify-write.
 */

/** The saved policies of a parsed file; an entry the contract would refuse (a hand-edited file) is dropped, a repeated name keeps its first entry. */
export function policiesOf(record: Record<string, unknown>): CleanupPolicy[] {
  const value = record.cleanupPolicies
  if (!Array.isArray(value)) return []
  const policies: CleanupPolicy[] = []
  for (const entry of value) {
    const parsed = storedPolicy.safeParse(entry)
    if (parsed.success && !policies.some((policy) => policy.name === parsed.data.name)) policies.push(parsed.data)
  }
  return policies.slice(0, MAX_POLICIES)
}

function notSaved(name: string): Error {
  return failure('NOT_FOUND', problem('engine.policyNotSaved', { name }), { name })
}

/**
 * A new name must not be taken; with previousName the policy saved under it is replaced
 * in its place (renamed when the names differ) and keeps its lastRun, so editing a
 * policy does not restart its schedule.
 */
export function withSavedPolicy(record: Record<string, unknown>, input: SavePolicyInput): Record<string, unknown> {
  const policies = policiesOf(record)
  const previous = input.previousName ?? null
  const index = previous === null ? -1 : policies.findIndex((policy) => policy.name === previous)
  if (previous !== null && index < 0) throw notSaved(previous)
  if (input.name !== previous && policies.some((policy) => policy.name === input.name)) {
    throw failure('CONFLICT', problem('engine.policyNameTaken', { name: input.name }), { name: input.name })
  }
  const saved: CleanupPolicy = { name: input.name, options: input.options, schedule: input.schedule, promised: input.promised, lastRun: policies[index]?.lastRun ?? null }
  if (index >= 0) policies[index] = saved
  else policies.push(saved)
  if (policies.length > MAX_POLICIES) throw failure('INVALID_INPUT', problem('engine.tooManyPolicies', { max: MAX_POLICIES }))
  return { ...record, cleanupPolicies: policies }
}

/** Without the named policy; the key goes when the last one does. */
export function withoutPolicy(record: Record<string, unknown>, name: string): Record<string, unknown> {
  const policies = policiesOf(record)
  if (!policies.some((policy) => policy.name === name)) throw notSaved(name)
  const rest = policies.filter((policy) => policy.name !== name)
  if (rest.length > 0) return { ...record, cleanupPolicies: rest }
  return Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'cleanupPolicies'))
}

export function withPolicyRun(record: Record<string, unknown>, name: string, run: PolicyRun): Record<string, unknown> {
  const policies = policiesOf(record)
  const index = policies.findIndex((policy) => policy.name === name)
  const policy = policies[index]
  if (policy === undefined) throw notSaved(name)
  policies[index] = { ...policy, lastRun: run }
  return { ...record, cleanupPolicies: policies }
}
