import { MAX_SAVED_SEARCHES, SAVED_SEARCH_NAME_MAX } from '#models/billing/saved-search-rules.ts'
import type { SavedSearchInput, SavedSearchRecord } from '#models/billing/saved-search.ts'
import type { TranslationKey } from '#models/i18n/index.ts'
import { SEARCH_FACETS, searchParamsOf, type SupplierSearchState } from './supplier-search.ts'
import { parseApiQuery, readSearchState } from './supplier-search.server.ts'

/**
 * The saved-search forms' reading of their fields: strict, since a saved search runs every day
 * (an unknown filter code is refused with a message, not silently dropped).
 */

export type SavedSearchFormError = { error: TranslationKey; params?: Record<string, number> }

const one = (form: FormData, name: string): string | null => {
  const values = form.getAll(name)
  return values.length === 1 && typeof values[0] === 'string' ? values[0] : null
}

export function readSavedSearchName(
  form: FormData,
): { ok: true; name: string } | { ok: false; error: SavedSearchFormError } {
  const name = one(form, 'name')?.normalize('NFC').replace(/\s+/g, ' ').trim() ?? ''
  if (name.length < 1 || name.length > SAVED_SEARCH_NAME_MAX) {
    return {
      ok: false,
      error: { error: 'billing.savedSearch.error.name', params: { max: SAVED_SEARCH_NAME_MAX } },
    }
  }
  return { ok: true, name }
}

/** The search the save form carries (q, sort and the facet codes of the search page). */
export function readSavedSearchInput(
  form: FormData,
): { ok: true; input: SavedSearchInput } | { ok: false; error: SavedSearchFormError } {
  const named = readSavedSearchName(form)
  if (!named.ok) return named
  const params = new URLSearchParams()
  for (const name of ['q', 'sort', ...SEARCH_FACETS]) {
    for (const value of form.getAll(name)) {
      if (typeof value !== 'string') return { ok: false, error: invalidSearch }
      if (name === 'sort' && value === '') continue
      params.append(name, value)
    }
  }
  const parsed = parseApiQuery(params)
  if (!parsed.ok) return { ok: false, error: invalidSearch }
  const { q, filters, sort } = parsed.query
  return { ok: true, input: { name: named.name, q, filters, sort } }
}

const invalidSearch: SavedSearchFormError = { error: 'billing.savedSearch.error.search' }

/** The slot and token that name one of the signed-in user's saved searches. */
export function readSavedSearchRef(form: FormData): { slot: number; token: string } | null {
  const slot = one(form, 'slot')
  const token = one(form, 'token')
  if (!slot || !/^\d{1,2}$/.test(slot) || Number(slot) >= MAX_SAVED_SEARCHES) return null
  if (!token || !/^[0-9a-f]{12}$/.test(token)) return null
  return { slot: Number(slot), token }
}

/** A stored search as the page's state (unknown codes dropped, as the search page does). */
export function savedSearchState(search: Pick<SavedSearchRecord, 'q' | 'filters' | 'sort'>) {
  const params = new URLSearchParams()
  if (search.q) params.set('q', search.q)
  for (const [facet, values] of Object.entries(search.filters ?? {}))
    for (const value of Array.isArray(values) ? values : []) params.append(facet, String(value))
  if (search.sort) params.set('sort', search.sort)
  const state: SupplierSearchState = readSearchState(params)
  return { state, href: `/suppliers${hrefQuery(state)}` }
}

function hrefQuery(state: SupplierSearchState) {
  const query = searchParamsOf({ ...state, page: 1 }).toString()
  return query ? `?${query}` : ''
}
