import { Schema, type Types } from 'mongoose'
import { locales, type Locale } from '#models/i18n/index.ts'
import { organizationRoles, staffRoles, type OrganizationRole } from '#models/accounts/roles.ts'
import { withDuplicateKeyCheck } from '#models/errors.ts'
import { defineModel } from '../define-model.ts'
import {
  maintenanceDone,
  markMaintenanceDone,
  type BackfillOptions,
} from '../maintenance-marker.ts'
import { recordUserEmail, UserEmail, userIdForEmail } from './user-email.ts'
import {
  memberIdsOf,
  OrganizationMemberKey,
  recordOrganizationMember,
} from './organization-members.ts'

export {
  organizationRoles,
  roleAtLeast,
  staffRoles,
  type OrganizationRole,
  type StaffRole,
} from '#models/accounts/roles.ts'

const userSchema = new Schema(
  {
    email: {
      type: String,
      required: true,
      unique: true,
      lowercase: true,
      trim: true,
      maxlength: 254,
    },
    passwordHash: { type: String, required: true },
    name: { type: String, required: true, trim: true, maxlength: 120 },
    locale: { type: String, enum: locales, default: 'vi', required: true },
    organization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true, index: true },
    organizationRole: { type: String, enum: organizationRoles, required: true },
    staffRoles: { type: [String], enum: staffRoles, default: [] },
    emailVerifiedAt: Date,
    totp: {
      secret: String,
      /** A secret being set up, kept until the first code confirms it. */
      pendingSecret: String,
      enabledAt: Date,
      /** The newest 30-second step a code was accepted for: codes of it and before are spent. */
      lastStep: Number,
    },
    passwordChangedAt: Date,
    /** When the user's last chat connection closed ("last seen" next to the presence dot). */
    lastSeenAt: Date,
  },
  { timestamps: true },
)

// Every saved user (sign-up, invitation, seed, staff CLI) gets its e-mail key document.
userSchema.post('save', async function (user) {
  await recordUserEmail(user.email, user._id)
  await recordOrganizationMember(user.organization, user._id)
})

export const User = defineModel('User', userSchema)

export const USER_EMAIL_KEYS_MARKER = 'user-email-keys'

/**
 * Writes the e-mail key of every user that lacks one (accounts created before the keys
 * existed), streaming one cursor, then records that the keys are complete. Until then, lookups
 * fall back to reading the user collection; afterwards they never do.
 */
export async function backfillUserEmailKeys(options: BackfillOptions = {}): Promise<number> {
  if (await maintenanceDone(USER_EMAIL_KEYS_MARKER)) return 0
  options.signal?.throwIfAborted()
  options.onStart?.()
  let written = 0
  let batch: Array<{ _id: string; user: Types.ObjectId }> = []
  const flush = async () => {
    if (batch.length === 0) return
    options.signal?.throwIfAborted()
    try {
      await UserEmail.insertMany(batch, { ordered: false, lean: true })
    } catch (error) {
      const writeErrors = (error as { writeErrors?: Array<{ code?: number }> }).writeErrors
      if (!writeErrors?.length || writeErrors.some((entry) => entry.code !== 11000)) throw error
    }
    written += batch.length
    batch = []
    options.onProgress?.(written)
  }
  for await (const user of User.find({}, { email: 1 }).lean().cursor()) {
    batch.push({ _id: user.email, user: user._id })
    if (batch.length >= 500) await flush()
  }
  await flush()
  await markMaintenanceDone(USER_EMAIL_KEYS_MARKER)
  return written
}

export const ORGANIZATION_MEMBER_KEYS_MARKER = 'organization-member-keys'

/**
 * Writes the organisation member key of every user (accounts made before the keys existed),
 * streaming one cursor, then records that the keys are complete. Re-running is harmless: a
 * member already recorded is skipped by its marker.
 */
export async function backfillOrganizationMemberKeys(
  options: BackfillOptions = {},
): Promise<number> {
  if (await maintenanceDone(ORGANIZATION_MEMBER_KEYS_MARKER)) return 0
  options.signal?.throwIfAborted()
  options.onStart?.()
  let written = 0
  let seen = 0
  for await (const user of User.find({}, { organization: 1 }).lean().cursor()) {
    // Stops between users on shutdown (a unique insert each, so a later start resumes).
    options.signal?.throwIfAborted()
    seen += 1
    if (seen % 500 === 0) options.onProgress?.(seen)
    if (
      await OrganizationMemberKey.exists({
        _id: `${String(user.organization)}@${user._id.toHexString()}`,
      })
    )
      continue
    await recordOrganizationMember(user.organization, user._id)
    written += 1
  }
  await markMaintenanceDone(ORGANIZATION_MEMBER_KEYS_MARKER)
  return written
}

