import { Schema } from 'mongoose'
import { locales } from '#app/i18n/index.ts'
import { defineModel } from './define-model.ts'

export const organizationRoles = ['owner', 'admin', 'member'] as const
export type OrganizationRole = (typeof organizationRoles)[number]
export const staffRoles = ['admin', 'verifier', 'organiser'] as const
export type StaffRole = (typeof staffRoles)[number]

const roleRank: Record<OrganizationRole, number> = { member: 0, admin: 1, owner: 2 }
export function roleAtLeast(role: OrganizationRole, minimum: OrganizationRole): boolean {
  return roleRank[role] >= roleRank[minimum]
}

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
    },
    passwordChangedAt: Date,
  },
  { timestamps: true },
)

export const User = defineModel('User', userSchema)

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}
