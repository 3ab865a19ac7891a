import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codes } from '#models/taxonomy/index.ts'
import {
  PREFERRED_VERIFIED_WEIGHT,
  WEIGHTS,
  describeReason,
  prepareNeed,
  rankCandidates,
  scoreMatch,
  textWords,
  type MatchCandidate,
  type MatchNeed,
} from './index.ts'

const stamper: MatchCandidate = {
  id: 'a',
  sector: ['automotive'],
  process: ['metal-stamping', 'deep-drawing', 'cnc-machining'],
  material: ['stainless-steel'],
  certification: ['iatf-16949', 'iso-9001'],
  province: 'bac-ninh',
  region: 'north',
  verified: true,
  responseHours: 6,
  name: { vi: 'Công ty Dập Kim Loại Bắc Ninh', en: 'Bac Ninh Metal Stamping' },
  description: { vi: 'Dập khuôn, dập vuốt sâu cho ô tô', en: 'Stamping dies for car brackets' },
  products: ['Giá đỡ ô tô', 'Car brackets'],
}

const need: MatchNeed = {
  sectors: ['automotive'],
  processes: ['metal-stamping', 'deep-drawing'],
  materials: ['stainless-steel'],
  certifications: ['iatf-16949'],
  deliveryProvince: 'ha-noi',
  text: 'brackets for car seats',
}

