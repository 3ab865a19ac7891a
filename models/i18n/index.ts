import { en } from './en.ts'
import { vi, type TranslationKey } from './vi.ts'

export type { TranslationKey }

export const locales = ['vi', 'en'] as const
export type Locale = (typeof locales)[number]
export const defaultLocale: Locale = 'vi'

export const dictionaries: Record<Locale, Record<TranslationKey, string>> = { vi, en }

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value)
}

export type Translate = (key: TranslationKey, params?: Record<string, string | number>) => string

export function translator(locale: Locale): Translate {
  const dictionary = dictionaries[locale]
  return (key, params) => {
    const text = dictionary[key]
    if (!params) return text
    return text.replace(/\{(\w+)\}/g, (match, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : match,
    )
  }
}

/** A message in both languages, for errors that leave the server before a locale is known. */
export function bilingual(key: TranslationKey): { vi: string; en: string } {
  return { vi: vi[key], en: en[key] }
}
