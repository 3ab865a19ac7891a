/**
 * The sponsored slot shows a few of the premium suppliers that match a search. When more match
 * than there are places, they take turns: each search starts one further along the list (a
 * round-robin per app process), so over consecutive searches every matching premium supplier is
 * shown equally often and in each position equally often. Relevance never decides who pays for
 * the top place; organic results are not touched.
 */
let turn = 0

/** The candidates to show (at most `slots`), starting at this search's turn. */
export function rotateSponsored<T>(candidates: readonly T[], slots: number, start = turn++): T[] {
  if (candidates.length === 0 || slots <= 0) return []
  const offset = ((start % candidates.length) + candidates.length) % candidates.length
  return [...candidates.slice(offset), ...candidates.slice(0, offset)].slice(0, slots)
}

/** How many matching premium suppliers are considered for the rotation. */
export const SPONSORED_CANDIDATES = 30
