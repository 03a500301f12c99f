import { describe, expect, it } from 'vitest'
import type { CleanupPolicy } from '../../../shared/policy-input'
import { savePolicyInput } from '../../../shared/policy-input'
import type { Translate } from '../../../renderer/i18n/translator'
import { formOfPolicy, newPolicyForm, policyFormOptions, policyNameProblem, type PolicyForm } from '../../../renderer/lib/policy-form'

// The key and its values, so a test sees which problem was chosen and for what.
const t: Translate = (key, named = {}) => (Object.keys(named).length === 0 ? key : `${key} ${JSON.stringify(named)}`)

function form(change: (draft: PolicyForm) => void): PolicyForm {
  const draft = newPolicyForm()
  change(draft)
  return draft
}

describe('policy form', () => {
  it('makes options the contract takes, with retention rules and overrides', () => {
    const result = policyFormOptions(
      form((draft) => {
        draft.candidates.dangling = false
        draft.retention = { keepLast: '3', keepTags: 'latest, v*  stable', drops: [{ pattern: 'pr-*', olderThan: '14d' }, { pattern: '', olderThan: '' }, { pattern: 'ci-*', olderThan: '2d' }] }
        draft.overrides = [{ repository: 'ghcr.io/acme/*', keepLast: '10', keepTags: '', drops: [] }]
      }),
      t,
    )
    expect(result.problem).toBeNull()
    expect(result.options).toEqual({
      dangling: false,
      unused: false,
      labels: [],
      labelsNot: [],
      containers: false,
      buildCache: false,
      volumes: false,
      retention: { keepLast: 3, keepTags: ['latest', 'v*', 'stable'], dropTags: [{ pattern: 'pr-*', olderThan: '14d' }, { pattern: 'ci-*', olderThan: '2d' }], overrides: [{ repository: 'ghcr.io/acme/*', keepLast: 10 }] },
    })
    expect(savePolicyInput.safeParse({ name: 'x', options: result.options, schedule: 'off', promised: null }).success).toBe(true)
  })

  it('names the field at fault', () => {
    const problem = (change: (draft: PolicyForm) => void): string | null => policyFormOptions(form(change), t).problem
    expect(problem((draft) => (draft.retention.keepLast = 'five'))).toBe('policies.problem.keepLast {"value":"five"}')
    expect(problem((draft) => (draft.retention.keepTags = 'ok, bad/tag'))).toBe('policies.problem.tagPattern {"value":"bad/tag"}')
    expect(problem((draft) => (draft.retention = { keepLast: '', keepTags: '', drops: [{ pattern: 'pr-*', olderThan: '7d' }, { pattern: 'pr-*', olderThan: '2 weeks' }] }))).toBe('policies.problem.age {"value":"2 weeks"}')
    expect(problem((draft) => (draft.retention.keepTags = 'latest'))).toBe('policies.problem.rulesDecideNothing')
    expect(problem((draft) => (draft.overrides = [{ repository: 'Upper/Case', keepLast: '1', keepTags: '', drops: [] }]))).toBe('policies.problem.repository {"value":"Upper/Case"}')
    expect(problem((draft) => (draft.candidates.dangling = false))).toBe('cleanup.problem.nothing')
    // Unused volumes alone are a choice too.
    expect(problem((draft) => Object.assign(draft, { candidates: { ...draft.candidates, dangling: false, volumes: true } }))).toBeNull()
    // Retention rules alone choose candidates.
    expect(problem((draft) => Object.assign(draft, { candidates: { ...draft.candidates, dangling: false }, retention: { keepLast: '2', keepTags: '', drops: [] } }))).toBeNull()
  })

  it('reads a saved policy back into the same options', () => {
    const policy: CleanupPolicy = {
      name: 'nightly',
      options: { dangling: true, unused: true, until: '2025-05-01', labels: ['team=web'], labelsNot: ['keep'], containers: true, buildCache: false, volumes: true, retention: { keepLast: 5, dropTags: [{ pattern: 'pr-*', olderThan: '7d' }, { pattern: 'ci-*', olderThan: '1w' }] } },
      schedule: 'weekly',
      promised: null,
      lastRun: null,
    }
    const back = formOfPolicy(policy)
    expect(back.name).toBe('nightly')
    expect(back.schedule).toBe('weekly')
    expect(policyFormOptions(back, t).options).toEqual(policy.options)
  })

  it('checks the name as the core will', () => {
    expect(policyNameProblem('  ', [], t)).toBe('policies.problem.nameEmpty')
    expect(policyNameProblem('../x', [], t)).toBe('policies.problem.nameChars')
    expect(policyNameProblem(' nightly ', ['nightly'], t)).toBe('policies.problem.nameTaken {"name":"nightly"}')
    expect(policyNameProblem('每晚清理', [], t)).toBeNull()
  })
})
