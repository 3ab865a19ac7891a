import { normalizeForMatch } from '#models/taxonomy/text.ts'
import { findTerm } from '#models/taxonomy/index.ts'
import { provinceDistanceKm } from './geo.ts'
import {
  NEGATIVE_REASONS,
  type Criterion,
  type MatchCandidate,
  type MatchNeed,
  type MatchReason,
  type MatchResult,
} from './types.ts'

/**
 * Scoring: each criterion the need asks about has a weight and a value in [0, 1]; the score is
 * the weighted mean over the criteria that apply, so a need with only a process and a province
 * is not diluted by the criteria it leaves empty. Verification and responsiveness always apply
 * (the programme prefers verified, answering suppliers). Pure and deterministic.
 */
export const WEIGHTS: Readonly<Record<Criterion, number>> = {
  process: 0.3,
  certification: 0.2,
  sector: 0.1,
  material: 0.1,
  location: 0.1,
  text: 0.1,
  language: 0.05,
  verified: 0.05,
  responsive: 0.05,
}
/** Verification's weight when the need prefers verified suppliers. */
export const PREFERRED_VERIFIED_WEIGHT = 0.15
/** Half the location value at this distance: 40 km ≈ 0.83, 200 km = 0.5, 1,000 km ≈ 0.17. */
export const DISTANCE_HALF_KM = 200
/** A supplier answering within this many hours is "responsive". */
export const RESPONSIVE_HOURS = 24
const SLOW_HOURS = 72
/** "Answers within a day": at least this share of conversations answered within 24 hours… */
export const RESPONSIVE_SHARE = 0.8
/** …counted over at least this many conversations (fewer say nothing). */
export const MIN_RESPONSE_CONVERSATIONS = 3
/** The region reason is given up to this distance (or anywhere in the delivery region). */
export const NEAR_KM = 300
/** Need words read from free text; more says nothing new and costs time. */
const MAX_NEED_WORDS = 40
/** This many matched words make the text criterion fully met. */
const FULL_TEXT_WORDS = 4
const MAX_REASON_VALUES = 5

const UNSPECIFIED = 'unspecified'

// Folded (no diacritics) function words of both languages: they match everything.
const STOP_WORDS = new Set(
  (
    'a an and are as at be by for from in into is it of on or our per the to we with need needs ' +
    'want looking supplier suppliers vietnam pcs piece pieces unit units ' +
    'va cua cho cac nhung mot co la voi trong theo tu den can chung toi ban nha cung cap ' +
    'san pham de khong duoc nay do the hoac tai ve'
  ).split(' '),
)

/** A need compiled once, then scored against many candidates. */
export interface PreparedNeed {
  readonly sectors: readonly string[]
  readonly processes: readonly string[]
  readonly materials: readonly string[]
  readonly certifications: readonly string[]
  readonly deliveryProvince: string | undefined
  readonly deliveryRegion: string | undefined
  readonly languages: readonly string[]
  readonly verified: 'required' | 'preferred' | 'any'
  readonly words: readonly string[]
  /** `words` as a set, to look candidates' words up in. */
  readonly wordSet: ReadonlySet<string>
}

function uniqueCodes(values: readonly string[] | undefined): string[] {
  const seen = new Set<string>()
  for (const value of values ?? []) {
    const code = value.trim()
    if (code) seen.add(code)
  }
  return [...seen]
}

/** The distinct meaningful words of a text, folded: "Dập khuôn, dập!" → ["dap", "khuon"]. */
export function textWords(text: string, max = Number.POSITIVE_INFINITY): string[] {
  const words = new Set<string>()
  for (const word of normalizeForMatch(text).split(' ')) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue
    words.add(word)
    if (words.size >= max) break
  }
  return [...words]
}

export function prepareNeed(need: MatchNeed): PreparedNeed {
  const province = need.deliveryProvince?.trim() || undefined
  const provinceRegion = province ? findTerm('provinces', province)?.region : undefined
  const words = textWords(need.text ?? '', MAX_NEED_WORDS)
  return {
    sectors: uniqueCodes(need.sectors),
    processes: uniqueCodes(need.processes),
    materials: uniqueCodes(need.materials),
    certifications: uniqueCodes(need.certifications),
    deliveryProvince: provinceRegion ? province : undefined,
    deliveryRegion: provinceRegion ?? (need.deliveryRegion?.trim() || undefined),
    languages: uniqueCodes(need.languages),
    verified: need.verified ?? 'any',
    words,
    wordSet: new Set(words),
  }
}

function shared(wanted: readonly string[], held: readonly string[] | undefined): string[] {
  if (wanted.length === 0 || !held || held.length === 0) return []
  const heldSet = new Set(held)
  return wanted.filter((code) => heldSet.has(code))
}

/** Product names come first in the search document; long descriptions add little but time. */
const MAX_PRODUCT_TEXTS = 6
const MAX_PART_LENGTH = 80

