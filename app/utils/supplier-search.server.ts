import { rotateSponsored, SPONSORED_CANDIDATES } from '#models/billing/sponsored-rotation.ts'
import { z } from 'zod'
import { translator, type TranslationKey } from '#models/i18n/index.ts'
import {
  codes,
  isCode,
  normalizeForMatch,
  taxonomy,
  withoutNote,
  type Term,
} from '#models/taxonomy/index.ts'
import {
  FACET_VOCABULARY,
  FEATURED_SLOTS,
  MAX_PAGE,
  MAX_QUERY_LENGTH,
  SEARCH_FACETS,
  SEARCH_SORTS,
  VERIFIED_VALUES,
  type SearchFilters,
  type SupplierCard,
  type SupplierSearchState,
} from '#app/utils/supplier-search.ts'
import { indexedSupplierCards } from '#models/profiles/supplier-listing.ts'
import { recordSearchAppearances } from '#models/analytics/profile-analytics.ts'
import type { FacetName, SearchEngine, SearchHit, SearchResult } from '#search/engine.ts'
import { FACET_NAMES, MAX_PER_PAGE } from '#search/documents.ts'
import { LABELLED_FIELDS } from '#search/taxonomy-synonyms.ts'

export interface SupplierSearchOutcome {
  total: number
  page: number
  perPage: number
  hits: Array<SupplierCard & { explain?: SearchHit['explain'] }>
  featured: SupplierCard[]
  facets: SearchResult['facets']
}

const isFacetValue = (facet: FacetName, value: string) =>
  facet === 'verified'
    ? (VERIFIED_VALUES as readonly string[]).includes(value)
    : isCode(FACET_VOCABULARY[facet], value)

/**
 * The page's reading of its URL: forgiving, since people edit and share these links. Unknown
 * parameters and codes are ignored, a bad page number is page 1, a long query is cut.
 */
export function readSearchState(params: URLSearchParams): SupplierSearchState {
  const filters: SearchFilters = {}
  for (const facet of SEARCH_FACETS) {
    const values = [...new Set(params.getAll(facet))].filter((value) => isFacetValue(facet, value))
    if (values.length) filters[facet] = values
  }
  const sort = SEARCH_SORTS.find((name) => name === params.get('sort')) ?? 'relevance'
  const page = Number(params.get('page') ?? '1')
  return {
    q: (params.get('q') ?? '').normalize('NFC').trim().slice(0, MAX_QUERY_LENGTH),
    filters,
    sort,
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
  }
}

export interface ApiSearchQuery extends SupplierSearchState {
  perPage: number
  facets: FacetName[]
  /** `debug=score`: each hit explains its score (issue 14). */
  explain?: boolean
}

export interface SearchInputError {
  code: string
  message: { vi: string; en: string }
  field: string
}

// Each rule's message is the error code; `apiError` turns it into a bilingual message.
const one = <T extends z.ZodType<unknown, string>>(inner: T) =>
  z
    .array(z.string())
    .max(1, 'repeated_parameter')
    .transform((values) => values[0]!)
    .pipe(inner)
const wholeNumber = (code: string, max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, code)
    .transform(Number)
    .pipe(z.number().int().min(1, code).max(max, code))
const facetValues = (values: readonly [string, ...string[]]) =>
  z.array(z.enum(values, 'unknown_facet_value')).optional()

const apiQuerySchema = z.strictObject(
  {
    q: one(
      z
        .string()
        .transform((q) => q.normalize('NFC').trim())
        .pipe(z.string().max(MAX_QUERY_LENGTH, 'query_too_long')),
    ).optional(),
    sort: one(z.enum(SEARCH_SORTS, 'invalid_sort')).optional(),
    // Debug: why each hit ranks where it does, in the engine's own terms.
    debug: one(z.enum(['score'], 'invalid_debug')).optional(),
    page: one(wholeNumber('invalid_page', MAX_PAGE)).optional(),
    perPage: one(wholeNumber('invalid_per_page', MAX_PER_PAGE)).optional(),
    // Which facets to count: repeated or comma-separated; all of them when absent.
    facets: z
      .array(z.string())
      .transform((values) => values.flatMap((value) => value.split(',')).filter(Boolean))
      .pipe(z.array(z.enum(FACET_NAMES, 'unknown_facet')))
      .optional(),
    sector: facetValues(codes('sectors')),
    process: facetValues(codes('processes')),
    material: facetValues(codes('materials')),
    certification: facetValues(codes('certifications')),
    province: facetValues(codes('provinces')),
    region: facetValues(codes('regions')),
    employeeBand: facetValues(codes('employeeBands')),
    exportMarket: facetValues(codes('countries')),
    verified: facetValues(VERIFIED_VALUES),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'unknown_parameter' : undefined) },
)

