import { Form, useLocation } from '@remix-run/react'
import { locales } from '#models/i18n/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'

/** A plain form post, so switching language works before JavaScript loads. */
export function LanguageSwitcher() {
  const { t, locale } = useTranslation()
  const location = useLocation()
  const search = new URLSearchParams(location.search)
  search.delete('lang')
  const query = search.toString()
  const redirectTo = `${location.pathname}${query ? `?${query}` : ''}`
  return (
    <Form method="post" action="/language">
      <fieldset className="flex items-center gap-1 text-sm">
        <legend className="sr-only">{t('language.label')}</legend>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {locales.map((code) => {
          const current = code === locale
          const name = t(`language.${code}`)
          return (
            <button
              key={code}
              type="submit"
              name="lang"
              value={code}
              aria-pressed={current}
              className={`rounded px-2 py-1 ${current ? 'bg-blue-900 text-white' : 'text-slate-700 hover:bg-slate-100'}`}
            >
              {current ? null : <span className="sr-only">{t('language.switchToPrefix')} </span>}
              <span lang={code}>{name}</span>
            </button>
          )
        })}
      </fieldset>
    </Form>
  )
}