/**
 * The need's words found in a candidate's names and products: what a buyer's part names are
 * compared with. Descriptions and taxonomy labels are left out: long, slow to fold, and the codes
 * already say what the labels say. Each token is folded once per process (`foldedToken`) and only
 * looked up in the need's words: no set of the candidate's own words is built.
 */
function wordsFound(need: PreparedNeed, candidate: MatchCandidate): string[] {
  const found = new Set<string>()
  const look = (part: string | undefined) => {
    if (!part) return
    for (const word of foldedPart(part)) if (need.wordSet.has(word)) found.add(word)
  }
  look(candidate.name?.vi)
  look(candidate.name?.en)
  const products = candidate.products ?? []
  for (let index = 0; index < Math.min(products.length, MAX_PRODUCT_TEXTS); index++)
    look(products[index])
  return found.size === 0 ? [] : need.words.filter((word) => found.has(word))
}

/** Distinct names and product names folded so far, by the text as stored. */
const foldedParts = new Map<string, readonly string[]>()

/** A name's or product's words, folded (the first MAX_PART_LENGTH characters). */
function foldedPart(part: string): readonly string[] {
  let folded = foldedParts.get(part)
  if (folded === undefined) {
    const text = part.length > MAX_PART_LENGTH ? part.slice(0, MAX_PART_LENGTH) : part
    folded = [...new Set(text.split(' ').flatMap((token) => foldedToken(token)))]
    if (foldedParts.size >= MAX_FOLDED_TOKENS) foldedParts.clear()
    foldedParts.set(part, folded)
  }
  return folded
}

/** Distinct tokens folded so far: suppliers' names and products share most of their words. */
const foldedTokens = new Map<string, readonly string[]>()
const MAX_FOLDED_TOKENS = 50_000

/**
 * One space-free token folded as `normalizeForMatch` folds it within a text (other whitespace and
 * punctuation split it): "Dập," → ["dap"], "TP.Hồ" → ["tp", "ho"]. Folding (NFKD, a
 * Unicode-class regular expression, NFC) was most of the scoring time, and a supplier's names and
 * products share most of their words with others': a token is folded once per process.
 */
function foldedToken(token: string): readonly string[] {
  let folded = foldedTokens.get(token)
  if (folded === undefined) {
    folded = normalizeForMatch(token).split(' ').filter(Boolean)
    if (foldedTokens.size >= MAX_FOLDED_TOKENS) foldedTokens.clear()
    foldedTokens.set(token, folded)
  }
  return folded
}

interface Scored {
  criterion: Criterion
  weight: number
  value: number
  reason?: MatchReason
  negative?: MatchReason
}

function codeCriterion(
  criterion: 'sector' | 'process' | 'material',
  wanted: readonly string[],
  held: readonly string[] | undefined,
): Scored | undefined {
  if (wanted.length === 0) return undefined
  const values = shared(wanted, held)
  return {
    criterion,
    weight: WEIGHTS[criterion],
    value: values.length / wanted.length,
    reason: values.length > 0 ? { code: criterion, values } : undefined,
  }
}

function locationCriterion(need: PreparedNeed, candidate: MatchCandidate): Scored | undefined {
  if (!need.deliveryRegion) return undefined
  const province =
    candidate.province && candidate.province !== UNSPECIFIED ? candidate.province : undefined
  const region =
    (province ? findTerm('provinces', province)?.region : undefined) ??
    (candidate.region && candidate.region !== UNSPECIFIED ? candidate.region : undefined)
  const sameRegion = region !== undefined && region === need.deliveryRegion
  const distanceKm =
    need.deliveryProvince && province
      ? provinceDistanceKm(province, need.deliveryProvince)
      : undefined
  let value: number
  if (distanceKm !== undefined) value = 1 / (1 + distanceKm / DISTANCE_HALF_KM)
  else if (need.deliveryProvince) value = sameRegion ? 0.5 : 0
  else value = sameRegion ? 1 : 0
  const near = sameRegion || (distanceKm !== undefined && distanceKm <= NEAR_KM)
  return {
    criterion: 'location',
    weight: WEIGHTS.location,
    value,
    reason:
      near && region
        ? {
            code: 'region',
            region,
            ...(province ? { province } : {}),
            ...(distanceKm !== undefined ? { distanceKm } : {}),
          }
        : undefined,
  }
}

