import type { Locale, Translate, TranslationKey } from '#models/i18n/index.ts'
import { label, type Vocabulary } from '#models/taxonomy/index.ts'
import { FACET_NAMES, type FacetName, type SearchHit, type SearchSort } from '#search/documents.ts'
import type { PublicSupplierCard } from '#models/profiles/supplier-listing.ts'

/**
 * What the supplier search page and /api/suppliers share, browser-safe: the facets and their
 * vocabularies, the URL parameters, and links to a search with one thing changed.
 */

/** The vocabulary behind each facet's codes; `verified` is a yes/no facet of its own. */
export const FACET_VOCABULARY = {
  sector: 'sectors',
  process: 'processes',
  material: 'materials',
  certification: 'certifications',
  province: 'provinces',
  region: 'regions',
  employeeBand: 'employeeBands',
  exportMarket: 'countries',
} as const satisfies Record<Exclude<FacetName, 'verified'>, Vocabulary>

export const SEARCH_FACETS: readonly FacetName[] = FACET_NAMES
export const VERIFIED_VALUES = ['true', 'false'] as const
export const SEARCH_SORTS = ['relevance', 'updated', 'name'] as const satisfies SearchSort[]
export const RESULTS_PER_PAGE = 20
/** The labelled paid slot above the organic results. */
export const FEATURED_SLOTS = 3
export const MAX_PAGE = 1000
export const MAX_QUERY_LENGTH = 200

export const FACET_TITLES: Record<FacetName, TranslationKey> = {
  sector: 'search.facet.sector',
  process: 'search.facet.process',
  material: 'search.facet.material',
  certification: 'search.facet.certification',
  province: 'search.facet.province',
  region: 'search.facet.region',
  employeeBand: 'search.facet.employeeBand',
  exportMarket: 'search.facet.exportMarket',
  verified: 'search.facet.verified',
}

export const SORT_LABELS: Record<SearchSort, TranslationKey> = {
  relevance: 'search.sort.relevance',
  updated: 'search.sort.updated',
  name: 'search.sort.name',
}

export type SearchFilters = Partial<Record<FacetName, string[]>>

/** A search as the page's URL states it. */
export interface SupplierSearchState {
  q: string
  filters: SearchFilters
  sort: SearchSort
  page: number
  /** An explicit ?lang= (hreflang links) is kept in every link of the page. */
  lang?: Locale
}

/** One supplier in a result list: what a card and the JSON endpoint show. */
export interface SupplierCard extends PublicSupplierCard {
  /** Escaped HTML from the engine, with <mark> around matched words. */
  highlights: SearchHit['highlights']
}

/** The name in the page language, else the other one (then marked with its language). */
export function nameIn(
  name: SupplierCard['name'],
  locale: Locale,
): { text: string; lang?: Locale } {
  const other: Locale = locale === 'vi' ? 'en' : 'vi'
  return name[locale] ? { text: name[locale] } : { text: name[other], lang: other }
}

export function facetValueLabel(
  facet: FacetName,
  code: string,
  locale: Locale,
  t: Translate,
): string {
  if (facet === 'verified') {
    return t(code === 'true' ? 'search.verified.true' : 'search.verified.false')
  }
  return label(FACET_VOCABULARY[facet], code, locale)
}

/** The query string of a search, defaults left out so shared links stay short. */
export function searchParamsOf(state: SupplierSearchState): URLSearchParams {
  const params = new URLSearchParams()
  if (state.q) params.set('q', state.q)
  for (const facet of SEARCH_FACETS) {
    for (const value of state.filters[facet] ?? []) params.append(facet, value)
  }
  if (state.sort !== 'relevance') params.set('sort', state.sort)
  if (state.page > 1) params.set('page', String(state.page))
  if (state.lang) params.set('lang', state.lang)
  return params
}

/** A link to the search with `change` applied; any change but the page starts at page 1. */
export function searchHref(state: SupplierSearchState, change: Partial<SupplierSearchState>) {
  const query = searchParamsOf({ ...state, page: 1, ...change }).toString()
  return query ? `/suppliers?${query}` : '/suppliers'
}

export function withoutFilter(filters: SearchFilters, facet: FacetName, value: string) {
  const rest = (filters[facet] ?? []).filter((code) => code !== value)
  return { ...filters, [facet]: rest.length ? rest : undefined }
}

export function activeFilters(filters: SearchFilters): Array<[FacetName, string]> {
  return SEARCH_FACETS.flatMap((facet) =>
    (filters[facet] ?? []).map((value): [FacetName, string] => [facet, value]),
  )
}
