import type { LoaderFunctionArgs } from '@remix-run/node'
import { recordSearch } from '#models/analytics/search-log.ts'
import { isPersonGet, searchClientKey } from '#app/utils/profile-analytics.server.ts'
import { parseApiQuery, searchSuppliers } from '#app/utils/supplier-search.server.ts'

/**
 * GET /api/suppliers: the supplier search as JSON, public like the search page (README,
 * "Search"). Input is checked strictly: an unknown parameter, facet or code, a bad page or page
 * size, or an over-long query is a 400 with a bilingual message, never a silently different
 * search.
 *
 * `Cache-Control: no-store`: an answer is only right until the next profile change, and a
 * supplier that hides its profile must drop out of results at once (design brief, "Search"),
 * which a copy kept by a browser or a shared proxy would undo. A search costs milliseconds, so
 * there is little to save by caching it.
 */
const headers = { 'Cache-Control': 'no-store' }

export async function loader({ request, context }: LoaderFunctionArgs) {
  const parsed = parseApiQuery(new URL(request.url).searchParams)
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400, headers })
  const { query } = parsed
  const result = await searchSuppliers(context.services.search, query)
  if (query.page === 1 && isPersonGet(request))
    recordSearch(query.q, result.total, searchClientKey(request, context.clientIp))
  return Response.json(
    {
      query: {
        q: query.q,
        filters: query.filters,
        sort: query.sort,
        page: query.page,
        perPage: query.perPage,
      },
      total: result.total,
      page: result.page,
      perPage: result.perPage,
      hits: result.hits,
      facets: result.facets,
      featured: result.featured,
      // Only while the index is rebuilt at start-up: results may miss suppliers (issue 13).
      ...(context.services.searchComplete?.() === false ? { incomplete: true } : {}),
    },
    { headers },
  )
}
