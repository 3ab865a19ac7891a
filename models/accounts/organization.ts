import crypto from 'node:crypto'
import { Schema, Types } from 'mongoose'
import { TAX_CODE_PATTERN } from '#models/accounts/roles.ts'
import { defineModel } from '../define-model.ts'
import { StoredFile } from '../files/stored-file.ts'
import { markProfileForSearchById } from '../profiles/supplier-profile.ts'
import { noteSupplierStatus } from '../profiles/withdrawn-suppliers.ts'

export const organizationKinds = ['supplier', 'buyer', 'programme'] as const
export type OrganizationKind = (typeof organizationKinds)[number]
export const organizationStatuses = ['active', 'hidden', 'suspended'] as const
export const verificationStates = ['unverified', 'pending', 'verified', 'rejected'] as const

export { TAX_CODE_PATTERN } from '#models/accounts/roles.ts'

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
      // The staff console's workflow (models/staff/verification.ts): how it was verified, until
      // when, the open or last case, and the reasons of a refusal the supplier is shown.
      method: String,
      expiresAt: Date,
      reminderSentAt: Date,
      caseId: { type: Schema.Types.ObjectId },
      reasons: { type: [String], default: undefined },
      decidedAt: Date,
    },
    /** Why staff hid or suspended it (models/staff/moderation.ts); unset on restore. */
    moderation: {
      type: new Schema(
        { reason: String, note: String, at: Date, report: Schema.Types.ObjectId },
        { _id: false },
      ),
      default: undefined,
    },
    /** A StoredFile of purpose `logo`, of this organisation; set and cleared by setLogo(). */
    logo: { type: Schema.Types.ObjectId, ref: 'StoredFile' },
  },
  { timestamps: true },
)

/** Fields of the supplier's search document (and public pages) that live on the organisation. */
const SEARCHED_FIELDS = /^(status|verification|name|tradeName|slug|province|kind)(\.|$)/

function touchedFields(update: unknown): string[] {
  if (!update || typeof update !== 'object') return []
  const fields: string[] = []
  for (const [key, value] of Object.entries(update as Record<string, unknown>)) {
    if (key.startsWith('$') && value && typeof value === 'object')
      fields.push(...Object.keys(value))
    else if (!key.startsWith('$')) fields.push(key)
  }
  return fields
}

function organizationIdOfFilter(filter: Record<string, unknown>): Types.ObjectId | null {
  const id = filter._id
  if (id instanceof Types.ObjectId) return id
  if (typeof id === 'string' && Types.ObjectId.isValid(id)) return new Types.ObjectId(id)
  return null
}

// Status, verification, names and slug are in the supplier's search document: any update of
// them by id marks the profile for search (issue 17: status changes used not to), in the same
// request, so search and public pages follow at once.
organizationSchema.post(['updateOne', 'findOneAndUpdate'], async function () {
  const filter = this.getFilter() as Record<string, unknown>
  const organizationId = organizationIdOfFilter(filter)
  if (!organizationId) return
  const fields = touchedFields(this.getUpdate())
  if (!fields.some((field) => SEARCHED_FIELDS.test(field))) return
  if (fields.includes('status')) {
    // Before the mark: the sync clears the entry only after it has dropped the supplier.
    const after = await this.model
      .findById(organizationId)
      .select('kind status')
      .lean<{ kind: string; status: string }>()
    if (after?.kind === 'supplier') await noteSupplierStatus(organizationId, after.status)
  }
  await markProfileForSearchById(organizationId)
})

type IdentityQuery = { _identityBefore?: { name: string; taxCode?: string | null } | null }

// A changed legal name or tax code of a verified organisation sends it back to the staff's
// verification queue (models/staff/verification.ts): the badge was given to the old identity.
organizationSchema.pre(['updateOne', 'findOneAndUpdate'], async function () {
  const organizationId = organizationIdOfFilter(this.getFilter() as Record<string, unknown>)
  const fields = touchedFields(this.getUpdate())
  if (!organizationId || !fields.some((field) => field === 'name' || field === 'taxCode')) return
  const before = await this.model.findById(organizationId).select('name taxCode').lean<{
    name: string
    taxCode?: string | null
  }>()
  ;(this as unknown as IdentityQuery)._identityBefore = before
})
organizationSchema.post(['updateOne', 'findOneAndUpdate'], async function () {
  const before = (this as unknown as IdentityQuery)._identityBefore
  const organizationId = organizationIdOfFilter(this.getFilter() as Record<string, unknown>)
  if (!before || !organizationId) return
  const after = await this.model.findById(organizationId).select('name taxCode').lean<{
    name: string
    taxCode?: string | null
  }>()
  if (!after || (after.name === before.name && (after.taxCode ?? '') === (before.taxCode ?? '')))
    return
  // Imported when needed: the staff model imports this one.
  const { requeueAfterIdentityChange } = await import('#models/staff/verification.ts')
  await requeueAfterIdentityChange(organizationId)
})

