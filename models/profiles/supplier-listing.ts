import { Types } from 'mongoose'
import { Organization } from '#models/accounts/organization.ts'
import {
  organizationIdForSlug,
  slugKeysComplete,
  recordOrganizationSlugs,
} from '#models/accounts/organization-slug.ts'
import { StoredFile } from '#models/files/stored-file.ts'
import { findTerm } from '#models/taxonomy/index.ts'
import type { SearchEngine } from '#search/engine.ts'
import { UNSPECIFIED } from '#search/supplier-document.ts'
import { cardSummary, findSupplierCard } from './supplier-card.ts'
import { withdrawnSupplierIds } from './withdrawn-suppliers.ts'

type ProfileText = { description?: { vi?: string | null; en?: string | null } | null }
import { SupplierProfile } from './supplier-profile.ts'

/**
 * What the public supplier pages read, by point reads only (decision 010): FerretDB 1.24 on
 * SQLite answers `{ _id }` from an index and scans the collection for anything else, and these
 * collections grow with the platform.
 */

const OBJECT_ID = /^[0-9a-f]{24}$/
const CARD_ORGANIZATION_FIELDS = 'kind status name tradeName slug province verification'

/** One supplier in a result list, without the engine's highlights. */
export interface PublicSupplierCard {
  id: string
  slug: string
  name: { vi: string; en: string }
  province: string | null
  region: string | null
  processes: string[]
  certifications: string[]
  verified: boolean
  sectors: string[]
  employeeBand: string | null
  exportMarkets: string[]
  /** The description's first words in each language (either may be empty). */
  summary: { vi: string; en: string }
}

interface CardOrganization {
  _id: Types.ObjectId
  kind: string
  status: string
  name: string
  tradeName?: string | null
  slug: string
  province?: string | null
  verification?: { state?: string | null } | null
}

/**
 * The cards of these suppliers (organisation ids from the search engine), in no order: two
 * point reads per id, the organisation (so a supplier hidden or suspended since it was indexed
 * is dropped at once) and its card (written by the search sync). A supplier indexed before
 * cards existed is shown from its profile, read by its derived id.
 */
export async function publicSupplierCards(
  ids: readonly string[],
  now = Date.now(),
): Promise<Map<string, PublicSupplierCard>> {
  const unique = [...new Set(ids)].filter((id) => OBJECT_ID.test(id))
  const cards = new Map<string, PublicSupplierCard>()
  await Promise.all(
    unique.map(async (id) => {
      const [organization, stored] = await Promise.all([
        Organization.findById(id, CARD_ORGANIZATION_FIELDS).lean<CardOrganization>(),
        findSupplierCard(new Types.ObjectId(id)),
      ])
      if (!organization || organization.kind !== 'supplier' || organization.status !== 'active') {
        return
      }
      const identity = {
        slug: organization.slug,
        name: organization.name,
        tradeName: organization.tradeName ?? '',
        province: organization.province ?? null,
        verified: organization.verification?.state === 'verified',
      }
      cards.set(id, await assembleCard(id, identity, stored, now))
    }),
  )
  return cards
}

/** What a result card shows, as the index holds it (search/supplier-document.ts). */
const CARD_DOCUMENT_FIELDS = [
  'slug',
  'name',
  'verified',
  'province',
  'region',
  'process',
  'certification',
  'sector',
  'employeeBand',
  'exportMarket',
  'description',
] as const

/**
 * The cards of the suppliers a search found, built from what the index holds of each
 * (`engine.documents`, in memory for the embedded engine): no read per hit. One read of the
 * withdrawn-supplier key (decision 014) drops a supplier hidden or suspended since it was
 * indexed, at once (confirmed by a read of that organisation). Certifications are those valid
 * when the supplier was last indexed; the hourly expiry sweep re-indexes a supplier whose
 * certificate lapsed (as the certification filter already works). Decision 019.
 */
export async function indexedSupplierCards(
  engine: Pick<SearchEngine, 'documents'>,
  ids: readonly string[],
): Promise<Map<string, PublicSupplierCard>> {
  const unique = [...new Set(ids)].filter((id) => OBJECT_ID.test(id))
  const cards = new Map<string, PublicSupplierCard>()
  if (unique.length === 0) return cards
  const [documents, withdrawn] = await Promise.all([
    engine.documents(unique, CARD_DOCUMENT_FIELDS),
    withdrawnSupplierIds(),
  ])
  await Promise.all(
    documents.map(async (document) => {
      const id = document.id
      if (withdrawn.has(id)) {
        const organization = await Organization.findById(id, 'kind status').lean<CardOrganization>()
        if (organization?.kind !== 'supplier' || organization.status !== 'active') return
      }
      if (!document.slug) return
      const built = cardsOfDocuments.get(document)
      if (built) return void cards.set(id, built)
      const specified = (code: string | undefined) => (code && code !== UNSPECIFIED ? code : null)
      const card: PublicSupplierCard = {
        id,
        slug: document.slug,
        name: { vi: document.name?.vi ?? '', en: document.name?.en ?? '' },
        province: specified(document.province),
        region: specified(document.province) ? specified(document.region) : null,
        processes: [...(document.process ?? [])],
        certifications: [...new Set(document.certification ?? [])],
        verified: document.verified === true,
        sectors: [...(document.sector ?? [])],
        employeeBand: specified(document.employeeBand),
        exportMarkets: [...(document.exportMarket ?? [])],
        summary: {
          vi: cardSummary(document.description?.vi),
          en: cardSummary(document.description?.en),
        },
      }
      // Shared by every search that shows this supplier until the next write: read-only.
      for (const inner of Object.values(card))
        if (inner && typeof inner === 'object') Object.freeze(inner)
      cardsOfDocuments.set(document, Object.freeze(card))
      cards.set(id, card)
    }),
  )
  return cards
}

