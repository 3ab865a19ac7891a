/**
 * The controlled vocabulary shared by forms, search, import and display. Codes are stored and
 * filtered on; labels exist in vi, en, ja and ko; search matches any label or synonym. This is
 * how a buyer typing "wire harness" finds a supplier who wrote "bó dây điện". Browser-safe.
 */
import { certifications } from './certifications.ts'
import { countries } from './countries.ts'
import { employeeBands } from './employee-bands.ts'
import { materials } from './materials.ts'
import { ownershipKinds } from './ownership-kinds.ts'
import { processes } from './processes.ts'
import { products } from './products.ts'
import { legacyProvinceAliases, legacyProvinces, provinces } from './provinces.ts'
import { regions } from './regions.ts'
import { resolveProvince } from './resolve-province.ts'
import { sectors } from './sectors.ts'
import { createTextMatcher } from './text-matcher.ts'
import { normalizeForMatch } from './text.ts'
import { isTaxonomyLocale, type Term } from './types.ts'

export * from './certifications.ts'
export * from './countries.ts'
export * from './employee-bands.ts'
export * from './materials.ts'
export * from './ownership-kinds.ts'
export * from './processes.ts'
export * from './products.ts'
export * from './provinces.ts'
export * from './regions.ts'
export * from './resolve-province.ts'
export * from './sectors.ts'
export * from './text.ts'
export * from './types.ts'

export const taxonomy = {
  sectors,
  processes,
  materials,
  products,
  certifications,
  countries,
  provinces,
  regions,
  employeeBands,
  ownershipKinds,
} as const

export type Taxonomy = typeof taxonomy
export type Vocabulary = keyof Taxonomy
export type TermOf<V extends Vocabulary> = Taxonomy[V][number]
export type CodeOf<V extends Vocabulary> = TermOf<V>['code']

export const vocabularies = Object.keys(taxonomy) as readonly Vocabulary[]

const termsByCode = new Map<Vocabulary, ReadonlyMap<string, Term>>(
  vocabularies.map((vocabulary) => [
    vocabulary,
    new Map<string, Term>(taxonomy[vocabulary].map((term) => [term.code, term])),
  ]),
)

/** The term with this code, or undefined if the code is not (or no longer) in the vocabulary. */
export function findTerm<V extends Vocabulary>(vocabulary: V, code: string): TermOf<V> | undefined {
  return termsByCode.get(vocabulary)?.get(code) as TermOf<V> | undefined
}

/** Whether `value` is a code of the vocabulary (a type guard for data from forms or imports). */
export function isCode<V extends Vocabulary>(vocabulary: V, value: unknown): value is CodeOf<V> {
  return typeof value === 'string' && (termsByCode.get(vocabulary)?.has(value) ?? false)
}

/** The codes of a vocabulary, in display order, as a non-empty tuple: `z.enum(codes('sectors'))`. */
export function codes<V extends Vocabulary>(vocabulary: V): readonly [CodeOf<V>, ...CodeOf<V>[]] {
  return taxonomy[vocabulary].map((term) => term.code) as unknown as [CodeOf<V>, ...CodeOf<V>[]]
}

/**
 * The label of a code in `locale`, falling back to English, then Vietnamese. An unknown code
 * (say, one retired from the vocabulary but still stored on an old record) is shown as is.
 */
export function label(vocabulary: Vocabulary, code: string, locale: string): string {
  const term = findTerm(vocabulary, code)
  if (!term) return code
  const own = isTaxonomyLocale(locale) ? term.labels[locale] : ''
  return own || term.labels.en || term.labels.vi
}

/** "ISO 9001 (quality management)" → "ISO 9001"; labels' bracketed notes are not names. */
export function withoutNote(text: string): string {
  return text.replace(/\s*[(（][^()（）]*[)）]\s*/g, ' ').trim()
}

/** "ISO 9001 (quality management)" → "quality management": what the term is about, or "". */
export function noteOf(text: string): string {
  return [...text.matchAll(/[(（]([^()（）]*)[)）]/g)].map((match) => match[1]!.trim()).join(' ')
}

/** Every name of a term: its labels in all languages (notes dropped) and its synonyms. */
export function termNames(term: Term): string[] {
  return names(term)
}

function names(term: Term): string[] {
  return [...Object.values(term.labels).map(withoutNote), ...term.synonyms]
}

