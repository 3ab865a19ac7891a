import { findTermsByText } from '#models/taxonomy/index.ts'
import type { MatchNeed } from './types.ts'

/**
 * The taxonomy codes a free text names, added to a need's own: "cần dập kim loại, IATF 16949"
 * → process metal-stamping, certification iatf-16949. For needs typed as text only (an event
 * profile's "looking for", a request without tags); codes chosen by hand are kept as they are.
 */
export function withCodesFromText(need: MatchNeed): MatchNeed {
  if (!need.text?.trim()) return need
  const found = findTermsByText(need.text, {
    vocabularies: ['sectors', 'processes', 'materials', 'certifications'],
  })
  const add = (own: readonly string[] | undefined, vocabulary: string) => {
    const codes = new Set(own ?? [])
    for (const match of found) if (match.vocabulary === vocabulary) codes.add(match.term.code)
    return [...codes]
  }
  return {
    ...need,
    sectors: add(need.sectors, 'sectors'),
    processes: add(need.processes, 'processes'),
    materials: add(need.materials, 'materials'),
    certifications: add(need.certifications, 'certifications'),
  }
}