/**
 * Cards by the engine's document they were built from: the embedded engine hands out the same
 * (frozen) document until its next write, so a repeated search builds no card again. Callers
 * copy a card before changing it (supplier-search.server.ts spreads it).
 */
const cardsOfDocuments = new WeakMap<object, PublicSupplierCard>()

async function assembleCard(
  id: string,
  identity: {
    slug: string
    name: string
    tradeName: string
    province: string | null
    verified: boolean
  },
  stored: Awaited<ReturnType<typeof findSupplierCard>>,
  now: number,
): Promise<PublicSupplierCard> {
  const source = stored ?? (await supplierProfileOf(new Types.ObjectId(id)))?.toObject()
  const province = source?.province || identity.province || null
  return {
    id,
    slug: identity.slug,
    // As the sync worker names the document (search/supplier-document.ts).
    name: { vi: identity.name, en: source?.tradeName || identity.tradeName || '' },
    province,
    region: province ? (findTerm('provinces', province)?.region ?? null) : null,
    processes: [...(source?.processes ?? [])],
    certifications: [
      ...new Set(
        (source?.certifications ?? [])
          .filter((certificate) => !certificate.validUntil || +certificate.validUntil >= now)
          .map((certificate) => certificate.standard),
      ),
    ],
    verified: identity.verified,
    sectors: [...(source?.sectors ?? [])],
    employeeBand: source?.employeeBand ?? null,
    exportMarkets: [...(source?.exportMarkets ?? [])],
    summary: stored
      ? { vi: stored.summary?.vi ?? '', en: stored.summary?.en ?? '' }
      : {
          vi: cardSummary((source as ProfileText | undefined)?.description?.vi),
          en: cardSummary((source as ProfileText | undefined)?.description?.en),
        },
  }
}

/**
 * A public supplier (active) by its slug, through the slug key. Until the slug keys' backfill
 * has run, a slug without a key (a supplier created before keys existed) is looked up once and
 * its key written, so the next visit is a point read; after it, a slug without a key is a miss.
 */
export async function findPublicSupplierBySlug(slug: string) {
  if (!slug || slug.length > 200) return null
  const id = await organizationIdForSlug(slug)
  let organization = id ? await Organization.findById(id) : null
  if (organization && organization.slug !== slug) organization = null
  // Once every supplier has its key, a slug without one is no supplier: no scan.
  if (!organization && !id && (await slugKeysComplete())) return null
  if (!organization) {
    organization = await Organization.findOne({ slug, kind: 'supplier' })
    if (organization) await recordOrganizationSlugs([{ slug, organization: organization._id }])
  }
  // Hidden and suspended suppliers do not exist for the public.
  if (!organization || organization.kind !== 'supplier' || organization.status !== 'active') {
    return null
  }
  return organization
}

/** The supplier's profile: by its derived id, else by the id its card remembers. */
export async function supplierProfileOf(organizationId: Types.ObjectId) {
  const derived = await SupplierProfile.findById(organizationId)
  if (derived) return derived
  const card = await findSupplierCard(organizationId)
  if (card) return SupplierProfile.findById(card.profile)
  // A profile created before ids were derived and not indexed since: the one query by
  // organisation left (a scan on FerretDB); the next sync round writes its card.
  return SupplierProfile.findOne({ organization: organizationId })
}

/** Stored files by id, one point read each (a `$in` scans the collection on FerretDB). */
export async function storedFilesByIds(ids: readonly Types.ObjectId[]) {
  const files = await Promise.all(ids.map((id) => StoredFile.findById(id)))
  return files.flatMap((file) => (file ? [file] : []))
}

/** The organisation's logo (its own file only), by a point read. */
export async function logoOf(organization: {
  _id: Types.ObjectId
  logo?: Types.ObjectId | null
}): Promise<{ large: string; small: string } | null> {
  if (!organization.logo) return null
  const file = await StoredFile.findById(
    organization.logo,
    'organization storageKey variants purpose',
  ).lean()
  if (!file || file.purpose !== 'logo' || !file.organization.equals(organization._id)) return null
  return { large: file.storageKey, small: file.variants?.at(-1)?.storageKey ?? file.storageKey }
}
