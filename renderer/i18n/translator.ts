import { createI18n } from 'vue-i18n'
import { en } from './messages/en'
import { zhCN } from './messages/zh-CN'
import type { Locale } from './locale'

/** A `t` that pure helpers in renderer/lib take, so they word things in the caller's language without Vue. */
export type Translate = (key: string, named?: Record<string, unknown>, plural?: number) => string

/** A translator fixed to one locale: for pure helpers' unit tests and anything outside a component. */
export function translator(locale: Locale): Translate {
  const fixed = createI18n({ legacy: false, locale, fallbackLocale: 'en', messages: { en, 'zh-CN': zhCN }, missingWarn: false, fallbackWarn: false })
  return (key, named = {}, plural) => (plural === undefined ? fixed.global.t(key, named) : fixed.global.t(key, named, plural))
}
