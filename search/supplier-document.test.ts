import { Types } from 'mongoose'
import { describe, expect, it } from 'vitest'
import { supplierSearchDocumentSchema } from './documents.ts'
import {
  toSupplierSearchDocument,
  UNSPECIFIED,
  type SearchableOrganization,
  type SearchableProfile,
} from './supplier-document.ts'

const now = new Date('2026-03-01T00:00:00Z')
const id = new Types.ObjectId()

function organization(overrides: Partial<SearchableOrganization> = {}): SearchableOrganization {
  return {
    _id: id,
    kind: 'supplier',
    status: 'active',
    name: 'Công ty TNHH Cơ khí Đông Á',
    slug: 'co-khi-dong-a-3f9k2a',
    verification: { state: 'verified' },
    updatedAt: new Date('2026-01-10T00:00:00Z'),
    ...overrides,
  }
}

function profile(overrides: Partial<SearchableProfile> = {}): SearchableProfile {
  return {
    organization: id,
    tradeName: 'Dong A Mechanical',
    description: { vi: 'Dập khuôn kim loại', en: 'Metal stamping' },
    employeeBand: '50-199',
    province: 'bac-ninh',
    sectors: ['automotive'],
    processes: ['metal-stamping', 'metal-stamping'],
    materials: ['carbon-steel'],
    products: [
      { name: { vi: 'Giá đỡ', en: 'Bracket' }, description: { vi: '', en: 'Zinc plated' } },
    ],
    certifications: [
      { standard: 'iso-9001', validUntil: new Date('2026-02-28T23:59:59Z') },
      { standard: 'iso-14001', validUntil: new Date('2027-01-01T00:00:00Z') },
      { standard: 'iatf-16949' },
    ],
    exportMarkets: ['JP'],
    updatedAt: new Date('2026-02-01T00:00:00Z'),
    ...overrides,
  }
}

describe('toSupplierSearchDocument', () => {
  it('builds a valid document from the organization and its profile', () => {
    const document = toSupplierSearchDocument(organization(), profile(), now)!
    expect(supplierSearchDocumentSchema.safeParse(document).success).toBe(true)
    expect(document).toMatchObject({
      id: id.toHexString(),
      slug: 'co-khi-dong-a-3f9k2a',
      name: { vi: 'Công ty TNHH Cơ khí Đông Á', en: 'Dong A Mechanical' },
      description: { vi: 'Dập khuôn kim loại', en: 'Metal stamping' },
      products: ['Giá đỡ', 'Bracket', 'Zinc plated'],
      sector: ['automotive'],
      process: ['metal-stamping'],
      // Expired the day before `now`: not a certification the supplier holds any more.
      certification: ['iso-14001', 'iatf-16949'],
      province: 'bac-ninh',
      region: 'north',
      employeeBand: '50-199',
      exportMarket: ['JP'],
      verified: true,
      featured: false,
      updatedAt: new Date('2026-02-01T00:00:00Z').getTime(),
    })
    expect(document.taxonomyLabels).toEqual(
      expect.arrayContaining(['Bắc Ninh', 'ISO 14001', 'Nhật Bản', 'Japan']),
    )
    expect(document.taxonomyLabels).not.toContain('ISO 9001')
  })

  it('takes the later of the two writes as the version', () => {
    const later = new Date('2026-02-20T00:00:00Z')
    expect(
      toSupplierSearchDocument(organization({ updatedAt: later }), profile(), now),
    ).toMatchObject({ updatedAt: later.getTime() })
  })

  it("falls back to the organization's province, resolves old names, and says what is missing", () => {
    expect(
      toSupplierSearchDocument(
        organization({ province: 'Bình Dương' }),
        profile({ province: null, employeeBand: null }),
        now,
      ),
    ).toMatchObject({ province: 'ho-chi-minh', region: 'south', employeeBand: UNSPECIFIED })
    // The least a profile may have to be found (profile-bar.ts): a sector and a process.
    const bare = toSupplierSearchDocument(
      organization({ verification: null }),
      { organization: id, sectors: ['mechanical'], processes: ['welding'] },
      now,
    )!
    expect(bare).toMatchObject({
      province: UNSPECIFIED,
      region: UNSPECIFIED,
      employeeBand: UNSPECIFIED,
      verified: false,
      products: [],
      certification: [],
    })
    expect(supplierSearchDocumentSchema.safeParse(bare).success).toBe(true)
  })

  it('leaves out suppliers that must not be found', () => {
    expect(toSupplierSearchDocument(organization({ status: 'hidden' }), profile(), now)).toBeNull()
    expect(
      toSupplierSearchDocument(organization({ status: 'suspended' }), profile(), now),
    ).toBeNull()
    expect(toSupplierSearchDocument(organization({ kind: 'buyer' }), profile(), now)).toBeNull()
    expect(toSupplierSearchDocument(undefined, profile(), now)).toBeNull()
    // Below the minimum profile bar: no sector, process or product.
    expect(toSupplierSearchDocument(organization(), { organization: id }, now)).toBeNull()
    expect(toSupplierSearchDocument(organization(), null, now)).toBeNull()
    expect(
      toSupplierSearchDocument(
        organization(),
        profile({ organization: new Types.ObjectId() }),
        now,
      ),
    ).toBeNull()
  })

  it('stays inside the document limits whatever the profile holds', () => {
    const document = toSupplierSearchDocument(
      organization(),
      profile({
        description: { vi: 'x'.repeat(30_000), en: null },
        products: Array.from({ length: 300 }, () => ({ name: { vi: 'a', en: 'b' } })),
        processes: [' ', '', 'y'.repeat(101), 'cnc-milling'],
      }),
      now,
    )!
    expect(supplierSearchDocumentSchema.safeParse(document).success).toBe(true)
    expect(document.process).toEqual(['cnc-milling'])
    expect(document.products).toHaveLength(500)
  })
})
