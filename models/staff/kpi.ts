import { Schema, type Types } from 'mongoose'
import { Organization } from '../accounts/organization.ts'
import { NoResultQuery, SearchDay } from '../analytics/search-log.ts'
import { Conversation } from '../chat/conversation.ts'
import { Message } from '../chat/message.ts'
import { defineModel } from '../define-model.ts'
import type { TranslationKey } from '../i18n/index.ts'
import { profileCompleteness, SupplierProfile } from '../profiles/supplier-profile.ts'
import { Quote } from '../sourcing/quote.ts'
import { SourcingRequest } from '../sourcing/sourcing-request.ts'
import { countries } from '../taxonomy/countries.ts'
import { provinces } from '../taxonomy/provinces.ts'
import { sectors } from '../taxonomy/sectors.ts'

/**
 * Programme KPIs (issue 17, decision 013). A daily job streams the collections once and stores
 * one small snapshot document per day (`_id` = the date); the dashboard, the exports and the
 * public statistics page read snapshots only, never the growing collections.
 *
 * Adding a figure is one entry in `kpiDefinitions`: its source collection, how one document
 * adds to its rows, and how it is shown. Events and sourcing figures are added the same way
 * when those features land.
 */

export type KpiRows = Record<string, number>
type KpiSource =
  | 'supplier'
  | 'buyer'
  | 'conversation'
  | 'searchDay'
  | 'noResultQuery'
  | 'sourcing-request'
  | 'quote'

interface SupplierRow {
  _id: Types.ObjectId
  createdAt?: Date | null
  province?: string | null
  verified: boolean
  profile: Parameters<typeof profileCompleteness>[0] & {
    sectors?: string[]
    province?: string | null
  }
}
interface BuyerRow {
  _id: Types.ObjectId
  createdAt?: Date | null
  country: string
}
export interface ConversationRow {
  startedAt: Date
  /** When the other organisation first answered, if it has. */
  answeredAt: Date | null
}

/** One day of the search log (models/analytics/search-log.ts). */
export interface SearchDayRow {
  day: string
  searches: number
  noResults: number
}
/** A query that found nothing, with how often, on one day of the last NO_RESULT_WINDOW_DAYS. */
export interface NoResultQueryRow {
  day: string
  query: string
  count: number
}
/** A sourcing request (issue 18): when it opened, whether it was awarded, its outcome. */
export interface SourcingRequestRow {
  openedAt: Date | null
  awarded: boolean
  /** When the buyer recorded "order placed" (null otherwise). */
  orderAt: Date | null
}
export interface QuoteRow {
  createdAt: Date
}

type SourceRow = {
  supplier: SupplierRow
  buyer: BuyerRow
  conversation: ConversationRow
  searchDay: SearchDayRow
  noResultQuery: NoResultQueryRow
  'sourcing-request': SourcingRequestRow
  quote: QuoteRow
}

/** "Top queries with no results" covers this many days up to the snapshot. */
export const NO_RESULT_WINDOW_DAYS = 90

export interface KpiDefinition<S extends KpiSource = KpiSource> {
  id: string
  title: TranslationKey
  /** A distribution (snapshot on the day) or a series by week (Monday's date as key). */
  kind: 'distribution' | 'weekly'
  chart: 'bar' | 'line'
  /** Shown on the public /statistics page (aggregates only, no personal data). */
  public: boolean
  source: S
  add: (rows: KpiRows, row: SourceRow[S]) => void
  /** Rows every snapshot has, in this order (e.g. all 34 provinces, also at zero). */
  initial?: () => KpiRows
  /** How a row key is shown; translation keys are translated, other keys shown as they are. */
  label?: (key: string, locale: 'vi' | 'en') => string
  /** A distribution keeps only its largest rows (e.g. the top 20 queries). */
  limit?: number
}

const increment = (rows: KpiRows, key: string, by = 1) => {
  rows[key] = (rows[key] ?? 0) + by
}

/** The Monday (UTC) of the date's week, as YYYY-MM-DD. */
export function weekOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  const weekday = (day.getUTCDay() + 6) % 7
  day.setUTCDate(day.getUTCDate() - weekday)
  return day.toISOString().slice(0, 10)
}

const DAY_MS = 86_400_000

function define<S extends KpiSource>(definition: KpiDefinition<S>): KpiDefinition {
  return definition as unknown as KpiDefinition
}

