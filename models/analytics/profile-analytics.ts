import { Schema, type Types } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { flushOneAtATime, periodicFlush } from './periodic-flush.ts'

/**
 * Profile analytics for suppliers (Supplier Premium shows them; they are recorded for everyone):
 * profile views, search appearances and contacts, counted per supplier and per day, with no
 * personal data (no user, IP or query is kept, only the counts).
 *
 * How counts are kept (decision 029):
 * - Request paths only add to a per-process buffer in memory (a Map increment: a search page
 *   that shows 23 suppliers costs 23 increments and no database call). JavaScript runs one
 *   increment at a time, so concurrent requests in one process never lose a count.
 * - `flushProfileAnalytics()` (every FLUSH_INTERVAL_MS from server/main.ts, and at shutdown)
 *   takes the buffer whole, swaps in an empty one, and adds each key's counts with one `$inc`
 *   upsert to two small documents with derived ids: the day's `${orgId}:${yyyy-mm-dd}` and the
 *   week's `${orgId}:w:${monday}` (so the page reads 12 documents by `_id`, never a range).
 *   Flushes in one process run one after the other; a failed write puts its counts back.
 * - The buffer lives on `globalThis`: the server (tsx) and the Remix build each load this file,
 *   and both must fill the one buffer the server flushes.
 * Days and weeks are Vietnamese calendar days (UTC+7, no daylight saving); weeks start Monday.
 */

export const FLUSH_INTERVAL_MS = 10_000
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

export const PROFILE_METRICS = ['views', 'appearances', 'contacts'] as const
export type ProfileMetric = (typeof PROFILE_METRICS)[number]
export type ProfileCounts = Record<ProfileMetric, number>

const countsFields = {
  organization: { type: Schema.Types.ObjectId, required: true },
  views: { type: Number, default: 0 },
  appearances: { type: Number, default: 0 },
  contacts: { type: Number, default: 0 },
}

/** `_id` = `${orgId}:${yyyy-mm-dd}`. */
export const ProfileDailyStats = defineModel(
  'ProfileDailyStats',
  new Schema({ _id: { type: String, required: true }, day: String, ...countsFields }),
)

/** `_id` = `${orgId}:w:${monday yyyy-mm-dd}`: the same counts summed by week, for the page. */
export const ProfileWeeklyStats = defineModel(
  'ProfileWeeklyStats',
  new Schema({ _id: { type: String, required: true }, week: String, ...countsFields }),
)

/** The Vietnamese calendar day of an instant, as yyyy-mm-dd. */
export function dayOf(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10)
}

/** The Monday (yyyy-mm-dd) of the week a yyyy-mm-dd day falls in. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  const sinceMonday = (date.getUTCDay() + 6) % 7
  return new Date(date.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10)
}

export const dailyStatsId = (organizationId: string, day: string) => `${organizationId}:${day}`
export const weeklyStatsId = (organizationId: string, week: string) => `${organizationId}:w:${week}`

type Buffer = Map<string, ProfileCounts>
interface AnalyticsState {
  buffer: Buffer
  flushing: Promise<void> | null
}

const STATE_KEY = Symbol.for('vsi.profileAnalytics')
function state(): AnalyticsState {
  const holder = globalThis as typeof globalThis & { [STATE_KEY]?: AnalyticsState }
  holder[STATE_KEY] ??= { buffer: new Map(), flushing: null }
  return holder[STATE_KEY]
}

const OBJECT_ID = /^[0-9a-f]{24}$/

function add(buffer: Buffer, key: string, metric: ProfileMetric, amount: number) {
  let counts = buffer.get(key)
  if (!counts) {
    counts = { views: 0, appearances: 0, contacts: 0 }
    buffer.set(key, counts)
  }
  counts[metric] += amount
}

function record(
  organizationId: Types.ObjectId | string,
  metric: ProfileMetric,
  now: Date,
  amount = 1,
) {
  const id = typeof organizationId === 'string' ? organizationId : organizationId.toHexString()
  if (!OBJECT_ID.test(id)) return
  add(state().buffer, dailyStatsId(id, dayOf(now)), metric, amount)
}

/** A view of the supplier's public page (the caller leaves out bots and its own members). */
export function recordProfileView(organizationId: Types.ObjectId | string, now = new Date()) {
  record(organizationId, 'views', now)
}

