import crypto from 'node:crypto'
import { Types } from 'mongoose'
import { beforeAll, describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import {
  dailyStatsId,
  dayOf,
  flushProfileAnalytics,
  pendingProfileAnalytics,
  ProfileDailyStats,
  ProfileWeeklyStats,
  recordSearchAppearances,
  weeklyStatsId,
  weekOf,
} from '#models/analytics/profile-analytics.ts'
import { BillingAccount } from '#models/billing/billing-account.ts'
import { useTestApp } from './app-server.ts'
import { addMember, cookieFor, createAccount, createStaff } from './factories.ts'
import { SEARCH_SUPPLIERS, seedSearchSuppliers } from './fixtures/supplier-search-fixtures.ts'
import { TestBrowser } from './http.ts'

/**
 * Profile analytics (issue 19): counted on request paths into a per-process buffer, flushed to
 * per-(supplier, day) and per-(supplier, week) documents; shown to Premium suppliers only.
 */
const app = useTestApp()

const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'

async function browserFor(userId?: Types.ObjectId) {
  const browser = new TestBrowser(app.baseUrl)
  if (userId) browser.setCookie(await cookieFor(userId))
  return browser
}

const view = (browser: TestBrowser, slug: string, headers: Record<string, string> = {}) =>
  browser.request(`/suppliers/${slug}`, { headers: { 'User-Agent': CHROME, ...headers } })

async function today(organizationId: Types.ObjectId) {
  await flushProfileAnalytics()
  const stored = await ProfileDailyStats.findById(
    dailyStatsId(organizationId.toHexString(), dayOf(new Date())),
  ).lean()
  return {
    views: stored?.views ?? 0,
    appearances: stored?.appearances ?? 0,
    contacts: stored?.contacts ?? 0,
  }
}

async function slugOf(organizationId: Types.ObjectId) {
  return (await Organization.findById(organizationId).lean())!.slug
}

const inDays = (days: number) =>
  new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10)

beforeAll(async () => {
  // Earlier counts of other files' processes do not exist here, but leave none behind either.
  await flushProfileAnalytics()
})

describe('days and weeks', () => {
  it('counts by Vietnamese calendar day, weeks starting on Monday', () => {
    expect(dayOf(new Date('2026-12-01T16:59:59Z'))).toBe('2026-12-01')
    expect(dayOf(new Date('2026-12-01T17:00:00Z'))).toBe('2026-12-02')
    expect(weekOf('2026-12-02')).toBe('2026-11-30')
    expect(weekOf('2026-11-30')).toBe('2026-11-30')
    expect(weekOf('2026-12-06')).toBe('2026-11-30')
    expect(weekOf('2026-12-07')).toBe('2026-12-07')
  })
})

describe('recording', () => {
  it('counts concurrent views of the public page, not bots, prefetches or its own members', async () => {
    const supplier = await createAccount('supplier')
    const slug = await slugOf(supplier.organizationId)
    const visitor = await createAccount('buyer')
    const anonymous = await browserFor()
    const signedIn = await browserFor(visitor.userId)

    const responses = await Promise.all([
      ...Array.from({ length: 15 }, () => view(anonymous, slug)),
      ...Array.from({ length: 5 }, () => view(signedIn, slug)),
    ])
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200))

    // Not counted: a bot, no User-Agent ("node" is a bot to isbot), a prefetch, the owner and a
    // colleague of the supplier.
    const member = await addMember(supplier.organizationId, 'member')
    const ignored = [
      await view(anonymous, slug, { 'User-Agent': GOOGLEBOT }),
      await anonymous.get(`/suppliers/${slug}`),
      await view(anonymous, slug, { 'Sec-Purpose': 'prefetch' }),
      await view(await browserFor(supplier.userId), slug),
      await view(await browserFor(member.userId), slug),
    ]
    expect(ignored.map((response) => response.status)).toEqual(Array(5).fill(200))

    expect(await today(supplier.organizationId)).toEqual({ views: 20, appearances: 0, contacts: 0 })
    const weekly = await ProfileWeeklyStats.findById(
      weeklyStatsId(supplier.organizationId.toHexString(), weekOf(dayOf(new Date()))),
    ).lean()
    expect(weekly?.views).toBe(20)
    // Only counts are stored: the document names no visitor.
    const stored = await ProfileDailyStats.findById(
      dailyStatsId(supplier.organizationId.toHexString(), dayOf(new Date())),
    ).lean()
    for (const key of Object.keys(stored!)) {
      expect(['_id', '__v', 'organization', 'day', 'views', 'appearances', 'contacts']).toContain(
        key,
      )
    }
    expect(JSON.stringify(stored)).not.toContain(visitor.userId.toHexString())
  })

  it('loses no count when flushes overlap with recording', async () => {
    const supplier = await createAccount('supplier')
    const id = supplier.organizationId.toHexString()
    const flushes: Array<Promise<void>> = []
    for (let round = 0; round < 10; round++) {
      recordSearchAppearances(Array.from({ length: 50 }, () => id).concat(['not-an-id']))
      for (let n = 0; n < 50; n++) recordSearchAppearances([id])
      flushes.push(flushProfileAnalytics())
    }
    await Promise.all(flushes)
    expect(pendingProfileAnalytics()).toBe(0)
    // 10 rounds × (one for the page of 50 repeats + 50 single pages).
    expect((await today(supplier.organizationId)).appearances).toBe(510)
  })

  it('counts each supplier once per page of search results, on the page and the API', async () => {
    const seeded = await seedSearchSuppliers(app.search, SEARCH_SUPPLIERS.slice(0, 3))
    const browser = await browserFor()
    const ids = [...seeded.values()].map((supplier) => supplier.id)
    const before = await Promise.all(ids.map((id) => today(new Types.ObjectId(id))))
    const [page, api] = await Promise.all([
      browser.get('/suppliers'),
      browser.get('/api/suppliers?perPage=50'),
    ])
    expect(page.status).toBe(200)
    const json = (await api.json()) as { hits: Array<{ id: string }> }
    for (const [index, id] of ids.entries()) {
      const after = await today(new Types.ObjectId(id))
      const shownByApi = json.hits.some((hit) => hit.id === id) ? 1 : 0
      expect(shownByApi).toBe(1)
      expect(after.appearances - before[index]!.appearances).toBe(2)
    }
  })

  it('counts a contact when a conversation is started with the supplier, once', async () => {
    const supplier = await createAccount('supplier')
    const slug = await slugOf(supplier.organizationId)
    const buyer = await createAccount('buyer')
    const browser = await browserFor(buyer.userId)
    const first = await browser.post(`/messages/new?supplier=${slug}`, {
      clientId: crypto.randomUUID(),
      body: 'Xin chào, chúng tôi cần báo giá.',
    })
    expect(first.status).toBe(303)
    const again = await browser.post(`/messages/new?supplier=${slug}`, {
      clientId: crypto.randomUUID(),
      body: 'Chúng tôi hỏi lại.',
    })
    expect(again.status).toBe(303)
    expect((await today(supplier.organizationId)).contacts).toBe(1)
    expect((await today(buyer.organizationId)).contacts).toBe(0)
  })
})

