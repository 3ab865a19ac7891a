import type { Types } from 'mongoose'
import { isDuplicateKeyServerError } from '../errors.ts'
import { SourcingListEntry } from './keyed-list.ts'

/**
 * The monthly cap on new quotes per supplier, by plan (issue 19): Supplier Premium raises it.
 * The figures are configuration (QUOTE_MONTHLY_CAP_FREE, QUOTE_MONTHLY_CAP_PREMIUM); the daily
 * anti-abuse limit (sourcing-limits.ts) applies to everyone on top of it.
 */
export interface QuoteCaps {
  free: number
  premium: number
}
export const DEFAULT_QUOTE_CAPS: QuoteCaps = { free: 30, premium: 300 }

/** The calendar month in Việt Nam (UTC+7), `yyyy-mm`. */
export function monthInVietnam(now: Date): string {
  return new Date(now.getTime() + 7 * 60 * 60 * 1000).toISOString().slice(0, 7)
}

/**
 * Takes one of the month's quote places: numbered documents `quote-month:<org>:<month>#n`
 * (n < cap), so that the cap is exact under concurrency without a counter (a unique insert is
 * FerretDB's one atomic write). A hint document remembers where the numbers are up to, so a
 * supplier near a large cap does not try every number from 0; a stale hint only costs a few
 * more inserts. Returns the place's key (to give it back if the quote is not saved), or null
 * at the cap.
 */
export async function takeMonthlyQuotePlace(
  organizationId: Types.ObjectId,
  cap: number,
  now = new Date(),
): Promise<string | null> {
  const key = `quote-month:${organizationId.toHexString()}:${monthInVietnam(now)}`
  const hint = await SourcingListEntry.findById(`${key}:hint`).lean()
  for (let slot = Math.max(0, Number(hint?.value ?? 0) || 0); slot < cap; slot++) {
    try {
      await SourcingListEntry.create({ _id: `${key}#${slot}`, value: 'quote', at: now })
      await SourcingListEntry.updateOne(
        { _id: `${key}:hint` },
        { $set: { value: String(slot + 1), at: now } },
        { upsert: true },
      )
      return `${key}#${slot}`
    } catch (error) {
      if (!isDuplicateKeyServerError(error)) throw error
    }
  }
  return null
}

/** Gives a place back (the quote it was taken for was not saved); the hint moves back to it. */
export async function releaseMonthlyQuotePlace(place: string): Promise<void> {
  await SourcingListEntry.deleteOne({ _id: place })
  const [key, slot] = place.split('#')
  await SourcingListEntry.updateOne(
    { _id: `${key}:hint` },
    { $set: { value: String(Number(slot)), at: new Date() } },
  )
}
