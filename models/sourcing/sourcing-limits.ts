import type { Types } from 'mongoose'
import { isDuplicateKeyServerError } from '../errors.ts'
import { SourcingListEntry } from './keyed-list.ts'

/**
 * Daily limits on what a member of an organisation can make others read: new requests (buyers)
 * and quote submissions or edits (suppliers). Each allowance taken is a numbered document
 * `limit:<kind>:<organisation>:<day>#n` (n < max): of concurrent takers of a number the primary
 * key lets one through, so the limit is exact without a counter (FerretDB's $inc loses updates
 * under concurrency; see models/accounts/mail-throttle.ts).
 */
export const SOURCING_LIMITS = { request: 20, quote: 60, invite: 300 } as const
export type SourcingLimitKind = keyof typeof SOURCING_LIMITS

export async function takeSourcingAllowance(
  kind: SourcingLimitKind,
  organizationId: Types.ObjectId,
  now = new Date(),
  count = 1,
): Promise<boolean> {
  const day = now.toISOString().slice(0, 10)
  const key = `limit:${kind}:${organizationId.toHexString()}:${day}`
  const max = SOURCING_LIMITS[kind]
  let taken = 0
  let slot = 0
  while (taken < count) {
    if (slot >= max) return false
    try {
      await SourcingListEntry.create({ _id: `${key}#${slot}`, value: kind, at: now })
      taken += 1
    } catch (error) {
      if (!isDuplicateKeyServerError(error)) throw error
    }
    slot += 1
  }
  return true
}
