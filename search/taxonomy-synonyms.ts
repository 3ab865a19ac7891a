import {
  findTerm,
  noteOf,
  processFamilies,
  products,
  synonymGroups,
  taxonomyLocales,
  termNames,
  withoutNote,
  type Vocabulary,
} from '#models/taxonomy/index.ts'
import type { SupplierSearchDocument } from './documents.ts'
import type { SearchSettings, SynonymExpansion } from './engine.ts'

/**
 * What the search engine gets from the controlled vocabulary (`#models/taxonomy`): the names of a
 * supplier's codes, to index in `taxonomyLabels`, and the synonym groups for `configure()`.
 * Both cover the same vocabularies, so a name found in any language of a group is also a name
 * the documents carry.
 *
 * The document fields whose codes are searched by their names, and their vocabularies.
 * Left out:
 * - `region`: it follows from the province, and "Miền Bắc" / "Miền Nam" would let "Bắc Ninh"
 *   find a supplier in Quảng Ninh (north) and "Nam Định" one anywhere in the south;
 * - `employeeBand`: "50–199 employees" would put "employees" and "lao động" (and bare numbers)
 *   on every supplier, and the bands' labels are not synonyms of anything a buyer types;
 * - ownership kinds: documents do not carry them.
 * Those are filters only.
 */
export const LABELLED_FIELDS = {
  sector: 'sectors',
  process: 'processes',
  material: 'materials',
  certification: 'certifications',
  province: 'provinces',
  exportMarket: 'countries',
} as const satisfies Partial<Record<keyof SupplierSearchDocument, Vocabulary>>

type LabelledField = keyof typeof LABELLED_FIELDS

/**
 * The vocabularies whose synonym groups are loaded: those whose names are indexed, and the
 * products and parts, which documents do not carry as codes (yet) but which join what buyers
 * type ("bearings", "ベアリング") to what suppliers write ("vòng bi").
 */
export const SEARCHED_VOCABULARIES: readonly Vocabulary[] = [
  ...Object.values(LABELLED_FIELDS),
  'products',
]

/** The codes `taxonomyLabelsFor` reads: a whole SupplierSearchDocument will do. */
export type TaxonomyCodes = Pick<SupplierSearchDocument, LabelledField>

/**
 * Synonym groups for `SearchEngine.configure()`: for every term of the searched vocabularies,
 * its labels in vi, en, ja and ko (bracketed notes dropped) plus its synonyms. The taxonomy
 * keeps every phrase in one group only and leaves out keywords (narrower words such as "ABS").
 * Country names that are also everyday words ("Đức", "Anh", "Ý", "Áo") stay in their groups:
 * the words as typed always match too, so a group can only add results, never take one away.
 */
export function taxonomySynonyms(): string[][] {
  return synonymGroups(SEARCHED_VOCABULARIES)
}

/**
 * One-way expansions for `configure()`: a broader name also finds the narrower terms it covers
 * ("garment accessories" finds buttons and zippers; "CNC machining" finds CNC milling and
 * turning), never the reverse.
 */
export function taxonomyExpansions(): SynonymExpansion[] {
  const expansions: SynonymExpansion[] = []
  for (const product of products) {
    if (!product.covers) continue
    const covered = product.covers.flatMap((code) => {
      const term = findTerm('products', code)
      return term ? termNames(term) : []
    })
    expansions.push({ from: termNames(product), to: covered })
  }
  for (const family of processFamilies) {
    const covered = family.covers.flatMap((code) => {
      const term = findTerm('processes', code)
      return term ? termNames(term) : []
    })
    expansions.push({ from: [...family.names], to: covered })
  }
  return expansions
}

/** What the app configures its engine with: the taxonomy's synonym groups and expansions. */
export function taxonomySearchSettings(): SearchSettings {
  return { synonyms: taxonomySynonyms(), expansions: taxonomyExpansions() }
}

/**
 * What an indexer puts into `taxonomyLabels`: the label in all four languages of every code in
 * the labelled fields, without bracketed notes ("ISO 9001 (quality management)" → "ISO 9001"),
 * each name once; a certification's note is added as a name of its own ("quality
 * management"), as buyers name a standard by its field. A code the
 * vocabulary does not (or no longer) know has no names and adds nothing.
 */
export function taxonomyLabelsFor(codes: TaxonomyCodes): string[] {
  const names = new Set<string>()
  for (const [field, vocabulary] of Object.entries(LABELLED_FIELDS) as [
    LabelledField,
    Vocabulary,
  ][]) {
    const value = codes[field]
    for (const code of typeof value === 'string' ? [value] : value) {
      const term = findTerm(vocabulary, code)
      if (!term) continue
      for (const locale of taxonomyLocales) {
        const name = withoutNote(term.labels[locale])
        if (name) names.add(name)
        // A standard's note says what it is about ("environmental management"): the words a
        // buyer uses for it. Other vocabularies' notes list examples, not what a firm does.
        const note = field === 'certification' ? noteOf(term.labels[locale]) : ''
        if (note) names.add(note)
      }
    }
  }
  return [...names]
}
