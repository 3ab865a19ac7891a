import { Link } from '@remix-run/react'
import { useTranslation } from '#app/utils/i18n.ts'
import {
  activeFilters,
  facetValueLabel,
  searchHref,
  withoutFilter,
  type SupplierSearchState,
} from '#app/utils/supplier-search.ts'

/** What the search page says when nothing matched, with ways out. */
export function SearchEmptyState({
  state,
  suggestion,
}: {
  state: SupplierSearchState
  suggestion: string | null
}) {
  const { t, locale } = useTranslation()
  const chips = activeFilters(state.filters)
  return (
    <div className="rounded-lg bg-slate-50 p-6 ring-1 ring-slate-200">
      <h3 className="text-lg font-semibold">{t('search.empty.title')}</h3>
      {suggestion ? (
        <p className="mt-3">
          {t('search.empty.didYouMean')}{' '}
          <Link
            to={searchHref(state, { q: suggestion })}
            className="font-semibold text-blue-800 underline underline-offset-4"
          >
            {suggestion}
          </Link>
        </p>
      ) : null}
      {chips.length ? (
        <>
          <p className="mt-3">{t('search.empty.removeFilters')}</p>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {chips.map(([facet, code]) => (
              <li key={`${facet}:${code}`}>
                <Link
                  to={searchHref(state, { filters: withoutFilter(state.filters, facet, code) })}
                  className="text-blue-800 underline underline-offset-4"
                >
                  {t('search.filters.remove', { label: facetValueLabel(facet, code, locale, t) })}
                </Link>
              </li>
            ))}
            {chips.length > 1 ? (
              <li>
                <Link
                  to={searchHref(state, { filters: {} })}
                  className="text-blue-800 underline underline-offset-4"
                >
                  {t('search.filters.clear')}
                </Link>
              </li>
            ) : null}
          </ul>
        </>
      ) : null}
      {state.q ? <p className="mt-3 text-sm text-slate-700">{t('search.empty.tips')}</p> : null}
    </div>
  )
}