/** Scores one candidate against a prepared need. */
export function scorePrepared(need: PreparedNeed, candidate: MatchCandidate): MatchResult {
  const scored: Scored[] = []
  const push = (entry: Scored | undefined) => {
    if (entry) scored.push(entry)
  }
  push(codeCriterion('process', need.processes, candidate.process))
  push(codeCriterion('sector', need.sectors, candidate.sector))
  push(codeCriterion('material', need.materials, candidate.material))

  if (need.certifications.length > 0) {
    const held = shared(need.certifications, candidate.certification)
    const missing = need.certifications.filter((code) => !held.includes(code))
    push({
      criterion: 'certification',
      weight: WEIGHTS.certification,
      value: held.length / need.certifications.length,
      reason: held.length > 0 ? { code: 'certification-held', values: held } : undefined,
      negative: missing.length > 0 ? { code: 'certification-missing', values: missing } : undefined,
    })
  }

  push(locationCriterion(need, candidate))

  if (need.languages.length > 0) {
    const values = shared(need.languages, candidate.languages)
    push({
      criterion: 'language',
      weight: WEIGHTS.language,
      value: values.length / need.languages.length,
      reason: values.length > 0 ? { code: 'language', values } : undefined,
    })
  }

  if (need.words.length > 0) {
    const values = wordsFound(need, candidate)
    push({
      criterion: 'text',
      weight: WEIGHTS.text,
      value: Math.min(1, values.length / Math.min(need.words.length, FULL_TEXT_WORDS)),
      reason:
        values.length > 0
          ? { code: 'text', values: values.slice(0, MAX_REASON_VALUES) }
          : undefined,
    })
  }

  const verified = candidate.verified === true
  push({
    criterion: 'verified',
    weight: need.verified === 'preferred' ? PREFERRED_VERIFIED_WEIGHT : WEIGHTS.verified,
    value: verified ? 1 : 0,
    reason: verified ? { code: 'verified' } : undefined,
    negative: !verified && need.verified !== 'any' ? { code: 'not-verified' } : undefined,
  })

  const hours = candidate.responseHours
  const knownHours = typeof hours === 'number' && Number.isFinite(hours) && hours >= 0
  const answered = candidate.answeredWithinDay
  const knownShare =
    answered != null &&
    Number.isFinite(answered.share) &&
    answered.share >= 0 &&
    answered.share <= 1 &&
    Number.isFinite(answered.conversations) &&
    answered.conversations >= MIN_RESPONSE_CONVERSATIONS
  if (knownShare) {
    // Most conversations answered within a day: the figure the programme reports (KPIs).
    const share = answered.share
    push({
      criterion: 'responsive',
      weight: WEIGHTS.responsive,
      value: share >= RESPONSIVE_SHARE ? 1 : share >= 0.5 ? 0.5 : 0,
      reason:
        share >= RESPONSIVE_SHARE
          ? { code: 'responsive', hours: RESPONSIVE_HOURS, percent: Math.round(share * 100) }
          : undefined,
    })
  } else {
    push({
      criterion: 'responsive',
      weight: WEIGHTS.responsive,
      value: !knownHours ? 0 : hours <= RESPONSIVE_HOURS ? 1 : hours <= SLOW_HOURS ? 0.5 : 0,
      reason:
        knownHours && hours <= RESPONSIVE_HOURS
          ? { code: 'responsive', hours: Math.max(1, Math.round(hours)) }
          : undefined,
    })
  }

  let total = 0
  let met = 0
  const breakdown: MatchResult['breakdown'] = {}
  for (const entry of scored) {
    total += entry.weight
    met += entry.weight * entry.value
    breakdown[entry.criterion] = { weight: entry.weight, value: entry.value }
  }
  const eligible = need.verified !== 'required' || verified
  const score = eligible && total > 0 ? Math.min(1, Math.max(0, met / total)) : 0

  const positives = scored
    .filter((entry) => entry.reason)
    .sort((a, b) => b.weight * b.value - a.weight * a.value)
    .map((entry) => entry.reason!)
  const negatives = scored.flatMap((entry) => (entry.negative ? [entry.negative] : []))
  return {
    id: candidate.id,
    score,
    eligible,
    reasons: [...positives, ...negatives.filter((reason) => NEGATIVE_REASONS.has(reason.code))],
    breakdown,
  }
}

/** Scores one candidate against a need. For many candidates, `rankCandidates`. */
export function scoreMatch(need: MatchNeed, candidate: MatchCandidate): MatchResult {
  return scorePrepared(prepareNeed(need), candidate)
}

export interface RankOptions {
  /** Keep at most this many (the best). Default: all. */
  limit?: number
  /** Drop results scoring below this. Default 0 (ineligible ones are always dropped). */
  minScore?: number
}

/**
 * Candidates ranked best first: by score, then verified first, then id, so equal scores come out
 * in the same order every time. Ineligible candidates are left out.
 */
export function rankCandidates(
  need: MatchNeed,
  candidates: Iterable<MatchCandidate>,
  options: RankOptions = {},
): MatchResult[] {
  const prepared = prepareNeed(need)
  const minScore = options.minScore ?? 0
  const verifiedById = new Map<string, boolean>()
  const results: MatchResult[] = []
  for (const candidate of candidates) {
    const result = scorePrepared(prepared, candidate)
    if (!result.eligible || result.score < minScore) continue
    verifiedById.set(candidate.id, candidate.verified === true)
    results.push(result)
  }
  results.sort(
    (a, b) =>
      b.score - a.score ||
      Number(verifiedById.get(b.id)) - Number(verifiedById.get(a.id)) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
  return options.limit === undefined ? results : results.slice(0, Math.max(0, options.limit))
}
