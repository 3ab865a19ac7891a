import fs from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { Types } from 'mongoose'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { User } from '#models/accounts/user.ts'
import { SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { writeSupplierCards } from '#models/profiles/supplier-card.ts'
import { runSourcingDigest } from '#models/sourcing/alerts.ts'
import { SourcingRequest } from '#models/sourcing/sourcing-request.ts'
import { addDays, todayInVietnam } from '#models/sourcing/sourcing-schemas.ts'
import { useTestApp } from '#test/app-server.ts'
import { addMember, cookieFor, createAccount } from '#test/factories.ts'
import {
  seedSearchSuppliers,
  type SeededSupplier,
} from '#test/fixtures/supplier-search-fixtures.ts'
import { hydrated, useBrowser } from './browser.ts'

/**
 * The "Done when" of issue 18 in Chromium, one browser profile per person: a buyer posts a
 * request with a drawing, reads the matched suppliers and their reasons, invites three; a
 * supplier finds it in its list and in the outbox (the invitation and the daily digest), accepts
 * the NDA and downloads the drawing, asks a question in the chat, quotes; a second supplier
 * quotes too; the buyer compares, exports, awards and records an order; the supplier sees the
 * award on its page and in its mail.
 */
const app = useTestApp()
const browser = useBrowser(app)

const MINIMAL_PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'
const TITLE = 'Giá đỡ dập thép cho ghế ô tô E2E'
const NDA = 'Không tiết lộ bản vẽ giá đỡ cho bên thứ ba.'

type Seeded = Map<string, SeededSupplier>
interface SupplierPerson {
  key: string
  slug: string
  organizationId: Types.ObjectId
  userId: Types.ObjectId
  email: string
}

let seeded: Seeded

async function signedInContext(userId: Types.ObjectId): Promise<BrowserContext> {
  const context = await browser.newContext({ acceptDownloads: true })
  const [name, ...value] = (await cookieFor(userId)).split('=')
  await context.addCookies([{ name: name!, value: value.join('='), url: app.baseUrl }])
  return context
}

/** An owner for one of the seeded search suppliers (they are indexed, carded and active). */
async function ownerOf(key: string, name: string): Promise<SupplierPerson> {
  const supplier = seeded.get(key)!
  const organizationId = new Types.ObjectId(supplier.id)
  const member = await addMember(organizationId, 'owner')
  await User.updateOne({ _id: member.userId }, { $set: { name, locale: 'vi' } })
  return { key, slug: supplier.slug, organizationId, ...member }
}

/** Waits for the page's success message (role status) or fails on its error (role alert). */
async function expectMessage(page: Page, expected: string) {
  await page
    .getByRole('status')
    .or(page.getByRole('alert'))
    .filter({ hasText: expected })
    .first()
    .waitFor()
}

/** The form on the page carrying this hidden intent. */
const formWith = (scope: Page | Locator, intent: string) =>
  scope.locator(`form:has(input[type="hidden"][name="intent"][value="${intent}"])`)

/** Waits for what the page shows (vitest's expect.poll gives up after one second by default). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 })

async function download(page: Page, link: Locator) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()])
  return { name: file.suggestedFilename(), body: await fs.readFile(await file.path()) }
}

async function mailsTo(email: string) {
  return (await app.mailer.outbox!.list()).filter((entry) => entry.to === email)
}

beforeAll(async () => {
  seeded = await seedSearchSuppliers(app.search)
  // The search sync writes a card per indexed supplier (decision 010); these are its cards.
  await writeSupplierCards(
    await Promise.all(
      [...seeded.values()].map(async ({ id, document, fixture }) => {
        const profile = await SupplierProfile.findOne({ organization: id })
        return {
          _id: profile!.organization,
          profile: profile!._id,
          tradeName: fixture.tradeName ?? '',
          province: fixture.province,
          processes: [...document.process],
          certifications: document.certification.map((standard) => ({ standard })),
          version: document.updatedAt,
        }
      }),
    ),
    new Set(),
  )
})

describe('a sourcing request in the browser', { timeout: 600_000 }, () => {
  it('goes from a request with a drawing to an award and an order', async () => {
    const buyerAccount = await createAccount('buyer')
    await User.updateOne({ _id: buyerAccount.userId }, { $set: { name: 'Erik Larsson' } })
    const minhPhat = await ownerOf('minh-phat', 'Trần Văn Minh')
    const vinhPhuc = await ownerOf('vinh-phuc', 'Nguyễn Thị Phúc')
    const queVo = await ownerOf('que-vo', 'Lê Văn Quế')
    const invitedThree = [minhPhat, vinhPhuc, queVo]

    // The supplier turns the daily digest on from its "requests for you" page.
    // Both sides reach sourcing from the header's navigation.
    const supplierPage = await (await signedInContext(minhPhat.userId)).newPage()
    await supplierPage.goto('/')
    await hydrated(supplierPage)
    await supplierPage
      .getByRole('banner')
      .getByRole('navigation')
      .getByRole('link', { name: 'Yêu cầu dành cho bạn', exact: true })
      .click()
    await supplierPage.waitForURL(/\/sourcing$/)
    await hydrated(supplierPage)
    await supplierPage.getByRole('heading', { name: 'Yêu cầu dành cho bạn' }).waitFor()
    const alerts = formWith(supplierPage, 'alerts')
    await alerts.locator('input[name="alerts"]').check()
    await alerts.locator('button[type="submit"]').click()
    await poll(async () => {
      await supplierPage.reload()
      await hydrated(supplierPage)
      return formWith(supplierPage, 'alerts').locator('input[name="alerts"]').isChecked()
    }).toBe(true)

    // 1. The buyer writes the request (a draft), adds the drawing and opens it.
    const buyerPage = await (await signedInContext(buyerAccount.userId)).newPage()
    await buyerPage.goto('/')
    await hydrated(buyerPage)
    await buyerPage
      .getByRole('banner')
      .getByRole('navigation')
      .getByRole('link', { name: 'Yêu cầu báo giá', exact: true })
      .click()
    await buyerPage.waitForURL(/\/sourcing$/)
    await hydrated(buyerPage)
    await buyerPage.getByRole('link', { name: 'Tạo yêu cầu báo giá' }).click()
    await buyerPage.waitForURL(/\/sourcing\/new$/)
    await hydrated(buyerPage)
    const form = buyerPage.locator('form#sourcing-request')
    const fill = (name: string, value: string) => form.locator(`[name="${name}"]`).fill(value)
    await fill('title.vi', TITLE)
    await fill('title.en', 'Stamped steel brackets for car seats (E2E)')
    await fill('description.vi', 'Bản vẽ kèm theo. Thép SPCC dày 2 mm, dung sai ±0,1 mm.')
    await form.locator('input[name="processes"][value="metal-stamping"]').check()
    await form.locator('input[name="sectors"][value="automotive"]').check()
    await form.locator('input[name="certifications"][value="iatf-16949"]').check()
    await fill('quantity', '20000')
    await fill('targetPrice', '0.85')
    await form.locator('select[name="currency"]').selectOption('USD')
    await form.locator('select[name="deliveryProvince"]').selectOption('ha-noi')
    await form.locator('select[name="visibility"]').selectOption('invited')
    await fill('ndaText', NDA)
    await form.locator('button[type="submit"]').click()
    await buyerPage.waitForURL(/\/sourcing\/[0-9a-f]{24}$/)
    await hydrated(buyerPage)
    const requestPath = new URL(buyerPage.url()).pathname
    const requestId = requestPath.split('/').pop()!
    await poll(() => buyerPage.getByTestId('request-status').textContent()).toContain('Bản nháp')

    const upload = formWith(buyerPage, 'attach')
    await upload.locator('input[type="file"]').setInputFiles({
      name: 'ban-ve-gia-do.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(MINIMAL_PDF),
    })
    await upload.locator('button[type="submit"]').click()
    const files = buyerPage.getByTestId('request-files')
    await files.getByRole('link', { name: /ban-ve-gia-do\.pdf/ }).waitFor()
    const stored = await SourcingRequest.findById(requestId).lean()
    expect(stored!.attachments).toHaveLength(1)

    await buyerPage.locator('button[name="intent"][value="open"]').click()
    await expectMessage(buyerPage, 'Yêu cầu đã mở để nhận báo giá.')
    await poll(() => buyerPage.getByTestId('request-status').textContent()).toContain(
      'Đang nhận báo giá',
    )

    // 2. Matched suppliers with their reasons; the buyer invites three, one click each.
    await buyerPage.getByRole('link', { name: 'Nhà cung cấp phù hợp' }).click()
    await buyerPage.waitForURL(`${requestPath}/matches`)
    await hydrated(buyerPage)
    const matches = buyerPage.getByTestId('matches')
    const rowOf = (supplier: SupplierPerson) =>
      matches.locator(`> li:has(a[href="/suppliers/${supplier.slug}"])`)
    for (const supplier of invitedThree) await rowOf(supplier).waitFor()
    const minhPhatReasons = await rowOf(minhPhat).locator('ul > li').allTextContents()
    const reasons = minhPhatReasons.join('\n')
    expect(reasons).toMatch(/Có năng lực dập kim loại/i)
    expect(reasons).toContain('Có chứng nhận IATF 16949')
    expect(reasons).toContain('Đã được Chương trình xác minh')
    expect(reasons).toMatch(/Ở .+, cách tỉnh nhận hàng \d+ km/)
    for (const supplier of invitedThree) {
      const row = rowOf(supplier)
      await row.getByRole('button', { name: 'Mời báo giá' }).click()
      await row.getByText('Đã mời').waitFor()
    }
    await poll(() => matches.getByText('Đã mời', { exact: true }).count()).toBe(3)

    // 3. The supplier: the request in its list, the invitation and the digest in the outbox.
    await supplierPage.goto('/sourcing')
    await hydrated(supplierPage)
    await supplierPage.getByRole('link', { name: TITLE }).waitFor()
    for (const supplier of invitedThree) {
      await poll(async () => (await mailsTo(supplier.email)).map((mail) => mail.subject)).toContain(
        `Bạn được mời báo giá: ${TITLE}`,
      )
    }
    const digest = await runSourcingDigest({ mailer: app.mailer, origin: app.baseUrl })
    expect(digest.mails).toBeGreaterThanOrEqual(1)
    const digestMail = (await mailsTo(minhPhat.email)).find((mail) =>
      mail.subject.startsWith('Yêu cầu báo giá mới phù hợp với bạn'),
    )
    expect(digestMail?.text).toContain(TITLE)
    // The others did not turn alerts on: no digest for them.
    expect((await mailsTo(queVo.email)).map((mail) => mail.subject).join('\n')).not.toContain(
      'Yêu cầu báo giá mới phù hợp với bạn',
    )

    // The NDA first, then the drawing.
    await supplierPage.getByRole('link', { name: TITLE }).click()
    await supplierPage.waitForURL(requestPath)
    await hydrated(supplierPage)
    await poll(() => supplierPage.getByTestId('nda-text').textContent()).toContain(NDA)
    const nda = formWith(supplierPage, 'accept-nda')
    await nda.locator('input[name="accept"]').check()
    await nda.locator('button[type="submit"]').click()
    await expectMessage(supplierPage, 'Đã ghi nhận bạn đồng ý thỏa thuận bảo mật.')
    const drawing = await download(
      supplierPage,
      supplierPage.getByTestId('request-files').getByRole('link', { name: /ban-ve-gia-do\.pdf/ }),
    )
    expect(drawing.body.subarray(0, 5).toString()).toBe('%PDF-')

    // 4. A question in the chat, with the request as the conversation's context.
    await supplierPage.getByRole('button', { name: 'Hỏi người mua qua tin nhắn' }).click()
    await supplierPage.waitForURL(/\/messages\/[0-9a-f]{24}(\?|$)/)
    await hydrated(supplierPage)
    await supplierPage.locator('section[data-live="true"]').waitFor()
    const conversationPath = new URL(supplierPage.url()).pathname
    const question = 'Giá đỡ có cần mạ kẽm không ạ?'
    await supplierPage.getByRole('textbox', { name: 'Tin nhắn' }).fill(question)
    await supplierPage.getByRole('button', { name: 'Gửi', exact: true }).click()
    await supplierPage
      .getByTestId('chat-message')
      .filter({ hasText: question })
      .and(supplierPage.locator('[data-state="stored"]'))
      .waitFor()
    await buyerPage.goto(conversationPath)
    await hydrated(buyerPage)
    await buyerPage.getByTestId('chat-message').filter({ hasText: question }).waitFor()
    await buyerPage.getByText('Yêu cầu báo giá').first().waitFor()

    // 5. Two quotes: Minh Phát in VND, Vĩnh Phúc in USD.
    const quote = async (page: Page, fields: Record<string, string>) => {
      await page.goto(requestPath)
      await hydrated(page)
      const quoteForm = formWith(page, 'quote')
      for (const [name, value] of Object.entries(fields)) {
        const field = quoteForm.locator(`[name="${name}"]`)
        if ((await field.evaluate((element) => element.tagName)) === 'SELECT')
          await field.selectOption(value)
        else await field.fill(value)
      }
      await quoteForm.getByRole('button', { name: 'Gửi báo giá' }).click()
      await expectMessage(page, 'Đã lưu báo giá.')
      await poll(() => page.getByTestId('own-quote-status').textContent()).toContain('Đã gửi')
    }
    await quote(supplierPage, {
      unitPrice: '21000',
      currency: 'VND',
      moq: '5000',
      leadTimeDays: '30',
      validUntil: addDays(todayInVietnam(), 30),
      'priceBreaks[0].minQuantity': '10000',
      'priceBreaks[0].unitPrice': '20000',
      notes: 'Giá đã gồm khuôn.',
    })
    const vinhPhucPage = await (await signedInContext(vinhPhuc.userId)).newPage()
    await quote(vinhPhucPage, {
      unitPrice: '0.92',
      currency: 'USD',
      moq: '10000',
      leadTimeDays: '45',
      validUntil: addDays(todayInVietnam(), 20),
    })

    // 6. The buyer compares (both in USD at its rates), exports, awards and records an order.
    await buyerPage.goto(requestPath)
    await hydrated(buyerPage)
    const table = buyerPage.getByTestId('comparison')
    const quoteRow = (supplier: SupplierPerson) =>
      table.locator(`tbody > tr:has(input[name="supplier"][value="${supplier.organizationId}"])`)
    await poll(() => table.locator('tbody > tr').count()).toBe(2)
    await poll(() => quoteRow(minhPhat).textContent()).toContain('Giá đã gồm khuôn.')
    await poll(() => quoteRow(vinhPhuc).textContent()).toContain('USD')
    const exported = await download(
      buyerPage,
      buyerPage.getByRole('link', { name: 'Tải Excel (XLSX)' }),
    )
    expect(exported.name).toMatch(/\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(exported.body as unknown as ArrayBuffer)
    const sheetText = JSON.stringify(workbook.worksheets[0]!.getSheetValues())
    expect(sheetText).toContain('21000')
    expect(sheetText).toContain('0.92')

    await quoteRow(minhPhat).locator('input[type="checkbox"][name="supplier"]').check()
    await buyerPage.getByRole('button', { name: 'Chọn các nhà cung cấp đã đánh dấu' }).click()
    await expectMessage(buyerPage, 'Đã chọn nhà cung cấp.')
    await poll(() => buyerPage.getByTestId('request-status').textContent()).toContain(
      'Đã chọn nhà cung cấp',
    )
    await poll(() => quoteRow(minhPhat).textContent()).toContain('Được chọn')

    const outcome = formWith(buyerPage, 'outcome')
    await outcome.locator('select[name="outcome"]').selectOption('order')
    await outcome.locator('input[name="approximateValue"]').fill('17000')
    await outcome.locator('select[name="currency"]').selectOption('USD')
    await outcome.locator('button[type="submit"]').click()
    await poll(() => buyerPage.getByTestId('outcome').textContent()).toContain('Đã đặt hàng')
    await poll(() => buyerPage.getByTestId('outcome').textContent()).toContain('17000 USD')
    expect((await SourcingRequest.findById(requestId).lean())!.outcome).toMatchObject({
      kind: 'order',
      approximateValue: 17000,
      currency: 'USD',
    })

    // 7. The supplier sees the award on its page and in its mail; the other one does not.
    await supplierPage.goto(requestPath)
    await hydrated(supplierPage)
    await poll(() => supplierPage.getByTestId('own-quote-status').textContent()).toContain(
      'Được chọn',
    )
    await poll(async () => (await mailsTo(minhPhat.email)).map((mail) => mail.subject)).toContain(
      `Báo giá của bạn đã được chọn: ${TITLE}`,
    )
    await vinhPhucPage.reload()
    await hydrated(vinhPhucPage)
    await poll(() => vinhPhucPage.getByTestId('own-quote-status').textContent()).toContain('Đã gửi')
  })
})
