import type { BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { Session } from '#models/accounts/session.ts'
import { markProfileForSearch, SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { createSearchSync } from '#search/sync.ts'
import { useTestApp } from '#test/app-server.ts'
import { cookieFor, createAccount, createStaff } from '#test/factories.ts'
import { testLogger } from '#test/logger.ts'
import { readySupplier } from '#test/staff-fixtures.ts'
import { hydrated, useBrowser } from './browser.ts'

/**
 * Issue 17's "Done when" in Chromium (the bulk import has its own file): verification from the
 * supplier's request to the badge and the search facet; a report leading to a suspension; the
 * KPI dashboard with charts and tables in both languages.
 */
const app = useTestApp()
const browser = useBrowser(app)
const drain = () =>
  createSearchSync({ engine: app.search, logger: testLogger, idleMs: 10 }).drainOnce()

async function signedInContext(userId: Parameters<typeof cookieFor>[0], locale = 'vi-VN') {
  const context = await browser.newContext({ locale })
  const [name, ...value] = (await cookieFor(userId)).split('=')
  await context.addCookies([{ name: name!, value: value.join('='), url: app.baseUrl }])
  return context
}

let named = 0

/**
 * Makes the supplier findable under a name of its own (every test account has the same one): a
 * sector and a process, marked for the next drain.
 */
async function makeSearchable(organizationId: Parameters<typeof markProfileForSearch>[0]) {
  named += 1
  await Organization.updateOne(
    { _id: organizationId },
    { $set: { name: `Công ty TNHH Dập Kim loại Thử nghiệm Số ${named}${Date.now() % 10_000}` } },
  )
  await SupplierProfile.updateOne(
    { _id: organizationId },
    {
      $set: {
        organization: organizationId,
        sectors: ['automotive'],
        processes: ['metal-stamping'],
      },
    },
    { upsert: true },
  )
  await markProfileForSearch(organizationId)
  await drain()
}

const verifiedResults = async (context: BrowserContext) => {
  const page = await context.newPage()
  await page.goto('/suppliers?verified=true&lang=vi')
  return page.getByRole('main').textContent()
}

describe('programme staff in the browser', { timeout: 180_000 }, () => {
  it('a supplier asks for verification, a verifier approves it with a method: badge and facet at once', async () => {
    const supplier = await readySupplier(app.baseUrl)
    await makeSearchable(supplier.organizationId)
    const { slug, name } = (await Organization.findById(supplier.organizationId).lean())!

    const owner = await signedInContext(supplier.userId)
    const ownerPage = await owner.newPage()
    await ownerPage.goto('/supplier-profile/verification')
    await hydrated(ownerPage)
    await ownerPage.getByRole('button', { name: 'Gửi yêu cầu xác minh' }).click()
    await ownerPage
      .getByText('Đã gửi yêu cầu xác minh. Cán bộ chương trình sẽ liên hệ với bạn.')
      .waitFor()

    const verifier = await createStaff(['verifier'])
    const staff = await signedInContext(verifier.userId, 'en-GB')
    const queue = await staff.newPage()
    await queue.goto('/staff/verification?lang=en')
    await hydrated(queue)
    await queue
      .getByRole('row', { name: new RegExp(name) })
      .getByRole('link')
      .first()
      .click()
    await queue.waitForURL('**/staff/verification/*')
    await hydrated(queue)
    await queue.getByRole('button', { name: 'Claim case' }).click()
    const decision = queue.getByTestId('decision-form')
    await decision.waitFor()
    for (const box of await decision.getByRole('checkbox').all()) {
      // The reasons are for a refusal; an approval checks the items only.
      if ((await box.getAttribute('name')) === 'checks') await box.check()
    }
    await decision.getByRole('radio', { name: 'Site visit' }).check()
    await decision
      .getByRole('textbox', { name: 'Note (internal)' })
      .fill('Visited the Hải Phòng plant on 1 December.')
    await decision.getByRole('button', { name: 'Approve' }).click()
    await expect
      .poll(
        async () =>
          (await Organization.findById(supplier.organizationId).lean())?.verification?.state,
      )
      .toBe('verified')

    // The public page shows the badge at once; the facet after the outbox drains.
    const visitor = await browser.newContext({ locale: 'en-GB' })
    const publicPage = await visitor.newPage()
    await publicPage.goto(`/suppliers/${slug}?lang=en`)
    await publicPage.getByText(/Verified by the programme on .*, by site visit/).waitFor()
    expect(await verifiedResults(visitor)).not.toContain(name)
    await drain()
    expect(await verifiedResults(visitor)).toContain(name)
  })

  it('a report leads to a suspension: gone from search, its members signed out', async () => {
    const supplier = await createAccount('supplier')
    await makeSearchable(supplier.organizationId)
    const { slug, name } = (await Organization.findById(supplier.organizationId).lean())!
    const search = async (context: BrowserContext) => {
      const page = await context.newPage()
      await page.goto(`/suppliers?q=${encodeURIComponent(name)}&lang=vi`)
      return (await page.getByRole('main').textContent()) ?? ''
    }
    const member = await signedInContext(supplier.userId)
    const memberPage = await member.newPage()
    await memberPage.goto('/supplier-profile/general')
    await hydrated(memberPage)

    const buyer = await createAccount('buyer')
    const reporter = await signedInContext(buyer.userId)
    expect(await search(reporter)).toContain(name)
    const page = await reporter.newPage()
    await page.goto(`/suppliers/${slug}`)
    await hydrated(page)
    const report = page.getByTestId('report-profile')
    await report.getByText('Báo cáo vi phạm').click()
    await report.getByLabel('Lý do').selectOption('fraud')
    await report.getByLabel('Mô tả thêm (không bắt buộc)').fill('Dùng MST của công ty khác.')
    await report.getByRole('button', { name: 'Gửi báo cáo' }).click()
    await page.getByText('Cảm ơn bạn. Cán bộ chương trình sẽ xem xét báo cáo.').waitFor()

    const staff = await signedInContext((await createStaff(['verifier'])).userId)
    const queue = await staff.newPage()
    await queue.goto('/staff/reports')
    await hydrated(queue)
    await queue
      .getByRole('row', { name: new RegExp(name) })
      .getByRole('link')
      .click()
    await queue.waitForURL('**/staff/reports/*')
    await hydrated(queue)
    await queue.getByRole('button', { name: 'Tạm khóa doanh nghiệp' }).click()
    await queue.getByText('Đã ghi nhận.').waitFor()

    expect(await Session.countDocuments({ user: supplier.userId })).toBe(0)
    await drain()
    expect(await search(reporter)).not.toContain(name)
    // The member's next page asks them to sign in again.
    await memberPage.goto('/supplier-profile/general')
    await memberPage.waitForURL(/\/(login|suspended)/)
  })

  it('shows the KPI dashboard as charts with their tables, in Vietnamese and English', async () => {
    const supplier = await createAccount('supplier')
    await makeSearchable(supplier.organizationId)
    const staff = await signedInContext((await createStaff(['admin'])).userId)
    const page = await staff.newPage()
    await page.goto('/staff/dashboard?lang=vi')
    await hydrated(page)
    await page.getByRole('button', { name: 'Tính lại ngay' }).click()
    await page.getByText('Đã tính lại số liệu.').waitFor()
    await page.getByRole('heading', { name: 'Nhà cung cấp theo ngành' }).waitFor()
    // recharts draws after hydration; each chart sits beside its table.
    await expect.poll(() => page.locator('svg.recharts-surface').count()).toBeGreaterThan(3)
    expect(await page.locator('table').count()).toBeGreaterThan(3)
    expect(await page.getByRole('table').first().textContent()).toBeTruthy()
    await page.goto('/staff/dashboard?lang=en')
    await hydrated(page)
    await page.getByRole('heading', { name: 'Suppliers by sector' }).waitFor()
    await page.getByRole('heading', { name: 'Searches per week' }).waitFor()
    await expect.poll(() => page.locator('svg.recharts-surface').count()).toBeGreaterThan(3)
  })
})
