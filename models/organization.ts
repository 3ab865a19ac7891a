import crypto from 'node:crypto'
import { Schema, type Types } from 'mongoose'
import { TAX_CODE_PATTERN } from '#app/utils/roles.ts'
import { defineModel } from './define-model.ts'

export const organizationKinds = ['supplier', 'buyer', 'programme'] as const
export type OrganizationKind = (typeof organizationKinds)[number]
export const organizationStatuses = ['active', 'hidden', 'suspended'] as const
export const verificationStates = ['unverified', 'pending', 'verified', 'rejected'] as const

export { TAX_CODE_PATTERN } from '#app/utils/roles.ts'

const organizationSchema = new Schema(
  {
    kind: { type: String, enum: organizationKinds, required: true },
    name: { type: String, required: true, trim: true, maxlength: 200 },
    tradeName: { type: String, trim: true, maxlength: 200 },
    slug: { type: String, required: true, unique: true },
    country: { type: String, required: true, match: /^[A-Z]{2}$/ },
    taxCode: { type: String, match: TAX_CODE_PATTERN },
    /**
     * Unique key for the tax code. FerretDB has no sparse or partial indexes, so firms without a
     * tax code (foreign buyers) get a key of their own instead of sharing a null.
     */
    taxCodeKey: { type: String, required: true, unique: true },
    province: { type: String, maxlength: 64 },
    // Status, verification, name and slug are in the supplier's search document: whoever
    // changes them calls markProfileForSearch(id) (models/supplier-profile.ts) afterwards.
    status: { type: String, enum: organizationStatuses, default: 'active', required: true },
    verification: {
      state: { type: String, enum: verificationStates, default: 'unverified', required: true },
      verifiedAt: Date,
      verifiedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    },
  },
  { timestamps: true },
)

export const Organization = defineModel('Organization', organizationSchema)

export function taxCodeKey(taxCode: string | undefined, id: Types.ObjectId): string {
  return taxCode ? `vn:${taxCode}` : `none:${id.toHexString()}`
}

/** A readable, unique URL name from the organisation name ("Cơ khí Đông Á" → "co-khi-dong-a-3f9k"). */
export function makeSlug(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${base || 'org'}-${crypto.randomBytes(3).toString('hex')}`
}
