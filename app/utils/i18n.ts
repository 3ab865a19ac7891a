import { useRouteLoaderData } from '@remix-run/react'
import {
  defaultLocale,
  isLocale,
  translator,
  type Locale,
  type Translate,
} from '#models/i18n/index.ts'
import type { loader as rootLoader } from '#app/root.tsx'

export function useLocale(): Locale {
  const data = useRouteLoaderData<typeof rootLoader>('root')
  if (data && isLocale(data.locale)) return data.locale
  // Error boundaries can render without root data: fall back to the document's language.
  if (typeof document !== 'undefined' && isLocale(document.documentElement.lang)) {
    return document.documentElement.lang
  }
  return defaultLocale
}

export function useTranslation(): { t: Translate; locale: Locale } {
  const locale = useLocale()
  return { t: translator(locale), locale }
}
