import { createRandom, type Random } from './random.ts'
import type { ScheduleInput, ScheduleParticipant, ScheduleRequest } from './types.ts'

/**
 * Realistic scheduling instances for tests and the benchmark, the same for the same seed.
 * Participants come as profiles (side and spoken languages); the benchmark derives them from the
 * demo-data generator (`server/demo/demo-data.ts`), tests use `syntheticProfiles`. Requests go
 * between a supplier and a buyer, buyers' popularity is skewed (a few buyers get most requests,
 * as at real matchmaking days), availability is partial for a share of participants, and a
 * request needs an interpreter when the two sides share no language.
 */

export interface ParticipantProfile {
  id: string
  side: 'supplier' | 'buyer'
  /** Spoken languages, ISO 639-1 (`vi`, `en`, `ja`, …); the first is the main one. */
  languages: readonly string[]
}

export interface InstanceOptions {
  seed: number
  profiles: readonly ParticipantProfile[]
  requests: number
  days: number
  slotsPerDay: number
  tablesPerSlot: number
  /** Interpreters per slot for each language. */
  interpreters: Readonly<Record<string, number>>
  /** Share of participants with partial availability (default 0.4). */
  partialAvailability?: number
  /** Range of the maximum number of meetings per side (default buyers 6–14, suppliers 3–10). */
  buyerMax?: readonly [number, number]
  supplierMax?: readonly [number, number]
  /** Priority marks per participant (default up to 2). */
  priorities?: number
}

const FOREIGN_LANGUAGES = ['en', 'ja', 'ko', 'zh', 'de', 'fr'] as const

/** Invented profiles: Vietnamese suppliers (some speak a foreign language), foreign buyers. */
export function syntheticProfiles(
  seed: number,
  suppliers: number,
  buyers: number,
): ParticipantProfile[] {
  const random = createRandom(seed ^ 0x5eed)
  const profiles: ParticipantProfile[] = []
  for (let i = 0; i < suppliers; i++) {
    const languages = ['vi']
    if (random.chance(0.5)) languages.push('en')
    if (random.chance(0.15)) languages.push(random.pick(FOREIGN_LANGUAGES))
    profiles.push({ id: `s${i}`, side: 'supplier', languages: [...new Set(languages)] })
  }
  for (let i = 0; i < buyers; i++) {
    const main = random.pick(['en', 'en', 'ja', 'ja', 'ko', 'ko', 'zh', 'de', 'fr'] as const)
    const languages: string[] = [main]
    if (main !== 'en' && random.chance(0.4)) languages.push('en')
    profiles.push({ id: `b${i}`, side: 'buyer', languages })
  }
  return profiles
}

function availability(
  random: Random,
  days: number,
  slotsPerDay: number,
  partial: number,
): number[] {
  const all = Array.from({ length: days * slotsPerDay }, (_, s) => s)
  if (!random.chance(partial)) return all
  const shape = random.int(0, 2)
  if (shape === 0 && days > 1) {
    // Only one day.
    const day = random.int(0, days - 1)
    return all.filter((s) => Math.floor(s / slotsPerDay) === day)
  }
  if (shape <= 1) {
    // A block of a few slots away (another appointment, a late arrival).
    const length = random.int(2, Math.max(2, Math.floor(slotsPerDay / 2)))
    const start = random.int(0, all.length - length)
    return all.filter((s) => s < start || s >= start + length)
  }
  return all.filter(() => random.chance(0.7))
}

