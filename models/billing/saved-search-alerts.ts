import { Schema, Types } from 'mongoose'
import { Organization } from '../accounts/organization.ts'
import { User } from '../accounts/user.ts'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import { isLocale, translator, type Locale, type TranslationKey } from '../i18n/index.ts'
import { findSupplierCard } from '../profiles/supplier-card.ts'
import { publicSupplierCards } from '../profiles/supplier-listing.ts'
import type { SearchEngine, SearchQuery } from '#search/engine.ts'
import { ALERT_ITEMS_PER_SEARCH, type AlertReason } from './saved-search-rules.ts'
import { hasBuyerPro, SavedSearch, type SavedSearchRecord } from './saved-search.ts'

/**
 * The daily e-mail alerts of Buyer Pro saved searches (issue 19; docs/billing.md, docs/jobs.md).
 *
 * - `SavedSearchAlertRun`, `_id` = `<saved search>:<token>:<day>` (Việt Nam calendar day): the
 *   insert claims the saved search for that day, so a second node, a re-run or a taken-over run
 *   never alerts about it twice in a day.
 * - `SavedSearchAnnounced`, `_id` = `<saved search>:<token>:<supplier>`: a supplier is in one
 *   alert of a saved search at most, whatever it changes afterwards.
 * - A candidate is a supplier that matches the search now and whose search document was written
 *   after the saved search's `alertedThrough` (a new listing, a verification, a profile change
 *   that makes it match): the engine's results by last update, walked until an older one.
 * - Buyer Pro is checked when the mail would go: a lapsed plan sends nothing (and claims
 *   nothing, so nothing is lost if it is renewed within the look-back).
 */
const runSchema = new Schema(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false },
)
export const SavedSearchAlertRun = defineModel('SavedSearchAlertRun', runSchema)

const announcedSchema = new Schema(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false },
)
export const SavedSearchAnnounced = defineModel('SavedSearchAnnounced', announcedSchema)

/** At most this far back, whatever `alertedThrough` says (an alert off or a plan lapsed). */
const LOOKBACK_MS = 8 * 24 * 60 * 60 * 1000
/**
 * The next run looks this far behind the start of this one: a supplier written just before a
 * run but indexed just after it (the search outbox drains every second) is not skipped; the
 * announced keys keep it from coming twice.
 */
const INDEX_MARGIN_MS = 10 * 60 * 1000
const PAGE_SIZE = 50
/** Newest-first pages walked per saved search and run. */
const MAX_PAGES = 4
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000

/** The calendar day in Việt Nam, `YYYY-MM-DD`. */
export function alertDay(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10)
}

export interface AlertMailer {
  send(message: { to: string; subject: string; text: string; html: string }): Promise<unknown>
}

export interface AlertItem {
  id: string
  slug: string
  name: { vi: string; en: string }
  reason: AlertReason
}

export interface AlertSection {
  name: string
  /** The saved search's query string on /suppliers, newest first. */
  query: string
  items: AlertItem[]
  /** New matches past the ones listed. */
  more: number
}

/** The saved search as a /suppliers query string, sorted by last update. */
export function savedSearchQuery(search: Pick<SavedSearchRecord, 'q' | 'filters'>): string {
  const params = new URLSearchParams()
  if (search.q) params.set('q', search.q)
  for (const [facet, values] of Object.entries(search.filters ?? {}))
    for (const value of values ?? []) params.append(facet, value)
  params.set('sort', 'updated')
  return params.toString()
}

/** Candidates written after `since`, newest first, still listed (hidden ones dropped). */
async function recentMatches(engine: SearchEngine, search: SavedSearchRecord, since: Date) {
  const candidates: string[] = []
  const query: SearchQuery = {
    q: search.q,
    filters: search.filters as SearchQuery['filters'],
    sort: 'updated',
    perPage: PAGE_SIZE,
  }
  walk: for (let page = 1; page <= MAX_PAGES; page++) {
    const result = await engine.search({ ...query, page })
    for (const hit of result.hits) {
      if (!Types.ObjectId.isValid(hit.id)) continue
      const card = await findSupplierCard(new Types.ObjectId(hit.id))
      if (!card) continue
      if (card.version <= since.getTime()) break walk
      candidates.push(hit.id)
    }
    if (result.hits.length < PAGE_SIZE) break
  }
  const cards = await publicSupplierCards(candidates)
  return candidates.flatMap((id) => {
    const card = cards.get(id)
    return card ? [card] : []
  })
}