describe('scoreMatch', () => {
  it('gives a supplier meeting everything a high score and every reason, as data', () => {
    const result = scoreMatch(need, stamper)
    expect(result.eligible).toBe(true)
    expect(result.score).toBeGreaterThan(0.9)
    expect(result.score).toBeLessThanOrEqual(1)
    expect(result.reasons).toContainEqual({
      code: 'process',
      values: ['metal-stamping', 'deep-drawing'],
    })
    expect(result.reasons).toContainEqual({ code: 'certification-held', values: ['iatf-16949'] })
    expect(result.reasons).toContainEqual({ code: 'verified' })
    expect(result.reasons).toContainEqual({ code: 'responsive', hours: 6 })
    expect(result.reasons).toContainEqual({ code: 'sector', values: ['automotive'] })
    expect(result.reasons).toContainEqual({ code: 'material', values: ['stainless-steel'] })
    const region = result.reasons.find((reason) => reason.code === 'region')
    expect(region).toMatchObject({ code: 'region', region: 'north', province: 'bac-ninh' })
    expect(region && 'distanceKm' in region && region.distanceKm).toBeGreaterThan(20)
    expect(region && 'distanceKm' in region && region.distanceKm).toBeLessThan(60)
    expect(result.reasons).toContainEqual({ code: 'text', values: ['brackets', 'car'] })
    // The strongest reason first: processes weigh most.
    expect(result.reasons[0]!.code).toBe('process')
  })

  it('scores a supplier meeting nothing the need asks near zero, with no positive reason', () => {
    const result = scoreMatch(need, {
      id: 'b',
      sector: ['textiles'],
      process: ['sewing'],
      certification: [],
      province: 'ca-mau',
      region: 'south',
      verified: false,
    })
    // Only the distance (1,500 km) counts, for almost nothing.
    expect(result.score).toBeLessThan(0.02)
    expect(result.reasons).toEqual([{ code: 'certification-missing', values: ['iatf-16949'] }])
  })

  it('gives partial credit in proportion to the processes matched', () => {
    const one = scoreMatch(
      { processes: ['metal-stamping', 'deep-drawing'] },
      { id: 'x', process: ['metal-stamping'] },
    )
    expect(one.breakdown.process).toEqual({ weight: WEIGHTS.process, value: 0.5 })
    expect(one.reasons).toContainEqual({ code: 'process', values: ['metal-stamping'] })
  })

  it('weighs only the criteria the need asks about', () => {
    const result = scoreMatch({ processes: ['welding'] }, { id: 'x', process: ['welding'] })
    expect(Object.keys(result.breakdown).sort()).toEqual(['process', 'responsive', 'verified'])
    const total = WEIGHTS.process + WEIGHTS.verified + WEIGHTS.responsive
    expect(result.score).toBeCloseTo(WEIGHTS.process / total, 10)
  })

  it('reports missing certifications as a negative reason, after the positive ones', () => {
    const result = scoreMatch(
      { processes: ['welding'], certifications: ['iso-9001', 'iatf-16949'] },
      { id: 'x', process: ['welding'], certification: ['iso-9001'] },
    )
    expect(result.breakdown.certification?.value).toBe(0.5)
    expect(result.reasons.at(-1)).toEqual({
      code: 'certification-missing',
      values: ['iatf-16949'],
    })
    expect(result.reasons).toContainEqual({ code: 'certification-held', values: ['iso-9001'] })
  })

  describe('verification', () => {
    const unverified: MatchCandidate = { id: 'u', process: ['welding'], verified: false }
    const verified: MatchCandidate = { id: 'v', process: ['welding'], verified: true }

    it('required: an unverified supplier is not eligible and scores 0', () => {
      const result = scoreMatch({ processes: ['welding'], verified: 'required' }, unverified)
      expect(result).toMatchObject({ eligible: false, score: 0 })
      expect(result.reasons).toContainEqual({ code: 'not-verified' })
      expect(scoreMatch({ processes: ['welding'], verified: 'required' }, verified).eligible).toBe(
        true,
      )
    })

    it('preferred: verification weighs more than by default', () => {
      const preferred = scoreMatch({ processes: ['welding'], verified: 'preferred' }, verified)
      expect(preferred.breakdown.verified?.weight).toBe(PREFERRED_VERIFIED_WEIGHT)
      const gapPreferred =
        preferred.score -
        scoreMatch({ processes: ['welding'], verified: 'preferred' }, unverified).score
      const gapAny =
        scoreMatch({ processes: ['welding'] }, verified).score -
        scoreMatch({ processes: ['welding'] }, unverified).score
      expect(gapPreferred).toBeGreaterThan(gapAny)
    })

    it('any: an unverified supplier gets no negative reason', () => {
      expect(scoreMatch({ processes: ['welding'] }, unverified).reasons).toEqual([
        { code: 'process', values: ['welding'] },
      ])
    })
  })

  describe('location', () => {
    it('same province: full value and distance 0', () => {
      const result = scoreMatch(
        { deliveryProvince: 'dong-nai' },
        { id: 'x', province: 'dong-nai', region: 'south' },
      )
      expect(result.breakdown.location?.value).toBe(1)
      expect(result.reasons).toContainEqual({
        code: 'region',
        region: 'south',
        province: 'dong-nai',
        distanceKm: 0,
      })
    })

    it('closer is better, and far away gives no region reason', () => {
      const value = (province: string) =>
        scoreMatch({ deliveryProvince: 'ha-noi' }, { id: province, province }).breakdown.location!
          .value
      expect(value('bac-ninh')).toBeGreaterThan(value('thanh-hoa'))
      expect(value('thanh-hoa')).toBeGreaterThan(value('ho-chi-minh'))
      const far = scoreMatch({ deliveryProvince: 'ha-noi' }, { id: 'x', province: 'ca-mau' })
      expect(far.reasons.some((reason) => reason.code === 'region')).toBe(false)
    })

    it('unknown supplier province: half value in the delivery region, none outside', () => {
      const inRegion = scoreMatch(
        { deliveryProvince: 'ha-noi' },
        { id: 'x', province: 'unspecified', region: 'north' },
      )
      expect(inRegion.breakdown.location?.value).toBe(0.5)
      expect(inRegion.reasons).toContainEqual({ code: 'region', region: 'north' })
      const outside = scoreMatch(
        { deliveryProvince: 'ha-noi' },
        { id: 'x', province: null, region: 'south' },
      )
      expect(outside.breakdown.location?.value).toBe(0)
    })

    it('a region only: in it or not', () => {
      expect(
        scoreMatch({ deliveryRegion: 'central' }, { id: 'x', province: 'da-nang' }).breakdown
          .location?.value,
      ).toBe(1)
      expect(
        scoreMatch({ deliveryRegion: 'central' }, { id: 'x', province: 'ha-noi' }).breakdown
          .location?.value,
      ).toBe(0)
    })

    it('an unknown delivery province is ignored rather than matching nothing', () => {
      const result = scoreMatch({ deliveryProvince: 'atlantis' }, { id: 'x', province: 'ha-noi' })
      expect(result.breakdown.location).toBeUndefined()
    })
  })

  it('languages: the share of the wanted ones the supplier works in', () => {
    const result = scoreMatch({ languages: ['en', 'ja'] }, { id: 'x', languages: ['vi', 'ja'] })
    expect(result.breakdown.language?.value).toBe(0.5)
    expect(result.reasons).toContainEqual({ code: 'language', values: ['ja'] })
    expect(scoreMatch({ languages: ['en'] }, { id: 'x' }).breakdown.language?.value).toBe(0)
  })

  it('responsiveness: within a day full, within three days half, unknown or slower nothing', () => {
    const value = (responseHours: number | null) =>
      scoreMatch({}, { id: 'x', responseHours }).breakdown.responsive!.value
    expect(value(3)).toBe(1)
    expect(value(48)).toBe(0.5)
    expect(value(200)).toBe(0)
    expect(value(null)).toBe(0)
    expect(value(Number.NaN)).toBe(0)
    expect(value(-5)).toBe(0)
    expect(scoreMatch({}, { id: 'x', responseHours: 48 }).reasons).toEqual([])
  })

  it('"answers within a day" from the share of conversations answered within 24 hours', () => {
    const scored = (share: number, conversations: number, responseHours: number | null = null) =>
      scoreMatch({}, { id: 'x', answeredWithinDay: { share, conversations }, responseHours })
    const quick = scored(0.92, 25)
    expect(quick.breakdown.responsive!.value).toBe(1)
    expect(quick.reasons).toContainEqual({ code: 'responsive', hours: 24, percent: 92 })
    expect(describeReason({ code: 'responsive', hours: 24, percent: 92 }, 'en')).toBe(
      'Answers within a day (92% of conversations)',
    )
    expect(describeReason({ code: 'responsive', hours: 24, percent: 92 }, 'vi')).toBe(
      'Thường trả lời trong vòng một ngày (92% cuộc trò chuyện)',
    )
    // Exactly the threshold counts; below it, half or nothing, and no reason.
    expect(scored(0.8, 5).reasons.some((reason) => reason.code === 'responsive')).toBe(true)
    expect(scored(0.79, 5).breakdown.responsive!.value).toBe(0.5)
    expect(scored(0.79, 5).reasons).toEqual([])
    expect(scored(0.2, 5).breakdown.responsive!.value).toBe(0)
    // Too few conversations say nothing: the hours (if any) decide, as before.
    expect(scored(1, 2).reasons).toEqual([])
    expect(scored(1, 2, 5).reasons).toContainEqual({ code: 'responsive', hours: 5 })
    // The share wins over hours when both are known; nonsense shares are ignored.
    expect(scored(0.1, 10, 2).breakdown.responsive!.value).toBe(0)
    expect(scored(Number.NaN, 10).breakdown.responsive!.value).toBe(0)
    expect(scored(1.5, 10).reasons).toEqual([])
    // A responsive supplier ranks above an otherwise equal silent one.
    const ranked = rankCandidates({ processes: ['metal-stamping'] }, [
      {
        id: 'silent',
        process: ['metal-stamping'],
        answeredWithinDay: { share: 0.1, conversations: 9 },
      },
      {
        id: 'quick',
        process: ['metal-stamping'],
        answeredWithinDay: { share: 0.9, conversations: 9 },
      },
    ])
    expect(ranked.map((result) => result.id)).toEqual(['quick', 'silent'])
  })

  it('free text matches words without diacritics, ignoring function words', () => {
    expect(textWords('Cần DẬP khuôn cho các giá đỡ, dập!')).toEqual(['dap', 'khuon', 'gia'])
    const result = scoreMatch(
      { text: 'dap khuon gia' },
      { id: 'x', products: ['Giá đỡ dập khuôn'] },
    )
    expect(result.breakdown.text?.value).toBe(1)
    expect(result.reasons).toContainEqual({ code: 'text', values: ['dap', 'khuon', 'gia'] })
    expect(scoreMatch({ text: 'the and of' }, { id: 'x' }).breakdown.text).toBeUndefined()
  })

  it('finds words across punctuation, odd spaces and letter case, the same way every time', () => {
    const need = { text: 'giá đỡ thép TP Hồ' }
    const candidate = {
      id: 'x',
      name: { vi: 'Cơ khí\u00a0Thép,Dập', en: '' },
      products: ['GIÁ\tđỡ (tp.hồ)'],
    }
    const values = ['gia', 'thep', 'tp', 'ho'] // "đỡ" folds to "do", a function word
    expect(scoreMatch(need, candidate).reasons).toContainEqual({ code: 'text', values })
    // Tokens are folded once and remembered: a second candidate sharing them reads the same.
    expect(scoreMatch(need, { ...candidate, id: 'y' }).reasons).toContainEqual({
      code: 'text',
      values,
    })
  })

  it('matches a candidate’s text exactly as folding the whole text would', () => {
    const pieces = [
      'Dập',
      'khuôn',
      'giá',
      'đỡ',
      'THÉP',
      'tp.hcm',
      ',',
      '  ',
      '\u00a0',
      '\t',
      '-',
      'ＳＵＳ',
      'sus',
    ]
    const text = fc
      .array(fc.constantFrom(...pieces), { maxLength: 8 })
      .map((parts) => parts.join(' '))
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 3 }), (needText, products) => {
        const result = scoreMatch({ text: needText }, { id: 'x', products })
        const held = new Set(products.flatMap((product) => textWords(product)))
        const expected = textWords(needText).filter((word) => held.has(word))
        const reason = result.reasons.find((entry) => entry.code === 'text')
        expect(reason && 'values' in reason ? reason.values : []).toEqual(expected.slice(0, 5))
      }),
    )
  })

  it('ignores blank and repeated codes in the need', () => {
    const prepared = prepareNeed({ processes: ['welding', ' ', 'welding', ' welding '] })
    expect(prepared.processes).toEqual(['welding'])
  })
})

