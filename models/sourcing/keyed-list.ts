import { Schema } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'

/**
 * Growing lists read by `_id` only (DESIGN.md, "Data access on the embedded database"): a
 * buyer's requests, a supplier's "requests for you", a request's invitations and quotes. Each
 * list `key` is a set of documents: a marker `key@value` (so a value is added once: a unique
 * insert, the one atomic step FerretDB 1.24 has) and numbered slots `key#0`, `key#1`… in the
 * order values were added. Reading walks the slots by point reads, a batch at a time, until a
 * number is missing. No filter, no sort, no counter to lose updates on.
 */
const listEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    value: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
)

export const SourcingListEntry = defineModel('SourcingListEntry', listEntrySchema)

const READ_BATCH = 25

/** Whether `value` is in the list (one point read). */
export async function listHas(key: string, value: string): Promise<boolean> {
  return Boolean(await SourcingListEntry.exists({ _id: `${key}@${value}` }))
}

/** Adds `value` once; false when it was there already. */
export async function addToList(key: string, value: string, now = new Date()): Promise<boolean> {
  try {
    await SourcingListEntry.create({ _id: `${key}@${value}`, value, at: now })
  } catch (error) {
    if (isDuplicateKeyServerError(error)) return false
    throw error
  }
  // Claims the first free slot; concurrent adders move on to the next number.
  let slot = await countHint(key)
  for (;;) {
    try {
      await SourcingListEntry.create({ _id: `${key}#${slot}`, value, at: now })
      return true
    } catch (error) {
      if (!isDuplicateKeyServerError(error)) throw error
      slot += 1
    }
  }
}

/** A lower bound of the number of slots: read in steps, so adding stays a few reads. */
async function countHint(key: string): Promise<number> {
  let low = 0
  let step = 16
  // Gallop forward over taken slots, then walk the last stretch.
  while (await SourcingListEntry.exists({ _id: `${key}#${low + step - 1}` })) {
    low += step
    step *= 2
  }
  return low
}

/** The values in the order they were added, at most `max`. */
export async function readList(
  key: string,
  max = 1_000,
): Promise<Array<{ value: string; at: Date }>> {
  const values: Array<{ value: string; at: Date }> = []
  for (let start = 0; start < max; start += READ_BATCH) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(READ_BATCH, max - start) }, (_, offset) =>
        SourcingListEntry.findById(`${key}#${start + offset}`).lean<{ value: string; at: Date }>(),
      ),
    )
    for (const entry of batch) {
      if (!entry) return values
      values.push({ value: entry.value, at: entry.at })
    }
  }
  return values
}
