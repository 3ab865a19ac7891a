import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  codes,
  employeeBandFor,
  findTerm,
  findTermsByText,
  isCode,
  label,
  normalizeForMatch,
  resolveTerm,
  synonymGroups,
  taxonomy,
  taxonomyLocales,
  vocabularies,
  withoutNote,
  type Term,
} from './index.ts'

const allTerms = vocabularies.flatMap((vocabulary) =>
  (taxonomy[vocabulary] as readonly Term[]).map((term) => ({ vocabulary, term })),
)

function codesFound(text: string): string[] {
  return findTermsByText(text).map(({ vocabulary, term }) => `${vocabulary}:${term.code}`)
}

describe('vocabularies', () => {
  it('hold the expected number of terms', () => {
    expect(taxonomy.sectors).toHaveLength(6)
    expect(taxonomy.processes).toHaveLength(31)
    expect(taxonomy.materials).toHaveLength(12)
    expect(taxonomy.products.length).toBeGreaterThanOrEqual(30)
    expect(taxonomy.certifications).toHaveLength(16)
    expect(taxonomy.countries.length).toBeGreaterThanOrEqual(60)
    expect(taxonomy.provinces).toHaveLength(34)
    expect(taxonomy.employeeBands).toHaveLength(6)
    expect(taxonomy.ownershipKinds).toHaveLength(4)
  })

  it('use unique, stable-looking codes', () => {
    for (const vocabulary of vocabularies) {
      const list = codes(vocabulary)
      expect(new Set(list).size, vocabulary).toBe(list.length)
      // Countries keep ISO 3166-1 alpha-2 as written by the standard; all else is kebab-case.
      const shape = vocabulary === 'countries' ? /^[A-Z]{2}$/ : /^[a-z0-9]+(-[a-z0-9]+)*$/
      for (const code of list) expect(code, vocabulary).toMatch(shape)
    }
  })

  it('include Vietnam, every ASEAN member and the main investor origins', () => {
    const asean = ['VN', 'BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'TL']
    const investors = ['JP', 'KR', 'CN', 'TW', 'HK', 'US', 'DE', 'GB', 'FR', 'NL', 'IN', 'AU']
    for (const code of [...asean, ...investors, 'CA', 'MX']) {
      expect(isCode('countries', code), code).toBe(true)
    }
  })

  it('label every term in all four languages, trimmed and non-empty', () => {
    for (const { vocabulary, term } of allTerms) {
      for (const locale of taxonomyLocales) {
        const text = term.labels[locale]
        expect(text, `${vocabulary}:${term.code}:${locale}`).toBeTruthy()
        expect(text, `${vocabulary}:${term.code}:${locale}`).toBe(text.trim())
      }
    }
  })

  it('give each term distinct labels within its vocabulary', () => {
    for (const vocabulary of vocabularies) {
      for (const locale of taxonomyLocales) {
        const labels = taxonomy[vocabulary].map((term: Term) => term.labels[locale])
        expect(new Set(labels).size, `${vocabulary}:${locale}`).toBe(labels.length)
      }
    }
  })

  it('never give the same name to two terms of one vocabulary', () => {
    for (const vocabulary of vocabularies) {
      const owner = new Map<string, string>()
      for (const term of taxonomy[vocabulary] as readonly Term[]) {
        const names = [...Object.values(term.labels).map(withoutNote), ...term.synonyms]
        for (const name of new Set(names.map(normalizeForMatch))) {
          expect(owner.get(name) ?? term.code, `${vocabulary}: "${name}"`).toBe(term.code)
          owner.set(name, term.code)
        }
      }
    }
  })

  it('tie every process to at least one sector', () => {
    for (const process of taxonomy.processes) {
      expect(process.sectors.length, process.code).toBeGreaterThan(0)
      for (const sector of process.sectors) expect(isCode('sectors', sector)).toBe(true)
    }
  })
})

describe('label', () => {
  it('gives the label in the asked language', () => {
    expect(label('processes', 'metal-stamping', 'vi')).toBe('Dập kim loại')
    expect(label('processes', 'plastic-injection-moulding', 'ja')).toBe('射出成形')
    expect(label('processes', 'welding', 'ko')).toBe('용접')
    expect(label('provinces', 'ho-chi-minh', 'en')).toBe('Ho Chi Minh City')
  })

  it('falls back to English for other languages, and shows unknown codes as they are', () => {
    expect(label('sectors', 'automotive', 'fr')).toBe('Automotive parts')
    expect(label('sectors', 'shipbuilding', 'vi')).toBe('shipbuilding')
  })
})

describe('isCode, codes and findTerm', () => {
  it('recognise codes of the given vocabulary only', () => {
    expect(isCode('sectors', 'automotive')).toBe(true)
    expect(isCode('processes', 'automotive')).toBe(false)
    expect(isCode('sectors', undefined)).toBe(false)
    expect(findTerm('materials', 'aluminium')?.labels.vi).toBe('Nhôm')
    expect(findTerm('materials', 'unobtainium')).toBeUndefined()
  })

  it('feed z.enum', () => {
    const schema = z.enum(codes('provinces'))
    expect(schema.parse('ha-noi')).toBe('ha-noi')
    expect(schema.safeParse('binh-duong').success).toBe(false)
    expect(codes('sectors')).toEqual([
      'automotive',
      'electronics',
      'textile',
      'leather',
      'mechanical',
      'hightech',
    ])
  })
})

describe('synonymGroups', () => {
  const groups = synonymGroups()
  const groupWith = (word: string) => groups.find((group) => group.includes(word))

  it('join a term’s names across languages', () => {
    expect(groupWith('wire harness')).toEqual(
      expect.arrayContaining(['bó dây điện', 'ワイヤーハーネス', '와이어 하네스']),
    )
    expect(groupWith('plastic injection')).toEqual(
      expect.arrayContaining(['ép nhựa', '射出成形', '사출']),
    )
    expect(groupWith('dập khuôn')).toEqual(expect.arrayContaining(['Metal stamping', 'stamping']))
    expect(groupWith('mould making')).toEqual(expect.arrayContaining(['mold making', 'khuôn mẫu']))
    expect(groupWith('Sài Gòn')).toEqual(
      expect.arrayContaining(['Ho Chi Minh City', 'ホーチミン市']),
    )
  })

  it('leave out bracketed notes, keywords and duplicates', () => {
    expect(groupWith('ISO 9001')).not.toContain('ISO 9001 (quality management)')
    expect(groupWith('Engineering plastics')).not.toContain('ABS')
    for (const group of groups) {
      expect(new Set(group.map((word) => word.toLowerCase())).size).toBe(group.length)
      expect(group.length).toBeGreaterThan(1)
    }
  })

  it('never share a word, even with diacritics folded', () => {
    const owner = new Map<string, number>()
    groups.forEach((group, index) => {
      for (const word of group) {
        const key = normalizeForMatch(word)
        expect(owner.get(key) ?? index, `"${word}" is in two groups`).toBe(index)
        owner.set(key, index)
      }
    })
  })

  it('can be limited to some vocabularies', () => {
    expect(synonymGroups(['sectors'])).toHaveLength(6)
  })
})

describe('findTermsByText', () => {
  it('finds terms written without diacritics', () => {
    expect(codesFound('Chúng tôi nhận dap khuon kim loai')).toEqual(['processes:metal-stamping'])
  })

  it('finds several kinds of terms in a Vietnamese profile, in order', () => {
    const text =
      'Công ty chuyên ép phun nhựa, dập vuốt sâu và xi mạ cho khách hàng Nhật Bản. ' +
      'Đạt ISO 9001:2015 và IATF16949. Nhà máy tại Bình Dương.'
    expect(codesFound(text)).toEqual([
      'processes:plastic-injection-moulding',
      'processes:deep-drawing',
      'processes:plating',
      'countries:JP',
      'certifications:iso-9001',
      'certifications:iatf-16949',
      'provinces:ho-chi-minh',
    ])
  })

  it('prefers the longest match', () => {
    expect(codesFound('dập vuốt sâu')).toEqual(['processes:deep-drawing'])
    expect(codesFound('lắp ráp bó dây điện')).toEqual(['processes:wire-harness-assembly'])
    expect(codesFound('khách hàng Hàn Quốc')).toEqual(['countries:KR'])
  })

  it('ignores tone placement but not missing or different diacritics on accented words', () => {
    expect(codesFound('anod hoá nhôm')).toEqual(['processes:anodising', 'materials:aluminium'])
    expect(codesFound('nhóm kỹ sư')).toEqual([])
  })

  it('does not tag ambiguous one-word names or common words', () => {
    expect(codesFound('giải pháp cho đối tác Hàn, ý kiến của anh Đức')).toEqual([])
    expect(codesFound('tien ich, ma so thue, han nop')).toEqual([])
    expect(codesFound('we reach customers in us')).toEqual([])
    expect(codesFound('REACH and RoHS compliant')).toEqual([
      'certifications:reach',
      'certifications:rohs',
    ])
  })

  it('finds Japanese and Korean terms inside running text', () => {
    expect(codesFound('当社はワイヤーハーネス組立と射出成形を行います')).toEqual([
      'processes:wire-harness-assembly',
      'processes:plastic-injection-moulding',
    ])
    expect(codesFound('タイヤ部品')).toEqual([])
    expect(codesFound('와이어하네스 생산, 사출성형을 합니다')).toEqual([
      'processes:wire-harness-assembly',
      'processes:plastic-injection-moulding',
    ])
  })

  it('uses keywords that imply a term', () => {
    expect(codesFound('vật liệu SUS304 và PA66')).toEqual([
      'materials:stainless-steel',
      'materials:engineering-plastics',
    ])
  })

  it('can be limited to some vocabularies', () => {
    const found = findTermsByText('ép nhựa ABS tại Bắc Giang', { vocabularies: ['provinces'] })
    expect(found.map(({ term }) => term.code)).toEqual(['bac-ninh'])
    expect(found[0]?.matched).toBe('Bắc Giang')
  })
})

describe('resolveTerm', () => {
  it('finds a term by exact code, label or synonym in any language', () => {
    expect(resolveTerm('countries', 'Nhật Bản')?.code).toBe('JP')
    expect(resolveTerm('countries', 'japan')?.code).toBe('JP')
    expect(resolveTerm('countries', 'jp')?.code).toBe('JP')
    expect(resolveTerm('certifications', 'iso9001')?.code).toBe('iso-9001')
    expect(resolveTerm('processes', 'ワイヤーハーネス')?.code).toBe('wire-harness-assembly')
    expect(resolveTerm('provinces', 'Bình Dương')?.code).toBe('ho-chi-minh')
    expect(resolveTerm('materials', 'vibranium')).toBeUndefined()
  })
})

describe('employeeBandFor', () => {
  it('places a head count in its band', () => {
    expect(employeeBandFor(1)?.code).toBe('1-9')
    expect(employeeBandFor(49)?.code).toBe('10-49')
    expect(employeeBandFor(120)?.code).toBe('50-199')
    expect(employeeBandFor(5000)?.code).toBe('1000-plus')
    expect(employeeBandFor(0)).toBeUndefined()
    expect(employeeBandFor(2.5)).toBeUndefined()
  })
})
