import { Link } from '@remix-run/react'
import { useTranslation } from '#app/utils/i18n.ts'
import {
  activeFilters,
  facetValueLabel,
  searchHref,
  withoutFilter,
  type SupplierSearchState,
} from '#app/utils/supplier-search.ts'

/** Removes one filter, or all: links, so they work before JavaScript and can be opened anew. */
export function FilterChips({ state }: { state: SupplierSearchState }) {
  const { t, locale } = useTranslation()
  const chips = activeFilters(state.filters)
  if (chips.length === 0) return null
  return (
    <section aria-labelledby="active-filters-title" className="mb-4">
      <h2 id="active-filters-title" className="sr-only">
        {t('search.filters.active')}
      </h2>
      <ul className="flex flex-wrap items-center gap-2">
        {chips.map(([facet, code]) => (
          <li key={`${facet}:${code}`}>
            <Link
              to={searchHref(state, { filters: withoutFilter(state.filters, facet, code) })}
              preventScrollReset
              className="inline-flex items-center gap-1 rounded-full bg-blue-50 px-3 py-1 text-sm text-blue-900 ring-1 ring-blue-200 hover:bg-blue-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
            >
              <span className="sr-only">{t('search.filters.removePrefix')} </span>
              {facetValueLabel(facet, code, locale, t)}
              <span aria-hidden="true">×</span>
            </Link>
          </li>
        ))}
        <li>
          <Link
            to={searchHref(state, { filters: {} })}
            preventScrollReset
            className="rounded px-2 py-1 text-sm font-medium text-blue-800 underline underline-offset-4"
          >
            {t('search.filters.clear')}
          </Link>
        </li>
      </ul>
    </section>
  )
}
