// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { CleanupPlan } from '../../../../shared/types'
import { setStrataApiForTests } from '../../../../renderer/api'
import PolicyPreview from '../../../../renderer/components/cleanup/policies/PolicyPreview.vue'
import { testApp } from './app-plugins'

const OLD = `sha256:${'1'.repeat(64)}`
const NEW = `sha256:${'2'.repeat(64)}`

/** A plan as the planner answers it with retention rules: app:1 dropped beyond the newest 1, app:2 kept. */
const PLAN = {
  items: [{ key: `image:${OLD}`, kind: 'image', id: OLD, names: ['app:1'], reason: 'retention', rule: { kind: 'beyond-last', count: 1 }, after: [], size: 5000, bytesFreed: 1234, created: null }],
  totalBytesFreed: 1234,
  protected: [{ key: `image:${NEW}`, kind: 'image', id: NEW, names: ['app:2'], reason: 'pinned', rule: null, blockers: [] }],
  retention: [
    { imageId: OLD, verdict: 'dropped', tags: [{ tag: 'app:1', verdict: 'dropped', rule: { kind: 'beyond-last', count: 1 }, override: null }] },
    { imageId: NEW, verdict: 'kept', tags: [{ tag: 'app:2', verdict: 'kept', rule: { kind: 'keep-last', count: 1 }, override: 'app' }] },
  ],
  diskMap: { images: [{ id: OLD, names: ['app:1'] }, { id: NEW, names: ['app:2'] }] },
} as unknown as CleanupPlan

afterEach(() => {
  document.body.innerHTML = ''
  setStrataApiForTests(null)
})

describe('PolicyPreview', () => {
  it('shows the exact bytes, the items, what is kept and why, and each image’s retention verdict with its rule', () => {
    const app = testApp()
    const wrapper = mount(PolicyPreview, { props: { plan: PLAN, planning: false, failure: null, problem: null }, global: { plugins: app.plugins } })
    const bytes = wrapper.get('[data-testid="policy-preview-bytes"]')
    expect(bytes.attributes('data-bytes')).toBe('1234')
    expect(bytes.text()).toBe('1.23 kB')
    expect(wrapper.get('[data-testid="policy-preview-item"]').attributes('data-key')).toBe(`image:${OLD}`)
    expect(wrapper.get('[data-testid="policy-preview-kept"]').text()).toContain('pinned')
    const verdicts = wrapper.findAll('[data-testid="policy-retention"] li')
    expect(verdicts.map((row) => row.attributes('data-verdict'))).toEqual(['dropped', 'kept'])
    expect(verdicts[0]?.text()).toContain('app:1 dropped: beyond the newest 1')
    expect(verdicts[1]?.text()).toContain('app:2 kept: among the newest 1 (override app)')
    expect(wrapper.get('[data-testid="policy-preview-item"]').text()).toContain('removed by rule keep-last 1, not among the newest 1')
  })

  it('shows no verdicts without rules, and the form’s problem instead of a stale plan', () => {
    const app = testApp()
    const withoutRules = mount(PolicyPreview, { props: { plan: { ...PLAN, retention: [] }, planning: false, failure: null, problem: null }, global: { plugins: app.plugins } })
    expect(withoutRules.find('[data-testid="policy-retention"]').exists()).toBe(false)
    const withProblem = mount(PolicyPreview, { props: { plan: PLAN, planning: false, failure: null, problem: 'Give the policy a name.' }, global: { plugins: app.plugins } })
    expect(withProblem.get('[data-testid="policy-problem"]').text()).toBe('Give the policy a name.')
    expect(withProblem.find('[data-testid="policy-preview-bytes"]').exists()).toBe(false)
  })
})
