import { describe, expect, it } from 'vitest'
import { codes } from '#models/taxonomy/index.ts'
import {
  candidateFromCard,
  describeReason,
  hasProvinceCentre,
  provinceDistanceKm,
  rankCandidates,
  withCodesFromText,
  type MatchReason,
} from './index.ts'

describe('provinceDistanceKm', () => {
  it('knows every province of the taxonomy', () => {
    for (const code of codes('provinces')) expect(hasProvinceCentre(code)).toBe(true)
  })

  it('gives plausible great-circle distances, symmetric, 0 for the same province', () => {
    expect(provinceDistanceKm('ha-noi', 'ha-noi')).toBe(0)
    const hanoiSaigon = provinceDistanceKm('ha-noi', 'ho-chi-minh')!
    expect(hanoiSaigon).toBeGreaterThan(1100)
    expect(hanoiSaigon).toBeLessThan(1200)
    expect(provinceDistanceKm('ho-chi-minh', 'ha-noi')).toBe(hanoiSaigon)
    expect(provinceDistanceKm('ha-noi', 'bac-ninh')).toBeLessThan(50)
    expect(provinceDistanceKm('ha-noi', 'unspecified')).toBeUndefined()
  })
})

describe('candidateFromCard', () => {
  const now = new Date('2026-12-02T00:00:00Z')
  it('resolves the stored province, drops expired certifications, keeps the extras', () => {
    const candidate = candidateFromCard(
      {
        _id: { toHexString: () => '65a000000000000000000001' },
        tradeName: 'Saigon Precision',
        province: 'Bình Dương',
        processes: ['cnc-machining'],
        certifications: [
          { standard: 'iso-9001', validUntil: new Date('2027-01-01') },
          { standard: 'iatf-16949', validUntil: new Date('2026-01-01') },
          { standard: 'iso-14001', validUntil: null },
        ],
      },
      { verified: true, name: 'Công ty Chính Xác Sài Gòn', responseHours: 12 },
      now,
    )
    expect(candidate).toMatchObject({
      id: '65a000000000000000000001',
      province: 'ho-chi-minh',
      region: 'south',
      process: ['cnc-machining'],
      certification: ['iso-9001', 'iso-14001'],
      verified: true,
      responseHours: 12,
      name: { vi: 'Công ty Chính Xác Sài Gòn', en: 'Saigon Precision' },
    })
  })

  it('leaves an unknown province null', () => {
    expect(candidateFromCard({ _id: 'x', province: 'Atlantis' }).province).toBeNull()
  })
})

describe('withCodesFromText', () => {
  it('adds the codes a text names to those chosen by hand', () => {
    const need = withCodesFromText({
      processes: ['welding'],
      text: 'Cần dập kim loại, có IATF 16949',
    })
    expect(need.processes).toEqual(expect.arrayContaining(['welding', 'metal-stamping']))
    expect(need.certifications).toContain('iatf-16949')
  })

  it('leaves a need without text unchanged', () => {
    const need = { processes: ['welding'] }
    expect(withCodesFromText(need)).toBe(need)
  })
})

describe('describeReason', () => {
  const reasons: MatchReason[] = [
    { code: 'sector', values: ['automotive'] },
    { code: 'process', values: ['metal-stamping', 'deep-drawing'] },
    { code: 'material', values: ['stainless-steel'] },
    { code: 'certification-held', values: ['iatf-16949'] },
    { code: 'certification-missing', values: ['iso-14001'] },
    { code: 'verified' },
    { code: 'not-verified' },
    { code: 'region', region: 'north', province: 'bac-ninh', distanceKm: 40 },
    { code: 'region', region: 'south', province: 'dong-nai', distanceKm: 0 },
    { code: 'region', region: 'central' },
    { code: 'language', values: ['en', 'ja'] },
    { code: 'responsive', hours: 6 },
    { code: 'text', values: ['brackets'] },
  ]

  it('says every reason in both languages, with labels, not codes', () => {
    for (const reason of reasons) {
      const vi = describeReason(reason, 'vi')
      const en = describeReason(reason, 'en')
      expect(vi).not.toBe('')
      expect(en).not.toBe('')
      expect(vi).not.toBe(en)
      expect(en).not.toMatch(/metal-stamping|iatf-16949|bac-ninh/)
    }
  })

  it('reads as the issue asks', () => {
    expect(describeReason(reasons[1]!, 'en')).toMatch(/^Makes metal stamping.* and deep drawing/i)
    expect(describeReason(reasons[3]!, 'en')).toMatch(/^Holds IATF 16949/)
    expect(describeReason(reasons[5]!, 'en')).toBe('Verified by the programme')
    expect(describeReason(reasons[7]!, 'en')).toBe('In the North, 40 km from the delivery province')
    expect(describeReason(reasons[7]!, 'vi')).toBe('Ở Miền Bắc, cách tỉnh nhận hàng 40 km')
    expect(describeReason(reasons[8]!, 'en')).toBe('In Dong Nai, the delivery province')
    expect(describeReason(reasons[10]!, 'vi')).toBe('Làm việc bằng tiếng Anh và tiếng Nhật')
    expect(describeReason(reasons[11]!, 'en')).toBe('Answers within a day')
  })
})

describe('search documents as candidates', () => {
  it('ranks a search-document-shaped object as is', () => {
    const document = {
      id: 'doc',
      slug: 'doc',
      name: { vi: 'A', en: 'A' },
      description: { vi: '', en: '' },
      products: [],
      taxonomyLabels: [],
      sector: [],
      process: ['welding'],
      material: [],
      certification: [],
      province: 'ha-noi',
      region: 'north',
      employeeBand: 'unspecified',
      exportMarket: [],
      verified: true,
      featured: false,
      updatedAt: 0,
    }
    expect(rankCandidates({ processes: ['welding'] }, [document])[0]?.id).toBe('doc')
  })
})
