import { Schema, Types } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'

/**
 * Key documents: organisation → its users, so that "who are this organisation's owner and
 * admins" (invitation e-mails, digests) is a handful of point reads instead of a filter on the
 * user collection (DESIGN.md; as user-email.ts does for addresses). Each member is a marker
 * `<organisation>@<user>` (added once: a unique insert) and a numbered slot `<organisation>#n`
 * in the order they joined. Written whenever a user document is saved (a hook on the user
 * schema) and for older accounts by a one-off backfill at start-up. A key is always checked
 * against the user it names: someone who left (or moved) leaves a stale key that finds nothing.
 */
const memberKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false },
)

export const OrganizationMemberKey = defineModel('OrganizationMemberKey', memberKeySchema)

/** At most this many members are read back (an organisation is a firm, not a crowd). */
export const MEMBER_KEYS_MAX = 500
const READ_BATCH = 25

/** Records the user as a member of the organisation; nothing when already recorded. */
export async function recordOrganizationMember(
  organizationId: Types.ObjectId | string,
  userId: Types.ObjectId,
): Promise<void> {
  const org = String(organizationId)
  try {
    await OrganizationMemberKey.create({ _id: `${org}@${userId.toHexString()}`, user: userId })
  } catch (error) {
    if (isDuplicateKeyServerError(error)) return
    throw error
  }
  // The first free slot; concurrent joiners move on to the next number.
  for (let slot = 0; slot < MEMBER_KEYS_MAX; slot += 1) {
    try {
      await OrganizationMemberKey.create({ _id: `${org}#${slot}`, user: userId })
      return
    } catch (error) {
      if (!isDuplicateKeyServerError(error)) throw error
    }
  }
}

/** The user ids recorded for the organisation, in the order they joined (unchecked). */
export async function memberIdsOf(
  organizationId: Types.ObjectId | string,
): Promise<Types.ObjectId[]> {
  const org = String(organizationId)
  const ids: Types.ObjectId[] = []
  for (let start = 0; start < MEMBER_KEYS_MAX; start += READ_BATCH) {
    const batch = await Promise.all(
      Array.from({ length: READ_BATCH }, (_, offset) =>
        OrganizationMemberKey.findById(`${org}#${start + offset}`).lean(),
      ),
    )
    for (const key of batch) {
      if (!key) return ids
      ids.push(new Types.ObjectId(String(key.user)))
    }
  }
  return ids
}