describe('the analytics page and the Premium mark', () => {
  it('shows a teaser without Premium, the figures with a staff grant, and the mark only while entitled', async () => {
    const supplier = await createAccount('supplier')
    const slug = await slugOf(supplier.organizationId)
    const owner = await browserFor(supplier.userId)
    const anonymous = await browserFor()
    await Promise.all(Array.from({ length: 4 }, () => view(anonymous, slug)))
    await flushProfileAnalytics()

    const teaser = await (await owner.get('/supplier-profile/analytics')).text()
    expect(teaser).toContain('data-testid="analytics-teaser"')
    expect(teaser).toContain('có trong gói Nhà cung cấp Premium')
    expect(teaser).not.toContain('data-testid="analytics-table"')
    expect(await (await view(anonymous, slug)).text()).not.toContain('data-testid="premium-mark"')

    const admin = await createStaff(['admin'])
    const granted = await (
      await browserFor(admin.userId)
    ).post('/staff/billing', {
      organization: supplier.organizationId.toHexString(),
      plan: 'supplier_premium',
      until: inDays(30),
    })
    expect(granted.status).toBe(200)

    // Views so far: 4, the check for the mark above, and this one.
    const publicPage = await (await view(anonymous, slug)).text()
    expect(publicPage).toContain('data-testid="premium-mark"')
    expect(publicPage).toContain('Premium')
    await flushProfileAnalytics()

    const member = await addMember(supplier.organizationId, 'member')
    const html = await (
      await (await browserFor(member.userId)).get('/supplier-profile/analytics')
    ).text()
    expect(html).not.toContain('data-testid="analytics-teaser"')
    expect(html).toContain('data-testid="analytics-table"')
    expect(html.match(/<tr [^>]*data-week=/g)).toHaveLength(12)
    const thisWeek = weekOf(dayOf(new Date()))
    const row = new RegExp(`data-week="${thisWeek}"[\\s\\S]*?</tr>`).exec(html)![0]
    expect(/data-metric="views"[^>]*>(\d+)</.exec(row)![1]).toBe('6')
    expect(/data-metric="contactRate"[^>]*>([^<]+)</.exec(row)![1]).toBe('0 %')
    expect(html).toContain('Lượt xem hồ sơ')

    // The grant has run out: no mark, the teaser again.
    await BillingAccount.updateOne(
      { _id: supplier.organizationId },
      { $set: { 'manualGrant.until': new Date(Date.now() - 1000) } },
    )
    expect(await (await view(anonymous, slug)).text()).not.toContain('data-testid="premium-mark"')
    expect(await (await owner.get('/supplier-profile/analytics')).text()).toContain(
      'data-testid="analytics-teaser"',
    )
  })

  it('speaks English to an English reader', async () => {
    const supplier = await createAccount('supplier')
    const owner = await browserFor(supplier.userId)
    const html = await (await owner.get('/supplier-profile/analytics?lang=en')).text()
    expect(html).toContain(
      'Profile analytics (views, search appearances and contact rate by week) come with Supplier Premium',
    )
  })
})
