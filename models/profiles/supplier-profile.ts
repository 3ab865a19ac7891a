import { Schema, type Types } from 'mongoose'
import type { TranslationKey } from '#models/i18n/index.ts'
import { enqueueSearchChanges, keysOfFilter, setsSearchMarker } from './search-outbox.ts'
import type { ProfileSection } from '#models/profiles/supplier-profile-schemas.ts'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import { findSupplierCard } from './supplier-card.ts'

const bilingualText = { vi: { type: String, default: '' }, en: { type: String, default: '' } }

/**
 * A supplier's capability profile, one per supplier organisation. Every write goes through
 * `writeProfile` (used by `saveProfileSection` and the media functions), which marks the document
 * for search in the same single-document update (`search.pendingSince`): the search outbox cannot
 * miss a change that was stored.
 */
const supplierProfileSchema = new Schema(
  {
    organization: {
      type: Schema.Types.ObjectId,
      ref: 'Organization',
      required: true,
      unique: true,
    },
    tradeName: String,
    description: bilingualText,
    website: String,
    foundedYear: Number,
    employeeBand: String,
    ownership: String,
    province: { type: String, index: true },
    address: bilingualText,
    businessType: String,
    languages: [String],
    sectors: [String],
    processes: [String],
    materials: [String],
    subcontractedProcesses: [String],
    monthlyCapacity: bilingualText,
    equipment: [{ name: bilingualText, quantity: Number }],
    products: [
      {
        name: bilingualText,
        hsCode: String,
        description: bilingualText,
        minimumOrder: String,
        leadTimeDays: Number,
        images: [{ type: Schema.Types.ObjectId, ref: 'StoredFile' }],
      },
    ],
    certifications: [
      {
        standard: { type: String, required: true },
        number: String,
        issuer: String,
        scope: bilingualText,
        validUntil: Date,
        evidenceFile: { type: Schema.Types.ObjectId, ref: 'StoredFile' },
        verifiedAt: Date,
        verifiedBy: { type: Schema.Types.ObjectId, ref: 'User' },
      },
    ],
    exportMarkets: [String],
    keyCustomers: [String],
    photos: [{ type: Schema.Types.ObjectId, ref: 'StoredFile' }],
    catalogues: [{ type: Schema.Types.ObjectId, ref: 'StoredFile' }],
    search: { pendingSince: { type: Date, index: true } },
  },
  { timestamps: true },
)

// Every write that marks a profile for search also queues it for the sync (search-outbox.ts),
// whoever makes it: the editor, the media routes, the seed, the sync's own repairs.
supplierProfileSchema.post(['updateOne', 'updateMany', 'findOneAndUpdate'], async function () {
  if (!setsSearchMarker(this.getUpdate())) return
  await enqueueSearchChanges(keysOfFilter(this.getFilter()))
})
supplierProfileSchema.post('save', async function (profile) {
  if (profile.search?.pendingSince) {
    await enqueueSearchChanges([{ profile: profile._id, organization: profile.organization }])
  }
})
supplierProfileSchema.post('insertMany', async function (profiles: unknown) {
  const marked = (
    (Array.isArray(profiles) ? profiles : []) as Array<{
      _id: Types.ObjectId
      organization: Types.ObjectId
      search?: { pendingSince?: Date | null }
    }>
  ).filter((profile) => profile.search?.pendingSince)
  await enqueueSearchChanges(
    marked.map((profile) => ({ profile: profile._id, organization: profile.organization })),
  )
})

export const SupplierProfile = defineModel('SupplierProfile', supplierProfileSchema)

export async function profileFor(
  organizationId: Types.ObjectId,
  defaults: { province?: string | null } = {},
) {
  // Derived id (decision 010): the profile of an organisation is a point read.
  const existing = await SupplierProfile.findById(organizationId)
  if (existing?.organization.equals(organizationId)) return existing
  try {
    return await SupplierProfile.create({
      _id: organizationId,
      organization: organizationId,
      province: defaults.province ?? undefined,
      search: { pendingSince: new Date() },
    })
  } catch (error) {
    if (!isDuplicateKeyServerError(error)) throw error
    // Created concurrently by another request (same `_id`), or a profile made before derived
    // ids (the unique `organization` index refuses a second one): found through its search
    // card when it has one, by a query on the organisation only as the last resort.
    const concurrent = await SupplierProfile.findById(organizationId)
    if (concurrent) return concurrent
    const card = await findSupplierCard(organizationId)
    const legacy = card ? await SupplierProfile.findById(card.profile) : null
    if (legacy?.organization.equals(organizationId)) return legacy
    return (await SupplierProfile.findOne({ organization: organizationId }))!
  }
}

/** Saves one editor section and marks the profile for the search index in the same write. */
export async function saveProfileSection(
  organizationId: Types.ObjectId,
  section: ProfileSection,
  values: Record<string, unknown>,
): Promise<void> {
  const existing = await profileFor(organizationId)
  values = keepAttachedFiles(section, values, existing.toObject())
  const set: Record<string, unknown> = {}
  const unset: Record<string, 1> = {}
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === '') unset[key] = 1
    else set[key] = value
  }
  await writeProfile(
    { organization: organizationId },
    { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
  )
}

/** The update operators profile writes use; `$set` always gains the search marker. */
interface ProfileUpdate {
  $set?: Record<string, unknown>
  $unset?: Record<string, 1>
  $push?: Record<string, unknown>
  $pull?: Record<string, unknown>
}

/**
 * The one write path of a profile: the update and the search marker in one single-document
 * write, so the search outbox cannot miss a stored change.
 */