const errorMessages: Record<string, TranslationKey> = {
  unknown_parameter: 'search.api.unknownParameter',
  repeated_parameter: 'search.api.repeatedParameter',
  unknown_facet: 'search.api.unknownFacet',
  unknown_facet_value: 'search.api.unknownFacetValue',
  invalid_page: 'search.api.invalidPage',
  invalid_per_page: 'search.api.invalidPerPage',
  query_too_long: 'search.api.queryTooLong',
  invalid_sort: 'search.api.invalidSort',
  invalid_debug: 'search.api.invalidDebug',
}

function apiError(code: string, field: string, value: string): SearchInputError {
  const key = errorMessages[code] ?? 'search.api.invalid'
  const params = { field, value: value.slice(0, 100), allowed: SEARCH_FACETS.join(', ') }
  return {
    code: errorMessages[code] ? code : 'invalid_parameter',
    message: { vi: translator('vi')(key, params), en: translator('en')(key, params) },
    field,
  }
}

/** /api/suppliers's reading of its URL: strict, so a client's mistake is a clear 400. */
export function parseApiQuery(
  params: URLSearchParams,
): { ok: true; query: ApiSearchQuery } | { ok: false; error: SearchInputError } {
  const input: Record<string, string[]> = {}
  for (const name of new Set(params.keys())) input[name] = params.getAll(name)
  const parsed = apiQuerySchema.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    if (issue.code === 'unrecognized_keys') {
      const field = issue.keys[0]!
      return { ok: false, error: apiError('unknown_parameter', field, field) }
    }
    const field = String(issue.path[0] ?? '')
    const position = typeof issue.path[1] === 'number' ? issue.path[1] : 0
    const value =
      field === 'facets'
        ? (input.facets ?? [])
            .flatMap((item) => item.split(','))
            .find((name) => !(SEARCH_FACETS as string[]).includes(name))
        : input[field]?.[position]
    return { ok: false, error: apiError(issue.message, field, value ?? '') }
  }
  const { q, sort, page, perPage, facets, debug, ...filters } = parsed.data
  return {
    ok: true,
    query: {
      q: q ?? '',
      filters: Object.fromEntries(
        Object.entries(filters)
          .filter(([, values]) => values?.length)
          .map(([facet, values]) => [facet, [...new Set(values)]]),
      ),
      sort: sort ?? 'relevance',
      page: page ?? 1,
      perPage: perPage ?? 20,
      facets: facets ? [...new Set(facets)] : [...SEARCH_FACETS],
      ...(debug === 'score' ? { explain: true } : {}),
    },
  }
}

/**
 * The cards of the suppliers the engine found: slug, names and verification from the index, a
 * point read of each card (kept by the search sync), and one read of the withdrawn-supplier key
 * that drops a supplier hidden or suspended since it was indexed, at once
 * (models/profiles/supplier-listing.ts; decisions 010 and 014). No query scans a collection.
 */
async function supplierCards(
  engine: SearchEngine,
  hits: SearchHit[],
): Promise<Map<string, SupplierCard>> {
  const cards = await indexedSupplierCards(
    engine,
    hits.map((hit) => hit.id),
  )
  return new Map([...cards].map(([id, card]) => [id, { ...card, highlights: {} }]))
}

/**
 * One search as the page and the endpoint run it: the organic results with facet counts, and
 * a second search for the paid slot (the featured suppliers matching the same query), which
 * leaves the organic list exactly as it is.
 */
export async function searchSuppliers(
  engine: SearchEngine,
  search: SupplierSearchState & {
    perPage: number
    facets?: readonly FacetName[]
    explain?: boolean
  },
): Promise<SupplierSearchOutcome> {
  const { q, filters, sort } = search
  const [organic, sponsored] = await Promise.all([
    engine.search({
      q,
      filters,
      sort,
      page: search.page,
      perPage: search.perPage,
      facets: [...(search.facets ?? SEARCH_FACETS)],
      explain: search.explain,
    }),
    engine.search({ q, filters, sort, featured: true, page: 1, perPage: SPONSORED_CANDIDATES }),
  ])
  // Matching premium suppliers take turns in the slot (models/billing/sponsored-rotation.ts).
  sponsored.hits = rotateSponsored(sponsored.hits, FEATURED_SLOTS)
  const cards = await supplierCards(engine, [...organic.hits, ...sponsored.hits])
  const cardsOf = (hits: SearchHit[]) =>
    hits.flatMap((hit) => {
      const card = cards.get(hit.id)
      return card
        ? [
            {
              ...card,
              highlights: hit.highlights,
              ...(hit.explain ? { explain: hit.explain } : {}),
            },
          ]
        : []
    })
  const hits = cardsOf(organic.hits)
  const featured = cardsOf(sponsored.hits)
  // Profile analytics: each supplier shown on this page, once (a buffered count in memory).
  recordSearchAppearances([...hits, ...featured].map((card) => card.id))
  return {
    total: organic.total,
    page: organic.page,
    perPage: organic.perPage,
    hits,
    featured,
    facets: organic.facets,
  }
}