export const kpiDefinitions: KpiDefinition[] = [
  define({
    id: 'suppliers-by-sector',
    title: 'staffConsole.kpi.suppliersBySector',
    kind: 'distribution',
    chart: 'bar',
    public: true,
    source: 'supplier',
    add: (rows, supplier) => {
      for (const sector of new Set(supplier.profile.sectors ?? [])) increment(rows, sector)
    },
    label: (key, locale) => sectors.find((sector) => sector.code === key)?.labels[locale] ?? key,
  }),
  define({
    id: 'suppliers-by-province',
    title: 'staffConsole.kpi.suppliersByProvince',
    kind: 'distribution',
    chart: 'bar',
    public: true,
    source: 'supplier',
    initial: () => Object.fromEntries(provinces.map((province) => [province.code, 0])),
    add: (rows, supplier) => {
      const code = supplier.profile.province ?? supplier.province
      if (code && Object.hasOwn(rows, code)) increment(rows, code)
      else increment(rows, 'unknown')
    },
    label: (key, locale) =>
      provinces.find((province) => province.code === key)?.labels[locale] ??
      (locale === 'vi' ? 'Chưa rõ' : 'Unknown'),
  }),
  define({
    id: 'verified-share',
    title: 'staffConsole.kpi.verifiedShare',
    kind: 'distribution',
    chart: 'bar',
    public: true,
    source: 'supplier',
    initial: () => ({ verified: 0, unverified: 0 }),
    add: (rows, supplier) => increment(rows, supplier.verified ? 'verified' : 'unverified'),
    label: (key, locale) =>
      key === 'verified'
        ? locale === 'vi'
          ? 'Đã xác minh'
          : 'Verified'
        : locale === 'vi'
          ? 'Chưa xác minh'
          : 'Not verified',
  }),
  define({
    id: 'completeness',
    title: 'staffConsole.kpi.completeness',
    kind: 'distribution',
    chart: 'bar',
    public: false,
    source: 'supplier',
    initial: () => ({ '0–20%': 0, '21–40%': 0, '41–60%': 0, '61–80%': 0, '81–100%': 0 }),
    add: (rows, supplier) => {
      const { percent } = profileCompleteness(supplier.profile)
      const bucket =
        percent <= 20
          ? '0–20%'
          : percent <= 40
            ? '21–40%'
            : percent <= 60
              ? '41–60%'
              : percent <= 80
                ? '61–80%'
                : '81–100%'
      increment(rows, bucket)
    },
  }),
  define({
    id: 'supplier-registrations',
    title: 'staffConsole.kpi.supplierRegistrations',
    kind: 'weekly',
    chart: 'line',
    public: true,
    source: 'supplier',
    add: (rows, supplier) => {
      if (supplier.createdAt) increment(rows, weekOf(supplier.createdAt))
    },
  }),
  define({
    id: 'buyers-by-country',
    title: 'staffConsole.kpi.buyersByCountry',
    kind: 'distribution',
    chart: 'bar',
    public: true,
    source: 'buyer',
    add: (rows, buyer) => increment(rows, buyer.country),
    label: (key, locale) =>
      countries.find((country) => country.code === key)?.labels[locale] ?? key,
  }),
  define({
    id: 'conversations-started',
    title: 'staffConsole.kpi.conversationsStarted',
    kind: 'weekly',
    chart: 'line',
    public: false,
    source: 'conversation',
    add: (rows, conversation) => increment(rows, weekOf(conversation.startedAt)),
  }),
  define({
    id: 'conversations-answered-24h',
    title: 'staffConsole.kpi.conversationsAnswered24h',
    kind: 'weekly',
    chart: 'line',
    public: false,
    source: 'conversation',
    add: (rows, conversation) => {
      const answered =
        conversation.answeredAt &&
        conversation.answeredAt.getTime() - conversation.startedAt.getTime() <= DAY_MS
      increment(rows, weekOf(conversation.startedAt), answered ? 1 : 0)
    },
  }),
  define({
    id: 'searches',
    title: 'staffConsole.kpi.searches',
    kind: 'weekly',
    chart: 'line',
    public: false,
    source: 'searchDay',
    add: (rows, day) => increment(rows, weekOf(new Date(`${day.day}T00:00:00Z`)), day.searches),
  }),
  define({
    id: 'searches-without-results',
    title: 'staffConsole.kpi.searchesWithoutResults',
    kind: 'weekly',
    chart: 'line',
    public: false,
    source: 'searchDay',
    add: (rows, day) => increment(rows, weekOf(new Date(`${day.day}T00:00:00Z`)), day.noResults),
  }),
  define({
    id: 'top-no-result-queries',
    title: 'staffConsole.kpi.topNoResultQueries',
    kind: 'distribution',
    chart: 'bar',
    public: false,
    source: 'noResultQuery',
    limit: 20,
    add: (rows, query) => increment(rows, query.query, query.count),
  }),
  define({
    id: 'sourcing-requests-opened',
    title: 'sourcing.kpi.requests',
    kind: 'weekly',
    chart: 'line',
    public: false,
    source: 'sourcing-request',
    add: (rows, request) => {
      if (request.openedAt) increment(rows, weekOf(request.openedAt))
    },
  }),
  define({
    id: 'sourcing-quotes',
    title: 'sourcing.kpi.quotes',
    kind: 'weekly',
    chart: 'line',
    public: false,
    source: 'quote',
    add: (rows, quote) => increment(rows, weekOf(quote.createdAt)),
  }),
  define({
    id: 'sourcing-awards',
    title: 'sourcing.kpi.awards',
    kind: 'weekly',
    chart: 'line',
    public: false,
    source: 'sourcing-request',
    add: (rows, request) => {
      if (request.awarded && request.openedAt) increment(rows, weekOf(request.openedAt))
    },
  }),
  define({
    id: 'sourcing-orders',
    title: 'sourcing.kpi.orders',
    kind: 'weekly',
    chart: 'line',
    public: false,
    source: 'sourcing-request',
    add: (rows, request) => {
      if (request.orderAt) increment(rows, weekOf(request.orderAt))
    },
  }),
]

