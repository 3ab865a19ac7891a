import { Schema, type Types } from 'mongoose'
import { defineModel } from '../define-model.ts'
import {
  maintenanceDone,
  markMaintenanceDone,
  type BackfillOptions,
} from '../maintenance-marker.ts'

/**
 * A key document: slug → organisation, with the slug as `_id`, so that a supplier page finds
 * its organisation with a point read (decision 010; FerretDB 1.24 on SQLite answers only
 * `{ _id }` filters from an index). Written by the search sync for every supplier it indexes
 * and on the first visit that misses it; a key is checked against the organisation it names
 * (slugs never change today, but a stale key must never show the wrong page).
 */
const organizationSlugSchema = new Schema(
  {
    _id: { type: String, required: true },
    organization: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false },
)

export const OrganizationSlug = defineModel('OrganizationSlug', organizationSlugSchema)

export async function organizationIdForSlug(slug: string): Promise<Types.ObjectId | null> {
  const key = await OrganizationSlug.findById(slug).lean()
  return key?.organization ?? null
}

/** Records slug → organisation keys that are missing; keys already there are left alone. */
export async function recordOrganizationSlugs(
  keys: ReadonlyArray<{ slug: string; organization: Types.ObjectId }>,
): Promise<void> {
  if (keys.length === 0) return
  try {
    await OrganizationSlug.insertMany(
      keys.map(({ slug, organization }) => ({ _id: slug, organization })),
      { ordered: false, lean: true },
    )
  } catch (error) {
    const writeErrors = (error as { writeErrors?: Array<{ code?: number }> }).writeErrors
    if (!writeErrors?.length || writeErrors.some((entry) => entry.code !== 11000)) throw error
  }
}

/** Set once every supplier has its slug key (the start-up backfill below). */
export const SLUG_KEYS_MARKER = 'organization-slug-keys'

/** Whether a slug without a key can be answered "no such supplier" without a scan. */
export function slugKeysComplete(): Promise<boolean> {
  return maintenanceDone(SLUG_KEYS_MARKER)
}

/**
 * Slug keys for suppliers created before keys were written at creation: one cursor over the
 * suppliers, then the marker. Idempotent (existing keys are left alone), so a stopped run is
 * resumed by the next start.
 */
export async function backfillOrganizationSlugKeys(
  suppliers: () => AsyncIterable<{ _id: Types.ObjectId; slug: string }>,
  options: BackfillOptions = {},
): Promise<number> {
  if (await slugKeysComplete()) return 0
  options.signal?.throwIfAborted()
  options.onStart?.()
  let seen = 0
  let batch: Array<{ slug: string; organization: Types.ObjectId }> = []
  const flush = async () => {
    options.signal?.throwIfAborted()
    seen += batch.length
    options.onProgress?.(seen)
    await recordOrganizationSlugs(batch)
    batch = []
  }
  for await (const supplier of suppliers()) {
    batch.push({ slug: supplier.slug, organization: supplier._id })
    if (batch.length >= 1000) await flush()
  }
  if (batch.length > 0) await flush()
  await markMaintenanceDone(SLUG_KEYS_MARKER)
  return seen
}