let suggestionNames: Array<{ name: string; folded: string }> | undefined

/** Every label (vi, en) and synonym of the vocabularies that search matches by name. */
function namesToSuggest() {
  suggestionNames ??= Object.values(LABELLED_FIELDS).flatMap((vocabulary) =>
    (taxonomy[vocabulary] as readonly Term[]).flatMap((term) =>
      [withoutNote(term.labels.vi), withoutNote(term.labels.en), ...term.synonyms].map((name) => ({
        name,
        folded: normalizeForMatch(name),
      })),
    ),
  )
  return suggestionNames
}

function commonPrefixLength(a: string, b: string) {
  let length = 0
  while (length < a.length && length < b.length && a[length] === b[length]) length++
  return length
}

/**
 * For a search that found nothing, the engine offers no "did you mean": the taxonomy name that
 * shares the longest folded prefix with the query ("dap khuan" → "dập khuôn"), when it shares
 * most of it and a search for it, with the same filters, finds someone.
 */
export async function spellingSuggestion(
  engine: SearchEngine,
  search: SupplierSearchState,
): Promise<string | null> {
  const folded = normalizeForMatch(search.q)
  if (folded.length < 3) return null
  let best: { name: string; shared: number; gap: number } | undefined
  for (const { name, folded: candidate } of namesToSuggest()) {
    if (candidate === folded) continue
    const shared = commonPrefixLength(folded, candidate)
    const gap = Math.abs(candidate.length - folded.length)
    if (shared < Math.max(3, Math.ceil(folded.length * 0.6))) continue
    if (!best || shared > best.shared || (shared === best.shared && gap < best.gap)) {
      best = { name, shared, gap }
    }
  }
  if (!best) return null
  const check = await engine.search({ q: best.name, filters: search.filters, perPage: 1 })
  return check.total > 0 ? best.name : null
}

/**
 * What the home page shows of the directory: how many suppliers there are (all, verified, per
 * sector) and the `count` verified ones most recently updated, from two engine searches and
 * the cards' point reads.
 */
export async function recentVerifiedSuppliers(engine: SearchEngine, count: number) {
  const [all, recent] = await Promise.all([
    engine.search({ q: '', facets: ['sector', 'verified'], page: 1, perPage: 1 }),
    engine.search({
      q: '',
      filters: { verified: ['true'] },
      sort: 'updated',
      page: 1,
      perPage: count,
    }),
  ])
  const cards = await supplierCards(engine, recent.hits)
  return {
    counts: {
      total: all.total,
      verified: all.facets.verified?.true ?? 0,
      sectors: all.facets.sector ?? {},
    },
    recent: recent.hits.flatMap((hit) => {
      const card = cards.get(hit.id)
      return card ? [card] : []
    }),
  }
}

/**
 * For a search that found nothing, the searches one step wider that would find someone: each
 * active filter left out, and the keywords left out, with their counts (at most `limit`).
 */
export async function widerSearches(
  engine: SearchEngine,
  state: SupplierSearchState,
  limit = 6,
): Promise<Array<{ without: { facet: FacetName; value: string } | 'q'; total: number }>> {
  const options: Array<{ facet: FacetName; value: string } | 'q'> = []
  for (const facet of SEARCH_FACETS) {
    for (const value of state.filters[facet] ?? []) options.push({ facet, value })
  }
  if (state.q && options.length) options.push('q')
  const checked = await Promise.all(
    options.slice(0, limit).map(async (without) => {
      const filters =
        without === 'q'
          ? state.filters
          : {
              ...state.filters,
              [without.facet]: (state.filters[without.facet] ?? []).filter(
                (code) => code !== without.value,
              ),
            }
      const result = await engine.search({
        q: without === 'q' ? '' : state.q,
        filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v?.length)),
        page: 1,
        perPage: 1,
      })
      return { without, total: result.total }
    }),
  )
  return checked.filter((option) => option.total > 0)
}
