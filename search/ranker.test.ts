import { describe, expect, it } from 'vitest'
import type { SupplierSearchDocument } from './documents.ts'
import { createEmbeddedEngine } from './embedded-engine.ts'
import type { SearchSettings } from './engine.ts'
import { editDistance, swaps } from './query-plan.ts'
import { lettersForm, stemOf } from './text.ts'

/** The embedded engine's ranking model (ranker.ts, matcher.ts), on tiny hand-made corpora. */
function supplier(id: string, name: string, products: string[] = []): SupplierSearchDocument {
  return {
    id,
    slug: id,
    name: { vi: name, en: '' },
    description: { vi: '', en: '' },
    products,
    taxonomyLabels: [],
    sector: [],
    process: [],
    material: [],
    certification: [],
    province: 'ha-noi',
    region: 'north',
    employeeBand: '1-9',
    exportMarket: [],
    verified: false,
    featured: false,
    updatedAt: 1,
  }
}

async function ranked(
  q: string,
  suppliers: SupplierSearchDocument[],
  settings: SearchSettings = { synonyms: [] },
) {
  const engine = createEmbeddedEngine()
  await engine.configure(settings)
  await engine.upsert(suppliers)
  return (await engine.search({ q, perPage: 100 })).hits.map((hit) => hit.id)
}

describe('ranking tiers', () => {
  it('ranks the diacritics as typed, then the same letters with other tones, then folded', async () => {
    const suppliers = [
      supplier('folded', 'Xưởng Dong'),
      supplier('tones', 'Xưởng Đông'),
      supplier('exact', 'Xưởng Đồng'),
    ]
    expect(await ranked('đồng', suppliers)).toEqual(['exact', 'tones', 'folded'])
    // Typed without diacritics, every spelling is what the buyer may have meant.
    expect(await ranked('dong', suppliers)).toHaveLength(3)
  })

  it('ranks a word as typed above its English stem, and the stem above a typo', async () => {
    const suppliers = [
      supplier('typo', 'Xưởng cơ khí', ['Hinqes']),
      supplier('stem', 'Xưởng cơ khí', ['Hinge']),
      supplier('exact', 'Xưởng cơ khí', ['Hinges']),
    ]
    expect(await ranked('hinges', suppliers)).toEqual(['exact', 'stem', 'typo'])
  })

  it('keeps "bó dây" (wire bundle) above "bò dày" (thick cowhide), which only folds alike', async () => {
    const suppliers = [supplier('cowhide', 'Da bò dày'), supplier('harness', 'Bó dây điện')]
    expect(await ranked('bó dây', suppliers)).toEqual(['harness', 'cowhide'])
  })
})

describe('phrases and proximity', () => {
  it('wants a synonym’s words adjacent: scattered syllables do not count as the phrase', async () => {
    const settings = { synonyms: [['wire harness', 'bó dây điện']] }
    const suppliers = [
      supplier('scattered', 'Điện máy Thành Công', ['Dây thừng', 'Bó hoa']),
      supplier('phrase', 'Cơ khí Minh', ['Bó dây điện ô tô']),
    ]
    expect(await ranked('wire harness', suppliers, settings)).toEqual(['phrase', 'scattered'])
  })

  it('ranks typed words found next to each other above the same words apart', async () => {
    const suppliers = [
      supplier('apart', 'Xưởng Việt', ['Khuôn thổi', 'Ép nhựa PP']),
      supplier('together', 'Xưởng Việt', ['Khuôn ép nhựa', 'Ống PP']),
    ]
    expect((await ranked('khuôn ép', suppliers))[0]).toBe('together')
  })
})

describe('word-count relaxation', () => {
  const suppliers = [
    supplier('both', 'Gioăng inox Hưng'),
    supplier('one', 'Gioăng cao su Nam'),
    supplier('none', 'Bánh răng Bắc'),
  ]

  it('requires every word while some supplier has them all', async () => {
    expect(await ranked('gioăng inox', suppliers)).toEqual(['both'])
  })

  it('when none has them all, ranks suppliers by how many words they match', async () => {
    expect(await ranked('gioăng inox nhôm', suppliers)).toEqual(['both', 'one'])
  })
})

describe('English stemming and typo helpers', () => {
  it('stems plurals and -ing forms to one stem, Latin words only', () => {
    expect(stemOf('bearings')).toBe(stemOf('bearing'))
    expect(stemOf('valves')).toBe(stemOf('valve'))
    expect(stemOf('machining')).toBe(stemOf('machined'))
    expect(stemOf('vong')).toBe('vong')
    expect(stemOf('ベアリング')).toBe('ベアリング')
  })

  it('finds a singular for a plural query, and a plural for a singular', async () => {
    const suppliers = [supplier('valve', 'Van Tân Á', ['Industrial valve'])]
    expect(await ranked('valves', suppliers)).toEqual(['valve'])
    expect(await ranked('bearing', [supplier('b', 'Vòng bi', ['Ball bearings'])])).toEqual(['b'])
  })

  it('counts a swap of two neighbouring letters as one typo', async () => {
    expect(swaps('abc')).toEqual(['bac', 'acb'])
    expect(editDistance('gasktes', 'gaskets', 1)).toBe(1)
    expect(editDistance('pullies', 'pulleys', 1)).toBe(2)
    expect(await ranked('gasktes', [supplier('g', 'Cao su', ['Rubber gaskets'])])).toEqual(['g'])
  })

  it('reads a typo in a word of a synonym phrase as the phrase', async () => {
    const settings = { synonyms: [['wire harness', 'bó dây điện']] }
    expect(await ranked('wire harnes', [supplier('h', 'Bó dây điện Sao Việt')], settings)).toEqual([
      'h',
    ])
  })

  it('strips tone marks but keeps letters', () => {
    expect(lettersForm('Dày')).toBe('day')
    expect(lettersForm('dây')).toBe('dây')
    expect(lettersForm('đồng')).toBe(lettersForm('đông'))
  })
})

describe('explain', () => {
  it('explains a hit’s score on request', async () => {
    const engine = createEmbeddedEngine()
    await engine.configure({ synonyms: [] })
    await engine.upsert([supplier('a', 'Bản lề Phú Cường', ['Bản lề inox'])])
    const [hit] = (await engine.search({ q: 'bản lề', explain: true })).hits
    expect(hit?.explain).toMatchObject({ wordsMatched: 2, ofWords: 2, relaxed: false })
    expect((await engine.search({ q: 'bản lề' })).hits[0]?.explain).toBeUndefined()
  })
})
