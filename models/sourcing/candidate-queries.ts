import { findTerm } from '#models/taxonomy/index.ts'
import type { MatchNeed } from '#models/matching/index.ts'
import type {
  DocumentField,
  SearchEngine,
  SearchQuery,
  SupplierSearchDocument,
} from '#search/engine.ts'
import { MAX_PER_PAGE } from '#search/documents.ts'

const QUERY_WORDS = 6

/**
 * Candidates for a need from the search port: a few queries from the most specific (the need's
 * words within its processes, certifications and delivery region) to the broadest (its words
 * alone), their hits pooled in that order until `max` ids. The matcher then scores the pool;
 * the engine's own order only decides who gets in. No Mongoose: the benchmark runs it too.
 * The candidates' fields come from the port too (`gatherCandidates`, decision 014).
 */
export function candidateQueries(need: MatchNeed): SearchQuery[] {
  // A few words: every word of a query costs the engine a pass, and the title's first words
  // (the part's name) carry the meaning.
  const q = (need.text ?? '').split(/\s+/).filter(Boolean).slice(0, QUERY_WORDS).join(' ')
  const region =
    (need.deliveryProvince ? findTerm('provinces', need.deliveryProvince)?.region : undefined) ??
    need.deliveryRegion ??
    undefined
  const base: SearchQuery['filters'] = {}
  if (need.verified === 'required') base.verified = ['true']
  const processes = need.processes?.length ? { process: [...need.processes] } : undefined
  const sectors = need.sectors?.length ? { sector: [...need.sectors] } : undefined
  const what = processes ?? sectors ?? {}
  const certifications = need.certifications?.length
    ? { certification: [...need.certifications] }
    : {}
  const near = region ? { region: [region] } : {}
  const hasCodes = Object.keys(what).length > 0
  const tiers: Array<{ q?: string; filters: NonNullable<SearchQuery['filters']> }> = [
    { q, filters: { ...base, ...what, ...certifications, ...near } },
    { filters: { ...base, ...what, ...certifications, ...near } },
    { q, filters: { ...base, ...what, ...certifications } },
    { filters: { ...base, ...what, ...near } },
    { filters: { ...base, ...what } },
    // Words alone only when the need names no process or sector.
    ...(hasCodes ? [] : [{ q, filters: { ...base } }]),
  ]
  const seen = new Set<string>()
  const queries: SearchQuery[] = []
  for (const tier of tiers) {
    // A tier without words and without filters would list everyone: no information.
    if (!tier.q && Object.keys(tier.filters).length === Object.keys(base).length) continue
    const query: SearchQuery = {
      ...(tier.q ? { q: tier.q } : {}),
      filters: tier.filters,
      perPage: MAX_PER_PAGE,
      sort: tier.q ? 'relevance' : 'updated',
      // Ids only: the matcher scores the candidates itself.
      highlight: false,
    }
    const key = JSON.stringify(query)
    if (seen.has(key)) continue
    seen.add(key)
    queries.push(query)
  }
  return queries
}

/** What the matcher scores and the matches list shows, of each candidate's search document. */
export const CANDIDATE_FIELDS = [
  'slug',
  'name',
  'products',
  'sector',
  'process',
  'material',
  'certification',
  'province',
  'region',
  'verified',
  'answeredWithinDay',
] as const satisfies readonly DocumentField[]

export type CandidateDocument = Pick<
  SupplierSearchDocument,
  (typeof CANDIDATE_FIELDS)[number] | 'id'
>

/**
 * The need's candidates, most specific tier first, at most `max`: their ids from the tiers'
 * queries, then the fields the matcher scores and the list shows (`CANDIDATE_FIELDS`: no
 * descriptions or labels) in one call to the port. No database read.
 */
export async function gatherCandidates(
  search: Pick<SearchEngine, 'search' | 'documents'>,
  need: MatchNeed,
  max = 200,
): Promise<CandidateDocument[]> {
  const ids = await gatherCandidateIds(search, need, max)
  return (await search.documents(ids, CANDIDATE_FIELDS)) as CandidateDocument[]
}

/** Supplier ids for the need, most specific tier first, at most `max`. */
export async function gatherCandidateIds(
  search: Pick<SearchEngine, 'search'>,
  need: MatchNeed,
  max = 200,
): Promise<string[]> {
  const ids = new Set<string>()
  for (const query of candidateQueries(need)) {
    const result = await search.search(query)
    for (const hit of result.hits) {
      ids.add(hit.id)
      if (ids.size >= max) return [...ids]
    }
  }
  return [...ids]
}
