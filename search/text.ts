/**
 * Text handling shared by the embedded engine, the Meilisearch adapter and the benchmark:
 * Vietnamese-aware folding, tokenising and highlighting.
 */

/** A word as written (lower-cased, NFC) and folded (no diacritics, đ → d). */
export interface Token {
  exact: string
  folded: string
  start: number
  end: number
}

import { stemmer } from 'stemmer'
import { foldText, TONE_MARKS } from '#models/taxonomy/text.ts'

const ASCII = /^[\x00-\x7f]*$/
const WORD = /[\p{L}\p{N}\p{M}]+/gu

const foldCache = new Map<string, string>()
const exactCache = new Map<string, string>()
const CACHE_LIMIT = 200_000

function remember(cache: Map<string, string>, key: string, value: string): string {
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(key, value)
  return value
}

/** Lower-case and NFC, so decomposed input (as some keyboards send it) equals composed input. */
export function exactForm(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase()
  return exactCache.get(word) ?? remember(exactCache, word, word.normalize('NFC').toLowerCase())
}

/**
 * "Đồng Nai" → "dong nai": the platform's one folding (`foldText`, models/taxonomy/text.ts),
 * so the taxonomy and the engine read a word alike. Single words are cached: a corpus has far
 * fewer distinct words than occurrences.
 */
export function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase()
  const cacheable = text.length <= 32 && !/\s/.test(text)
  const cached = cacheable ? foldCache.get(text) : undefined
  if (cached !== undefined) return cached
  const folded = foldText(text)
  return cacheable ? remember(foldCache, text, folded) : folded
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(WORD)) {
    const word = match[0]
    tokens.push({
      exact: exactForm(word),
      folded: fold(word),
      start: match.index,
      end: match.index + word.length,
    })
  }
  return tokens
}

/** The word with its tone marks removed but its letters kept: "Dày" → "day", "dây" → "dây". */
export function lettersForm(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase()
  return word.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC').toLowerCase()
}

/**
 * English stem of a folded word (Porter, the `stemmer` package): "bearings" and "bearing" →
 * "bear", "machining" → "machin". Only for Latin words of four letters or more; other words
 * are their own stem.
 */
export function stemOf(folded: string): string {
  if (folded.length < 4 || !LATIN_WORD.test(folded)) return folded
  return stemCache.get(folded) ?? remember(stemCache, folded, stemmer(folded))
}
const LATIN_WORD = /^[a-z]+$/
const stemCache = new Map<string, string>()

/** Words only, for indexing, without the offsets. */
export function words(text: string): string[] {
  return text.match(WORD) ?? []
}

const HTML_SPECIAL = /[&<>"']/

export function escapeHtml(text: string): string {
  if (!HTML_SPECIAL.test(text)) return text
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

const WORD_SCANNER = /[\p{L}\p{N}\p{M}]+/gu

/**
 * Wraps every word of `text` whose folded form `isMatch` accepts in <mark>, HTML-escaping the
 * rest. Returns undefined when nothing matched, so callers only show fields that explain the
 * hit. `cropWords` (1 or more) keeps that many words around the first match (Meilisearch's
 * cropLength).
 */
export function highlight(
  text: string,
  isMatch: (folded: string) => boolean,
  cropWords?: number,
): string | undefined {
  const words: string[] = []
  const separators: string[] = []
  const marked: boolean[] = []
  let cursor = 0
  WORD_SCANNER.lastIndex = 0
  for (let found = WORD_SCANNER.exec(text); found; found = WORD_SCANNER.exec(text)) {
    separators.push(text.slice(cursor, found.index))
    words.push(found[0])
    marked.push(isMatch(fold(found[0])))
    cursor = found.index + found[0].length
  }
  separators.push(text.slice(cursor))
  return highlightWords(words, separators, marked, cropWords)
}

/**
 * `highlight` of a text already split into its words and the separators around them (one more
 * than the words: before each word, then after the last), knowing which words matched.
 */
export function highlightWords(
  words: readonly string[],
  separators: readonly string[],
  marked: readonly boolean[],
  cropWords?: number,
): string | undefined {
  const first = marked.indexOf(true)
  if (first === -1) return undefined
  const count = words.length
  let from = 0
  let to = count
  if (cropWords !== undefined && count > cropWords) {
    from = Math.max(0, first - Math.floor(cropWords / 3))
    to = Math.min(count, from + cropWords)
    from = Math.max(0, to - cropWords)
  }
  let html = from === 0 ? '' : '…'
  // Unmarked text since the last mark; a cropped start begins at its first word.
  let plain = from === 0 ? separators[0]! : ''
  for (let i = from; i < to; i++) {
    if (i > from) plain += separators[i]!
    if (marked[i]) {
      html += escapeHtml(plain) + '<mark>' + escapeHtml(words[i]!) + '</mark>'
      plain = ''
    } else {
      plain += words[i]!
    }
  }
  if (to === count) plain += separators[count]!
  html += escapeHtml(plain)
  return to < count ? `${html}…` : html
}

/** Meilisearch's default typo budget: 1 typo from 5 characters, 2 from 9. */
export function typoBudget(word: string): number {
  const length = [...word].length
  return length >= 9 ? 2 : length >= 5 ? 1 : 0
}
