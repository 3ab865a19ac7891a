import { describe, expect, it } from 'vitest'
import { Interner, wordCharAt } from './lexicon.ts'
import { type FieldTexts, TextIndex } from './text-index.ts'
import { fold, highlight } from './text.ts'

const WORD = /[\p{L}\p{N}\p{M}]+/gu

/** Words as text.ts's WORD finds them, found with wordCharAt. */
function scan(text: string): string[] {
  const words: string[] = []
  let i = 0
  while (i < text.length) {
    let units = wordCharAt(text, i)
    if (units === 0) {
      i++
      continue
    }
    const start = i
    do i += units
    while (i < text.length && (units = wordCharAt(text, i)) !== 0)
    words.push(text.slice(start, i))
  }
  return words
}

/** Texts made of awkward pieces: NFD marks, astral letters and emoji, lone surrogates, markup. */
function randomTexts(count: number, seed: number): string[] {
  const pieces = [
    'Đồng',
    'khuôn',
    'Dập'.normalize('NFD'),
    '\u0301',
    ' ',
    '  ',
    ', ',
    '. ',
    '<b>',
    '&',
    '"',
    "'",
    '±0,05',
    'ISO/IEC',
    'ワイヤー',
    '하네스',
    '𠀋',
    '😀',
    '\ud800',
    '\udc00',
    'x',
    '\n',
    '–',
    'aluminium',
  ]
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32
  return Array.from({ length: count }, () => {
    let text = ''
    for (let n = Math.floor(next() * 40); n > 0; n--) {
      text += pieces[Math.floor(next() * pieces.length)]
    }
    return text
  })
}

describe('lexicon', () => {
  it('splits words exactly as the WORD pattern does', () => {
    for (const text of [...randomTexts(2_000, 7), '', 'a', '😀', 'A𠀋B', 'đ\ud800x']) {
      expect(scan(text), JSON.stringify(text)).toEqual(text.match(WORD) ?? [])
    }
  })

  it('numbers distinct ranges of text in order of first sight', () => {
    const interner = new Interner()
    const text = 'khuôn dập khuôn a-very-long-word-indeed khuôn'
    expect(interner.idOf(text, 0, 5)).toBe(0)
    expect(interner.idOf(text, 6, 9)).toBe(1)
    expect(interner.idOf(text, 10, 15)).toBe(0)
    expect(interner.idOf('khuôn')).toBe(0)
    expect(interner.idOf(text, 16, 39)).toBe(2)
    expect(interner.strings).toEqual(['khuôn', 'dập', 'a-very-long-word-indeed'])
    for (let i = 0; i < 5_000; i++) expect(interner.idOf(`w${i}`)).toBe(i + 3)
    for (let i = 0; i < 5_000; i++) expect(interner.idOf(`xw${i}`, 1)).toBe(i + 3)
    expect(interner.size).toBe(5_003)
  })
})

describe('text index', () => {
  const documents: FieldTexts[] = []
  const texts = randomTexts(4_000, 11)
  for (let i = 0; i + 8 <= texts.length; i += 8) {
    documents.push([
      [texts[i]!, texts[i + 1]!],
      [texts[i + 2]!, texts[i + 3]!],
      ['ISO 9001', texts[i + 4]!, 'Đồng Nai'],
      [texts[i + 5]!, texts[i + 6]! + texts[i + 7]!],
    ])
  }
  const index = new TextIndex()
  documents.forEach((fields, slot) => index.add(slot, fields))

  it('gives every text back exactly as it was added', () => {
    documents.forEach((fields, slot) => expect(index.fields(slot)).toEqual(fields))
  })

  it('highlights the stored words as text.ts highlights the text', () => {
    for (const term of ['dong', 'khuon', 'dap', 'aluminium', 'x', '']) {
      const isMatch = (folded: string) => folded === term
      documents.forEach((fields, slot) => {
        const marked = index.highlight(slot, isMatch, [{}, {}, {}, { crop: 5 }])
        expect(marked[0]).toEqual(fields[0].map((text) => highlight(text, isMatch)))
        expect(marked[1]).toEqual(fields[1].map((text) => highlight(text, isMatch)))
        expect(marked[2]).toEqual(fields[2].map(() => undefined))
        expect(marked[3]).toEqual(fields[3].map((text) => highlight(text, isMatch, 5)))
      })
    }
  })

  it('finds each folded and exact word in the documents that have it, at its best field', () => {
    const slotsOf = (term: string, kind: 'folded' | 'exact') => {
      const id = index.termId(term, kind)
      if (id < 0) return []
      const byRank: number[][] = []
      for (let rank = 0; rank < 4; rank++) {
        const values = new Float32Array(documents.length)
        const touched = new Int32Array(documents.length)
        const count = index.postings(kind).raise(id * 4 + rank, 1, values, touched, 0)
        byRank.push(Array.from(touched.subarray(0, count)))
      }
      return byRank
    }
    const expected = (matches: (word: string) => boolean) => {
      const byRank: number[][] = [[], [], [], []]
      documents.forEach((fields, slot) => {
        const rank = fields.findIndex((texts) =>
          texts.some((text) => (text.match(WORD) ?? []).some(matches)),
        )
        if (rank >= 0) byRank[rank]!.push(slot)
      })
      return byRank
    }
    expect(slotsOf('khuon', 'folded')).toEqual(expected((word) => fold(word) === 'khuon'))
    expect(slotsOf('đồng', 'exact')).toEqual(
      expected((word) => word.normalize('NFC').toLowerCase() === 'đồng'),
    )
    expect(slotsOf('dập', 'exact')).toEqual(
      expected((word) => word.normalize('NFC').toLowerCase() === 'dập'),
    )
    expect(slotsOf('aluminium', 'exact')).toEqual([])
    expect(index.termId('nowhere', 'folded')).toBe(-1)
    // A word of combining marks alone folds to "": known, but found by no term.
    expect(index.has('')).toBe(true)
    expect(index.termId('', 'folded')).toBe(-1)
  })
})
