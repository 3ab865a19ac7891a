import type { Types } from 'mongoose'
import { beforeEach, describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { User } from '#models/accounts/user.ts'
import { grantPlanManually } from '#models/billing/billing-account.ts'
import {
  alertDay,
  runSavedSearchAlerts,
  SavedSearchAlertRun,
} from '#models/billing/saved-search-alerts.ts'
import { MAX_SAVED_SEARCHES } from '#models/billing/saved-search-rules.ts'
import {
  listSavedSearches,
  SavedSearch,
  saveSearch,
  type SavedSearchRecord,
} from '#models/billing/saved-search.ts'
import { viBilling } from '#models/i18n/domains/billing.ts'
import { translator } from '#models/i18n/index.ts'
import { markProfileForSearch, SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { createSearchSync } from '#search/sync.ts'
import { useTestApp } from './app-server.ts'
import { addMember, cookieFor, createAccount } from './factories.ts'
import { TestBrowser } from './http.ts'
import { testLogger } from './logger.ts'

/**
 * Buyer Pro saved searches (issue 19): the save form on /suppliers, the account page, who may
 * touch which search, and the daily alert job against the real search sync and outbox mailer.
 */
const app = useTestApp()
const DAY_MS = 24 * 60 * 60 * 1000
const PAGE = '/account/saved-searches'

async function signedIn(userId: Types.ObjectId) {
  const browser = new TestBrowser(app.baseUrl)
  browser.setCookie(await cookieFor(userId))
  return browser
}

async function buyerWithPro(options: { locale?: 'vi' | 'en' } = {}) {
  const buyer = await createAccount('buyer')
  await grantPlanManually(
    buyer.organizationId,
    { plan: 'buyer_pro', until: new Date(Date.now() + 60 * DAY_MS) },
    { label: 'test' },
  )
  if (options.locale)
    await User.updateOne({ _id: buyer.userId }, { $set: { locale: options.locale } })
  return buyer
}

const sync = () => createSearchSync({ engine: app.search, logger: testLogger, idleMs: 10 })

/** A published supplier with this process, indexed (one drain). */
async function indexedSupplier(process: string) {
  const supplier = await createAccount('supplier')
  await SupplierProfile.updateOne(
    { _id: supplier.organizationId },
    {
      $set: {
        organization: supplier.organizationId,
        sectors: ['automotive'],
        processes: [process],
        'search.pendingSince': new Date(),
      },
    },
    { upsert: true },
  )
  await markProfileForSearch(supplier.organizationId)
  await sync().drainOnce()
  const organization = (await Organization.findById(supplier.organizationId).lean())!
  return { ...supplier, slug: organization.slug }
}

function form(entries: Array<[string, string]>) {
  return { method: 'POST', body: new URLSearchParams(entries) }
}

async function mailsTo(email: string) {
  return (await app.mailer.outbox!.list()).filter((entry) => entry.to === email)
}

const run = (now: Date) =>
  runSavedSearchAlerts({ engine: app.search, mailer: app.mailer, origin: app.baseUrl, now })

async function storedSearch(userId: Types.ObjectId, slot = 0) {
  return SavedSearch.findById(`${userId.toHexString()}:${slot}`).lean<SavedSearchRecord>()
}

describe('the save box on the supplier search', () => {
  it('shows the form to a Buyer Pro buyer, an upsell to other buyers, nothing to others', async () => {
    const pro = await buyerWithPro()
    const plain = await createAccount('buyer')
    const supplier = await createAccount('supplier')
    const path = '/suppliers?q=d%E1%BA%ADp&process=metal-stamping'

    const anonymous = await (await fetch(`${app.baseUrl}${path}`)).text()
    expect(anonymous).not.toContain('data-testid="save-search"')
    expect(anonymous).not.toContain('data-testid="save-search-upsell"')

    const proPage = await (await (await signedIn(pro.userId)).get(path)).text()
    expect(proPage).toContain('data-testid="save-search"')
    // The search on the page travels in hidden fields; the name starts as the query.
    expect(proPage).toMatch(/type="hidden" name="process" value="metal-stamping"/)
    expect(proPage).toMatch(/name="name"[^>]*value="dập"/)

    const plainPage = await (await (await signedIn(plain.userId)).get(path)).text()
    expect(plainPage).not.toContain('data-testid="save-search"')
    expect(plainPage).toContain('data-testid="save-search-upsell"')
    expect(plainPage).toContain(viBilling['billing.savedSearch.upsell'])
    expect(plainPage).toContain('href="/account/billing"')

    const supplierPage = await (await (await signedIn(supplier.userId)).get(path)).text()
    expect(supplierPage).not.toContain('data-testid="save-search')
  })
})

describe('saving and managing saved searches', () => {
  it('saves the search from the form, lists it, renames, turns alerts off and on, deletes', async () => {
    const buyer = await buyerWithPro()
    const browser = await signedIn(buyer.userId)
    const saved = await browser.request(
      PAGE,
      form([
        ['intent', 'save'],
        ['name', '  Dập kim loại  Đồng Nai '],
        ['q', 'dập'],
        ['process', 'metal-stamping'],
        ['province', 'dong-nai'],
        ['sort', 'updated'],
      ]),
    )
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe(`${PAGE}?saved=0`)
    const stored = (await storedSearch(buyer.userId))!
    expect(stored).toMatchObject({
      name: 'Dập kim loại Đồng Nai',
      q: 'dập',
      filters: { process: ['metal-stamping'], province: ['dong-nai'] },
      sort: 'updated',
      alerts: true,
    })
    const page = await (await browser.get(`${PAGE}?saved=0`)).text()
    expect(page).toContain('Đã lưu tìm kiếm “Dập kim loại Đồng Nai”')
    expect(page).toContain(
      'href="/suppliers?q=d%E1%BA%ADp&amp;process=metal-stamping&amp;province=dong-nai&amp;sort=updated"',
    )
    expect(page).toContain(viBilling['billing.savedSearch.alertsOn'])

    const ref = { slot: '0', token: stored.token }
    expect((await browser.post(PAGE, { intent: 'rename', ...ref, name: 'Khuôn dập' })).status).toBe(
      200,
    )
    expect((await storedSearch(buyer.userId))!.name).toBe('Khuôn dập')
    const off = await browser.post(PAGE, { intent: 'alerts', ...ref, on: 'false' })
    expect(await off.text()).toContain(viBilling['billing.savedSearch.alertsTurnedOff'])
    expect((await storedSearch(buyer.userId))!.alerts).toBe(false)
    expect((await browser.post(PAGE, { intent: 'alerts', ...ref, on: 'true' })).status).toBe(200)
    const on = (await storedSearch(buyer.userId))!
    expect(on.alerts).toBe(true)
    // Back on: alerts cover what comes from now, not the time it was off.
    expect(on.alertedThrough.getTime()).toBeGreaterThan(stored.alertedThrough.getTime())
    expect((await browser.post(PAGE, { intent: 'delete', ...ref })).status).toBe(200)
    expect(await storedSearch(buyer.userId)).toBeNull()
    // The form of the deleted search does nothing more.
    const stale = await browser.post(PAGE, { intent: 'delete', ...ref })
    expect(stale.status).toBe(404)
    expect(await stale.text()).toContain(viBilling['billing.savedSearch.error.notFound'])
  })

  it('refuses bad input with a localised message and stores nothing', async () => {
    const buyer = await buyerWithPro()
    const browser = await signedIn(buyer.userId)
    const vi = translator('vi')
    const nameError = vi('billing.savedSearch.error.name', { max: 80 })
    const searchError = vi('billing.savedSearch.error.search')
    const cases: Array<[Array<[string, string]>, string]> = [
      [
        [
          ['intent', 'save'],
          ['name', '   '],
        ],
        nameError,
      ],
      [
        [
          ['intent', 'save'],
          ['name', 'x'.repeat(81)],
        ],
        nameError,
      ],
      [
        [
          ['intent', 'save'],
          ['name', 'A'],
          ['process', 'no-such-process'],
        ],
        searchError,
      ],
      [
        [
          ['intent', 'save'],
          ['name', 'A'],
          ['q', 'a'],
          ['q', 'b'],
        ],
        searchError,
      ],
      [
        [
          ['intent', 'save'],
          ['name', 'A'],
          ['sort', 'price'],
        ],
        searchError,
      ],
      [
        [
          ['intent', 'save'],
          ['name', 'A'],
          ['q', 'x'.repeat(201)],
        ],
        searchError,
      ],
      [[['intent', 'explode']], vi('billing.savedSearch.error.intent')],
      [
        [
          ['intent', 'alerts'],
          ['slot', '0'],
          ['token', 'abcdefabcdef'],
          ['on', 'yes'],
        ],
        vi('billing.savedSearch.error.intent'),
      ],
    ]
    for (const [entries, message] of cases) {
      const response = await browser.request(PAGE, form(entries))
      expect(response.status, message).toBe(400)
      expect(await response.text(), message).toContain(message)
    }
    expect(translator('en')('billing.savedSearch.error.name', { max: 80 })).toBe(
      'The search name must be 1 to 80 characters long.',
    )
    expect(await listSavedSearches(buyer.userId)).toEqual([])
  })

  it(`keeps at most ${MAX_SAVED_SEARCHES} searches per user, with a localised error`, async () => {
    const buyer = await buyerWithPro()
    const owner = { userId: buyer.userId, organizationId: buyer.organizationId }
    // Saves at the same moment take distinct slots, never more than the cap.
    const results = await Promise.all(
      Array.from({ length: MAX_SAVED_SEARCHES + 2 }, (_, index) =>
        saveSearch(owner, { name: `S${index}`, q: '', filters: {}, sort: 'relevance' }),
      ),
    )
    expect(results.filter((result) => result.ok)).toHaveLength(MAX_SAVED_SEARCHES)
    expect(await listSavedSearches(buyer.userId)).toHaveLength(MAX_SAVED_SEARCHES)
    const browser = await signedIn(buyer.userId)
    const refused = await browser.post(PAGE, { intent: 'save', name: 'Một nữa' })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('Bạn đã lưu tối đa 20 tìm kiếm')
    expect(await listSavedSearches(buyer.userId)).toHaveLength(MAX_SAVED_SEARCHES)
  })

  it('refuses saving and turning alerts on without Buyer Pro; off and delete still work', async () => {
    const buyer = await createAccount('buyer')
    const browser = await signedIn(buyer.userId)
    const refused = await browser.post(PAGE, { intent: 'save', name: 'Thử' })
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain(viBilling['billing.savedSearch.error.needsPro'])
    expect(await listSavedSearches(buyer.userId)).toEqual([])
    // Saved while the plan held, then the plan ended.
    const saved = await saveSearch(
      { userId: buyer.userId, organizationId: buyer.organizationId },
      { name: 'Cũ', q: '', filters: {}, sort: 'relevance' },
    )
    if (!saved.ok) throw new Error('not saved')
    const ref = { slot: '0', token: saved.search.token }
    const page = await (await browser.get(PAGE)).text()
    expect(page).toContain('data-testid="saved-searches-no-pro"')
    expect((await browser.post(PAGE, { intent: 'alerts', ...ref, on: 'false' })).status).toBe(200)
    expect((await browser.post(PAGE, { intent: 'alerts', ...ref, on: 'true' })).status).toBe(403)
    expect((await storedSearch(buyer.userId))!.alerts).toBe(false)
    expect((await browser.post(PAGE, { intent: 'delete', ...ref })).status).toBe(200)
  })

  it("never shows or changes another user's saved searches", async () => {
    const victim = await buyerWithPro()
    const saved = await saveSearch(
      { userId: victim.userId, organizationId: victim.organizationId },
      { name: 'Bí mật của nạn nhân', q: 'khuôn', filters: {}, sort: 'relevance' },
    )
    if (!saved.ok) throw new Error('not saved')
    const before = await storedSearch(victim.userId)
    // A colleague in the same organisation and a user of another one, both with Buyer Pro.
    const colleague = await addMember(victim.organizationId, 'admin')
    const stranger = await buyerWithPro()
    for (const attackerId of [colleague.userId, stranger.userId]) {
      const browser = await signedIn(attackerId)
      const page = await (await browser.get(PAGE)).text()
      expect(page).not.toContain('Bí mật của nạn nhân')
      // The victim's slot and token, and the victim's id smuggled in extra fields.
      const ref = { slot: '0', token: saved.search.token, user: victim.userId.toHexString() }
      for (const body of [
        { intent: 'delete', ...ref },
        { intent: 'rename', ...ref, name: 'Đổi' },
        { intent: 'alerts', ...ref, on: 'false' },
        { intent: 'delete', slot: `${victim.userId.toHexString()}:0`, token: saved.search.token },
      ]) {
        const response = await browser.post(PAGE, body)
        expect(response.status).toBe(404)
      }
    }
    expect(await storedSearch(victim.userId)).toEqual(before)
  })
})

describe('the daily alert job', () => {
  // Only this test's saved searches (the ones above match every new supplier).
  beforeEach(async () => {
    await SavedSearch.deleteMany({})
    await SavedSearchAlertRun.deleteMany({})
  })

  it('mails new matches once per user in their language, once a day, and not after the plan lapsed', async () => {
    const earlier = await indexedSupplier('cnc-milling')
    const buyer = await buyerWithPro()
    const english = await buyerWithPro({ locale: 'en' })
    const owner = { userId: buyer.userId, organizationId: buyer.organizationId }
    const cnc = { q: '', filters: { process: ['cnc-milling'] }, sort: 'relevance' }
    await saveSearch(owner, { name: 'Gia công CNC', ...cnc })
    await saveSearch(owner, {
      name: 'Đúc',
      q: '',
      filters: { process: ['die-casting'] },
      sort: 'relevance',
    })
    const quiet = await saveSearch(owner, { name: 'Tắt', ...cnc })
    if (!quiet.ok) throw new Error('not saved')
    await SavedSearch.updateOne({ _id: quiet.search._id }, { $set: { alerts: false } })
    await saveSearch(
      { userId: english.userId, organizationId: english.organizationId },
      { name: 'CNC', ...cnc },
    )
    // Nothing new yet: no mail at all.
    expect((await run(new Date())).mails).toBe(0)
    await SavedSearchAlertRun.deleteMany({})

    const first = await indexedSupplier('cnc-milling')
    await indexedSupplier('metal-stamping') // matches neither search
    const now = new Date()
    // Two nodes at once: one mail per user.
    const [a, b] = await Promise.all([run(now), run(now)])
    expect(a.mails + b.mails).toBe(2)
    const [mail, ...others] = await mailsTo(buyer.email)
    expect(others).toEqual([])
    expect(mail!.subject).toBe('1 nhà cung cấp mới phù hợp với tìm kiếm đã lưu của bạn')
    expect(mail!.text).toContain('Gia công CNC')
    expect(mail!.text).toContain(`${app.baseUrl}/suppliers/${first.slug}`)
    expect(mail!.text).toContain('mới tham gia VSI Connect')
    expect(mail!.text).not.toContain(earlier.slug)
    expect(mail!.text).not.toContain('Đúc')
    expect(mail!.text).not.toContain('Tắt')
    expect(mail!.text).toContain(`${app.baseUrl}/suppliers?process=cnc-milling&sort=updated`)
    expect(mail!.text).toContain(`${app.baseUrl}/account/saved-searches`)
    expect(mail!.html).toContain(`<a href="${app.baseUrl}/suppliers/${first.slug}">`)
    const [englishMail] = await mailsTo(english.email)
    expect(englishMail!.subject).toBe('1 new suppliers match your saved searches')
    expect(englishMail!.text).toContain('new on VSI Connect')

    // A re-run the same day sends nothing, even with something new.
    const second = await indexedSupplier('cnc-milling')
    expect((await run(new Date(now.getTime() + 1000))).mails).toBe(0)
    expect(await mailsTo(buyer.email)).toHaveLength(1)

    // The next day: only what was not announced yet.
    const tomorrow = new Date(now.getTime() + DAY_MS)
    expect((await run(tomorrow)).mails).toBe(2)
    const latest = (await mailsTo(buyer.email))[0]!
    expect(latest.text).toContain(second.slug)
    expect(latest.text).not.toContain(first.slug)
    expect((await storedSearch(buyer.userId))!.lastAlertAt?.getTime()).toBe(tomorrow.getTime())
    expect(alertDay(tomorrow)).not.toBe(alertDay(now))

    // The plan lapses: no mail the day after, though a new supplier matches. (Suppliers are
    // written at the real time while the runs above pretended to be a day later: the searches'
    // watermark is put back to now so that the next supplier counts as new.)
    await grantPlanManually(
      buyer.organizationId,
      { plan: 'buyer_pro', until: new Date(Date.now() - 1000) },
      { label: 'test' },
    )
    await SavedSearch.updateMany({}, { $set: { alertedThrough: new Date(Date.now() - 1000) } })
    const third = await indexedSupplier('cnc-milling')
    const lapsed = await run(new Date(now.getTime() + 2 * DAY_MS))
    expect(await mailsTo(buyer.email)).toHaveLength(2)
    expect(lapsed.mails).toBe(1) // the English buyer still holds Buyer Pro
    expect((await mailsTo(english.email))[0]!.text).toContain(third.slug)
    // Renewed: the supplier missed while it had lapsed comes in the next alert.
    await grantPlanManually(
      buyer.organizationId,
      { plan: 'buyer_pro', until: new Date(Date.now() + 30 * DAY_MS) },
      { label: 'test' },
    )
    expect((await run(new Date(now.getTime() + 3 * DAY_MS))).mails).toBe(1)
    expect((await mailsTo(buyer.email))[0]!.text).toContain(third.slug)
  })

  it('says why a supplier is listed: newly verified', async () => {
    const supplier = await indexedSupplier('plastic-injection-moulding')
    const buyer = await buyerWithPro()
    await saveSearch(
      { userId: buyer.userId, organizationId: buyer.organizationId },
      {
        name: 'Ép nhựa',
        q: '',
        filters: { process: ['plastic-injection-moulding'] },
        sort: 'relevance',
      },
    )
    await new Promise((resolve) => setTimeout(resolve, 5))
    await Organization.updateOne(
      { _id: supplier.organizationId },
      { $set: { 'verification.state': 'verified', 'verification.verifiedAt': new Date() } },
    )
    await markProfileForSearch(supplier.organizationId)
    await sync().drainOnce()
    expect((await run(new Date())).mails).toBe(1)
    const [mail] = await mailsTo(buyer.email)
    expect(mail!.text).toContain(supplier.slug)
    expect(mail!.text).toContain('vừa được xác minh')
  })

  it('gives the claims back when the mail cannot be sent', async () => {
    const buyer = await buyerWithPro()
    await saveSearch(
      { userId: buyer.userId, organizationId: buyer.organizationId },
      { name: 'Đột dập', q: '', filters: { process: ['laser-cutting'] }, sort: 'relevance' },
    )
    const supplier = await indexedSupplier('laser-cutting')
    const now = new Date()
    const failing = { send: () => Promise.reject(new Error('SMTP down')) }
    await expect(
      runSavedSearchAlerts({ engine: app.search, mailer: failing, origin: app.baseUrl, now }),
    ).rejects.toThrow('SMTP down')
    expect((await run(now)).mails).toBeGreaterThanOrEqual(1)
    expect((await mailsTo(buyer.email))[0]!.text).toContain(supplier.slug)
  })
})
