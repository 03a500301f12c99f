// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import { setStrataApiForTests } from '../../../../renderer/api'
import RuleFieldsInputs from '../../../../renderer/components/cleanup/policies/RuleFieldsInputs.vue'
import { emptyRules, type RuleFields } from '../../../../renderer/lib/policy-form'
import { testApp } from './app-plugins'

afterEach(() => {
  document.body.innerHTML = ''
  setStrataApiForTests(null)
})

describe('RuleFieldsInputs', () => {
  it('adds drop rows, types into each, and removes one, keeping at least one row to type in', async () => {
    const app = testApp()
    // The editor's form is reactive and the rows change it in place, as here.
    const fields = reactive<RuleFields>(emptyRules())
    const wrapper = mount(RuleFieldsInputs, { props: { modelValue: fields }, global: { plugins: app.plugins } })
    expect(wrapper.findAll('[data-testid="drop-rule"]')).toHaveLength(1)
    // One row alone has nothing to remove.
    expect(wrapper.find('[data-testid="remove-drop"]').exists()).toBe(false)

    await wrapper.get('[data-testid="add-drop"]').trigger('click')
    const rows = wrapper.findAll('[data-testid="drop-rule"]')
    expect(rows).toHaveLength(2)
    await rows[0]?.get('[data-rule="drop-pattern"]').setValue('pr-*')
    await rows[0]?.get('[data-rule="drop-older-than"]').setValue('7d')
    await rows[1]?.get('[data-rule="drop-pattern"]').setValue('ci-*')
    await rows[1]?.get('[data-rule="drop-older-than"]').setValue('2d')
    expect(fields.drops).toEqual([
      { pattern: 'pr-*', olderThan: '7d' },
      { pattern: 'ci-*', olderThan: '2d' },
    ])

    const remove = wrapper.findAll('[data-testid="remove-drop"]')
    expect(remove.map((button) => button.attributes('aria-label'))).toEqual(['Remove drop rule 1', 'Remove drop rule 2'])
    await remove[0]?.trigger('click')
    expect(fields.drops).toEqual([{ pattern: 'ci-*', olderThan: '2d' }])
    expect(wrapper.findAll('[data-testid="drop-rule"]')).toHaveLength(1)
  })
})
