import crypto from 'node:crypto'
import { Schema, type Types } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import { entitlementFor } from './billing-account.ts'
import { MAX_SAVED_SEARCHES, SAVED_SEARCH_NAME_MAX } from './saved-search-rules.ts'

/**
 * Buyer Pro's saved searches (issue 19).
 *
 * A user's saved searches live at derived ids `<user>:<slot>`, slot 0 … MAX_SAVED_SEARCHES - 1:
 * the list page reads them with MAX_SAVED_SEARCHES point reads (FerretDB pushes only `{ _id }`
 * down; DESIGN.md, "Data access on the embedded database"), a save takes the first free slot by
 * a unique insert (two saves at once take two slots, never more than the cap), and an action
 * addresses a search by the signed-in user's id and a slot, so nobody can name another user's.
 * Each saved search also carries a random `token`, new on every save: a form for a search that
 * was deleted and whose slot was taken again acts on nothing, and the alert job's claims
 * (models/billing/saved-search-alerts.ts) are keyed by it.
 */
const savedSearchSchema = new Schema(
  {
    _id: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, required: true },
    organization: { type: Schema.Types.ObjectId, required: true },
    slot: { type: Number, required: true },
    token: { type: String, required: true },
    name: { type: String, required: true, maxlength: SAVED_SEARCH_NAME_MAX },
    q: { type: String, default: '' },
    /** Facet → codes, as the search page's URL states them (validated by the action). */
    filters: { type: Schema.Types.Mixed, default: {} },
    sort: { type: String, default: 'relevance' },
    alerts: { type: Boolean, default: true },
    createdAt: { type: Date, required: true },
    /** Suppliers indexed after this are candidates for the next alert. */
    alertedThrough: { type: Date, required: true },
    lastAlertAt: Date,
  },
  { versionKey: false, minimize: false },
)
export const SavedSearch = defineModel('SavedSearch', savedSearchSchema)

export interface SavedSearchRecord {
  _id: string
  user: Types.ObjectId
  organization: Types.ObjectId
  slot: number
  token: string
  name: string
  q: string
  filters: Record<string, string[]>
  sort: string
  alerts: boolean
  createdAt: Date
  alertedThrough: Date
  lastAlertAt?: Date | null
}

export interface SavedSearchInput {
  name: string
  q: string
  filters: Record<string, string[]>
  sort: string
}

export function savedSearchId(userId: Types.ObjectId | string, slot: number): string {
  return `${String(userId)}:${slot}`
}

/** Whether the organisation holds Buyer Pro now (a point read). */
export async function hasBuyerPro(
  organizationId: Types.ObjectId | string,
  now = new Date(),
): Promise<boolean> {
  return (await entitlementFor(organizationId, now)).plan === 'buyer_pro'
}

/** The user's saved searches, oldest first: one point read per slot. */
export async function listSavedSearches(
  userId: Types.ObjectId | string,
): Promise<SavedSearchRecord[]> {
  const found = await Promise.all(
    Array.from({ length: MAX_SAVED_SEARCHES }, (_, slot) =>
      SavedSearch.findById(savedSearchId(userId, slot)).lean<SavedSearchRecord>(),
    ),
  )
  return found
    .filter((search): search is SavedSearchRecord => search !== null)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
}

/**
 * Saves a search in the user's first free slot, alerts on. `limit` when every slot is taken.
 * The caller has checked Buyer Pro and validated the search.
 */
export async function saveSearch(
  owner: { userId: Types.ObjectId | string; organizationId: Types.ObjectId },
  input: SavedSearchInput,
  now = new Date(),
): Promise<{ ok: true; search: SavedSearchRecord } | { ok: false; error: 'limit' }> {
  const taken = new Set((await listSavedSearches(owner.userId)).map((search) => search.slot))
  for (let slot = 0; slot < MAX_SAVED_SEARCHES; slot++) {
    if (taken.has(slot)) continue
    const record = {
      _id: savedSearchId(owner.userId, slot),
      user: owner.userId,
      organization: owner.organizationId,
      slot,
      token: crypto.randomBytes(6).toString('hex'),
      name: input.name,
      q: input.q,
      filters: input.filters,
      sort: input.sort,
      alerts: true,
      createdAt: now,
      alertedThrough: now,
    }
    try {
      await SavedSearch.create(record)
    } catch (error) {
      // Taken by a save at the same moment: the next slot.
      if (isDuplicateKeyServerError(error)) continue
      throw error
    }
    return { ok: true, search: (await SavedSearch.findById(record._id).lean<SavedSearchRecord>())! }
  }
  return { ok: false, error: 'limit' }
}

/** The user's own saved search in that slot, if it is still the one the form showed. */
export async function findOwnSavedSearch(
  userId: Types.ObjectId | string,
  slot: number,
  token: string,
): Promise<SavedSearchRecord | null> {
  if (!Number.isInteger(slot) || slot < 0 || slot >= MAX_SAVED_SEARCHES) return null
  const search = await SavedSearch.findById(savedSearchId(userId, slot)).lean<SavedSearchRecord>()
  return search && search.token === token ? search : null
}

type Change = { name: string } | { alerts: boolean; now?: Date }

/** Renames or turns alerts on/off; false when there is no such search of this user. */
export async function changeSavedSearch(
  userId: Types.ObjectId | string,
  slot: number,
  token: string,
  change: Change,
): Promise<boolean> {
  const search = await findOwnSavedSearch(userId, slot, token)
  if (!search) return false
  const set: Record<string, unknown> =
    'name' in change
      ? { name: change.name }
      : {
          alerts: change.alerts,
          // Turned back on: alert about what comes from now, not about the months it was off.
          ...(change.alerts && !search.alerts ? { alertedThrough: change.now ?? new Date() } : {}),
        }
  const result = await SavedSearch.updateOne({ _id: search._id }, { $set: set })
  return result.matchedCount > 0
}

export async function deleteSavedSearch(
  userId: Types.ObjectId | string,
  slot: number,
  token: string,
): Promise<boolean> {
  const search = await findOwnSavedSearch(userId, slot, token)
  if (!search) return false
  const result = await SavedSearch.deleteOne({ _id: search._id })
  return result.deletedCount > 0
}
