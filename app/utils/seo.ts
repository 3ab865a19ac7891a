import { locales } from '#app/i18n/index.ts'

/** hreflang alternates: one URL per language (?lang=), and x-default for the language chooser. */
export function alternateLinks(origin: string, pathname: string) {
  return [
    ...locales.map((locale) => ({ hrefLang: locale, href: `${origin}${pathname}?lang=${locale}` })),
    { hrefLang: 'x-default', href: `${origin}${pathname}` },
  ]
}
