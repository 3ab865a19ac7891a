import crypto from 'node:crypto'
import { Schema, Types } from 'mongoose'
import { defineModel } from '../define-model.ts'

/**
 * The search sync's queue (decision 010). A profile write still marks the profile itself
 * (`search.pendingSince`, in the same single-document write, so a stored change is never
 * unmarked), and also leaves an entry here, so the worker finds the changes by reading this
 * small collection instead of every profile (FerretDB 1.24 on SQLite scans a collection for any
 * filter other than `{ _id }`). Each write gets an entry of its own (`_id` unique per write), so
 * the worker removes exactly the entries it handled, by `_id`, and a write made meanwhile keeps
 * its entry. An entry lost to a crash between the two writes is found by the reconcile job,
 * which compares versions.
 */
const searchOutboxSchema = new Schema(
  {
    _id: { type: String, required: true },
    profile: { type: Schema.Types.ObjectId },
    organization: { type: Schema.Types.ObjectId },
    at: { type: Date, required: true },
  },
  { versionKey: false },
)

export const SearchOutbox = defineModel('SearchOutbox', searchOutboxSchema)

export interface SearchOutboxEntry {
  _id: string
  profile?: Types.ObjectId
  organization?: Types.ObjectId
  at: Date
}

type Key = { profile?: Types.ObjectId; organization?: Types.ObjectId }

export async function enqueueSearchChanges(keys: Key[], at = new Date()): Promise<void> {
  if (keys.length === 0) return
  const entries = keys.map((key) => ({
    _id: `${(key.profile ?? key.organization)!.toHexString()}:${at.getTime()}:${crypto.randomBytes(4).toString('hex')}`,
    ...key,
    at,
  }))
  for (let start = 0; start < entries.length; start += 1_000) {
    await SearchOutbox.insertMany(entries.slice(start, start + 1_000), {
      ordered: false,
      lean: true,
    })
  }
}

const asIds = (value: unknown): Types.ObjectId[] => {
  if (value instanceof Types.ObjectId) return [value]
  if (typeof value === 'string' && Types.ObjectId.isValid(value)) return [new Types.ObjectId(value)]
  if (value && typeof value === 'object' && '$in' in value && Array.isArray(value.$in)) {
    return value.$in.flatMap(asIds)
  }
  return []
}

/** Which profiles a profile update's filter names: by `_id` or by organisation. */
export function keysOfFilter(filter: Record<string, unknown>): Key[] {
  return [
    ...asIds(filter._id).map((profile) => ({ profile })),
    ...asIds(filter.organization).map((organization) => ({ organization })),
  ]
}

/** Whether an update (Mongoose's form) sets the search marker. */
export function setsSearchMarker(update: unknown): boolean {
  if (!update || typeof update !== 'object') return false
  const set = (update as { $set?: Record<string, unknown> }).$set ?? {}
  const search = set.search as { pendingSince?: unknown } | undefined
  return set['search.pendingSince'] != null || search?.pendingSince != null
}
