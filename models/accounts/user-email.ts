import { Schema, type Types } from 'mongoose'
import { defineModel } from '../define-model.ts'

/**
 * A key document: normalised e-mail address → user, with the address as `_id`, so that signing
 * in, resetting a password and checking an address at sign-up are point reads (decision 010;
 * FerretDB 1.24 on SQLite answers only `{ _id }` filters without reading the whole collection).
 * Written whenever a user document is saved (a hook on the user schema), when an address
 * changes, and for older accounts by a one-off backfill at start-up. A key is always checked
 * against the user it names: an address that moved on leaves a stale key that finds nothing.
 */
const userEmailSchema = new Schema(
  {
    _id: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false },
)

export const UserEmail = defineModel('UserEmail', userEmailSchema)

export async function recordUserEmail(email: string, userId: Types.ObjectId): Promise<void> {
  await UserEmail.replaceOne({ _id: email }, { _id: email, user: userId }, { upsert: true })
}

export async function userIdForEmail(email: string): Promise<Types.ObjectId | null> {
  const key = await UserEmail.findById(email).lean()
  return key?.user ?? null
}