function uniqueIgnoringCase(values: readonly string[]): string[] {
  const seen = new Set<string>()
  return values.filter((value) => {
    const key = value.normalize('NFC').toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * For every term, its labels in all languages plus its synonyms: groups of words a search
 * engine should treat as equivalent ("wire harness" = "bó dây điện" = "ワイヤーハーネス").
 * Keywords are left out, being narrower than the term. No word is in two groups, even once
 * diacritics are folded (a test keeps it so), so the groups can be loaded as they are.
 */
export function synonymGroups(only: readonly Vocabulary[] = vocabularies): string[][] {
  return only.flatMap((vocabulary) =>
    taxonomy[vocabulary]
      .map((term: Term) => uniqueIgnoringCase(names(term)))
      .filter((group) => group.length > 1),
  )
}

export type TermMatch = {
  [V in Vocabulary]: { vocabulary: V; term: TermOf<V>; matched: string }
}[Vocabulary]

/** What `findTermsByText` looks for unless told otherwise: the things a supplier describes. */
export const taggedVocabularies: readonly Vocabulary[] = [
  'sectors',
  'processes',
  'materials',
  'certifications',
  'countries',
  'provinces',
]

// One-word names that mostly mean something else in running Vietnamese text: "hàn" (welding)
// is also Korea ("đối tác Hàn"), "rèn" (forging) also "rèn luyện"; "Đức", "Anh", "Nga", "Mỹ"
// are also personal names or "English"; "Pháp" is in "giải pháp", "Ý" in "ý kiến", "Áo" is a
// shirt, "Séc" a cheque. They stay labels and synonyms, but do not tag text on their own.
const tooAmbiguousToTag = new Set(
  ['hàn', 'rèn', 'đức', 'anh', 'nga', 'mỹ', 'pháp', 'ý', 'áo', 'bỉ', 'séc'].map((word) =>
    word.normalize('NFC'),
  ),
)

type Tag = { vocabulary: Vocabulary; term: Term }

function taggingPhrases(vocabulary: Vocabulary, term: Term): string[] {
  const phrases = [...names(term), ...(term.keywords ?? [])]
  if (vocabulary === 'provinces') {
    for (const [name, code] of Object.entries({ ...legacyProvinces, ...legacyProvinceAliases })) {
      if (code === term.code) phrases.push(name)
    }
  }
  return phrases.filter((phrase) => !tooAmbiguousToTag.has(phrase.normalize('NFC').toLowerCase()))
}

let textMatcher: ((text: string) => { value: Tag; matched: string }[]) | undefined

function matchTerms(text: string) {
  textMatcher ??= createTextMatcher(
    vocabularies.flatMap((vocabulary) =>
      taxonomy[vocabulary].flatMap((term: Term) =>
        taggingPhrases(vocabulary, term).map((phrase) => ({ phrase, value: { vocabulary, term } })),
      ),
    ),
  )
  return textMatcher(text)
}

/**
 * The terms a free text mentions, by any label, synonym or keyword, in the order they first
 * appear: "Chúng tôi nhận dap khuon kim loai" → metal stamping. See `text-matcher.ts` for how
 * diacritics and overlaps are handled. Used to suggest tags for profiles and requests.
 */
export function findTermsByText(
  text: string,
  options: { vocabularies?: readonly Vocabulary[] } = {},
): TermMatch[] {
  const wanted = new Set(options.vocabularies ?? taggedVocabularies)
  const seen = new Set<string>()
  const found: TermMatch[] = []
  for (const { value, matched } of matchTerms(text)) {
    const key = `${value.vocabulary}:${value.term.code}`
    if (!wanted.has(value.vocabulary) || seen.has(key)) continue
    seen.add(key)
    found.push({ vocabulary: value.vocabulary, term: value.term, matched } as TermMatch)
  }
  return found
}

const exactNames = new Map<Vocabulary, ReadonlyMap<string, Term>>(
  vocabularies.map((vocabulary) => {
    const byName = new Map<string, Term>()
    const ambiguous = new Set<string>()
    for (const term of taxonomy[vocabulary] as readonly Term[]) {
      for (const name of [term.code, ...names(term), ...Object.values(term.labels)]) {
        const key = normalizeForMatch(name)
        const existing = byName.get(key)
        if (existing && existing !== term) ambiguous.add(key)
        byName.set(key, term)
      }
    }
    for (const key of ambiguous) byName.delete(key)
    return [vocabulary, byName]
  }),
)

/**
 * The term a short input names exactly (code, label or synonym; any case, with or without
 * diacritics): for imports and URL parameters. "Nhật Bản", "japan", "jp" → JP. Provinces go
 * through `resolveProvince`, which also knows the pre-2025 names.
 */
export function resolveTerm<V extends Vocabulary>(
  vocabulary: V,
  input: string,
): TermOf<V> | undefined {
  if (vocabulary === 'provinces') return resolveProvince(input) as TermOf<V> | undefined
  return exactNames.get(vocabulary)?.get(normalizeForMatch(input)) as TermOf<V> | undefined
}
