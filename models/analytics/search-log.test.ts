import { beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabase } from '#test/database.ts'
import { describeScans, recordQueries, scansOf } from '#test/query-guard.ts'
import {
  flushSearchLog,
  NoResultQuery,
  noResultQueryId,
  pendingSearchLogDays,
  recordSearch,
  SearchDay,
  searchLogLimits,
  SETTLE_MS,
} from './search-log.ts'
import { dayOf } from './profile-analytics.ts'

useTestDatabase()

const at = (ms: number) => new Date(Date.UTC(2026, 11, 2, 3, 0, 0) + ms)
const day = dayOf(at(0))

beforeEach(async () => {
  // Nothing left over from another test in this process.
  await flushSearchLog({ settleAll: true })
  await SearchDay.deleteMany({})
  await NoResultQuery.deleteMany({})
})

describe('the search log', () => {
  it('counts searches and no-result queries per day with point writes only', async () => {
    recordSearch('ép nhựa', 12, undefined, at(0))
    recordSearch('  Titanium   FORGING ', 0, undefined, at(1))
    recordSearch('titanium forging', 0, undefined, at(2))
    recordSearch('', 0, undefined, at(3))
    const { queries } = await recordQueries(() => flushSearchLog({ now: at(4) }))
    expect(describeScans(scansOf(queries))).toEqual([])
    expect(await SearchDay.findById(day).lean()).toMatchObject({ searches: 4, noResults: 3 })
    const query = await NoResultQuery.findById(noResultQueryId(day, 'titanium forging')).lean()
    expect(query).toMatchObject({ day, query: 'titanium forging', count: 2 })
    // An empty query (filters only) is a search, not a query to show.
    expect(await NoResultQuery.countDocuments({})).toBe(1)
    // A second flush adds to the same documents.
    recordSearch('titanium forging', 0, undefined, at(5))
    await flushSearchLog({ now: at(6) })
    expect(
      (await NoResultQuery.findById(noResultQueryId(day, 'titanium forging')).lean())?.count,
    ).toBe(3)
    expect(pendingSearchLogDays()).toBe(0)
  })

  it('folds search-as-you-type from one client into the query it settled on', async () => {
    recordSearch('ep', 0, 'client-a', at(0))
    recordSearch('ep nh', 0, 'client-a', at(300))
    recordSearch('ep nhua', 5, 'client-a', at(600))
    // Another person searching meanwhile is not folded into the first.
    recordSearch('ep', 0, 'client-b', at(700))
    // Still open: nothing counted before SETTLE_MS.
    await flushSearchLog({ now: at(1_000) })
    expect(await SearchDay.findById(day).lean()).toBeNull()
    await flushSearchLog({ now: at(700 + SETTLE_MS) })
    expect(await SearchDay.findById(day).lean()).toMatchObject({ searches: 2, noResults: 1 })
    // A new, unrelated search from client-a counts the first at once, later the second.
    recordSearch('khuon mau', 3, 'client-a', at(SETTLE_MS * 2))
    recordSearch('xyzzy', 0, 'client-a', at(SETTLE_MS * 2 + 100))
    await flushSearchLog({ now: at(SETTLE_MS * 2 + 200), settleAll: true })
    expect(await SearchDay.findById(day).lean()).toMatchObject({ searches: 4, noResults: 2 })
    expect(await NoResultQuery.findById(noResultQueryId(day, 'xyzzy')).lean()).not.toBeNull()
    // The typed prefix "ep" of client-a was never counted as a query without results; client-b's was.
    expect((await NoResultQuery.findById(noResultQueryId(day, 'ep')).lean())?.count).toBe(1)
  })

  it('caps the distinct queries kept per day, and still counts the searches', async () => {
    const cap = searchLogLimits.queriesPerDay
    searchLogLimits.queriesPerDay = 20
    try {
      for (let index = 0; index < 70; index++)
        recordSearch(`random ${index}`, 0, undefined, at(index))
      // A query already kept is still counted once the cap is reached.
      recordSearch('random 3', 0, undefined, at(80))
      await flushSearchLog({ now: at(100) })
    } finally {
      searchLogLimits.queriesPerDay = cap
    }
    expect(await SearchDay.findById(day).lean()).toMatchObject({ searches: 71, noResults: 71 })
    expect(await NoResultQuery.countDocuments({})).toBe(20)
    expect((await NoResultQuery.findById(noResultQueryId(day, 'random 3')).lean())?.count).toBe(2)
  })
})
