import { z } from 'zod'

/**
 * What the search port stores per supplier: one flat, denormalised document, built by the
 * caller from the organization and its profile. Only published, visible suppliers are sent;
 * hiding or deleting a profile deletes its document.
 */
export interface SupplierSearchDocument {
  id: string
  slug: string
  name: { vi: string; en: string }
  description: { vi: string; en: string }
  /** Product names and descriptions, in whatever language the supplier wrote them. */
  products: string[]
  /**
   * Labels (vi, en, ja, ko, without bracketed notes) of the supplier's sector, process,
   * material, certification, province and export-market codes, so "wire harness",
   * "ワイヤーハーネス" and "Đồng Nai" all find it. Filled by the caller with
   * `taxonomyLabelsFor` (taxonomy-synonyms.ts).
   */
  taxonomyLabels: string[]
  sector: string[]
  process: string[]
  material: string[]
  /** Codes of currently valid certifications only; expiry is the caller's job. */
  certification: string[]
  province: string
  region: string
  employeeBand: string
  exportMarket: string[]
  verified: boolean
  /** Paid placement: a filter for the labelled featured slot, never a ranking signal. */
  featured: boolean
  /** Epoch milliseconds of the last profile change; the reconcile job compares it. */
  updatedAt: number
  /**
   * "Answers within a day" (models/sourcing/response-figures.ts): the share (0–1) of the
   * conversations others started with the supplier that it answered within 24 hours, and how
   * many conversations that is of. Absent when the daily job has no figure. Carried here so the
   * sourcing matcher scores candidates from their documents, without a read per candidate.
   */
  answeredWithinDay?: { share: number; conversations: number }
}

export const FACET_NAMES = [
  'sector',
  'process',
  'material',
  'certification',
  'province',
  'region',
  'employeeBand',
  'exportMarket',
  'verified',
] as const
export type FacetName = (typeof FACET_NAMES)[number]

export type SearchSort = 'relevance' | 'updated' | 'name'
export type HighlightField = 'name' | 'description' | 'products'

export interface SearchQuery {
  q?: string
  /** AND across facets, OR within one facet. `verified` takes 'true' or 'false'. */
  filters?: Partial<Record<FacetName, string[]>>
  /** true: only featured suppliers (the paid slot); false: only the others. */
  featured?: boolean
  facets?: FacetName[]
  sort?: SearchSort
  /** 1-based. */
  page?: number
  /** At most MAX_PER_PAGE; larger values are capped. */
  perPage?: number
  /** Debug: each hit explains its score (the adapter's own terms). */
  explain?: boolean
  /**
   * false: hits come without highlights (ids wanted only, e.g. the sourcing matcher's
   * candidates): marking up a hundred hits' texts was most of such a query's time.
   */
  highlight?: boolean
}

/** A field of the search document, to ask the port for (`SearchEngine.documents`). */
export type DocumentField = keyof SupplierSearchDocument

/** Some fields of an indexed document, always with its id. */
export type StoredFields = Partial<SupplierSearchDocument> & { id: string }

export interface SearchHit {
  id: string
  /** The adapter's own relevance score: comparable within one result only. */
  score?: number
  /** HTML: escaped text with <mark> around matched words; only fields that matched. */
  highlights: Partial<Record<HighlightField, string>>
  /** With `explain`: how the adapter scored the hit (its own terms; for debugging only). */
  explain?: Record<string, unknown>
}

export interface SearchResult {
  hits: SearchHit[]
  total: number
  /**
   * Value → count for each requested facet, counted over the documents that match q and every
   * filter except that facet's own (disjunctive facets), so a second value can be added.
   */
  facets: Partial<Record<FacetName, Record<string, number>>>
  page: number
  perPage: number
}

export interface IndexedVersion {
  id: string
  updatedAt: number
}

export const DEFAULT_PER_PAGE = 20
export const MAX_PER_PAGE = 100
/** Meilisearch reads only the first ten words of a query; the embedded engine does the same. */
export const MAX_QUERY_WORDS = 10

// Meilisearch's rule for document ids: https://www.meilisearch.com/docs/learn/resources/primary_key
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,511}$/
const documentId = z
  .string()
  .regex(DOCUMENT_ID, 'must be 1–511 letters, digits, hyphens or underscores')

/** Whether this can be a document's id at all (an id that cannot is never indexed). */
export function isDocumentId(id: unknown): id is string {
  return typeof id === 'string' && DOCUMENT_ID.test(id)
}
const code = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be 100 characters or fewer')
const text = z.string().max(20_000, 'must be 20,000 characters or fewer')
const bilingual = z.object({ vi: text, en: text }, { message: 'must be { vi, en }' })

