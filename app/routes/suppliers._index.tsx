import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FilterChips } from '#app/components/search/search-filter-chips.tsx'
import { SaveSearchBox } from '#app/components/billing/save-search-form.tsx'
import { getActor } from '#app/utils/permissions.server.ts'
import { hasBuyerPro } from '#models/billing/saved-search.ts'
import { FeaturedSuppliers, SearchResultsList } from '#app/components/search/search-results.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { SearchFacets } from '#app/components/search/search-facets.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { localeFromQuery } from '#app/utils/locale.server.ts'
import { isPersonGet, searchClientKey } from '#app/utils/profile-analytics.server.ts'
import { recordSearch } from '#models/analytics/search-log.ts'
import { pageTitle } from '#app/utils/seo.ts'
import {
  MAX_PAGE,
  MAX_QUERY_LENGTH,
  RESULTS_PER_PAGE,
  SEARCH_SORTS,
  SORT_LABELS,
  activeFilters,
  searchHref,
  type SupplierSearchState,
} from '#app/utils/supplier-search.ts'
import {
  readSearchState,
  searchSuppliers,
  spellingSuggestion,
  widerSearches,
} from '#app/utils/supplier-search.server.ts'

const FORM_ID = 'supplier-search'
const TYPING_DELAY_MS = 250

export const meta: MetaFunction = (args) => pageTitle(args, 'search.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = localeFromQuery(request)
  const state: SupplierSearchState = {
    ...readSearchState(new URL(request.url).searchParams),
    ...(lang ? { lang } : {}),
  }
  const engine = context.services.search
  const result = await searchSuppliers(engine, { ...state, perPage: RESULTS_PER_PAGE })
  // The programme's search log (KPIs): first pages only, people only, typing folded.
  if (state.page === 1 && isPersonGet(request))
    recordSearch(state.q, result.total, searchClientKey(request, context.clientIp))
  const suggestion = result.total === 0 && state.q ? await spellingSuggestion(engine, state) : null
  const wider = result.total === 0 ? await widerSearches(engine, state) : []
  const incomplete = !(context.services.searchComplete?.() ?? true)
  return {
    state,
    result,
    suggestion,
    wider,
    incomplete,
    saveSearch: await saveSearchMode(request),
  }
}

/** Buyer Pro's "save this search" (issue 19): the form, an upsell for other buyers, or nothing. */
async function saveSearchMode(request: Request): Promise<'form' | 'upsell' | null> {
  const actor = await getActor(request)
  if (!actor || actor.organization.kind !== 'buyer') return null
  return (await hasBuyerPro(actor.organization._id)) ? 'form' : 'upsell'
}

