import { useI18n } from 'vue-i18n'
import { formatBytes } from '../../shared/format'

const AGE_STEPS: readonly [number, Intl.RelativeTimeFormatUnit][] = [
  [60 * 60 * 24 * 365, 'year'],
  [60 * 60 * 24 * 30, 'month'],
  [60 * 60 * 24 * 7, 'week'],
  [60 * 60 * 24, 'day'],
  [60 * 60, 'hour'],
  [60, 'minute'],
  [1, 'second'],
]

/** Numbers, sizes, dates and ages in one locale's conventions. */
export interface LocaleFormat {
  /** 50051 → "50,051". */
  number: (value: number) => string
  /** 0.1234 → "12.3%". */
  percent: (fraction: number) => string
  /** Decimal units as the docker CLI prints them (1 MB = 1,000,000 bytes), the number in the locale's digits. */
  bytes: (bytes: number) => string
  /** "3 minutes ago" / "3分钟前", in the docker CLI's steps; `justNow` below five seconds. */
  age: (iso: string, now: Date, justNow: string) => string
  /** Date and time as the locale writes them, for tooltips and detail rows. */
  dateTime: (iso: string) => string
}

const formats = new Map<string, LocaleFormat>()

/** The formatters for one locale, made once and reused (Intl objects are costly to build). */
export function localeFormat(locale: string): LocaleFormat {
  const known = formats.get(locale)
  if (known !== undefined) return known
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
  const byDigits = [0, 1, 2].map((digits) => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }))
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'always' })
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  const format: LocaleFormat = {
    number: (value) => integer.format(value),
    percent: (fraction) => percent.format(fraction),
    bytes: (bytes) => formatBytes(bytes, (value, digits) => byDigits[digits]?.format(value) ?? value.toFixed(digits)),
    age: (iso, now, justNow) => {
      const seconds = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 1000))
      if (seconds < 5) return justNow
      for (const [size, unit] of AGE_STEPS) {
        const count = Math.floor(seconds / size)
        if (count >= 1) return relative.format(-count, unit)
      }
      return justNow
    },
    dateTime: (iso) => {
      const date = new Date(iso)
      return Number.isNaN(date.getTime()) ? '—' : dateTime.format(date)
    },
  }
  formats.set(locale, format)
  return format
}

/** A component's formatters: ages say "just now" in the current language. */
export type AppFormat = Omit<LocaleFormat, 'age'> & { age: (iso: string, now: Date) => string }

/**
 * The current locale's formatters for a component. Each call reads the locale,
 * so templates that use them redraw when the language changes.
 */
export function useFormat(): AppFormat {
  const { locale, t } = useI18n()
  const current = (): LocaleFormat => localeFormat(locale.value)
  return {
    number: (value) => current().number(value),
    percent: (fraction) => current().percent(fraction),
    bytes: (bytes) => current().bytes(bytes),
    age: (iso, now) => current().age(iso, now, t('time.justNow')),
    dateTime: (iso) => current().dateTime(iso),
  }
}
