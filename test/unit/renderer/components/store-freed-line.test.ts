// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { CleanupStoreBytes } from '../../../../shared/types'
import { i18n } from '../../../../renderer/i18n'
import { setStrataApiForTests } from '../../../../renderer/api'
import StoreFreedLine from '../../../../renderer/components/cleanup/StoreFreedLine.vue'
import { testApp } from './app-plugins'

const STORE: CleanupStoreBytes = {
  kind: 'containerd',
  snapshotter: 'overlayfs',
  content: { count: 3, bytes: 120_000_000, source: 'manifest-content' },
  snapshots: { count: 2, bytes: 310_000_000, source: 'history-chain-ids' },
}

afterEach(() => {
  document.body.innerHTML = ''
  setStrataApiForTests(null)
})

describe('StoreFreedLine (the plan on the containerd store)', () => {
  it('shows content and unpacked bytes apart, with the source of each as its tooltip', () => {
    const wrapper = mount(StoreFreedLine, { props: { store: STORE }, global: { plugins: testApp().plugins } })
    const line = wrapper.get('[data-testid="plan-store"]')
    expect(line.text()).toBe('Content 120 MB · unpacked 310 MB (containerd store)')
    expect(line.attributes('data-content-bytes')).toBe('120000000')
    expect(line.attributes('title')).toContain("Content: from the engine's manifest summaries")
    expect(line.attributes('title')).toContain("Unpacked: from the engine's layer history")
  })

  it('says content is not counted when the engine describes no manifests, in Chinese too', async () => {
    const app = testApp()
    const wrapper = mount(StoreFreedLine, { props: { store: { ...STORE, content: null } }, global: { plugins: app.plugins } })
    expect(wrapper.text()).toBe('Unpacked 310 MB (containerd store; content not counted before API 1.47)')
    i18n.global.locale.value = 'zh-CN'
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toBe('解压后 310 MB（containerd 镜像存储；API 1.47 之前不统计内容）')
    i18n.global.locale.value = 'en'
  })
})