export function generateInstance(options: InstanceOptions): ScheduleInput {
  const random = createRandom(options.seed)
  const { profiles, days, slotsPerDay } = options
  const S = days * slotsPerDay
  const partial = options.partialAvailability ?? 0.4
  const buyerMax = options.buyerMax ?? [6, 14]
  const supplierMax = options.supplierMax ?? [3, 10]
  const participants: ScheduleParticipant[] = profiles.map((profile) => {
    const [low, high] = profile.side === 'buyer' ? buyerMax : supplierMax
    return {
      id: profile.id,
      available: availability(random, days, slotsPerDay, partial),
      maxMeetings: random.int(low, high),
    }
  })
  const suppliers = profiles.filter((profile) => profile.side === 'supplier')
  const buyers = profiles.filter((profile) => profile.side === 'buyer')
  // Zipf-like popularity: buyer k is asked about 1 / (k + 1)^0.7 as often as the first.
  const buyerWeights = buyers.map((_, k) => 1 / Math.pow(k + 1, 0.7))
  const supplierWeights = suppliers.map(() => 0.3 + random.next())
  const pickWeighted = (weights: number[], total: number): number => {
    let roll = random.next() * total
    for (let i = 0; i < weights.length; i++) {
      roll -= weights[i]!
      if (roll < 0) return i
    }
    return weights.length - 1
  }
  const buyerTotal = buyerWeights.reduce((x, y) => x + y, 0)
  const supplierTotal = supplierWeights.reduce((x, y) => x + y, 0)
  const requests: ScheduleRequest[] = []
  const pairs = new Set<string>()
  const maxPairs = suppliers.length * buyers.length
  for (
    let attempt = 0;
    requests.length < options.requests && attempt < options.requests * 20;
    attempt++
  ) {
    if (pairs.size >= maxPairs) break
    const supplier = suppliers[pickWeighted(supplierWeights, supplierTotal)]!
    const buyer = buyers[pickWeighted(buyerWeights, buyerTotal)]!
    const key = `${supplier.id}|${buyer.id}`
    if (pairs.has(key)) continue
    pairs.add(key)
    const shared = supplier.languages.some((language) => buyer.languages.includes(language))
    const supplierAsks = random.chance(0.6)
    requests.push({
      id: `r${requests.length}`,
      a: supplierAsks ? supplier.id : buyer.id,
      b: supplierAsks ? buyer.id : supplier.id,
      ...(shared ? {} : { interpreter: buyer.languages[0]! }),
    })
  }
  // Each participant marks up to `priorities` of its requests as priority.
  const marks = new Map<string, number>()
  const limit = options.priorities ?? 2
  for (const request of random.shuffle([...requests])) {
    for (const side of ['a', 'b'] as const) {
      const id = request[side]
      if ((marks.get(id) ?? 0) >= limit || !random.chance(0.25)) continue
      marks.set(id, (marks.get(id) ?? 0) + 1)
      if (side === 'a') request.priorityA = true
      else request.priorityB = true
    }
  }
  const interpreters: Record<string, number[]> = {}
  for (const [language, perSlot] of Object.entries(options.interpreters)) {
    interpreters[language] = Array.from({ length: S }, () => perSlot)
  }
  return {
    slots: Array.from({ length: S }, (_, s) => ({ day: Math.floor(s / slotsPerDay) })),
    tablesPerSlot: Array.from({ length: S }, () => options.tablesPerSlot),
    participants,
    requests,
    interpreters,
    seed: options.seed,
  }
}

/** A small random instance (at most 40 participants) for exact comparisons with the MILP. */
export function smallInstance(seed: number): ScheduleInput {
  const random = createRandom(seed * 7919 + 17)
  const participants = random.int(10, 40)
  const buyers = random.int(Math.max(3, Math.floor(participants / 4)), Math.floor(participants / 2))
  const days = random.int(1, 2)
  const slotsPerDay = random.int(3, 6)
  return generateInstance({
    seed,
    profiles: syntheticProfiles(seed, participants - buyers, buyers),
    requests: Math.floor(participants * (1 + random.next() * 1.5)),
    days,
    slotsPerDay,
    tablesPerSlot: random.int(2, Math.max(3, Math.floor(participants / 4))),
    interpreters: { en: random.int(1, 2), ja: random.int(0, 2), ko: 1, zh: 1, de: 1, fr: 1 },
    buyerMax: [2, days * slotsPerDay],
    supplierMax: [1, Math.max(2, slotsPerDay)],
  })
}
