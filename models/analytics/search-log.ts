import { createHash } from 'node:crypto'
import { Schema } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { flushOneAtATime, periodicFlush } from './periodic-flush.ts'
import { dayOf } from './profile-analytics.ts'

/**
 * The search log behind the programme's KPIs "searches per week" and "top queries with no
 * results" (issue 17). Like profile analytics (decision 029), a search only adds to a buffer in
 * this process's memory; `flushSearchLog()` writes it every few seconds with `$inc` upserts to
 * small documents with derived ids, so the search path never waits for the database:
 * - `SearchDay`, `_id` = the Vietnamese calendar day: how many searches (first pages only, not
 *   pagination), and how many found nothing;
 * - `NoResultQuery`, `_id` = `${day}:${hash of the normalised query}`: the query's text and how
 *   many times it found nothing that day.
 * Only the query text is kept, never who searched. Only the daily KPI job reads these documents
 * (one cursor each), so the dashboard reads its snapshot, never the log.
 * Distinct no-result queries per day and process are capped (searchLogLimits.queriesPerDay) so a flood of
 * random queries cannot grow memory or the collection without bound; beyond it the search is
 * still counted, the query is not.
 *
 * Search as you type: the search page asks again 250 ms after typing stops, so "ep", "ep nh" and
 * "ep nhua" may arrive within seconds from one person. A search from a client (an opaque key the
 * caller derives, e.g. a hash of address and browser; never stored) is held as "open" for
 * SETTLE_MS; a following search from the same client whose query extends or shortens it replaces
 * it, so only the query the person settled on is counted. Open searches are counted once they
 * are older than SETTLE_MS (at the next flush) or replaced by an unrelated search.
 */

export const SEARCH_LOG_FLUSH_MS = 10_000
/** Limits of the buffer; tests lower them. */
export const searchLogLimits = { queriesPerDay: 2_000 }
export const MAX_QUERY_LENGTH = 100
export const SETTLE_MS = 5_000
const MAX_OPEN_SEARCHES = 10_000

export const SearchDay = defineModel(
  'SearchDay',
  new Schema(
    {
      _id: { type: String, required: true },
      searches: { type: Number, default: 0 },
      noResults: { type: Number, default: 0 },
    },
    { versionKey: false },
  ),
)

export const NoResultQuery = defineModel(
  'NoResultQuery',
  new Schema(
    {
      _id: { type: String, required: true },
      day: { type: String, required: true },
      query: { type: String, required: true },
      count: { type: Number, default: 0 },
    },
    { versionKey: false },
  ),
)

/** The query as it is counted: trimmed, spaces collapsed, lower case, at most 100 characters. */
export function normaliseQuery(query: string): string {
  return query.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase().slice(0, MAX_QUERY_LENGTH)
}

export const noResultQueryId = (day: string, query: string) =>
  `${day}:${createHash('sha256').update(query).digest('hex').slice(0, 24)}`

interface DayBuffer {
  searches: number
  noResults: number
  queries: Map<string, number>
}
interface OpenSearch {
  query: string
  total: number
  at: Date
}
interface SearchLogState {
  days: Map<string, DayBuffer>
  /** Searches that may still be refined, by client key (insertion order = oldest first). */
  open: Map<string, OpenSearch>
  flushing: Promise<void> | null
}

// On globalThis: the server and the Remix build each load this file and must share one buffer.
const STATE_KEY = Symbol.for('vsi.searchLog')
function state(): SearchLogState {
  const holder = globalThis as typeof globalThis & { [STATE_KEY]?: SearchLogState }
  holder[STATE_KEY] ??= { days: new Map(), open: new Map(), flushing: null }
  return holder[STATE_KEY]
}

function dayBuffer(days: Map<string, DayBuffer>, day: string): DayBuffer {
  let buffer = days.get(day)
  if (!buffer) days.set(day, (buffer = { searches: 0, noResults: 0, queries: new Map() }))
  return buffer
}

function count(query: string, total: number, at: Date) {
  const buffer = dayBuffer(state().days, dayOf(at))
  buffer.searches += 1
  if (total > 0) return
  buffer.noResults += 1
  const normalised = normaliseQuery(query)
  if (!normalised) return
  const known = buffer.queries.get(normalised)
  if (known !== undefined) buffer.queries.set(normalised, known + 1)
  else if (buffer.queries.size < searchLogLimits.queriesPerDay) buffer.queries.set(normalised, 1)
}