describe('rankCandidates', () => {
  const candidates: MatchCandidate[] = [
    { id: 'c', process: ['welding'], verified: false },
    { id: 'b', process: ['welding'], verified: true },
    { id: 'a', process: ['welding'], verified: false },
    { id: 'z', process: ['sewing'], verified: true },
    { id: 'y', process: ['welding', 'metal-stamping'], verified: false },
  ]

  it('orders by score, then verified, then id, and keeps the top ones', () => {
    const ranked = rankCandidates({ processes: ['welding', 'metal-stamping'] }, candidates)
    expect(ranked.map((result) => result.id)).toEqual(['y', 'b', 'a', 'c', 'z'])
    expect(
      rankCandidates({ processes: ['welding'] }, candidates, { limit: 2 }).map(({ id }) => id),
    ).toEqual(['b', 'a'])
  })

  it('drops ineligible candidates and those under the minimum score', () => {
    const ranked = rankCandidates({ processes: ['welding'], verified: 'required' }, candidates)
    expect(ranked.map(({ id }) => id)).toEqual(['b', 'z'])
    const strong = rankCandidates({ processes: ['welding'] }, candidates, { minScore: 0.5 })
    expect(strong.map(({ id }) => id)).toEqual(['b', 'a', 'c', 'y'])
  })
})

