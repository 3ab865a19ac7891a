import { describe, expect, it } from 'vitest'
import { planQuery, SynonymTable } from './query-plan.ts'
import { taxonomyExpansions, taxonomyLabelsFor, taxonomySynonyms } from './taxonomy-synonyms.ts'
import { tokenize } from './text.ts'

const codes = {
  sector: ['electronics'],
  process: ['wire-harness-assembly'],
  material: [],
  certification: ['iso-9001'],
  province: 'ha-noi',
  exportMarket: ['SG'],
}

describe('taxonomyLabelsFor', () => {
  it('gives every code its four labels without bracketed notes, a standard’s note apart, each once', () => {
    expect(taxonomyLabelsFor(codes)).toEqual([
      'Linh kiện điện, điện tử',
      'Electronic and electrical components',
      '電気・電子部品',
      '전기·전자 부품',
      'Lắp ráp bó dây điện',
      'Wire-harness assembly',
      'ワイヤーハーネス組立',
      '와이어 하네스 조립',
      'ISO 9001',
      // What the standard is about, as buyers name it (issue 14); sector notes stay out.
      'quản lý chất lượng',
      'quality management',
      '品質マネジメントシステム',
      '품질경영시스템',
      'Hà Nội',
      'Hanoi',
      'ハノイ',
      '하노이',
      // vi and en are both "Singapore".
      'Singapore',
      'シンガポール',
      '싱가포르',
    ])
  })

  it('reads whole documents, ignoring region, employee band and unknown codes', () => {
    const document = {
      ...codes,
      sector: ['electronics', 'retired-sector'],
      region: 'north',
      employeeBand: '50-199',
    }
    expect(taxonomyLabelsFor(document)).toEqual(taxonomyLabelsFor(codes))
    expect(taxonomyLabelsFor({ ...codes, province: 'no-such-province' })).not.toContain('Hanoi')
  })
})

describe('taxonomySynonyms', () => {
  const groups = taxonomySynonyms()
  const groupWith = (phrase: string) => groups.find((group) => group.includes(phrase))

  it('joins a term’s names across languages', () => {
    expect(groupWith('wire harness')).toEqual(
      expect.arrayContaining(['bó dây điện', 'ワイヤーハーネス', '와이어 하네스']),
    )
    expect(groupWith('plastic injection')).toEqual(
      expect.arrayContaining(['ép nhựa', '射出成形', '사출']),
    )
    expect(groupWith('Japan')).toEqual(expect.arrayContaining(['Nhật Bản', '日本', '일본']))
    expect(groupWith('Đồng Nai')).toEqual(expect.arrayContaining(['ドンナイ省', '동나이성']))
  })

  it('leaves out the vocabularies documents are not searched by', () => {
    expect(groupWith('Miền Bắc')).toBeUndefined()
    expect(groupWith('50–199 employees')).toBeUndefined()
    expect(groupWith('Joint venture')).toBeUndefined()
  })

  it('puts no phrase in two groups, as the search tokenizer reads them', () => {
    const owner = new Map<string, number>()
    groups.forEach((group, index) => {
      for (const phrase of group) {
        const key = tokenize(phrase)
          .map((token) => token.folded)
          .join(' ')
        expect(key, phrase).not.toBe('')
        expect(owner.get(key) ?? index, `"${phrase}" is in two groups`).toBe(index)
        owner.set(key, index)
      }
    })
  })
})

describe('SynonymTable', () => {
  const alternatives = (q: string, groups: string[][]) =>
    planQuery(q, new SynonymTable(groups)).map((slot) =>
      slot.alternatives.map((words) => words.map((word) => word.exact).join(' ')),
    )

  it('expands a phrase in several groups to the others of each, without joining the groups', () => {
    const groups = [
      ['press', 'dập'],
      ['press', 'báo chí'],
    ]
    expect(alternatives('press', groups)).toEqual([['press', 'dập', 'báo chí']])
    expect(alternatives('dập', groups)).toEqual([['dập', 'press']])
  })

  it('matches synonyms folded, one alternative per folded phrase, spelt with its diacritics', () => {
    const groups = [['Ha Noi', 'Hà Nội', 'Hanoi', 'HN']]
    expect(alternatives('hanoi', groups)).toEqual([['hanoi', 'hn', 'hà nội']])
    expect(alternatives('Hà Nội', groups)).toEqual([['hà nội', 'hanoi', 'hn']])
  })

  it('drops synonyms that contain every word of the typed phrase or of a shorter synonym', () => {
    const groups = [['ép phun', 'ép phun nhựa', 'injection moulding', 'plastic injection moulding']]
    expect(alternatives('ep phun', groups)).toEqual([['ep phun', 'injection moulding']])
    expect(alternatives('plastic injection moulding', groups)).toEqual([
      ['plastic injection moulding', 'ép phun', 'injection moulding'],
    ])
  })

  it('expands one way: the broader name finds the narrower ones, not the reverse', () => {
    const table = new SynonymTable(
      [],
      [{ from: ['garment accessories'], to: ['buttons', 'zippers'] }],
    )
    const plan = (q: string) =>
      planQuery(q, table).map((slot) =>
        slot.alternatives.map((words) => words.map((word) => word.folded).join(' ')),
      )
    expect(plan('garment accessories')).toEqual([['garment accessories', 'buttons', 'zippers']])
    expect(plan('buttons')).toEqual([['buttons']])
  })
})

describe('taxonomyExpansions', () => {
  it('expand garment accessories to their products and CNC machining to milling and turning', () => {
    const expansions = taxonomyExpansions()
    const from = (phrase: string) => expansions.find((expansion) => expansion.from.includes(phrase))
    expect(from('Garment accessories')?.to).toEqual(
      expect.arrayContaining(['Cúc áo', 'zipper', 'ファスナー']),
    )
    expect(from('CNC machining')?.to).toEqual(
      expect.arrayContaining(['CNC milling', 'Tiện CNC', '旋盤加工']),
    )
    expect(from('machining')?.to).not.toContain('Garment accessories')
    expect(expansions.some((expansion) => expansion.from.includes('Cúc áo'))).toBe(false)
  })
})
