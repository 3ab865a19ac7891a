import { Link } from '@remix-run/react'
import { SearchEmptyState, type WiderSearch } from '#app/components/search/search-empty-state.tsx'
import { SupplierResultCard } from '#app/components/search/supplier-result-card.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import {
  searchHref,
  type SupplierCard,
  type SupplierSearchState,
} from '#app/utils/supplier-search.ts'

/** The labelled paid slot above the results; nothing when no featured supplier matches. */
export function FeaturedSuppliers({ suppliers }: { suppliers: SupplierCard[] }) {
  const { t } = useTranslation()
  if (!suppliers.length) return null
  return (
    <section
      aria-labelledby="featured-title"
      className="mb-6 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200"
    >
      <h2 id="featured-title" className="font-semibold text-amber-950">
        {t('search.featured.title')}
      </h2>
      <p className="text-xs text-slate-700">{t('search.featured.note')}</p>
      <ul className="mt-3 space-y-3" data-testid="featured-results">
        {suppliers.map((supplier) => (
          <li key={supplier.id}>
            <SupplierResultCard supplier={supplier} sponsored />
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The organic results: the list, or help when nothing was found or the page is past the end. */
export function SearchResultsList({
  state,
  total,
  hits,
  suggestion,
  wider = [],
}: {
  state: SupplierSearchState
  total: number
  hits: SupplierCard[]
  suggestion: string | null
  wider?: WiderSearch[]
}) {
  const { t } = useTranslation()
  if (total === 0) return <SearchEmptyState state={state} suggestion={suggestion} wider={wider} />
  if (hits.length === 0) {
    return (
      <p className="rounded-lg bg-slate-50 p-6 ring-1 ring-slate-200">
        {t('search.empty.pageOutOfRange')}{' '}
        <Link
          to={searchHref(state, { page: 1 })}
          className="text-blue-800 underline underline-offset-4"
        >
          {t('search.empty.firstPage')}
        </Link>
      </p>
    )
  }
  return (
    <ul className="space-y-3" data-testid="organic-results">
      {hits.map((supplier) => (
        <li key={supplier.id}>
          <SupplierResultCard supplier={supplier} />
        </li>
      ))}
    </ul>
  )
}
