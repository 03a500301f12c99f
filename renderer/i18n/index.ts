import { createI18n } from 'vue-i18n'
import { en, type MessageSchema } from './messages/en'
import { zhCN } from './messages/zh-CN'
import { systemLocale, type Locale } from './locale'

/** The app's one i18n instance: Composition mode, English as the fallback for anything missing. */
export const i18n = createI18n<[MessageSchema], Locale, false>({
  // v11 still starts in the legacy API unless told otherwise; v12 drops the option and the legacy API with it.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  legacy: false,
  locale: systemLocale(typeof navigator === 'undefined' ? [] : navigator.languages),
  fallbackLocale: 'en',
  messages: { en, 'zh-CN': zhCN },
})

/** Switches every view, and tells assistive technology and the browser which language the page is in. */
export function applyLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
}

