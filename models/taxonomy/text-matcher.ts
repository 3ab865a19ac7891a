import { foldVietnamese, TONE_MARKS as toneMarks } from './text.ts'

/**
 * Finds known phrases in free text, for tagging. Matching is by whole words (Latin script) or
 * characters (Chinese characters, kana, Hangul), and diacritic-insensitive in the way
 * Vietnamese is actually typed:
 * - a word written with diacritics must carry the same ones ("hoá" and "hóa" are equal, "đã"
 *   is not "da");
 * - a word written without any diacritics matches the folded phrase word ("dap khuon" finds
 *   "dập khuôn"), except for one-word phrases, which are too ambiguous when folded
 *   ("ma" could be "mạ", "mã", "má" or "mà").
 * Overlapping matches are resolved longest first, so "dập vuốt sâu" is not also "dập", and
 * "Hàn Quốc" is not also "hàn".
 */

type Script = 'word' | 'han' | 'hiragana' | 'katakana' | 'hangul'

type Token = {
  script: Script
  raw: string
  lower: string
  folded: string
  /** Lowercase with the tone mark moved to the end, so tone placement does not matter. */
  canonical: string
  accented: boolean
  /** Directly follows a character of the same East-Asian script (no space or punctuation). */
  glued: boolean
  start: number
  end: number
}

type Phrase<T> = {
  text: string
  tokens: Token[]
  value: T
  caseSensitive: boolean
  foldable: boolean
}

export type TextMatch<T> = { value: T; phrase: string; matched: string; start: number }

function canonicalWord(lower: string): string {
  const decomposed = lower.normalize('NFD')
  const tones = decomposed.match(toneMarks)
  if (!tones) return lower
  return decomposed.replace(toneMarks, '').normalize('NFC') + tones.join('')
}

function scriptOf(char: string): Script | 'digit' | undefined {
  if (/\p{Script=Han}/u.test(char)) return 'han'
  if (/\p{Script=Hiragana}/u.test(char)) return 'hiragana'
  if (/[\p{Script=Katakana}\u30fc]/u.test(char)) return 'katakana'
  if (/\p{Script=Hangul}/u.test(char)) return 'hangul'
  if (/\p{N}/u.test(char)) return 'digit'
  if (/[\p{L}\p{M}]/u.test(char)) return 'word'
  return undefined
}

function makeToken(script: Script, raw: string, start: number, glued: boolean): Token {
  const lower = raw.toLowerCase()
  const folded = script === 'word' ? foldVietnamese(raw) : raw
  return {
    script,
    raw,
    lower,
    folded,
    canonical: script === 'word' ? canonicalWord(lower) : raw,
    accented: folded !== lower,
    glued,
    start,
    end: start + raw.length,
  }
}

/**
 * Latin-script words split at letter/digit changes ("SUS304" → "SUS" "304", so it matches
 * "SUS 304"); every East-Asian character is a token of its own.
 */
export function tokenize(input: string): Token[] {
  const text = input.normalize('NFKC')
  const tokens: Token[] = []
  let word = ''
  let wordStart = 0
  let wordIsDigits = false
  let previous: Script | 'digit' | undefined
  const flush = () => {
    if (word) tokens.push(makeToken('word', word, wordStart, false))
    word = ''
  }
  let offset = 0
  for (const char of text) {
    const script = scriptOf(char)
    if (script === 'word' || script === 'digit') {
      const isDigit = script === 'digit'
      const isMark = /\p{M}/u.test(char)
      if (word && !isMark && isDigit !== wordIsDigits) flush()
      if (!word) {
        wordStart = offset
        wordIsDigits = isDigit
      }
      word += char
    } else {
      flush()
      if (script) tokens.push(makeToken(script, char, offset, previous === script))
    }
    previous = script
    offset += char.length
  }
  flush()
  return tokens
}

function tokenMatches(text: Token, phrase: Token, caseSensitive: boolean, foldable: boolean) {
  if (text.script !== phrase.script) return false
  if (text.script !== 'word') return text.raw === phrase.raw
  if (caseSensitive) return text.raw === phrase.raw
  if (text.canonical === phrase.canonical) return true
  return foldable && !text.accented && text.folded === phrase.folded
}

// Katakana words run together, so "タイ" (Thailand) must not match inside "タイヤ" (tyre);
// Korean nouns take particles after them, so only the start of a Hangul word is checked.
function atBoundaries(tokens: Token[], start: number, end: number, phrase: Phrase<unknown>) {
  const first = phrase.tokens[0]
  const last = phrase.tokens.at(-1)
  const startsWord = first?.script === 'katakana' || first?.script === 'hangul'
  if (startsWord && tokens[start]?.glued) return false
  if (last?.script === 'katakana' && tokens[end]?.glued && tokens[end]?.script === 'katakana') {
    return false
  }
  return true
}

export function createTextMatcher<T>(entries: Iterable<{ phrase: string; value: T }>) {
  const byFirstToken = new Map<string, Phrase<T>[]>()
  for (const { phrase: text, value } of entries) {
    const tokens = tokenize(text)
    const first = tokens[0]
    if (!first) continue
    const single = tokens.length === 1
    const phrase: Phrase<T> = {
      text,
      tokens,
      value,
      // Acronyms ("REACH", "WRAP", "US", "PC") are ordinary words in lower case.
      caseSensitive: single && first.script === 'word' && /^[A-Z]{2,}$/.test(first.raw),
      foldable: !single,
    }
    const list = byFirstToken.get(first.folded) ?? []
    list.push(phrase)
    byFirstToken.set(first.folded, list)
  }

  return function match(input: string): TextMatch<T>[] {
    const tokens = tokenize(input)
    const candidates: { phrase: Phrase<T>; start: number; end: number }[] = []
    tokens.forEach((token, start) => {
      for (const phrase of byFirstToken.get(token.folded) ?? []) {
        const end = start + phrase.tokens.length
        if (end > tokens.length) continue
        const fits = phrase.tokens.every((phraseToken, i) => {
          const textToken = tokens[start + i]
          return (
            textToken && tokenMatches(textToken, phraseToken, phrase.caseSensitive, phrase.foldable)
          )
        })
        if (fits && atBoundaries(tokens, start, end, phrase))
          candidates.push({ phrase, start, end })
      }
    })
    candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
    const accepted: typeof candidates = []
    for (const candidate of candidates) {
      const clashes = accepted.some(
        (other) =>
          candidate.start < other.end &&
          other.start < candidate.end &&
          !(candidate.start === other.start && candidate.end === other.end),
      )
      if (!clashes) accepted.push(candidate)
    }
    const text = input.normalize('NFKC')
    return accepted
      .sort((a, b) => a.start - b.start)
      .map(({ phrase, start, end }) => ({
        value: phrase.value,
        phrase: phrase.text,
        matched: text.slice(tokens[start]?.start, tokens[end - 1]?.end),
        start: tokens[start]?.start ?? 0,
      }))
  }
}