async function claim(model: typeof SavedSearchAlertRun, _id: string, at: Date): Promise<boolean> {
  try {
    await model.create({ _id, at })
    return true
  } catch (error) {
    if (isDuplicateKeyServerError(error)) return false
    throw error
  }
}

/** The saved search's new matches, each claimed for it (the caller gives claims back on failure). */
async function newMatches(
  engine: SearchEngine,
  search: SavedSearchRecord,
  now: Date,
  claims: string[],
): Promise<AlertSection | null> {
  const since = new Date(Math.max(search.alertedThrough.getTime(), now.getTime() - LOOKBACK_MS))
  const section: AlertSection = {
    name: search.name,
    query: savedSearchQuery(search),
    items: [],
    more: 0,
  }
  for (const card of await recentMatches(engine, search, since)) {
    const key = `${search._id}:${search.token}:${card.id}`
    if (!(await claim(SavedSearchAnnounced, key, now))) continue
    claims.push(key)
    if (section.items.length >= ALERT_ITEMS_PER_SEARCH) {
      section.more += 1
      continue
    }
    const organization = await Organization.findById(card.id, {
      createdAt: 1,
      'verification.verifiedAt': 1,
    }).lean<{ createdAt?: Date; verification?: { verifiedAt?: Date | null } }>()
    const after = (date: Date | null | undefined) => Boolean(date && date > since)
    section.items.push({
      id: card.id,
      slug: card.slug,
      name: card.name,
      reason: after(organization?.createdAt)
        ? 'new'
        : card.verified && after(organization?.verification?.verifiedAt)
          ? 'verified'
          : 'updated',
    })
  }
  return section.items.length > 0 ? section : null
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
}

const REASON_KEYS: Record<AlertReason, TranslationKey> = {
  new: 'billing.savedSearch.reason.new',
  verified: 'billing.savedSearch.reason.verified',
  updated: 'billing.savedSearch.reason.updated',
}

/** The alert e-mail, in the user's language: one section per saved search with news. */
export function alertMessage(
  locale: Locale,
  to: string,
  origin: string,
  sections: readonly AlertSection[],
) {
  const t = translator(locale)
  const count = sections.reduce((sum, section) => sum + section.items.length + section.more, 0)
  const subject = t('billing.savedSearch.mail.subject', { count })
  const intro = t('billing.savedSearch.mail.intro')
  const manage = t('billing.savedSearch.mail.manage')
  const footer = t('email.footer')
  const manageLink = `${origin}/account/saved-searches`
  const rendered = sections.map((section) => ({
    name: section.name,
    searchLink: `${origin}/suppliers?${section.query}`,
    more: section.more > 0 ? t('billing.savedSearch.mail.more', { count: section.more }) : null,
    lines: section.items.map((item) => ({
      name: item.name[locale] || item.name.vi || item.name.en,
      reason: t(REASON_KEYS[item.reason]),
      link: `${origin}/suppliers/${item.slug}`,
    })),
  }))
  const text =
    `${intro}\n\n` +
    rendered
      .map(
        (section) =>
          `${section.name}\n` +
          section.lines.map((line) => `- ${line.name} (${line.reason}): ${line.link}`).join('\n') +
          (section.more ? `\n${section.more}: ${section.searchLink}` : '') +
          `\n${t('billing.savedSearch.mail.open')}: ${section.searchLink}`,
      )
      .join('\n\n') +
    `\n\n${manage}: ${manageLink}\n\n${footer}\n`
  const html =
    `<p>${escapeHtml(intro)}</p>` +
    rendered
      .map(
        (section) =>
          `<h2 style="font-size:16px">${escapeHtml(section.name)}</h2><ul>` +
          section.lines
            .map(
              (line) =>
                `<li><a href="${escapeHtml(line.link)}">${escapeHtml(line.name)}</a> (${escapeHtml(line.reason)})</li>`,
            )
            .join('') +
          `</ul>` +
          (section.more ? `<p>${escapeHtml(section.more)}</p>` : '') +
          `<p><a href="${escapeHtml(section.searchLink)}">${escapeHtml(t('billing.savedSearch.mail.open'))}</a></p>`,
      )
      .join('') +
    `<p><a href="${escapeHtml(manageLink)}">${escapeHtml(manage)}</a></p>` +
    `<p style="color:#555">${escapeHtml(footer)}</p>`
  return { to, subject, text, html }
}

