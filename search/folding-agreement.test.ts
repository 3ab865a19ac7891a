import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldVietnamese } from '#models/taxonomy/text.ts'
import { fold, tokenize } from './text.ts'

// Every Vietnamese base vowel (with its letter-making marks) and its expected folded letter.
const vowels: Array<[string, string]> = [
  ['a', 'a'],
  ['ă', 'a'],
  ['â', 'a'],
  ['e', 'e'],
  ['ê', 'e'],
  ['i', 'i'],
  ['o', 'o'],
  ['ô', 'o'],
  ['ơ', 'o'],
  ['u', 'u'],
  ['ư', 'u'],
  ['y', 'y'],
]
// No tone and the five tones: grave, acute, tilde, hook above, dot below.
const tones = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323']
const consonants = [
  'b',
  'c',
  'd',
  'đ',
  'Đ',
  'ð',
  'Ð',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'q',
  'r',
  's',
  't',
  'v',
  'x',
]

const letter = fc.oneof(
  fc
    .tuple(fc.constantFrom(...vowels), fc.constantFrom(...tones), fc.boolean())
    .map(([[vowel, folded], tone, upper]) => {
      const written = (vowel + tone).normalize('NFC')
      return { written: upper ? written.toUpperCase() : written, folded }
    }),
  fc
    .constantFrom(...consonants)
    .map((c) => ({ written: c, folded: /[đĐðÐ]/.test(c) ? 'd' : c.toLowerCase() })),
)

describe('one folding for the taxonomy and the search engine', () => {
  it('folds every Vietnamese letter, tone, Đ/đ, in NFC and NFD alike', () => {
    fc.assert(
      fc.property(
        fc.array(letter, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (letters, nfd) => {
          const word = letters.map((l) => l.written).join('')
          const input = nfd ? word.normalize('NFD') : word.normalize('NFC')
          const expected = letters.map((l) => l.folded).join('')
          expect(fold(input)).toBe(expected)
          expect(foldVietnamese(input)).toBe(expected)
          expect(tokenize(input).map((token) => token.folded)).toEqual([expected])
        },
      ),
      { numRuns: 2000 },
    )
  })
})
