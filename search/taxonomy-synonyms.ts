import {
  findTerm,
  synonymGroups,
  taxonomyLocales,
  withoutNote,
  type Vocabulary,
} from '#models/taxonomy/index.ts'
import type { SupplierSearchDocument } from './documents.ts'

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

/** The vocabularies whose names are indexed and whose synonym groups are loaded. */
export const SEARCHED_VOCABULARIES: readonly Vocabulary[] = Object.values(LABELLED_FIELDS)

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
 * What an indexer puts into `taxonomyLabels`: the label in all four languages of every code in
 * the labelled fields, without bracketed notes ("ISO 9001 (quality management)" → "ISO 9001";
 * the taxonomy drops them wherever labels are used to match text), each name once. A code the
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
      }
    }
  }
  return [...names]
}