/** Figures the issue asks for that have no data source yet, said on the dashboard. */
export const kpiWithoutData: TranslationKey[] = []

const snapshotSchema = new Schema(
  {
    _id: { type: String, required: true },
    computedAt: { type: Date, required: true },
    figures: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, minimize: false },
)
export const KpiSnapshot = defineModel('KpiSnapshot', snapshotSchema)

export type KpiFigures = Record<string, KpiRows>

/**
 * The daily job: streams suppliers, buyers and conversations once each (one cursor per
 * collection, never a query per page) and stores the day's snapshot.
 */
export async function refreshKpiSnapshot(
  now = new Date(),
): Promise<{ id: string; figures: KpiFigures }> {
  const figures: KpiFigures = {}
  for (const definition of kpiDefinitions) figures[definition.id] = definition.initial?.() ?? {}
  const feed = <S extends KpiSource>(source: S, row: SourceRow[S]) => {
    for (const definition of kpiDefinitions)
      if (definition.source === source) definition.add(figures[definition.id]!, row as never)
  }
  const suppliers = new Map<string, Omit<SupplierRow, 'profile'>>()
  for await (const organization of Organization.find({})
    .select('kind status country province createdAt verification.state')
    .lean()
    .cursor()) {
    if (organization.status !== 'active') continue
    if (organization.kind === 'buyer')
      feed('buyer', {
        _id: organization._id,
        createdAt: organization.createdAt,
        country: organization.country,
      })
    else if (organization.kind === 'supplier')
      suppliers.set(organization._id.toHexString(), {
        _id: organization._id,
        createdAt: organization.createdAt,
        province: organization.province ?? null,
        verified: organization.verification?.state === 'verified',
      })
  }
  const withProfile = new Set<string>()
  for await (const profile of SupplierProfile.find({}).lean().cursor()) {
    const supplier = suppliers.get(profile.organization.toHexString())
    if (!supplier) continue
    withProfile.add(profile.organization.toHexString())
    feed('supplier', { ...supplier, profile: profile as SupplierRow['profile'] })
  }
  for (const [id, supplier] of suppliers)
    if (!withProfile.has(id)) feed('supplier', { ...supplier, profile: {} })

  // Conversations: the first message (seq 1) says who started and when; the other
  // organisation's earliest message is the answer. Messages arrive in any order.
  const threads = new Map<
    string,
    { first?: { sender: string; at: Date }; earliest: Map<string, Date> }
  >()
  for await (const message of Message.find({})
    .select('conversation seq senderOrganization createdAt')
    .lean()
    .cursor()) {
    const key = message.conversation.toHexString()
    const sender = message.senderOrganization.toHexString()
    let thread = threads.get(key)
    if (!thread) threads.set(key, (thread = { earliest: new Map() }))
    if (message.seq === 1) thread.first = { sender, at: message.createdAt }
    const known = thread.earliest.get(sender)
    if (!known || message.createdAt < known) thread.earliest.set(sender, message.createdAt)
  }
  const conversations = new Map<string, { startedAt: Date; answeredAt: Date | null }>()
  for (const [key, thread] of threads) {
    if (!thread.first) continue
    const answers = [...thread.earliest]
      .filter(([sender]) => sender !== thread.first!.sender)
      .map(([, at]) => at.getTime())
    conversations.set(key, {
      startedAt: thread.first.at,
      answeredAt: answers.length ? new Date(Math.min(...answers)) : null,
    })
  }
  // Conversations opened without a message yet count as started, unanswered.
  for await (const conversation of Conversation.find({}).select('createdAt').lean().cursor()) {
    if (!conversations.has(conversation._id.toHexString()) && conversation.createdAt)
      conversations.set(conversation._id.toHexString(), {
        startedAt: conversation.createdAt,
        answeredAt: null,
      })
  }
  for (const conversation of conversations.values())
    feed('conversation', { startedAt: conversation.startedAt, answeredAt: conversation.answeredAt })

  // Sourcing (issue 18): requests and quotes, one cursor each.
  for await (const request of SourcingRequest.find({})
    .select('status openedAt outcome')
    .lean()
    .cursor()) {
    feed('sourcing-request', {
      openedAt: request.openedAt ?? null,
      awarded: request.status === 'awarded',
      orderAt: request.outcome?.kind === 'order' ? (request.outcome.at ?? null) : null,
    })
  }
  for await (const quote of Quote.find({}).select('createdAt').lean().cursor()) {
    if (quote.createdAt) feed('quote', { createdAt: quote.createdAt })
  }
  // The search log: one small document per day, and the no-result queries of the last
  // NO_RESULT_WINDOW_DAYS (a background cursor; request paths never read the log).
  for await (const day of SearchDay.find({}).lean().cursor())
    feed('searchDay', { day: day._id, searches: day.searches ?? 0, noResults: day.noResults ?? 0 })
  const since = new Date(now.getTime() - NO_RESULT_WINDOW_DAYS * DAY_MS).toISOString().slice(0, 10)
  for await (const query of NoResultQuery.find({}).lean().cursor())
    if (query.day >= since)
      feed('noResultQuery', { day: query.day, query: query.query, count: query.count ?? 0 })
  for (const definition of kpiDefinitions) {
    if (!definition.limit) continue
    const kept = Object.entries(figures[definition.id]!)
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .slice(0, definition.limit)
    figures[definition.id] = Object.fromEntries(kept)
  }

  const id = now.toISOString().slice(0, 10)
  // Rows as { k, v } objects: keys are data (sector words, dates) and may hold '.' or '$', and
  // FerretDB 1.24 stores no nested arrays.
  const stored = Object.fromEntries(
    Object.entries(figures).map(([figure, rows]) => [
      figure,
      Object.entries(rows).map(([k, v]) => ({ k, v })),
    ]),
  )
  await KpiSnapshot.replaceOne(
    { _id: id },
    { _id: id, computedAt: now, figures: stored },
    { upsert: true },
  )
  return { id, figures }
}

