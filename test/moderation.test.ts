import type { Types } from 'mongoose'
import { describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { Session } from '#models/accounts/session.ts'
import { viStaffConsole } from '#models/i18n/domains/staff-console.ts'
import { markProfileForSearch, SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { AuditLog } from '#models/staff/audit-log.ts'
import {
  ModerationAllowance,
  ModerationOpenKey,
  ModerationQueueEntry,
  ModerationReport,
  REPORTS_PER_DAY,
} from '#models/staff/moderation.ts'
import { createSearchSync } from '#search/sync.ts'
import { useTestApp } from './app-server.ts'
import {
  addMember,
  cookieFor,
  createAccount,
  createStaff,
  startConversation,
  storeMessage,
  TEST_PASSWORD,
} from './factories.ts'
import { TestBrowser } from './http.ts'
import { testLogger } from './logger.ts'
import { describeScans, recordQueries, scansOf } from './query-guard.ts'

const app = useTestApp()

async function signedIn(userId: Types.ObjectId) {
  const browser = new TestBrowser(app.baseUrl)
  browser.setCookie(await cookieFor(userId))
  return browser
}

/** A refusal: a client error, and the page says why in Vietnamese. */
async function expectMessage(response: Response, key: keyof typeof viStaffConsole) {
  expect(response.status).toBeGreaterThanOrEqual(400)
  expect(response.status).toBeLessThan(500)
  expect(await response.text()).toContain(viStaffConsole[key])
}

/** A supplier with enough profile to be found by search, one drain later. */
async function searchableSupplier() {
  const supplier = await createAccount('supplier')
  await SupplierProfile.updateOne(
    { _id: supplier.organizationId },
    {
      $set: {
        organization: supplier.organizationId,
        sectors: ['automotive'],
        processes: ['metal-stamping'],
        'search.pendingSince': new Date(),
      },
    },
    // A new sign-up has no profile yet.
    { upsert: true },
  )
  await markProfileForSearch(supplier.organizationId)
  const organization = (await Organization.findById(supplier.organizationId).lean())!
  return { ...supplier, slug: organization.slug }
}

const sync = () => createSearchSync({ engine: app.search, logger: testLogger, idleMs: 10 })

async function searchIds() {
  const result = await app.search.search({ q: 'Cơ khí Thử nghiệm', perPage: 100 })
  return result.hits.map((hit) => hit.id)
}

const profileReport = (organizationId: Types.ObjectId, extra: Record<string, string> = {}) => ({
  targetType: 'profile',
  targetId: organizationId.toHexString(),
  reason: 'fraud',
  text: 'Hồ sơ giả mạo, dùng MST của công ty khác',
  returnTo: '/suppliers',
  ...extra,
})

describe('moderation', () => {
  it('report → queue → suspend → signed out, gone from search and directories; restore brings it back', async () => {
    const supplier = await searchableSupplier()
    const member = await addMember(supplier.organizationId, 'member')
    const buyer = await createAccount('buyer')
    const staffUser = await createStaff(['verifier'])
    await sync().drainOnce()
    expect(await searchIds()).toContain(supplier.organizationId.toHexString())

    // The public page offers the report form to a signed-in user of another organisation.
    const reporter = await signedIn(buyer.userId)
    const page = await reporter.get(`/suppliers/${supplier.slug}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('data-testid="report-profile"')

    // Bad input: localised refusal, nothing stored.
    await expectMessage(
      await reporter.post('/report', profileReport(supplier.organizationId, { reason: 'bogus' })),
      'staffConsole.report.invalid',
    )
    await expectMessage(
      await reporter.post(
        '/report',
        profileReport(supplier.organizationId, { text: 'x'.repeat(1_001) }),
      ),
      'staffConsole.report.invalid',
    )
    expect(await ModerationReport.countDocuments()).toBe(0)

    const sent = await reporter.post('/report', profileReport(supplier.organizationId))
    expect(sent.status).toBe(200)
    expect(await sent.text()).toContain(viStaffConsole['staffConsole.report.sent'])
    // One open report per reporter and target, even two at once.
    const again = await Promise.all([
      reporter.post('/report', profileReport(supplier.organizationId)),
      reporter.post('/report', profileReport(supplier.organizationId)),
    ])
    for (const response of again) await expectMessage(response, 'staffConsole.report.duplicate')
    expect(await ModerationReport.countDocuments()).toBe(1)
    // Members cannot report their own organisation.
    const owner = await signedIn(supplier.userId)
    await expectMessage(
      await owner.post('/report', profileReport(supplier.organizationId)),
      'staffConsole.report.own',
    )

    // A non-staff user cannot reach the queue; staff see it.
    expect((await reporter.get('/staff/reports')).status).toBe(403)
    expect((await owner.get('/staff/reports')).status).toBe(403)
    const staff = await signedIn(staffUser.userId)
    const report = (await ModerationReport.findOne({ reporter: buyer.userId }).lean())!
    const reportId = report._id.toHexString()
    const queue = await staff.get('/staff/reports')
    expect(queue.status).toBe(200)
    const queueHtml = await queue.text()
    expect(queueHtml).toContain(`/staff/reports/${reportId}`)
    expect(queueHtml).toContain(viStaffConsole['staffConsole.reportReason.fraud'])
    const reportPage = await staff.get(`/staff/reports/${reportId}`)
    expect(reportPage.status).toBe(200)
    const reportHtml = await reportPage.text()
    expect(reportHtml).toContain('Hồ sơ giả mạo, dùng MST của công ty khác')
    expect(reportHtml).toContain(`/suppliers/${supplier.slug}`)

    // A bad action changes nothing.
    await expectMessage(
      await staff.post(`/staff/reports/${reportId}`, { intent: 'delete-everything' }),
      'staffConsole.moderation.invalid',
    )
    expect((await Organization.findById(supplier.organizationId))!.status).toBe('active')
    // A non-staff user cannot act on it either.
    expect((await reporter.post(`/staff/reports/${reportId}`, { intent: 'suspend' })).status).toBe(
      403,
    )

    const memberBrowser = await signedIn(member.userId)
    expect((await memberBrowser.get('/account')).status).toBe(200)
    expect(await Session.countDocuments({ user: member.userId })).toBe(1)

    const suspended = await staff.post(`/staff/reports/${reportId}`, {
      intent: 'suspend',
      note: 'MST thuộc về doanh nghiệp khác',
    })
    expect(suspended.status).toBe(200)
    expect((await Organization.findById(supplier.organizationId))!.status).toBe('suspended')
    // Members signed out: sessions deleted.
    expect(await Session.countDocuments({ user: member.userId })).toBe(0)
    expect(await Session.countDocuments({ user: supplier.userId })).toBe(0)
    expect((await memberBrowser.get('/account')).headers.get('Location')).toMatch(/^\/login/)
    // The report is decided: out of the queue, a second decision refused.
    expect(await ModerationQueueEntry.countDocuments()).toBe(0)
    await expectMessage(
      await staff.post(`/staff/reports/${reportId}`, { intent: 'hide' }),
      'staffConsole.moderation.closed',
    )
    // Its page is gone at once; search after one sync run.
    expect((await reporter.get(`/suppliers/${supplier.slug}`)).status).toBe(404)
    await sync().drainOnce()
    expect(await searchIds()).not.toContain(supplier.organizationId.toHexString())
    // Told by mail in their language; in the audit log.
    expect((await app.lastMailTo(buyer.email)).subject).toBe(
      viStaffConsole['staffConsole.mail.reportDecidedSubject'].replace(
        '{organization}',
        'Công ty TNHH Cơ khí Thử nghiệm',
      ),
    )
    expect((await app.lastMailTo(supplier.email)).subject).toBe(
      'Tài khoản của Công ty TNHH Cơ khí Thử nghiệm đã bị tạm khóa',
    )
    const audit = await AuditLog.findOne({
      action: 'moderation.suspend',
      targetId: supplier.organizationId.toHexString(),
    }).lean()
    expect(audit?.actor?.equals(staffUser.userId)).toBe(true)

    // Signing in again: the suspended page, for any acting route.
    const again2 = new TestBrowser(app.baseUrl)
    const login = await again2.post('/login', { email: member.email, password: TEST_PASSWORD })
    expect(login.status).toBe(302)
    const account = await again2.get('/account')
    expect(account.status).toBe(302)
    expect(account.headers.get('Location')).toBe('/suspended')
    expect(
      (await again2.post('/report', profileReport(buyer.organizationId))).headers.get('Location'),
    ).toBe('/suspended')
    const suspendedPage = await again2.get('/suspended')
    expect(suspendedPage.status).toBe(200)
    const suspendedHtml = await suspendedPage.text()
    expect(suspendedHtml).toContain(viStaffConsole['staffConsole.suspended.title'])
    expect(suspendedHtml).toContain(viStaffConsole['staffConsole.reportReason.fraud'])
    expect(suspendedHtml).toContain('href="/contact"')

    // Restore: active again, page and search back, the member acts again.
    const restored = await staff.post(`/staff/reports/${reportId}`, { intent: 'restore' })
    expect(restored.status).toBe(200)
    expect((await Organization.findById(supplier.organizationId))!.status).toBe('active')
    expect((await reporter.get(`/suppliers/${supplier.slug}`)).status).toBe(200)
    await sync().drainOnce()
    expect(await searchIds()).toContain(supplier.organizationId.toHexString())
    expect((await again2.get('/account')).status).toBe(200)
    expect((await again2.get('/suspended')).headers.get('Location')).toBe('/account')
    await expectMessage(
      await staff.post(`/staff/reports/${reportId}`, { intent: 'restore' }),
      'staffConsole.moderation.notSuspended',
    )
    expect(await AuditLog.countDocuments({ action: 'moderation.restore' })).toBe(1)
    // The reporter may report the profile again once the first report is decided.
    expect((await reporter.post('/report', profileReport(supplier.organizationId))).status).toBe(
      200,
    )
  })

  it('hides a profile at once and tells both sides in English when that is their language', async () => {
    const supplier = await searchableSupplier()
    const buyer = await createAccount('buyer')
    const { User } = await import('#models/accounts/user.ts')
    await User.updateOne({ _id: supplier.userId }, { $set: { locale: 'en' } })
    await User.updateOne({ _id: buyer.userId }, { $set: { locale: 'en' } })
    const staffUser = await createStaff(['admin'])
    const reporter = await signedIn(buyer.userId)
    expect((await reporter.post('/report', profileReport(supplier.organizationId))).status).toBe(
      200,
    )
    const report = (await ModerationReport.findOne({ reporter: buyer.userId }).lean())!
    const staff = await signedIn(staffUser.userId)
    expect(
      (await staff.post(`/staff/reports/${report._id.toHexString()}`, { intent: 'hide' })).status,
    ).toBe(200)
    expect((await Organization.findById(supplier.organizationId))!.status).toBe('hidden')
    expect((await reporter.get(`/suppliers/${supplier.slug}`)).status).toBe(404)
    // Hidden, not suspended: members keep acting.
    const owner = await signedIn(supplier.userId)
    expect((await owner.get('/account')).status).toBe(200)
    expect((await app.lastMailTo(supplier.email)).subject).toBe(
      'The profile of Công ty TNHH Cơ khí Thử nghiệm has been hidden',
    )
    expect((await app.lastMailTo(buyer.email)).text).toContain('have taken action')
  })

  it('reports a chat message only from the conversation, and dismissing tells the reporter', async () => {
    const supplier = await createAccount('supplier')
    const buyer = await createAccount('buyer')
    const outsider = await createAccount('buyer')
    const conversation = await startConversation(
      { userId: buyer.userId, organizationId: buyer.organizationId },
      supplier.organizationId,
    )
    const stored = await storeMessage(
      conversation,
      { userId: supplier.userId, organizationId: supplier.organizationId },
      'Chuyển khoản trước 100% vào tài khoản cá nhân',
    )
    const messageId = String(stored.message._id)
    const form = { targetType: 'message', targetId: messageId, reason: 'fraud', returnTo: '/' }
    // The conversation offers "Report" beside the other side's messages only, as a plain link
    // to the report form (works without JavaScript).
    const conversationPath = `/messages/${conversation._id.toHexString()}`
    const reportHref = `/report?targetType=message&amp;targetId=${messageId}&amp;returnTo=${encodeURIComponent(conversationPath)}`
    const buyerView = await (await (await signedIn(buyer.userId)).get(conversationPath)).text()
    expect(buyerView).toContain(reportHref)
    const supplierView = await (
      await (await signedIn(supplier.userId)).get(conversationPath)
    ).text()
    expect(supplierView).not.toContain('/report?targetType=message')
    const reportPage = await (await signedIn(buyer.userId)).get(reportHref.replaceAll('&amp;', '&'))
    expect(reportPage.status).toBe(200)
    const reportHtml = await reportPage.text()
    expect(reportHtml).toContain(`name="targetId" value="${messageId}"`)
    expect(reportHtml).toContain(`name="returnTo" value="${conversationPath}"`)
    // Signed out, the form asks to sign in first; a foreign returnTo is not kept.
    expect(
      (await new TestBrowser(app.baseUrl).get(reportHref.replaceAll('&amp;', '&'))).status,
    ).toBe(302)
    const foreign = await (
      await signedIn(buyer.userId)
    ).get(`/report?targetType=message&targetId=${messageId}&returnTo=https://evil.example/`)
    expect(await foreign.text()).toContain('name="returnTo" value="/"')
    await expectMessage(
      await (await signedIn(outsider.userId)).post('/report', form),
      'staffConsole.report.notFound',
    )
    expect((await (await signedIn(buyer.userId)).post('/report', form)).status).toBe(200)
    const report = (await ModerationReport.findOne({ targetId: messageId }).lean())!
    expect(report.organization.equals(supplier.organizationId)).toBe(true)
    const staff = await signedIn((await createStaff(['verifier'])).userId)
    const page = await staff.get(`/staff/reports/${report._id.toHexString()}`)
    expect(await page.text()).toContain('Chuyển khoản trước 100% vào tài khoản cá nhân')
    expect(
      (await staff.post(`/staff/reports/${report._id.toHexString()}`, { intent: 'dismiss' }))
        .status,
    ).toBe(200)
    expect((await Organization.findById(supplier.organizationId))!.status).toBe('active')
    expect(await ModerationOpenKey.countDocuments({ report: report._id })).toBe(0)
    expect((await app.lastMailTo(buyer.email)).text).toContain('không thấy vi phạm')
  })

  it('limits reports per user and day', async () => {
    const supplier = await createAccount('supplier')
    const buyer = await createAccount('buyer')
    const day = new Date().toISOString().slice(0, 10)
    for (let slot = 0; slot < REPORTS_PER_DAY; slot += 1)
      await ModerationAllowance.create({
        _id: `report:${buyer.userId.toHexString()}:${day}#${slot}`,
        at: new Date(),
      })
    const response = await (
      await signedIn(buyer.userId)
    ).post('/report', profileReport(supplier.organizationId))
    expect(response.status).toBe(429)
    expect(await response.text()).toContain(viStaffConsole['staffConsole.report.tooMany'])
    expect(await ModerationReport.countDocuments({ reporter: buyer.userId })).toBe(0)
  })

  it('files a report and shows the queue and a report page without scans of growing collections', async () => {
    const supplier = await createAccount('supplier')
    const buyer = await createAccount('buyer')
    const reporter = await signedIn(buyer.userId)
    const staff = await signedIn((await createStaff(['verifier'])).userId)
    const { queries } = await recordQueries(async () => {
      expect((await reporter.post('/report', profileReport(supplier.organizationId))).status).toBe(
        200,
      )
      expect((await staff.get('/staff/reports')).status).toBe(200)
      const report = (await ModerationReport.findOne({ reporter: buyer.userId }).lean())!
      expect((await staff.get(`/staff/reports/${report._id.toHexString()}`)).status).toBe(200)
    })
    const own = scansOf(queries).filter(
      (scan) =>
        scan.collection !== 'sessions' &&
        scan.collection !== 'conversations' &&
        // The test's own lookup of the report it just filed.
        scan.collection !== 'moderationreports',
    )
    expect(describeScans(own)).toEqual([])
    expect(queries.some((query) => query.collection === 'moderationqueueentries')).toBe(true)
  })
})