/**
 * The organisation's members with one of these roles (e.g. owner and admins), by the member
 * keys and one point read per member, each checked to still belong to the organisation.
 */
export async function membersWithRoles(
  organizationId: Types.ObjectId | string,
  roles: readonly OrganizationRole[],
) {
  const ids = await memberIdsOf(organizationId)
  const users = await Promise.all(
    ids.map((id) =>
      User.findById(id).select('email locale name organization organizationRole').lean(),
    ),
  )
  return users.filter(
    (user) =>
      user !== null &&
      String(user.organization) === String(organizationId) &&
      roles.includes(user.organizationRole as OrganizationRole),
  ) as Array<NonNullable<(typeof users)[number]>>
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** Name and interface language, from the account page. */
export async function updateUserProfile(
  userId: Types.ObjectId,
  changes: { name: string; locale: string },
): Promise<void> {
  await User.updateOne({ _id: userId }, { $set: { name: changes.name, locale: changes.locale } })
}

/**
 * A new password from a reset link: the link came by e-mail, so the address is verified too.
 * The caller ends the user's sessions.
 */
export async function setPasswordFromReset(userId: Types.ObjectId, passwordHash: string) {
  const now = new Date()
  await User.updateOne(
    { _id: userId },
    { $set: { passwordHash, passwordChangedAt: now, emailVerifiedAt: now } },
  )
}

/** The account for an address, or null; the caller normalizes the address. */
export async function findUserByEmail(email: string) {
  const userId = await userIdForEmail(email)
  if (userId) {
    const user = await User.findById(userId)
    if (user?.email === email) return user
  }
  // Before the start-up backfill has finished, an older account may have no key yet.
  if (!(await maintenanceDone(USER_EMAIL_KEYS_MARKER))) return User.findOne({ email })
  return null
}

/** Keeps a TOTP secret being set up until the first code confirms it. */
export async function setPendingTotpSecret(userId: Types.ObjectId, pendingSecret: string) {
  await User.updateOne({ _id: userId }, { $set: { 'totp.pendingSecret': pendingSecret } })
}

/** Makes a confirmed pending secret the account's TOTP secret. */
export async function enableTotp(userId: Types.ObjectId, secret: string) {
  await User.updateOne(
    { _id: userId },
    {
      $set: { 'totp.secret': secret, 'totp.enabledAt': new Date() },
      $unset: { 'totp.pendingSecret': 1 },
    },
  )
}

export async function disableTotp(userId: Types.ObjectId) {
  await User.updateOne({ _id: userId }, { $unset: { totp: 1 } })
}

/** What a new account is made of. */
export type NewUserFields = {
  email: string
  passwordHash: string
  name: string
  locale: Locale
  organization: Types.ObjectId
  organizationRole: OrganizationRole
  emailVerifiedAt?: Date
}

/** Creates an account; an address already registered throws DuplicateKeyError. */
export async function createUser(fields: NewUserFields) {
  return withDuplicateKeyCheck(User, fields, () => User.create(fields))
}

export async function findUserById(userId: Types.ObjectId | string) {
  return User.findById(userId)
}

/** A password changed by the signed-in user; the caller ends their other sessions. */
export async function changePassword(userId: Types.ObjectId, passwordHash: string) {
  await User.updateOne({ _id: userId }, { $set: { passwordHash, passwordChangedAt: new Date() } })
}

/** Whether an account has this (normalized) address. */
export async function emailRegistered(email: string): Promise<boolean> {
  return (await findUserByEmail(email)) !== null
}

/** The organisation's members, oldest account first (the members page). */
export async function membersOf(organizationId: Types.ObjectId) {
  // Decision 010: the member keys name the members, each read by `_id` and checked to still
  // belong here; until the keys are backfilled, the record (a scan on the embedded database).
  if (!(await maintenanceDone(ORGANIZATION_MEMBER_KEYS_MARKER))) {
    return User.find({ organization: organizationId }).sort({ createdAt: 1 })
  }
  const ids = await memberIdsOf(organizationId)
  const users = await Promise.all(ids.map((id) => User.findById(id)))
  return users
    .filter(
      (user): user is NonNullable<typeof user> =>
        user !== null && String(user.organization) === String(organizationId),
    )
    .sort((a, b) => (a.get('createdAt') as Date).getTime() - (b.get('createdAt') as Date).getTime())
}