// Tax code → organisation key documents (models/staff/import.ts), so the supplier-list import
// finds a firm by its MST with a point read. Imported when needed: that model imports this one.
organizationSchema.post('save', async function (organization) {
  if (!organization.taxCode) return
  const { writeTaxKey } = await import('#models/staff/import.ts')
  await writeTaxKey(organization.taxCode, organization._id)
})

// Slug → supplier key documents (organization-slug.ts): a supplier page is a point read, and a
// slug without a key is "no such supplier" without a scan. Imported when needed, like the above.
organizationSchema.post('save', async function (organization) {
  if (organization.kind !== 'supplier') return
  const { recordOrganizationSlugs } = await import('./organization-slug.ts')
  await recordOrganizationSlugs([{ slug: organization.slug, organization: organization._id }])
})

export const Organization = defineModel('Organization', organizationSchema)

/** Every supplier's id and slug, one cursor (the slug keys' start-up backfill). */
export function supplierSlugs(): AsyncIterable<{ _id: Types.ObjectId; slug: string }> {
  return Organization.find({ kind: 'supplier' })
    .select('slug')
    .lean<{ _id: Types.ObjectId; slug: string }>()
    .cursor()
}

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

/**
 * Sets (or, with null, clears) the organisation's logo in one atomic write and returns the logo
 * it replaced, for the caller to remove: two uploads at once each get back the one they
 * displaced, so no file is left behind or removed while still shown.
 */
export async function setLogo(
  organizationId: Types.ObjectId,
  fileId: Types.ObjectId | null,
): Promise<Types.ObjectId | null> {
  const before = await Organization.findOneAndUpdate(
    { _id: organizationId },
    fileId ? { $set: { logo: fileId } } : { $unset: { logo: 1 } },
    // No projection: FerretDB 1.24 does not implement `fields` on findAndModify.
    { returnDocument: 'before' },
  ).lean()
  return before?.logo ?? null
}

export interface LogoKeys {
  /** The largest variant (512 px wide, or the image's own width when narrower). */
  large: string
  /** The smallest variant (128 px wide, or the image's own width when narrower). */
  small: string
}

/**
 * Storage keys of the logos of these organisations, by organisation id. Those without a logo are
 * left out, and so are hidden and suspended ones unless the viewer is their own member: /files
 * serves their logos to no one outside.
 */
export async function logoKeysOf(
  organizations: ReadonlyArray<{
    _id: Types.ObjectId
    status: string
    logo?: Types.ObjectId | null
  }>,
  options: { viewerIsMember?: boolean } = {},
): Promise<Map<string, LogoKeys>> {
  const withLogo = organizations.filter(
    (organization) =>
      organization.logo && (options.viewerIsMember || organization.status === 'active'),
  )
  if (withLogo.length === 0) return new Map()
  // One point read per logo (an `$in` reads the whole collection on FerretDB, decision 010).
  const files = await Promise.all(
    withLogo.map((organization) =>
      StoredFile.findById(organization.logo)
        .select('organization storageKey variants purpose')
        .lean(),
    ),
  )
  const keys = new Map<string, LogoKeys>()
  for (const [index, organization] of withLogo.entries()) {
    // Only the organisation's own file: a reference to another's is never shown as its logo.
    const file = files[index]
    if (!file || file.purpose !== 'logo' || !file.organization.equals(organization._id)) continue
    keys.set(organization._id.toHexString(), {
      large: file.storageKey,
      small: file.variants?.at(-1)?.storageKey ?? file.storageKey,
    })
  }
  return keys
}

/** The organisation with this id, or null (also for no id). */
export async function findOrganizationById(id: Types.ObjectId | string | null | undefined) {
  return Organization.findById(id)
}

/** Whether an organisation has this tax code already (tax codes are public, so this may be told). */
export async function taxCodeRegistered(taxCode: string): Promise<boolean> {
  return Boolean(await Organization.exists({ taxCode }))
}

/** What a chat page shows of the other organisation: name, link, logo (lean, or null). */
export async function organizationSummary(id: Types.ObjectId) {
  return Organization.findById(id).select('name tradeName slug kind status logo').lean()
}
