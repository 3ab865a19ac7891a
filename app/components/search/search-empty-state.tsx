import { Link } from '@remix-run/react'
import { label } from '#models/taxonomy/index.ts'
import type { FacetName } from '#search/documents.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import {
  activeFilters,
  facetValueLabel,
  searchHref,
  withoutFilter,
  type SupplierSearchState,
} from '#app/utils/supplier-search.ts'

/** A search one step wider than the one that found nothing, and how many it finds. */
export interface WiderSearch {
  without: { facet: FacetName; value: string } | 'q'
  total: number
}

const SECTORS = ['automotive', 'electronics', 'textile', 'leather', 'mechanical', 'hightech']

/** What the search page says when nothing matched, with ways out. */
export function SearchEmptyState({
  state,
  suggestion,
  wider = [],
}: {
  state: SupplierSearchState
  suggestion: string | null
  wider?: WiderSearch[]
}) {
  const { t, locale } = useTranslation()
  const chips = activeFilters(state.filters)
  const number = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB')
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
      {wider.length ? (
        <section className="mt-4" data-testid="wider-searches">
          <h4 className="font-semibold">{t('onboarding.empty.tryTitle')}</h4>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {wider.map((option) => (
              <li
                key={
                  option.without === 'q' ? 'q' : `${option.without.facet}:${option.without.value}`
                }
              >
                <Link
                  to={
                    option.without === 'q'
                      ? searchHref(state, { q: '' })
                      : searchHref(state, {
                          filters: withoutFilter(
                            state.filters,
                            option.without.facet,
                            option.without.value,
                          ),
                        })
                  }
                  className="text-blue-800 underline underline-offset-4"
                >
                  {option.without === 'q'
                    ? t('onboarding.empty.withoutQuery', { count: number.format(option.total) })
                    : t('onboarding.empty.withoutFilter', {
                        label: facetValueLabel(
                          option.without.facet,
                          option.without.value,
                          locale,
                          t,
                        ),
                        count: number.format(option.total),
                      })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
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
      {!wider.length && !suggestion ? (
        <div className="mt-4">
          <p className="text-sm font-semibold">{t('onboarding.empty.browseSectors')}</p>
          <ul className="mt-2 flex flex-wrap gap-2">
            {SECTORS.map((sector) => (
              <li key={sector}>
                <Link
                  to={searchHref(
                    { ...state, q: '', filters: {} },
                    { filters: { sector: [sector] } },
                  )}
                  className="inline-block rounded-full bg-white px-3 py-1 text-sm text-blue-900 ring-1 ring-slate-300 hover:bg-blue-50"
                >
                  {label('sectors', sector, locale)}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  )
}
