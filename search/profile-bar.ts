/**
 * The minimum profile bar for search: a supplier is indexed only once it has a name, a sector,
 * at least one process or product, and a verified e-mail address. Empty sign-ups (8% complete,
 * e-mail never confirmed) otherwise compete with real suppliers from the first minute
 * (issue 14). Pure, shared by the indexer (supplier-document.ts) and the profile editor, which
 * tells the supplier what still keeps it out.
 */
export type SearchBarGap = 'name' | 'sector' | 'processOrProduct' | 'verifiedEmail'

export interface SearchBarInput {
  name?: string | null
  tradeName?: string | null
  sectors?: readonly string[] | null
  processes?: readonly string[] | null
  products?: ReadonlyArray<{ name?: { vi?: string | null; en?: string | null } | null }> | null
  /**
   * Whether a member of the organisation has confirmed their e-mail address; undefined when the
   * caller does not know, and then not checked (the search sync does not read users yet).
   */
  emailVerified?: boolean
}

export function searchBarGaps(input: SearchBarInput): SearchBarGap[] {
  const gaps: SearchBarGap[] = []
  if (!input.name?.trim() && !input.tradeName?.trim()) gaps.push('name')
  if (!input.sectors?.some((code) => code.trim() !== '')) gaps.push('sector')
  const hasProduct = input.products?.some((product) =>
    Boolean(product.name?.vi?.trim() || product.name?.en?.trim()),
  )
  if (!input.processes?.some((code) => code.trim() !== '') && !hasProduct) {
    gaps.push('processOrProduct')
  }
  if (input.emailVerified === false) gaps.push('verifiedEmail')
  return gaps
}
