/** The languages every taxonomy label exists in. The UI may offer fewer (see `#models/i18n`). */
export const taxonomyLocales = ['vi', 'en', 'ja', 'ko'] as const
export type TaxonomyLocale = (typeof taxonomyLocales)[number]

export type Labels = Readonly<Record<TaxonomyLocale, string>>

/**
 * One entry of a controlled vocabulary. `code` is the stable identifier stored in the database
 * and used in URLs and filters: ASCII, never translated, never reused for another meaning.
 */
export type Term<Code extends string = string> = {
  readonly code: Code
  readonly labels: Labels
  /** Words that mean the same thing, in any language; search treats them as equivalent. */
  readonly synonyms: readonly string[]
  /**
   * Narrower words that imply the term but are not equivalent to it ("ABS" implies engineering
   * plastics, "hàn TIG" implies welding). Used to tag free text, never as search synonyms.
   */
  readonly keywords?: readonly string[]
}

export function isTaxonomyLocale(value: unknown): value is TaxonomyLocale {
  return typeof value === 'string' && (taxonomyLocales as readonly string[]).includes(value)
}
