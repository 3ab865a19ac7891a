import { findTerm, resolveProvince } from '#models/taxonomy/index.ts'
import type { MatchCandidate } from './types.ts'

/**
 * What is read of a supplier card (models/profiles/supplier-card.ts); a lean object will do.
 * Structural, so this file needs no Mongoose.
 */
export interface CardLike {
  _id: { toHexString(): string } | string
  tradeName?: string | null
  province?: string | null
  processes?: readonly string[] | null
  certifications?: ReadonlyArray<{ standard?: string | null; validUntil?: Date | null }> | null
}

/** What the card does not carry, read by the caller from the organisation (a point read). */
export interface CardExtras {
  verified?: boolean
  name?: string
  sectors?: readonly string[]
  materials?: readonly string[]
  languages?: readonly string[]
  responseHours?: number | null
  answeredWithinDay?: { share: number; conversations: number } | null
}

/**
 * A matching candidate from a supplier card: the province as stored (a code or an imported name)
 * resolved to a code, certifications expired at `now` dropped (as the search document does).
 */
export function candidateFromCard(
  card: CardLike,
  extras: CardExtras = {},
  now: Date = new Date(),
): MatchCandidate {
  const stored = card.province?.trim()
  const province = stored ? (findTerm('provinces', stored) ?? resolveProvince(stored)) : undefined
  const certification = [
    ...new Set(
      (card.certifications ?? [])
        .filter(({ validUntil }) => !validUntil || validUntil.getTime() > now.getTime())
        .flatMap(({ standard }) => (standard?.trim() ? [standard.trim()] : [])),
    ),
  ]
  return {
    id: typeof card._id === 'string' ? card._id : card._id.toHexString(),
    process: [...(card.processes ?? [])],
    certification,
    sector: [...(extras.sectors ?? [])],
    material: [...(extras.materials ?? [])],
    province: province?.code ?? null,
    region: province?.region ?? null,
    verified: extras.verified === true,
    languages: extras.languages ? [...extras.languages] : undefined,
    responseHours: extras.responseHours ?? null,
    answeredWithinDay: extras.answeredWithinDay ?? null,
    name: { vi: extras.name ?? '', en: card.tradeName ?? '' },
  }
}
