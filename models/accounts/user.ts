import { Schema, type Types } from 'mongoose'
import { locales } from '#models/i18n/index.ts'
import { organizationRoles, staffRoles } from '#models/accounts/roles.ts'
import { defineModel } from '../define-model.ts'

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

export const User = defineModel('User', userSchema)

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