/**
 * The daily job: for each user with saved searches whose alerts are on, and whose organisation
 * holds Buyer Pro now, one e-mail listing the new matches of each search; nothing when nothing
 * is new. Streams the saved searches once (one cursor; the collection holds at most
 * MAX_SAVED_SEARCHES per user). A failed send gives its claims back.
 */
export async function runSavedSearchAlerts(options: {
  engine: SearchEngine
  mailer: AlertMailer
  origin: string
  now?: Date
  signal?: AbortSignal
}): Promise<{ users: number; mails: number; suppliers: number }> {
  const now = options.now ?? new Date()
  const day = alertDay(now)
  const byUser = new Map<string, SavedSearchRecord[]>()
  for await (const search of SavedSearch.find({})
    .lean<SavedSearchRecord[]>()
    .cursor() as AsyncIterable<SavedSearchRecord>) {
    if (!search.alerts) continue
    const key = search.user.toHexString()
    byUser.set(key, [...(byUser.get(key) ?? []), search])
  }
  let users = 0
  let mails = 0
  let suppliers = 0
  for (const [userId, searches] of byUser) {
    if (options.signal?.aborted) break
    const user = await User.findById(userId, { email: 1, locale: 1, organization: 1 }).lean()
    if (!user?.organization) continue
    // Saved in the organisation the user still belongs to, which holds Buyer Pro now.
    const due = searches.filter((search) => search.organization.equals(user.organization))
    if (due.length === 0 || !(await hasBuyerPro(user.organization, now))) continue
    users += 1
    const runClaims: string[] = []
    const announcedClaims: string[] = []
    const claimed: SavedSearchRecord[] = []
    const sections: AlertSection[] = []
    const alerted = new Set<string>()
    try {
      for (const search of due) {
        const runKey = `${search._id}:${search.token}:${day}`
        if (!(await claim(SavedSearchAlertRun, runKey, now))) continue
        runClaims.push(runKey)
        claimed.push(search)
        const section = await newMatches(options.engine, search, now, announcedClaims)
        if (section) {
          sections.push(section)
          alerted.add(search._id)
        }
      }
      if (sections.length > 0) {
        const locale = isLocale(user.locale) ? user.locale : 'vi'
        await options.mailer.send(alertMessage(locale, user.email, options.origin, sections))
        mails += 1
        suppliers += sections.reduce((sum, s) => sum + s.items.length + s.more, 0)
      }
    } catch (error) {
      // Point deletes (FerretDB pushes only `{ _id }` down).
      for (const _id of announcedClaims) await SavedSearchAnnounced.deleteOne({ _id })
      for (const _id of runClaims) await SavedSearchAlertRun.deleteOne({ _id })
      throw error
    }
    const through = new Date(now.getTime() - INDEX_MARGIN_MS)
    for (const search of claimed) {
      const set = {
        ...(through > search.alertedThrough ? { alertedThrough: through } : {}),
        ...(alerted.has(search._id) ? { lastAlertAt: now } : {}),
      }
      if (Object.keys(set).length > 0)
        await SavedSearch.updateOne({ _id: search._id }, { $set: set })
    }
  }
  return { users, mails, suppliers }
}
