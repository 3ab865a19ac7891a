import { afterEach, describe, expect, it, vi } from 'vitest'
import { isCode } from '#models/taxonomy/index.ts'
import { TAX_CODE_PATTERN } from '#models/accounts/roles.ts'
import { profileSections } from '#models/profiles/supplier-profile-schemas.ts'
import {
  createRandom,
  DEMO_HUB_PROVINCES,
  generateBuyers,
  generateSuppliers,
  isValidMst,
  mstCheckDigit,
  type DemoSupplierProfile,
} from './demo-data.ts'

const context = { seed: 42, baseDate: new Date('2026-01-01T00:00:00Z') }
const suppliers = [...generateSuppliers(2_000, context)]
const vietnamese = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the seeded random generator', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next)
    expect(draw(7)).toEqual(draw(7))
    expect(draw(7)).not.toEqual(draw(8))
    expect(draw(7).every((value) => value >= 0 && value < 1)).toBe(true)
  })
})

describe('demo data', () => {
  it('is the same for the same seed and base date, and different for another seed', () => {
    const again = [...generateSuppliers(50, context)]
    expect(again).toEqual(suppliers.slice(0, 50))
    expect([...generateBuyers(50, context)]).toEqual([...generateBuyers(50, context)])
    const other = [...generateSuppliers(50, { ...context, seed: 43 })]
    expect(other.map((s) => s.organization.name)).not.toEqual(again.map((s) => s.organization.name))
    expect(other.map((s) => s.organization.taxCode)).not.toEqual(
      again.map((s) => s.organization.taxCode),
    )
  })

  it('gives each record its own stream: record 45 does not depend on how many come before', () => {
    expect([...generateSuppliers(5, context, 45)]).toEqual(suppliers.slice(45, 50))
  })

  it('uses neither Math.random nor the clock', () => {
    const random = vi.spyOn(Math, 'random')
    const now = vi.spyOn(Date, 'now')
    void [...generateSuppliers(200, context), ...generateBuyers(50, context)]
    expect(random).not.toHaveBeenCalled()
    expect(now).not.toHaveBeenCalled()
  })

  it('produces profiles that every section schema of the profile editor accepts unchanged', () => {
    const failures: string[] = []
    for (const [index, { profile }] of suppliers.entries()) {
      for (const [section, schema] of Object.entries(profileSections)) {
        const result = schema.safeParse(profile)
        if (!result.success) {
          failures.push(`supplier ${index}, ${section}: ${JSON.stringify(result.error.issues[0])}`)
          continue
        }
        // Parsing changes nothing: no trimming, defaults or coercion were needed.
        expect(result.data).toEqual(sectionFields(profile, Object.keys(schema.shape)))
      }
    }
    expect(failures.slice(0, 5)).toEqual([])
  })

  it('places suppliers in valid provinces, mostly in the industrial hubs', () => {
    const byProvince = new Map<string, number>()
    for (const { organization, profile } of suppliers) {
      expect(isCode('provinces', profile.province)).toBe(true)
      expect(organization.province).toBe(profile.province)
      byProvince.set(profile.province, (byProvince.get(profile.province) ?? 0) + 1)
    }
    const inHubs = DEMO_HUB_PROVINCES.reduce((sum, code) => sum + (byProvince.get(code) ?? 0), 0)
    expect(inHubs / suppliers.length).toBeGreaterThanOrEqual(0.6)
    const ranked = [...byProvince].sort((a, b) => b[1] - a[1]).map(([code]) => code)
    expect(ranked.slice(0, 2).sort()).toEqual(['ha-noi', 'ho-chi-minh'])
    expect(byProvince.size).toBeGreaterThan(25)
  })

  it('writes Vietnamese and English: names, descriptions, products, addresses', () => {
    for (const { organization, profile } of suppliers) {
      expect(organization.name).toMatch(/^(Công ty|Doanh nghiệp)/)
      expect(organization.name).toMatch(vietnamese)
      expect(organization.tradeName).not.toMatch(vietnamese)
      expect(profile.description.vi).toMatch(vietnamese)
      expect(profile.address.vi).toMatch(vietnamese)
      expect(profile.address.en).not.toMatch(vietnamese)
      expect(profile.products.length).toBeGreaterThan(0)
      for (const product of profile.products) {
        expect(product.name.vi).toMatch(vietnamese)
        expect(product.name.en).not.toMatch(vietnamese)
        expect(product.description.vi).not.toBe('')
        expect(product.description.en).not.toBe('')
      }
    }
    const withEnglish = suppliers.filter(({ profile }) => profile.description.en !== '')
    expect(withEnglish.length / suppliers.length).toBeGreaterThan(0.8)
    expect(withEnglish.length).toBeLessThan(suppliers.length)
  })

  it('keeps products, processes and materials consistent with one another', () => {
    for (const { profile } of suppliers) {
      expect(profile.processes.length).toBeGreaterThanOrEqual(2)
      expect(profile.materials.length).toBeGreaterThan(0)
      expect(new Set(profile.processes).size).toBe(profile.processes.length)
      for (const code of profile.subcontractedProcesses)
        expect(profile.processes).not.toContain(code)
    }
    const wireHarness = suppliers.flatMap(({ profile }) =>
      profile.products.filter((product) => product.name.en.includes('wire harness')),
    )
    expect(wireHarness.length).toBeGreaterThan(0)
    expect(wireHarness.every((product) => product.hsCode === '8544.30')).toBe(true)
  })

  it('lists certifications, some of them expired, and the year a firm was founded before it', () => {
    const certifications = suppliers.flatMap(({ profile }) => profile.certifications)
    const expired = certifications.filter((c) => c.validUntil && c.validUntil < context.baseDate)
    expect(expired.length).toBeGreaterThan(certifications.length * 0.1)
    expect(expired.length).toBeLessThan(certifications.length * 0.6)
    for (const { organization, profile } of suppliers) {
      expect(profile.foundedYear).toBeLessThan(2026)
      expect(organization.createdAt.getUTCFullYear()).toBeGreaterThanOrEqual(profile.foundedYear)
      expect(organization.createdAt.getTime()).toBeLessThanOrEqual(context.baseDate.getTime())
      expect(profile.search.pendingSince).toEqual(context.baseDate)
    }
  })

  it('gives 5,000 suppliers and 1,000 buyers unique slugs, tax codes and e-mails', () => {
    const many = [...generateSuppliers(5_000, context), ...generateBuyers(1_000, context)]
    const slugs = new Set(many.map((record) => record.organization.slug))
    const emails = new Set(many.map((record) => record.owner.email))
    const taxCodes = many.flatMap((record) => record.organization.taxCode ?? [])
    expect(slugs.size).toBe(many.length)
    expect(emails.size).toBe(many.length)
    expect(new Set(taxCodes).size).toBe(taxCodes.length)
    expect(taxCodes.length).toBeGreaterThan(5_000)
    for (const taxCode of taxCodes) {
      expect(taxCode).toMatch(TAX_CODE_PATTERN)
      expect(isValidMst(taxCode)).toBe(true)
    }
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9-]+-[0-9a-f]{6}$/)
  })

  it('makes buyers foreign firms and their Vietnamese subsidiaries', () => {
    const buyers = [...generateBuyers(500, context)]
    const countries = new Set(buyers.map((buyer) => buyer.organization.country))
    for (const country of ['JP', 'KR', 'US', 'DE', 'VN']) expect(countries).toContain(country)
    for (const { organization } of buyers) {
      expect(organization.kind).toBe('buyer')
      if (organization.country === 'VN') {
        expect(organization.name).toMatch(/^Công ty TNHH .+ Việt Nam$/)
        expect(DEMO_HUB_PROVINCES).toContain(organization.province)
        expect(isValidMst(organization.taxCode!)).toBe(true)
      } else {
        expect(organization.taxCode).toBeUndefined()
        expect(organization.province).toBeUndefined()
      }
    }
  })
})

describe('MST check digits', () => {
  it('accepts a published example and rejects a changed digit', () => {
    // The example of python-stdnum's and Lookuptax's documentation of the MST.
    expect(isValidMst('0314409058')).toBe(true)
    expect(isValidMst('0314409059')).toBe(false)
    expect(isValidMst('0300000000')).toBe(false)
    expect(mstCheckDigit('031440905')).toBe(8)
  })
})

function sectionFields(profile: DemoSupplierProfile, keys: string[]) {
  const fields: Record<string, unknown> = {}
  for (const key of keys) {
    const value = profile[key as keyof DemoSupplierProfile]
    // Whether staff verified a certificate is not part of what the supplier edits.
    fields[key] =
      key === 'certifications'
        ? profile.certifications.map(({ verifiedAt: _verifiedAt, ...rest }) => rest)
        : value
  }
  return fields
}