/** The newest snapshot on or before the day (the collection holds one small document a day). */
export async function kpiSnapshotOn(day: string | null) {
  const snapshots = await KpiSnapshot.find(day ? { _id: { $lte: day } } : {})
    .sort({ _id: -1 })
    .limit(1)
    .lean()
  const snapshot = snapshots[0]
  if (!snapshot) return null
  const stored = snapshot.figures as Record<string, Array<{ k: string; v: number }>>
  const figures: KpiFigures = {}
  for (const [figure, rows] of Object.entries(stored))
    figures[figure] = Object.fromEntries(
      (Array.isArray(rows) ? rows : []).map((row) => [row.k, row.v]),
    )
  return { _id: snapshot._id, computedAt: snapshot.computedAt, figures }
}

export interface KpiTable {
  id: string
  title: TranslationKey
  kind: KpiDefinition['kind']
  chart: KpiDefinition['chart']
  rows: Array<{ key: string; label: string; value: number }>
}

/** The tables of a snapshot, weekly series cut to the range, labels in the locale. */
export function kpiTables(
  figures: KpiFigures,
  options: { locale: 'vi' | 'en'; from?: string; to?: string; publicOnly?: boolean },
): KpiTable[] {
  return kpiDefinitions
    .filter((definition) => !options.publicOnly || definition.public)
    .map((definition) => {
      let entries = Object.entries(figures[definition.id] ?? {})
      if (definition.kind === 'weekly') {
        entries = entries
          .filter(
            ([week]) =>
              (!options.from || week >= weekOf(new Date(options.from))) &&
              (!options.to || week <= options.to),
          )
          .sort(([a], [b]) => a.localeCompare(b))
      } else if (!definition.initial) {
        entries = entries.sort(([, a], [, b]) => b - a)
      }
      return {
        id: definition.id,
        title: definition.title,
        kind: definition.kind,
        chart: definition.chart,
        rows: entries.map(([key, value]) => ({
          key,
          label: definition.label?.(key, options.locale) ?? key,
          value,
        })),
      }
    })
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The date range of a dashboard URL: both YYYY-MM-DD, from ≤ to; anything else is refused. */
export function kpiRangeOf(url: URL): { from: string; to: string; invalid: boolean } {
  const from = url.searchParams.get('from') ?? ''
  const to = url.searchParams.get('to') ?? ''
  const valid = (day: string) => day === '' || (DAY.test(day) && !Number.isNaN(Date.parse(day)))
  if (!valid(from) || !valid(to) || (from && to && from > to))
    return { from: '', to: '', invalid: true }
  return { from, to, invalid: false }
}
