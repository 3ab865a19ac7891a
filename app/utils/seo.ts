import { isLocale, locales, translator, type TranslationKey } from '#models/i18n/index.ts'

/** hreflang alternates: one URL per language (?lang=), and x-default for the language chooser. */
export function alternateLinks(origin: string, pathname: string) {
  return [
    ...locales.map((locale) => ({ hrefLang: locale, href: `${origin}${pathname}?lang=${locale}` })),
    { hrefLang: 'x-default', href: `${origin}${pathname}` },
  ]
}

/** `<title>` for a page: its translated name, then the brand. */
export function pageTitle(
  { matches }: { matches: Array<{ id: string; data: unknown } | undefined> },
  key: TranslationKey,
) {
  const rootData = matches.find((match) => match?.id === 'root')?.data as
    { locale?: unknown } | undefined
  const locale = isLocale(rootData?.locale) ? rootData.locale : 'vi'
  return [{ title: `${translator(locale)(key)} — VSI Connect` }]
}
