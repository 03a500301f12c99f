import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { MethodInput } from '../../shared/contract'
import type { CacheUsage, EngineTls, LanguageChoice, SavedEngine, SettingsProblem, SidebarChoice, StrataSettings, ThemeChoice } from '../../shared/types'
import { applyLocale } from '../i18n'
import { resolveLocale } from '../i18n/locale'
import { strataApi } from '../api'
import { useErrorStore } from './errors'

/**
 * Pins the colour scheme on <html> (styles.css: light-dark() pairs follow color-scheme);
 * 'system' follows prefers-color-scheme. Applied when settings.json is read at start,
 * not before the first paint: a copy in browser storage would be the only thing the
 * renderer keeps there (test/unit/electron-app-folders.test.ts keeps it empty).
 */
export function applyTheme(theme: ThemeChoice): void {
  const root = document.documentElement
  if (theme === 'system') Reflect.deleteProperty(root.dataset, 'theme')
  else root.dataset.theme = theme
}

/**
 * Strata's settings as the core keeps them (settings.json, shared with the command
 * line). The core adds the pinned images to every cleanup plan itself; the renderer
 * shows and toggles pins, and the Settings view changes the rest.
 */
export const useSettingsStore = defineStore('settings', () => {
  const errors = useErrorStore()
  const pinnedImages = ref<string[]>([])
  const engines = ref<SavedEngine[]>([])
  const defaultEngineHost = ref<string | null>(null)
  const defaultEngineTls = ref<EngineTls | null>(null)
  const theme = ref<ThemeChoice>('system')
  const language = ref<LanguageChoice>('system')
  /** The sidebar as the user left it; 'auto' until they toggle it (App.vue picks by the window's width). */
  const sidebar = ref<SidebarChoice>('auto')
  const cacheCapBytes = ref<number | null>(null)
  const defaultPullPlatform = ref<string | null>(null)
  const problem = ref<SettingsProblem | null>(null)
  const cache = ref<CacheUsage | null>(null)
  const loaded = ref(false)
  /** Image IDs being pinned or unpinned now, so their toggles wait. */
  const changing = ref<Set<string>>(new Set())
  const pinned = computed(() => new Set(pinnedImages.value))

  function take(settings: StrataSettings): void {
    pinnedImages.value = settings.pinnedImages
    engines.value = settings.engines
    defaultEngineHost.value = settings.defaultEngineHost
    defaultEngineTls.value = settings.defaultEngineTls
    cacheCapBytes.value = settings.cacheCapBytes
    defaultPullPlatform.value = settings.defaultPullPlatform
    problem.value = settings.problem
    if (settings.theme !== theme.value || !loaded.value) applyTheme(settings.theme)
    theme.value = settings.theme
    if (settings.language !== language.value || !loaded.value) applyLocale(resolveLocale(settings.language, navigator.languages))
    language.value = settings.language
    sidebar.value = settings.sidebar
    loaded.value = true
  }

  async function load(): Promise<void> {
    try {
      take(await strataApi().call('settings.get', {}))
    } catch (error) {
      errors.report(error)
    }
  }

  function isPinned(imageId: string): boolean {
    return pinned.value.has(imageId)
  }

  /** Answers whether the change was saved. */
  async function setPinned(imageId: string, pin: boolean): Promise<boolean> {
    changing.value = new Set([...changing.value, imageId])
    try {
      take(await strataApi().call('settings.pinImage', { ref: imageId, pinned: pin }))
      return true
    } catch (error) {
      errors.report(error)
      return false
    } finally {
      changing.value = new Set([...changing.value].filter((id) => id !== imageId))
    }
  }

  /** Theme, language, cap or pull platform; throws the core's refusal for the form to show. Theme and language show at once and go back if the core refuses. */
  async function update(change: MethodInput<'settings.update'>): Promise<void> {
    const before = theme.value
    const languageBefore = language.value
    if (change.theme !== undefined) applyTheme(change.theme)
    if (change.language !== undefined) applyLocale(resolveLocale(change.language, navigator.languages))
    try {
      take(await strataApi().call('settings.update', change))
    } catch (error) {
      applyTheme(before)
      applyLocale(resolveLocale(languageBefore, navigator.languages))
      throw error
    }
    if (change.cacheCapBytes !== undefined) await loadCache()
  }

  /**
   * Remembers the sidebar in settings.json (the browser UI runs on a random port, so
   * browser storage would forget it). It changes at once; a refusal is reported and the
   * sidebar stays as the user set it for this session.
   */
  async function setSidebar(choice: SidebarChoice): Promise<void> {
    sidebar.value = choice
    try {
      take(await strataApi().call('settings.update', { sidebar: choice }))
    } catch (error) {
      errors.report(error)
    }
  }

  async function saveEngine(name: string, host: string, tls: EngineTls | null = null): Promise<void> {
    take(await strataApi().call('settings.saveEngine', tls === null ? { name, host } : { name, host, tls }))
  }

  async function removeEngine(name: string): Promise<void> {
    take(await strataApi().call('settings.removeEngine', { name }))
  }

  async function loadCache(): Promise<void> {
    try {
      cache.value = await strataApi().call('cache.usage', {})
    } catch (error) {
      errors.report(error)
    }
  }

  /** Answers the bytes freed. */
  async function clearCache(): Promise<number> {
    const result = await strataApi().call('cache.clear', {})
    cache.value = result.usage
    return result.freedBytes
  }

  return {
    pinnedImages,
    engines,
    defaultEngineHost,
    defaultEngineTls,
    theme,
    language,
    sidebar,
    cacheCapBytes,
    defaultPullPlatform,
    problem,
    cache,
    loaded,
    changing,
    load,
    isPinned,
    setPinned,
    update,
    setSidebar,
    saveEngine,
    removeEngine,
    loadCache,
    clearCache,
  }
})