export const supplierSearchDocumentSchema = z.object({
  id: documentId,
  slug: z.string().min(1, 'must not be empty').max(200),
  name: bilingual.refine((name) => name.vi.trim() !== '' || name.en.trim() !== '', {
    message: 'needs a Vietnamese or an English name',
  }),
  description: bilingual,
  products: z.array(text).max(500),
  taxonomyLabels: z.array(text).max(2_000),
  sector: z.array(code).max(50),
  process: z.array(code).max(200),
  material: z.array(code).max(200),
  certification: z.array(code).max(100),
  province: code,
  region: code,
  employeeBand: code,
  exportMarket: z.array(code).max(250),
  verified: z.boolean(),
  featured: z.boolean(),
  updatedAt: z.number().int().nonnegative().max(8.64e15),
  answeredWithinDay: z
    .object({
      share: z.number().min(0).max(1),
      conversations: z.number().int().nonnegative().max(1e9),
    })
    .optional(),
}) satisfies z.ZodType<SupplierSearchDocument>

export interface DocumentIssue {
  /** Position of the document in the batch. */
  index: number
  id?: string
  path: string
  message: string
}

/** A batch was refused because at least one document is malformed; nothing was indexed. */
export class SearchDocumentError extends Error {
  override readonly name = 'SearchDocumentError'
  constructor(readonly issues: DocumentIssue[]) {
    super(
      `Invalid search document(s): ${issues
        .slice(0, 5)
        .map(
          (issue) =>
            `#${issue.index}${issue.id ? ` (${issue.id})` : ''} ${issue.path}: ${issue.message}`,
        )
        .join('; ')}${issues.length > 5 ? ` and ${issues.length - 5} more` : ''}`,
    )
  }
}

/**
 * Checks a whole batch before anything is written, so a bad document changes nothing.
 * Duplicate ids in one batch are refused too: which one should win would be a guess.
 */
export function validateDocuments(documents: unknown[]): SupplierSearchDocument[] {
  const issues: DocumentIssue[] = []
  const valid: SupplierSearchDocument[] = []
  const seen = new Set<string>()
  documents.forEach((document, index) => {
    const parsed = supplierSearchDocumentSchema.safeParse(document)
    const id =
      typeof (document as { id?: unknown } | null)?.id === 'string'
        ? (document as { id: string }).id
        : undefined
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({
          index,
          id,
          path: issue.path.join('.') || '(document)',
          message: issue.message,
        })
      }
      return
    }
    if (seen.has(parsed.data.id)) {
      issues.push({ index, id, path: 'id', message: 'appears twice in this batch' })
      return
    }
    seen.add(parsed.data.id)
    valid.push(parsed.data)
  })
  if (issues.length > 0) throw new SearchDocumentError(issues)
  return valid
}

export function validateIds(ids: unknown[]): string[] {
  const issues: DocumentIssue[] = []
  ids.forEach((id, index) => {
    const parsed = documentId.safeParse(id)
    if (!parsed.success) {
      issues.push({ index, path: 'id', message: parsed.error.issues[0]?.message ?? 'invalid id' })
    }
  })
  if (issues.length > 0) throw new SearchDocumentError(issues)
  return ids as string[]
}

export interface NormalizedQuery {
  q: string
  filters: Partial<Record<FacetName, string[]>>
  featured?: boolean
  facets: FacetName[]
  sort: SearchSort
  page: number
  perPage: number
  explain: boolean
  highlight: boolean
}

/** Defaults and caps shared by both adapters, so they page and cap alike. */
export function normalizeQuery(query: SearchQuery): NormalizedQuery {
  const filters: Partial<Record<FacetName, string[]>> = {}
  for (const facet of FACET_NAMES) {
    const values = query.filters?.[facet]?.filter((value) => value !== '')
    if (values && values.length > 0) filters[facet] = [...new Set(values)]
  }
  const whole = (value: number | undefined, fallback: number) =>
    value === undefined || !Number.isFinite(value) ? fallback : Math.floor(value)
  return {
    q: (query.q ?? '').trim().split(/\s+/).slice(0, MAX_QUERY_WORDS).join(' '),
    filters,
    featured: query.featured,
    facets: [...new Set(query.facets ?? [])].filter((facet) => FACET_NAMES.includes(facet)),
    sort: query.sort ?? 'relevance',
    page: Math.max(1, whole(query.page, 1)),
    perPage: Math.min(MAX_PER_PAGE, Math.max(1, whole(query.perPage, DEFAULT_PER_PAGE))),
    explain: query.explain === true,
    highlight: query.highlight !== false,
  }
}

/** The fields asked for that the document schema has, each once. */
export function documentFields(fields: readonly string[]): DocumentField[] {
  return [...new Set(fields)].filter((field): field is DocumentField =>
    Object.hasOwn(supplierSearchDocumentSchema.shape, field),
  )
}