/** Suppliers shown on one page of search results (each counted once per page). */
export function recordSearchAppearances(organizationIds: Iterable<string>, now = new Date()) {
  for (const id of new Set(organizationIds)) record(id, 'appearances', now)
}

/** A conversation started with the supplier. */
export function recordContact(organizationId: Types.ObjectId | string, now = new Date()) {
  record(organizationId, 'contacts', now)
}

/** Counts recorded in this process and not yet written (for tests and shutdown logs). */
export function pendingProfileAnalytics(): number {
  return state().buffer.size
}

async function writeBuffer(taken: Buffer) {
  const failed: Buffer = new Map()
  let weekMisses = 0
  // Keys are distinct documents; a handful at a time keeps the database's queue short.
  const entries = [...taken]
  const writeOne = async ([key, counts]: [string, ProfileCounts]) => {
    const [organizationId, day] = key.split(':') as [string, string]
    const week = weekOf(day)
    const inc = Object.fromEntries(
      PROFILE_METRICS.filter((m) => counts[m]).map((m) => [m, counts[m]]),
    )
    try {
      await ProfileDailyStats.updateOne(
        { _id: key },
        { $inc: inc, $setOnInsert: { organization: organizationId, day } },
        { upsert: true },
      )
    } catch {
      failed.set(key, counts)
      return
    }
    try {
      await ProfileWeeklyStats.updateOne(
        { _id: weeklyStatsId(organizationId, week) },
        { $inc: inc, $setOnInsert: { organization: organizationId, week } },
        { upsert: true },
      )
    } catch {
      // The day has the counts (the record); the week misses them, and the flush says so.
      weekMisses++
    }
  }
  for (let index = 0; index < entries.length; index += 8) {
    await Promise.all(entries.slice(index, index + 8).map(writeOne))
  }
  if (failed.size) {
    const buffer = state().buffer
    for (const [key, counts] of failed) {
      for (const metric of PROFILE_METRICS) add(buffer, key, metric, counts[metric])
    }
    throw new Error(`profile analytics: ${failed.size} day document(s) not written, kept for later`)
  }
  if (weekMisses) throw new Error(`profile analytics: ${weekMisses} week document(s) not written`)
}

/**
 * Writes the buffered counts. One flush at a time per process: a call during a flush waits for
 * it and then writes what came in meanwhile.
 */
export async function flushProfileAnalytics(): Promise<void> {
  const current = state()
  await flushOneAtATime(
    current,
    () => {
      if (current.buffer.size === 0) return undefined
      const taken = current.buffer
      current.buffer = new Map()
      return taken
    },
    writeBuffer,
  )
}

/** Flushes every FLUSH_INTERVAL_MS; `stop` flushes what is left. */
export function startProfileAnalyticsFlusher(
  onError: (error: unknown) => void,
  intervalMs = FLUSH_INTERVAL_MS,
) {
  return periodicFlush(flushProfileAnalytics, onError, intervalMs)
}

export interface WeekFigures extends ProfileCounts {
  /** Monday, yyyy-mm-dd. */
  week: string
  /** Contacts per 100 views, one decimal; null without views. */
  contactRate: number | null
}

/** The last `weeks` weeks up to the one containing `now`, oldest first (point reads by `_id`). */
export async function weeklyProfileAnalytics(
  organizationId: Types.ObjectId,
  weeks = 12,
  now = new Date(),
): Promise<WeekFigures[]> {
  const id = organizationId.toHexString()
  const thisWeek = new Date(`${weekOf(dayOf(now))}T00:00:00Z`).getTime()
  const mondays = Array.from({ length: weeks }, (_, index) =>
    new Date(thisWeek - (weeks - 1 - index) * 7 * DAY_MS).toISOString().slice(0, 10),
  )
  return Promise.all(
    mondays.map(async (week) => {
      const stored = await ProfileWeeklyStats.findById(weeklyStatsId(id, week)).lean()
      const views = stored?.views ?? 0
      const contacts = stored?.contacts ?? 0
      return {
        week,
        views,
        appearances: stored?.appearances ?? 0,
        contacts,
        contactRate: views ? Math.round((1000 * contacts) / views) / 10 : null,
      }
    }),
  )
}