async function writeProfile(
  filter: { _id: Types.ObjectId } | { organization: Types.ObjectId },
  update: ProfileUpdate,
): Promise<void> {
  await SupplierProfile.updateOne(filter, {
    ...update,
    $set: { ...update.$set, 'search.pendingSince': new Date() },
  })
}

/** Adds an uploaded photo or catalogue to the end of its list. */
export async function addProfileMedia(
  profileId: Types.ObjectId,
  field: 'photos' | 'catalogues',
  fileId: Types.ObjectId,
): Promise<void> {
  await writeProfile({ _id: profileId }, { $push: { [field]: fileId } })
}

/** Takes a file off the photo and catalogue lists; the caller removes the file itself. */
export async function removeProfileMedia(
  profileId: Types.ObjectId,
  fileId: Types.ObjectId,
): Promise<void> {
  await writeProfile({ _id: profileId }, { $pull: { photos: fileId, catalogues: fileId } })
}

/**
 * Replaces the product and certification lists whole (with an image or evidence file attached):
 * FerretDB 1.24 has no positional `$` updates in arrays.
 */
export async function saveProfileItems(
  profileId: Types.ObjectId,
  lists: { products: unknown[]; certifications: unknown[] },
): Promise<void> {
  await writeProfile(
    { _id: profileId },
    { $set: { products: lists.products, certifications: lists.certifications } },
  )
}

type StoredItem = {
  _id: Types.ObjectId
  images?: Types.ObjectId[]
  evidenceFile?: Types.ObjectId | null
  standard?: string
  number?: string | null
  verifiedAt?: Date | null
  verifiedBy?: Types.ObjectId | null
}

/**
 * The editor's lists carry each stored item's id: an edited product keeps its images, an
 * edited certificate its evidence file, and its staff verification unless standard or number
 * changed (then it must be verified again). New items get new ids.
 */
function keepAttachedFiles(
  section: ProfileSection,
  values: Record<string, unknown>,
  existing: { products?: StoredItem[]; certifications?: StoredItem[] },
): Record<string, unknown> {
  if (section !== 'products' && section !== 'certifications') return values
  const stored = new Map((existing[section] ?? []).map((item) => [item._id.toHexString(), item]))
  const items =
    (values[section] as Array<Record<string, unknown> & { id?: string }> | undefined) ?? []
  return {
    ...values,
    [section]: items.map(({ id, ...item }) => {
      const previous = id ? stored.get(id) : undefined
      if (!previous) return item
      if (section === 'products')
        return { ...item, _id: previous._id, images: previous.images ?? [] }
      const sameCertificate =
        previous.standard === item.standard && (previous.number ?? '') === (item.number ?? '')
      return {
        ...item,
        _id: previous._id,
        evidenceFile: previous.evidenceFile ?? undefined,
        ...(sameCertificate
          ? {
              verifiedAt: previous.verifiedAt ?? undefined,
              verifiedBy: previous.verifiedBy ?? undefined,
            }
          : {}),
      }
    }),
  }
}

/** Marks a profile for re-indexing without changing it (visibility or verification changed). */
export async function markProfileForSearch(organizationId: Types.ObjectId): Promise<void> {
  await writeProfile({ organization: organizationId }, {})
}

/**
 * The same by the profile's derived id (the organisation's id): a point read and write, for
 * request paths. Creates nothing: an organisation without a profile has nothing to index.
 */
export async function markProfileForSearchById(organizationId: Types.ObjectId): Promise<void> {
  await SupplierProfile.updateOne(
    { _id: organizationId },
    { $set: { 'search.pendingSince': new Date() } },
  )
}

type ProfileShape = {
  description?: { vi?: string | null; en?: string | null } | null
  sectors?: string[]
  processes?: string[]
  materials?: string[]
  products?: unknown[]
  certifications?: unknown[]
  exportMarkets?: string[]
  province?: string | null
  employeeBand?: string | null
  foundedYear?: number | null
  monthlyCapacity?: { vi?: string | null; en?: string | null } | null
  equipment?: unknown[]
  photos?: unknown[]
}

/** What a complete profile has, and the translation key that names each missing piece. */
const completenessChecks: Array<[TranslationKey, (profile: ProfileShape) => boolean]> = [
  ['profile.missing.descriptionVi', (p) => Boolean(p.description?.vi)],
  ['profile.missing.descriptionEn', (p) => Boolean(p.description?.en)],
  ['profile.missing.province', (p) => Boolean(p.province)],
  ['profile.missing.employeeBand', (p) => Boolean(p.employeeBand)],
  ['profile.missing.foundedYear', (p) => Boolean(p.foundedYear)],
  ['profile.missing.sectors', (p) => Boolean(p.sectors?.length)],
  ['profile.missing.processes', (p) => Boolean(p.processes?.length)],
  ['profile.missing.materials', (p) => Boolean(p.materials?.length)],
  ['profile.missing.capacity', (p) => Boolean(p.monthlyCapacity?.vi || p.monthlyCapacity?.en)],
  ['profile.missing.equipment', (p) => Boolean(p.equipment?.length)],
  ['profile.missing.products', (p) => Boolean(p.products?.length)],
  ['profile.missing.certifications', (p) => Boolean(p.certifications?.length)],
  ['profile.missing.exportMarkets', (p) => Boolean(p.exportMarkets?.length)],
]

/** How many checks the meter has (pages may add their own, such as the logo). */
export const completenessCheckCount = completenessChecks.length

export function profileCompleteness(profile: ProfileShape): {
  percent: number
  missing: TranslationKey[]
} {
  const missing = completenessChecks.filter(([, present]) => !present(profile)).map(([key]) => key)
  return {
    percent: Math.round(
      (100 * (completenessChecks.length - missing.length)) / completenessChecks.length,
    ),
    missing,
  }
}
