/** The interface languages Strata speaks; the CLI stays English. */
export const LOCALES = ['en', 'zh-CN'] as const

export type Locale = (typeof LOCALES)[number]

/** Each language named in itself, as a language menu shows it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' }

/**
 * The locale for the system's preferred languages, in order: any Chinese (zh,
 * zh-CN, zh-Hans, zh-SG, and the traditional variants, which read simplified
 * better than English) is zh-CN; anything else Strata does not speak falls to the
 * next preference, then English.
 */
export function systemLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split(/[-_]/)[0]
    if (language === 'zh') return 'zh-CN'
    if (language === 'en') return 'en'
  }
  return 'en'
}

export function resolveLocale(choice: Locale | 'system', preferred: readonly string[]): Locale {
  return choice === 'system' ? systemLocale(preferred) : choice
}