describe('properties', () => {
  const processCodes = codes('processes') as readonly string[]
  const certificationCodes = codes('certifications') as readonly string[]
  const provinceCodes = codes('provinces') as readonly string[]
  const subset = (pool: readonly string[]) =>
    fc.uniqueArray(fc.constantFrom(...pool), { maxLength: 4 })
  const needArbitrary = fc.record(
    {
      processes: subset(processCodes),
      certifications: subset(certificationCodes),
      deliveryProvince: fc.option(fc.constantFrom(...provinceCodes, 'nowhere', ''), {
        nil: undefined,
      }),
      languages: subset(['vi', 'en', 'ja', 'ko']),
      verified: fc.constantFrom('required' as const, 'preferred' as const, 'any' as const),
      text: fc.string({ maxLength: 80 }),
    },
    { requiredKeys: [] },
  )
  const candidateArbitrary = fc.record({
    id: fc.string({ minLength: 1, maxLength: 8 }),
    process: subset(processCodes),
    certification: subset(certificationCodes),
    province: fc.option(fc.constantFrom(...provinceCodes, 'unspecified'), { nil: null }),
    verified: fc.boolean(),
    languages: subset(['vi', 'en', 'ja', 'ko']),
    responseHours: fc.option(fc.double({ min: -10, max: 1000, noNaN: false }), { nil: null }),
    products: fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 }),
  })

  it('the score is always in [0, 1], and 0 when ineligible', () => {
    fc.assert(
      fc.property(needArbitrary, candidateArbitrary, (need, candidate) => {
        const result = scoreMatch(need, candidate)
        expect(result.score).toBeGreaterThanOrEqual(0)
        expect(result.score).toBeLessThanOrEqual(1)
        if (!result.eligible) expect(result.score).toBe(0)
      }),
    )
  })

  it('gaining a wanted process or certification never lowers the score', () => {
    fc.assert(
      fc.property(needArbitrary, candidateArbitrary, (need, candidate) => {
        const before = scoreMatch(need, candidate).score
        const richer = {
          ...candidate,
          process: [...candidate.process, ...(need.processes ?? [])],
          certification: [...candidate.certification, ...(need.certifications ?? [])],
        }
        expect(scoreMatch(need, richer).score).toBeGreaterThanOrEqual(before - 1e-12)
      }),
    )
  })

  it('every positive reason names only codes the need asked for', () => {
    fc.assert(
      fc.property(needArbitrary, candidateArbitrary, (need, candidate) => {
        for (const reason of scoreMatch(need, candidate).reasons) {
          if (reason.code === 'process') {
            for (const value of reason.values) expect(need.processes).toContain(value)
          }
          if (reason.code === 'certification-held' || reason.code === 'certification-missing') {
            for (const value of reason.values) expect(need.certifications).toContain(value)
          }
        }
      }),
    )
  })

  it('ranking is deterministic whatever the input order', () => {
    fc.assert(
      fc.property(
        needArbitrary,
        fc.uniqueArray(candidateArbitrary, { selector: ({ id }) => id, maxLength: 12 }),
        (need, list) => {
          const forward = rankCandidates(need, list).map(({ id }) => id)
          const backward = rankCandidates(need, [...list].reverse()).map(({ id }) => id)
          expect(backward).toEqual(forward)
        },
      ),
    )
  })
})
