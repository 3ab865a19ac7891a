import type { Types } from 'mongoose'
import { findTerm, resolveProvince } from '#models/taxonomy/index.ts'
import type { SupplierSearchDocument } from './documents.ts'
import { searchBarGaps } from './profile-bar.ts'
import { taxonomyLabelsFor } from './taxonomy-synonyms.ts'

/**
 * How a supplier becomes a search document: the organization (name, slug, status,
 * verification) and its profile (everything else), read separately — FerretDB has no $lookup.
 * Pure: the caller reads, this decides.
 */

/** Province, region or employee band the supplier has not given (the fields are optional). */
export const UNSPECIFIED = 'unspecified'

type Bilingual = { vi?: string | null; en?: string | null } | null | undefined

/** What is read of an organization; a Mongoose document or a lean object will do. */
export interface SearchableOrganization {
  _id: Types.ObjectId
  kind: string
  status: string
  name: string
  tradeName?: string | null
  slug: string
  province?: string | null
  verification?: { state?: string | null } | null
  updatedAt?: Date | null
  /**
   * Whether a member has confirmed their e-mail (models/accounts/email-verified.ts); undefined:
   * no member (an imported firm nobody has claimed) or not read, and then not checked.
   */
  emailVerified?: boolean
  /** Supplier Premium: shown in the labelled sponsored slot (models/billing). */
  featured?: boolean
  /**
   * "Answers within a day", as the daily job last computed it
   * (models/sourcing/response-figures.ts); undefined or null: no figure.
   */
  answeredWithinDay?: { share: number; conversations: number } | null
}

/** What is read of a supplier profile; a Mongoose document or a lean object will do. */
export interface SearchableProfile {
  organization: Types.ObjectId
  tradeName?: string | null
  description?: Bilingual
  employeeBand?: string | null
  province?: string | null
  sectors?: readonly string[] | null
  processes?: readonly string[] | null
  materials?: readonly string[] | null
  products?: ReadonlyArray<{ name?: Bilingual; description?: Bilingual }> | null
  certifications?: ReadonlyArray<{ standard?: string | null; validUntil?: Date | null }> | null
  exportMarkets?: readonly string[] | null
  updatedAt?: Date | null
}

// The document schema's caps (documents.ts): staying inside them means a supplier's own data
// can never make a batch fail validation and block the queue.
const MAX_TEXT = 20_000
const MAX_CODE = 100
const MAX_PRODUCT_TEXTS = 500

/**
 * Whether the supplier belongs in the index at all: a supplier organization that is active
 * (not hidden or suspended), with a profile. A deleted organization or profile is absent.
 */
export function isSearchable(
  organization: Pick<SearchableOrganization, '_id' | 'kind' | 'status'> | null | undefined,
  profile: Pick<SearchableProfile, 'organization'> | null | undefined,
): boolean {
  return Boolean(
    organization &&
    profile &&
    organization.kind === 'supplier' &&
    organization.status === 'active' &&
    organization._id.equals(profile.organization),
  )
}

/**
 * The minimum profile bar (profile-bar.ts): empty sign-ups, and sign-ups whose e-mail no member
 * has confirmed, stay out of search. The caller reads `organization.emailVerified`
 * (models/accounts/email-verified.ts); left undefined it is not checked.
 */
export function meetsSearchBar(
  organization: Pick<SearchableOrganization, 'name' | 'tradeName' | 'emailVerified'>,
  profile: Pick<SearchableProfile, 'tradeName' | 'sectors' | 'processes' | 'products'>,
): boolean {
  const gaps = searchBarGaps({
    name: organization.name,
    tradeName: profile.tradeName || organization.tradeName,
    sectors: profile.sectors,
    processes: profile.processes,
    products: profile.products,
    emailVerified: organization.emailVerified,
  })
  return gaps.length === 0
}

/**
 * The version the index keeps (`updatedAt`, epoch ms) and the reconcile job compares: the later
 * of the two writes the document is made of.
 */
export function searchVersion(
  organization: Pick<SearchableOrganization, 'updatedAt'>,
  profile: Pick<SearchableProfile, 'updatedAt'>,
): number {
  return Math.max(organization.updatedAt?.getTime() ?? 0, profile.updatedAt?.getTime() ?? 0)
}

/**
 * The supplier's search document, or null when the supplier must not be found (see
 * `isSearchable`): the caller then deletes the id from the engine. `now` decides which
 * certifications are still valid.
 */
export function toSupplierSearchDocument(
  organization: SearchableOrganization | null | undefined,
  profile: SearchableProfile | null | undefined,
  now: Date,
): SupplierSearchDocument | null {
  if (!organization || !profile || !isSearchable(organization, profile)) return null
  if (!meetsSearchBar(organization, profile)) return null
  const province = provinceOf(profile.province) ?? provinceOf(organization.province)
  const codes = {
    sector: codeList(profile.sectors, 50),
    process: codeList(profile.processes, 200),
    material: codeList(profile.materials, 200),
    certification: codeList(
      (profile.certifications ?? [])
        .filter(({ validUntil }) => !validUntil || validUntil.getTime() > now.getTime())
        .map(({ standard }) => standard),
      100,
    ),
    province: province?.code ?? UNSPECIFIED,
    exportMarket: codeList(profile.exportMarkets, 250),
  }
  return {
    id: organization._id.toHexString(),
    slug: organization.slug,
    // The registered name is Vietnamese; the trade name is the one used abroad, mostly English.
    name: {
      vi: clip(organization.name),
      en: clip(profile.tradeName || organization.tradeName || ''),
    },
    description: {
      vi: clip(profile.description?.vi ?? ''),
      en: clip(profile.description?.en ?? ''),
    },
    products: (profile.products ?? [])
      .flatMap(({ name, description }) => [name?.vi, name?.en, description?.vi, description?.en])
      .map((text) => clip(text?.trim() ?? ''))
      .filter((text) => text !== '')
      .slice(0, MAX_PRODUCT_TEXTS),
    taxonomyLabels: taxonomyLabelsFor(codes),
    ...codes,
    region: province?.region ?? UNSPECIFIED,
    employeeBand: findTerm('employeeBands', profile.employeeBand ?? '')?.code ?? UNSPECIFIED,
    verified: organization.verification?.state === 'verified',
    // Paid placement (Supplier Premium): a filter for the sponsored slot, never a ranking signal.
    featured: organization.featured === true,
    updatedAt: searchVersion(organization, profile),
    // For the sourcing matcher, which scores candidates from their documents (decision 014).
    ...answeredOf(organization.answeredWithinDay),
  }
}

function answeredOf(figure: SearchableOrganization['answeredWithinDay']) {
  if (!figure) return {}
  const { share, conversations } = figure
  if (!(share >= 0 && share <= 1) || !Number.isInteger(conversations) || conversations < 0)
    return {}
  return { answeredWithinDay: { share, conversations } }
}

/** A stored province: a code, or (imported data) a name, old or new, that resolves to one. */
function provinceOf(value: string | null | undefined) {
  if (!value) return undefined
  return findTerm('provinces', value) ?? resolveProvince(value)
}

function codeList(
  values: ReadonlyArray<string | null | undefined> | null | undefined,
  max: number,
) {
  const codes = new Set<string>()
  for (const value of values ?? []) {
    const code = value?.trim()
    if (code && code.length <= MAX_CODE) codes.add(code)
  }
  return [...codes].slice(0, max)
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text
}
