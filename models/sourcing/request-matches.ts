import { Types } from 'mongoose'
import {
  rankCandidates,
  withCodesFromText,
  type MatchCandidate,
  type MatchNeed,
  type MatchResult,
} from '#models/matching/index.ts'
import {
  publicSupplierCards,
  supplierProfileOf,
  type PublicSupplierCard,
} from '#models/profiles/supplier-listing.ts'
import type { SearchEngine } from '#search/engine.ts'
import { gatherCandidateIds } from './candidate-queries.ts'
import { responseFigureOf } from './response-figures.ts'
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
  card: PublicSupplierCard
}

/**
 * The request's matched suppliers, best first: candidate ids from the search port, then per
 * candidate two point reads for its card (organisation + card) and one for the profile's
 * sectors, materials and languages; scored by models/matching.
 */
export async function matchRequest(
  search: SearchEngine,
  request: SourcingRequestDocument,
  options: { candidates?: number; limit?: number } = {},
): Promise<RequestMatch[]> {
  const need = needOfRequest(request)
  // Codes the buyer did not tick but the title names help find candidates, not score them.
  const ids = await gatherCandidateIds(search, withCodesFromText(need), options.candidates ?? 200)
  const cards = await publicSupplierCards(ids)
  const candidates: MatchCandidate[] = await Promise.all(
    [...cards.values()].map(async (card) => {
      // By the derived id, or the id the card remembers (supplier-listing.ts).
      const [document, answeredWithinDay] = await Promise.all([
        supplierProfileOf(new Types.ObjectId(card.id)),
        // "Answers within a day": one point read of the daily figure (response-figures.ts).
        responseFigureOf(card.id),
      ])
      const profile = document?.toObject() as
        | {
            sectors?: string[]
            materials?: string[]
            languages?: string[]
            products?: Array<{ name?: { vi?: string; en?: string } }>
          }
        | undefined
      return {
        id: card.id,
        process: card.processes,
        certification: card.certifications,
        province: card.province,
        region: card.region,
        verified: card.verified,
        sector: profile?.sectors ?? [],
        material: profile?.materials ?? [],
        languages: profile?.languages,
        answeredWithinDay,
        name: card.name,
        products: (profile?.products ?? []).flatMap(({ name }) => [name?.vi ?? '', name?.en ?? '']),
      }
    }),
  )
  const ranked = rankCandidates(need, candidates, { limit: options.limit ?? 50, minScore: 0.05 })
  return ranked.map((result) => ({ ...result, card: cards.get(result.id)! }))
}
