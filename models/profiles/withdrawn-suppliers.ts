import { Schema, type Types } from 'mongoose'
import { defineModel } from '../define-model.ts'

/**
 * Suppliers hidden or suspended that the search index may still hold: one small key document
 * (decision 014), so that a page scoring search documents by themselves (the sourcing matcher)
 * drops them at once with one point read instead of reading every candidate's organisation.
 *
 * Written by the organisation's update hook when a supplier's status changes (added when it
 * leaves `active`, removed when it comes back), before the supplier is marked for search; the
 * search sync removes the ids it has deleted from the index. An id is only a suspect: the reader
 * confirms it with a point read of the organisation, so an entry left behind by two writes racing
 * on this document (FerretDB 1.24 updates are read-then-write) costs a read, never hides an
 * active supplier. An addition lost that way leaves the supplier findable until the sync drops
 * it from the index (about a second).
 */
const withdrawnSuppliersSchema = new Schema(
  {
    _id: { type: String, required: true },
    ids: { type: [String], default: [] },
  },
  { versionKey: false },
)
export const WithdrawnSuppliers = defineModel('WithdrawnSuppliers', withdrawnSuppliersSchema)

const KEY = 'suppliers'

/** Records a supplier's new status: withdrawn (hidden, suspended) or back (active). */
export async function noteSupplierStatus(
  organizationId: Types.ObjectId,
  status: string,
): Promise<void> {
  const id = organizationId.toHexString()
  if (status === 'active') await clearWithdrawnSuppliers([id])
  else
    await WithdrawnSuppliers.updateOne({ _id: KEY }, { $addToSet: { ids: id } }, { upsert: true })
}

/** Forgets these ids (the index no longer holds them, or the suppliers are active again). */
export async function clearWithdrawnSuppliers(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await WithdrawnSuppliers.updateOne({ _id: KEY }, { $pullAll: { ids: [...ids] } })
}

/** The suspects (one point read). */
export async function withdrawnSupplierIds(): Promise<Set<string>> {
  const key = await WithdrawnSuppliers.findById(KEY).lean()
  return new Set(key?.ids ?? [])
}
