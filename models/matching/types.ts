/**
 * The explainable matching module's vocabulary, shared by sourcing requests (matched suppliers)
 * and events (recommended partners). Browser-safe: no Mongoose, no server code. Reasons are
 * data; they become words only at display (`describeReason`).
 */

/** How much the one who needs something cares about the programme's verification. */
export type VerifiedPreference = 'required' | 'preferred' | 'any'

/** What someone is looking for: taxonomy codes, a delivery place, languages, free text. */
export interface MatchNeed {
  sectors?: readonly string[]
  processes?: readonly string[]
  materials?: readonly string[]
  /** Certifications the supplier must hold (codes of the certifications vocabulary). */
  certifications?: readonly string[]
  /** Province code (Vietnam) where the goods go, when there is one. */
  deliveryProvince?: string | null
  /** Region code (north, central, south) when only the region is known. */
  deliveryRegion?: string | null
  /** Languages the buyer wants to work in ('vi', 'en', 'ja', 'ko', ...). */
  languages?: readonly string[]
  /** 'required': unverified suppliers are not eligible; 'preferred': verification weighs more. */
  verified?: VerifiedPreference
  /** Free text: title, description, part names. */
  text?: string
}

/**
 * A supplier as the matcher sees it. The field names are the search document's
 * (`SupplierSearchDocument` in search/documents.ts is assignable as is), so candidates from the
 * search port are scored without copying; `candidateFromCard` adapts a supplier card.
 */
export interface MatchCandidate {
  id: string
  sector?: readonly string[]
  process?: readonly string[]
  material?: readonly string[]
  /** Codes of certifications valid now (the search document keeps only those). */
  certification?: readonly string[]
  /** Province code, or 'unspecified' / null when unknown. */
  province?: string | null
  region?: string | null
  verified?: boolean
  /** Languages the supplier's team works in, when known. */
  languages?: readonly string[]
  /** Median hours to first answer a buyer's message, when known. */
  responseHours?: number | null
  /**
   * Share (0–1) of the conversations others started with the supplier that it answered within
   * 24 hours, and how many conversations that share is of (models/sourcing/response-figures.ts).
   * When known for enough conversations, it decides responsiveness instead of responseHours.
   */
  answeredWithinDay?: { share: number; conversations: number } | null
  name?: { vi: string; en: string }
  description?: { vi: string; en: string }
  products?: readonly string[]
  taxonomyLabels?: readonly string[]
}

/** Why a candidate scored what it did; each a fact the display turns into a sentence. */
export type MatchReason =
  | { code: 'sector'; values: string[] }
  | { code: 'process'; values: string[] }
  | { code: 'material'; values: string[] }
  | { code: 'certification-held'; values: string[] }
  | { code: 'certification-missing'; values: string[] }
  | { code: 'verified' }
  | { code: 'not-verified' }
  | {
      code: 'region'
      /** The supplier's region and province codes (province absent when unknown). */
      region: string
      province?: string
      /** Distance between the supplier's and the delivery province's centres; 0: same one. */
      distanceKm?: number
    }
  | { code: 'language'; values: string[] }
  | { code: 'responsive'; hours: number; percent?: number }
  | { code: 'text'; values: string[] }

export type MatchReasonCode = MatchReason['code']

/** Reasons that count against a candidate: shown so the buyer sees what is missing. */
export const NEGATIVE_REASONS: ReadonlySet<MatchReasonCode> = new Set([
  'certification-missing',
  'not-verified',
])

export type Criterion =
  | 'sector'
  | 'process'
  | 'material'
  | 'certification'
  | 'location'
  | 'language'
  | 'verified'
  | 'responsive'
  | 'text'

export interface MatchResult {
  id: string
  /** In [0, 1]: the weighted share of the criteria the need asks about that the candidate meets. */
  score: number
  /** False when a hard requirement fails (verification required); such a result scores 0. */
  eligible: boolean
  /** Positive reasons first, strongest criterion first; then the negative ones. */
  reasons: MatchReason[]
  /** Per criterion that applied: its weight and how well it was met, in [0, 1]. */
  breakdown: Partial<Record<Criterion, { weight: number; value: number }>>
}
