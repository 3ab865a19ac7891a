import {
  normalizeQuery,
  type FacetName,
  type SearchQuery,
  type SupplierSearchDocument,
} from '#search/documents.ts'
import { facetValues } from '#search/facet-index.ts'
import { fold, tokenize } from '#search/text.ts'

/**
 * The benchmark's yardstick: what a first version without a search engine would do. Each
 * document is one folded string; a query is a scan with substring matching (no typos, no
 * synonyms, no ranking), the same filters, disjunctive facet counts and a sort by date.
 */
interface ScannedSupplier {
  id: string
  text: string
  values: Record<FacetName, string[]>
  featured: boolean
  updatedAt: number
}

export function prepareBaseline(document: SupplierSearchDocument): ScannedSupplier {
  return {
    id: document.id,
    text: fold(
      [
        document.name.vi,
        document.name.en,
        ...document.products,
        ...document.taxonomyLabels,
        document.description.vi,
        document.description.en,
      ].join('\n'),
    ),
    values: facetValues(document),
    featured: document.featured,
    updatedAt: document.updatedAt,
  }
}

export function scanSearch(suppliers: ScannedSupplier[], input: SearchQuery) {
  const query = normalizeQuery(input)
  const words = tokenize(query.q).map((token) => token.folded)
  const filters = Object.entries(query.filters) as [FacetName, string[]][]
  const counts: Partial<Record<FacetName, Record<string, number>>> = {}
  for (const facet of query.facets) counts[facet] = {}
  const tally = (facet: FacetName, supplier: ScannedSupplier) => {
    const facetCounts = counts[facet]
    if (!facetCounts) return
    for (const value of supplier.values[facet]) facetCounts[value] = (facetCounts[value] ?? 0) + 1
  }
  const matched: ScannedSupplier[] = []
  for (const supplier of suppliers) {
    if (query.featured !== undefined && supplier.featured !== query.featured) continue
    if (!words.every((word) => supplier.text.includes(word))) continue
    let failed: FacetName | undefined
    let failures = 0
    for (const [facet, values] of filters) {
      if (!supplier.values[facet].some((value) => values.includes(value))) {
        failed = facet
        if (++failures > 1) break
      }
    }
    if (failures === 0) {
      matched.push(supplier)
      for (const facet of query.facets) tally(facet, supplier)
    } else if (failures === 1) {
      tally(failed!, supplier)
    }
  }
  matched.sort((a, b) => b.updatedAt - a.updatedAt)
  const from = (query.page - 1) * query.perPage
  return {
    hits: matched.slice(from, from + query.perPage).map((supplier) => ({ id: supplier.id })),
    total: matched.length,
    facets: counts,
  }
}