export default function SupplierSearchPage() {
  const { t, locale } = useTranslation()
  const { state, result, suggestion, wider, incomplete, saveSearch } =
    useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const submit = useSubmit()
  const formRef = useRef<HTMLFormElement>(null)
  const queryRef = useRef<HTMLInputElement>(null)
  const sortRef = useRef<HTMLSelectElement>(null)
  const filtersRef = useRef<HTMLDetailsElement>(null)
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const [hydrated, setHydrated] = useState(false)
  const searching = navigation.state === 'loading' && navigation.location.pathname === '/suppliers'

  useEffect(() => {
    setHydrated(true)
    return () => clearTimeout(typingTimer.current)
  }, [])

  // Back, forward and links change the URL under the form: show what it says, unless someone
  // is typing. (Uncontrolled fields, so the form works before JavaScript.)
  useEffect(() => {
    const input = queryRef.current
    if (input && document.activeElement !== input) input.value = state.q
  }, [state.q])
  useEffect(() => {
    if (sortRef.current) sortRef.current.value = state.sort
  }, [state.sort])

  /**
   * Runs the search the form describes as a navigation, so the URL always states it and can
   * be shared; a newer navigation cancels one still in flight, so results never arrive stale.
   */
  const runSearch = useCallback(
    (replace: boolean) => {
      const form = formRef.current
      if (!form) return
      const params = new URLSearchParams()
      for (const [name, value] of new FormData(form)) {
        if (typeof value !== 'string' || value.trim() === '') continue
        if (name === 'sort' && value === 'relevance') continue
        params.append(name, name === 'q' ? value.trim() : value)
      }
      submit(params, { method: 'get', action: '/suppliers', replace, preventScrollReset: true })
    },
    [submit],
  )

  const onChange = (event: FormEvent) => {
    clearTimeout(typingTimer.current)
    // Typing replaces the history entry; a ticked box or a new order adds one.
    if ((event.target as HTMLInputElement).name === 'q') {
      typingTimer.current = setTimeout(() => runSearch(true), TYPING_DELAY_MS)
    } else {
      runSearch(false)
    }
  }

  const pageCount = Math.min(MAX_PAGE, Math.ceil(result.total / result.perPage))
  const filterCount = activeFilters(state.filters).length
  const numberFormat = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB')

  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-3xl font-bold tracking-tight">{t('search.title')}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t('search.lead')}</p>

      <Form
        id={FORM_ID}
        ref={formRef}
        method="get"
        action="/suppliers"
        role="search"
        aria-label={t('search.title')}
        onChange={onChange}
        onSubmit={(event) => {
          event.preventDefault()
          clearTimeout(typingTimer.current)
          runSearch(false)
        }}
        className="mt-6 flex flex-wrap items-end gap-3"
      >
        {state.lang ? <input type="hidden" name="lang" value={state.lang} /> : null}
        <div className="min-w-0 flex-1 basis-72">
          <label htmlFor="search-q" className="block text-sm font-medium text-slate-800">
            {t('search.query.label')}
          </label>
          <input
            ref={queryRef}
            id="search-q"
            type="search"
            name="q"
            defaultValue={state.q}
            maxLength={MAX_QUERY_LENGTH}
            placeholder={t('search.query.placeholder')}
            autoComplete="off"
            enterKeyHint="search"
            className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2 text-base focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700"
          />
        </div>
        <div>
          <label htmlFor="search-sort" className="block text-sm font-medium text-slate-800">
            {t('search.sort.label')}
          </label>
          <select
            ref={sortRef}
            id="search-sort"
            name="sort"
            defaultValue={state.sort}
            className="mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2 text-base focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700"
          >
            {SEARCH_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(SORT_LABELS[sort])}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="rounded-md bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
        >
          {t('search.submit')}
        </button>
      </Form>
      <SaveSearchBox key={searchHref(state, {})} mode={saveSearch} state={state} />

      <div
        className={`mt-6 gap-8 ${result.total > 0 || filterCount > 0 ? 'lg:grid lg:grid-cols-[16rem_minmax(0,1fr)]' : ''}`}
      >
        {/*
         * The checkboxes belong to the form by its id; their changes bubble up to here. On a
         * phone the filters are a sheet over the page, closed until asked for, with a button
         * showing how many results they give; on a wide screen a column (tailwind.css,
         * `.filter-sheet`). No column when there is nothing to filter.
         */}
        {result.total > 0 || filterCount > 0 ? (
          <aside aria-labelledby="filters-title" onChange={onChange} className="mb-4 lg:mb-0">
            <details
              ref={filtersRef}
              className="filter-sheet group [&_summary::-webkit-details-marker]:hidden"
            >
              <summary className="inline-flex cursor-pointer list-none items-center gap-2 rounded-md border border-slate-400 px-4 py-2 font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700">
                <span aria-hidden="true">⚙</span>
                {t('search.filters.title')}
                {filterCount ? ` (${filterCount})` : ''}
              </summary>
              <div className="fixed inset-0 z-50 flex flex-col bg-white lg:static lg:z-auto lg:block">
                <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3 lg:hidden">
                  <p className="text-lg font-semibold" aria-hidden="true">
                    {t('search.filters.title')}
                  </p>
                  <button
                    type="button"
                    onClick={() => {
                      if (filtersRef.current) filtersRef.current.open = false
                    }}
                    className="rounded-md px-3 py-1.5 text-sm font-semibold text-blue-900 underline underline-offset-4"
                  >
                    {t('onboarding.filters.close')}
                  </button>
                </div>
                <div className="flex-1 overflow-y-auto px-4 pb-4 lg:overflow-visible lg:px-0">
                  <h2 id="filters-title" className="mb-1 hidden text-lg font-semibold lg:block">
                    {t('search.filters.title')}
                  </h2>
                  <SearchFacets facets={result.facets} filters={state.filters} form={FORM_ID} />
                  {hydrated ? null : (
                    <button
                      type="submit"
                      form={FORM_ID}
                      className="mt-2 hidden w-full rounded-md border border-blue-800 px-4 py-2 font-semibold text-blue-900 hover:bg-blue-50 lg:block"
                    >
                      {t('search.filters.apply')}
                    </button>
                  )}
                </div>
                <div className="border-t border-slate-200 bg-white p-3 lg:hidden">
                  <button
                    type="submit"
                    form={FORM_ID}
                    data-testid="show-results"
                    onClick={(event) => {
                      // With JavaScript the results already follow the boxes: close the sheet.
                      if (!hydrated) return
                      event.preventDefault()
                      if (filtersRef.current) filtersRef.current.open = false
                      document.getElementById('results-title')?.parentElement?.scrollIntoView()
                    }}
                    className="w-full rounded-md bg-blue-800 px-4 py-3 font-semibold text-white hover:bg-blue-900"
                  >
                    {searching
                      ? t('onboarding.filters.show', { count: '…' })
                      : t('onboarding.filters.show', { count: numberFormat.format(result.total) })}
                  </button>
                </div>
              </div>
            </details>
          </aside>
        ) : null}

        <section
          aria-labelledby="results-title"
          aria-busy={searching}
          className={`min-w-0 transition-opacity ${searching ? 'opacity-60' : ''}`}
        >
          <h2 id="results-title" className="sr-only">
            {t('search.results.title')}
          </h2>
          {incomplete ? (
            <p className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {t('search.indexIncomplete')}
            </p>
          ) : null}
          <p
            role="status"
            aria-live="polite"
            aria-atomic="true"
            className="mb-3 font-medium text-slate-800"
          >
            {t(result.total === 1 ? 'search.results.countOne' : 'search.results.countOther', {
              count: numberFormat.format(result.total),
            })}
          </p>
          <FilterChips state={state} />

          <FeaturedSuppliers suppliers={result.featured} />
          <SearchResultsList
            state={state}
            total={result.total}
            hits={result.hits}
            suggestion={suggestion}
            wider={wider}
          />

          <Pagination
            page={state.page}
            pageCount={pageCount}
            hrefFor={(page) => searchHref(state, { page })}
          />
        </section>
      </div>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
