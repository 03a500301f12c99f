import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { Plugin } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { setStrataApiForTests } from '../../../../renderer/api'
import { i18n } from '../../../../renderer/i18n'
import { FakeApi } from '../../../support/fake-api'

export interface TestApp {
  api: FakeApi
  pinia: Pinia
  router: Router
  /** What `mount` takes as `global.plugins`: Pinia, the app's own i18n (in English) and a router. */
  plugins: Plugin[]
}

/**
 * A fresh app around one component: a fake API in the transports' place, a new Pinia,
 * the app's i18n in English, and a memory router that accepts any path (links resolve, views are not the test's).
 */
export function testApp(): TestApp {
  const api = new FakeApi()
  setStrataApiForTests(api)
  const pinia = createPinia()
  setActivePinia(pinia)
  i18n.global.locale.value = 'en'
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', component: { render: () => null } }] })
  return { api, pinia, router, plugins: [pinia, i18n, router] }
}
