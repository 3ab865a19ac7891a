import {
  rankCandidates,
  withCodesFromText,
  type MatchNeed,
  type MatchResult,
} from '#models/matching/index.ts'
import { withdrawnSupplierIds } from '#models/profiles/withdrawn-suppliers.ts'
import type { SearchEngine } from '#search/engine.ts'
import { gatherCandidates } from './candidate-queries.ts'
import { isActiveSupplier } from './quote.ts'
import type { SourcingRequestDocument } from './sourcing-request.ts'

/** What a sourcing request asks for, as the matching module's need. */
export function needOfRequest(request: {
  title?: { vi?: string | null; en?: string | null } | null
  sectors?: readonly string[]
  processes?: readonly string[]
  materials?: readonly string[]
  certifications?: readonly string[]
  deliveryCountry?: string | null
  deliveryProvince?: string | null
  verifiedPreference?: string | null
}): MatchNeed {
  const preference = request.verifiedPreference
  return {
    sectors: request.sectors ?? [],
    processes: request.processes ?? [],
    materials: request.materials ?? [],
    certifications: request.certifications ?? [],
    deliveryProvince: request.deliveryCountry === 'VN' ? (request.deliveryProvince ?? null) : null,
    verified: preference === 'required' || preference === 'any' ? preference : 'preferred',
    text: [request.title?.vi, request.title?.en].filter(Boolean).join(' '),
  }
}

export interface RequestMatch extends MatchResult {
  /** What the list shows of the supplier, from its search document. */
  card: { id: string; slug: string; name: { vi: string; en: string }; verified: boolean }
}

/**
 * The request's matched suppliers, best first: candidates from the search port, each hit with
 * its search document, which carries everything the scoring and the list need (codes, place,
 * verification, names, products, "answers within a day"); scored by models/matching. Database
 * reads: one point read of the withdrawn-supplier key, and one of the organisation of each
 * candidate it names (hidden or suspended since it was indexed, usually none), so such a
 * supplier drops out at once, as on the search page (decision 014).
 */
export async function matchRequest(
  search: SearchEngine,
  request: SourcingRequestDocument,
  options: { candidates?: number; limit?: number } = {},
): Promise<RequestMatch[]> {
  const need = needOfRequest(request)
  // Codes the buyer did not tick but the title names help find candidates, not score them.
  const [documents, withdrawn] = await Promise.all([
    gatherCandidates(search, withCodesFromText(need), options.candidates ?? 200),
    withdrawnSupplierIds(),
  ])
  const gone = new Set<string>()
  await Promise.all(
    documents
      .filter((document) => withdrawn.has(document.id))
      .map(async ({ id }) => {
        if (!(await isActiveSupplier(id))) gone.add(id)
      }),
  )
  const candidates = documents.filter((document) => !gone.has(document.id))
  const ranked = rankCandidates(need, candidates, { limit: options.limit ?? 50, minScore: 0.05 })
  const byId = new Map(candidates.map((document) => [document.id, document]))
  return ranked.map((result) => {
    const document = byId.get(result.id)!
    return {
      ...result,
      card: {
        id: document.id,
        slug: document.slug,
        name: document.name,
        verified: document.verified,
      },
    }
  })
}