/** Whether `next` refines `previous` as typing does (one is a prefix of the other). */
const refines = (previous: string, next: string) =>
  previous === next || next.startsWith(previous) || previous.startsWith(next)

/** Counts the open searches older than SETTLE_MS (all of them with `everything`). */
function settle(now: Date, everything = false) {
  const { open } = state()
  for (const [client, search] of open) {
    if (!everything && now.getTime() - search.at.getTime() < SETTLE_MS) continue
    open.delete(client)
    count(search.query, search.total, search.at)
  }
}

/**
 * One search as a person ran it (the caller leaves out bots and later pages of the same search).
 * `query` is what was typed (may be empty: filters only); `total` the number of results;
 * `client` an opaque key of who searched, to fold search-as-you-type into one search (without
 * it the search is counted at once).
 */
export function recordSearch(query: string, total: number, client?: string, now = new Date()) {
  if (!client) {
    count(query, total, now)
    return
  }
  const { open } = state()
  const normalised = normaliseQuery(query)
  const previous = open.get(client)
  open.delete(client)
  if (
    previous &&
    (now.getTime() - previous.at.getTime() >= SETTLE_MS ||
      !refines(normaliseQuery(previous.query), normalised))
  )
    count(previous.query, previous.total, previous.at)
  open.set(client, { query, total, at: now })
  // A flood of distinct clients is counted at once rather than held.
  if (open.size > MAX_OPEN_SEARCHES) {
    const [oldest, search] = open.entries().next().value as [string, OpenSearch]
    open.delete(oldest)
    count(search.query, search.total, search.at)
  }
}

async function writeDays(taken: Map<string, DayBuffer>) {
  const failed = new Map<string, DayBuffer>()
  for (const [day, buffer] of taken) {
    const left: DayBuffer = { searches: 0, noResults: 0, queries: new Map() }
    try {
      await SearchDay.updateOne(
        { _id: day },
        { $inc: { searches: buffer.searches, noResults: buffer.noResults } },
        { upsert: true },
      )
    } catch {
      left.searches = buffer.searches
      left.noResults = buffer.noResults
    }
    const queries = [...buffer.queries]
    for (let index = 0; index < queries.length; index += 8) {
      await Promise.all(
        queries.slice(index, index + 8).map(async ([query, count]) => {
          try {
            await NoResultQuery.updateOne(
              { _id: noResultQueryId(day, query) },
              { $inc: { count }, $setOnInsert: { day, query } },
              { upsert: true },
            )
          } catch {
            left.queries.set(query, count)
          }
        }),
      )
    }
    if (left.searches || left.queries.size) failed.set(day, left)
  }
  if (failed.size) {
    const days = state().days
    for (const [day, left] of failed) {
      const buffer = dayBuffer(days, day)
      buffer.searches += left.searches
      buffer.noResults += left.noResults
      for (const [query, count] of left.queries)
        buffer.queries.set(query, (buffer.queries.get(query) ?? 0) + count)
    }
    throw new Error(`search log: ${failed.size} day(s) not fully written, kept for later`)
  }
}

/** Writes the buffered searches; one flush at a time per process, as profile analytics do. */
export async function flushSearchLog(
  options: { now?: Date; settleAll?: boolean } = {},
): Promise<void> {
  const current = state()
  await flushOneAtATime(
    current,
    () => {
      settle(options.now ?? new Date(), options.settleAll)
      if (current.days.size === 0) return undefined
      const taken = current.days
      current.days = new Map()
      return taken
    },
    writeDays,
  )
}

/** Searches counted in this process and not yet written (tests, shutdown logs). */
export function pendingSearchLogDays(): number {
  return state().days.size + state().open.size
}

/** Flushes every SEARCH_LOG_FLUSH_MS; `stop` counts every open search and flushes the rest. */
export function startSearchLogFlusher(
  onError: (error: unknown) => void,
  intervalMs = SEARCH_LOG_FLUSH_MS,
) {
  return periodicFlush(
    () => flushSearchLog(),
    onError,
    intervalMs,
    () => flushSearchLog({ settleAll: true }),
  )
}
