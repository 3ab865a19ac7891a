import fs from 'node:fs/promises'
import ExcelJS from 'exceljs'
import type { Types } from 'mongoose'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { User } from '#models/accounts/user.ts'
import { readEventIndex } from '#models/events/event-index.ts'
import { useTestApp } from '#test/app-server.ts'
import { addMember, cookieFor, createAccount, createStaff } from '#test/factories.ts'
import { hydrated, useBrowser } from './browser.ts'

/**
 * The "Done when" of issue 16 in Chromium, one browser profile per person: an organiser sets an
 * event up, two suppliers and two buyers register, ask for and accept meetings, the schedule is
 * run and published, every delegate sees the agenda (page, .ics, PDF), a check-in and a no-show
 * are recorded, and the feedback is in the organiser's XLSX export.
 */
const app = useTestApp()
const browser = useBrowser(app)

async function signedInContext(userId: Types.ObjectId): Promise<BrowserContext> {
  const context = await browser.newContext({ acceptDownloads: true })
  const [name, ...value] = (await cookieFor(userId)).split('=')
  await context.addCookies([{ name: name!, value: value.join('='), url: app.baseUrl }])
  return context
}

async function person(kind: 'supplier' | 'buyer', organizationName: string, name: string) {
  const account = await createAccount(kind)
  await Organization.updateOne(
    { _id: account.organizationId },
    { $set: { name: organizationName } },
  )
  await User.updateOne({ _id: account.userId }, { $set: { name } })
  return account
}

/** The form on the page carrying this hidden intent (and, optionally, another hidden value). */
function formWith(scope: Page | Locator, intent: string, extra?: [string, string]) {
  const also = extra ? `:has(input[name="${extra[0]}"][value="${extra[1]}"])` : ''
  return scope.locator(`form:has(input[name="intent"][value="${intent}"])${also}`)
}

/** Submits a form and waits for the action's message (success or error) on the page. */
async function submit(page: Page, form: Locator, expected: RegExp | string) {
  await form.locator('button[type="submit"]').click()
  await page
    .getByRole('status')
    .or(page.getByRole('alert'))
    .filter({ hasText: expected })
    .first()
    .waitFor()
}

/** Waits for what the page shows (vitest's expect.poll gives up after one second by default). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 })

async function download(page: Page, linkName: RegExp | string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName }).click(),
  ])
  const filePath = await file.path()
  return { name: file.suggestedFilename(), body: await fs.readFile(filePath) }
}

describe('a matchmaking day in the browser', { timeout: 600_000 }, () => {
  it('goes from set-up to the outcomes export with four participants', async () => {
    const organiser = await createStaff(['organiser'])
    const suppliers = [
      await person('supplier', 'Công ty Cơ khí Đông Á', 'Trần Văn An'),
      await person('supplier', 'Công ty Nhựa Sài Gòn', 'Lê Thị Bình'),
    ]
    const buyers = [
      await person('buyer', 'Nordic Parts AB', 'Erik Larsson'),
      await person('buyer', 'Osaka Components KK', 'Sato Hiroshi'),
    ]
    // The first supplier sends two delegates: the owner and a colleague.
    const colleague = await addMember(suppliers[0]!.organizationId, 'member')
    await User.updateOne({ _id: colleague.userId }, { $set: { name: 'Phạm Văn Cường' } })

    // 1. The organiser creates the event.
    const staffPage = await (await signedInContext(organiser.userId)).newPage()
    await staffPage.goto('/staff/events/new')
    await hydrated(staffPage)
    const fill = (name: string, value: string) => staffPage.locator(`[name="${name}"]`).fill(value)
    await fill('title.vi', 'Ngày kết nối cơ khí 2026')
    await fill('title.en', 'Mechanical matchmaking day 2026')
    await fill('description.vi', 'Gặp gỡ B2B giữa nhà cung cấp và người mua')
    await fill('description.en', 'B2B meetings between suppliers and buyers')
    await fill('venue', 'Trung tâm Hội nghị Quốc gia')
    await staffPage.locator('[name="province"]').selectOption('ha-noi')
    await fill('days[0].date', '2026-12-10')
    await fill('days[0].sessions', '09:00-11:00')
    await fill('days[0].breaks', '10:00-10:15')
    await fill('meetingMinutes', '20')
    await fill('tables', '3')
    await fill('capacitySuppliers', '10')
    await fill('capacityBuyers', '10')
    await fill('languages', 'vi:0, en:1')
    await staffPage.getByRole('button', { name: 'Tạo sự kiện' }).click()
    await staffPage.waitForURL(/\/staff\/events\/[0-9a-f]{24}$/)
    await hydrated(staffPage)
    const eventPath = new URL(staffPage.url()).pathname
    // 09:00–11:00 in 20 minutes, the 10:00–10:15 break left out: 09:00, 09:20, 09:40, 10:20, 10:40.
    await poll(() => staffPage.getByTestId('slot-preview').locator('li').count()).toBe(5)
    const slug = (await staffPage.locator('a[href^="/events/"]').first().getAttribute('href'))!
      .split('/')
      .pop()!
    await submit(staffPage, formWith(staffPage, 'state', ['to', 'registration-open']), 'Đã lưu.')
    await poll(() => staffPage.getByTestId('event-state').textContent()).toContain(
      'Đang mở đăng ký',
    )

    // 2. Two suppliers and two buyers register on the public page.
    const pages = new Map<string, Page>()
    for (const account of [...suppliers, ...buyers]) {
      const page = await (await signedInContext(account.userId)).newPage()
      pages.set(account.organizationId.toHexString(), page)
      await page.goto(`/events/${slug}`)
      await hydrated(page)
      const form = formWith(page, 'register')
      if (account === suppliers[0])
        await form
          .locator(`input[name="delegates"][value="${colleague.userId.toHexString()}"]`)
          .check()
      await form.locator('[name="maxMeetings"]').fill('3')
      await form.locator('button[type="submit"]').click()
      await page.getByRole('link', { name: 'Lịch gặp của tôi' }).waitFor()
    }
    const org = (account: { organizationId: Types.ObjectId }) =>
      account.organizationId.toHexString()
    const pageOf = (account: { organizationId: Types.ObjectId }) =>
      pages.get(account.organizationId.toHexString())!
    await staffPage.reload()
    await hydrated(staffPage)
    for (const name of ['Công ty Cơ khí Đông Á', 'Osaka Components KK'])
      await poll(() => staffPage.locator('li', { hasText: name }).first().textContent()).toContain(
        'Đã xác nhận',
      )
    await submit(staffPage, formWith(staffPage, 'state', ['to', 'requests-open']), 'Đã lưu.')

    // 3. Meeting requests: each supplier asks both buyers; the buyers accept three, decline one.
    for (const supplier of suppliers) {
      const page = pageOf(supplier)
      await page.goto(`/events/${slug}/participants`)
      await hydrated(page)
      for (const buyer of buyers) {
        const form = formWith(page, 'request', ['to', buyer.organizationId.toHexString()])
        await form.locator('[name="message"]').fill('Chúng tôi muốn gặp để chào giá.')
        await form.locator('button[type="submit"]').click()
        await poll(() => form.count()).toBe(0)
      }
    }
    const answers: Array<[number, number, 'accept' | 'decline']> = [
      [0, 0, 'accept'],
      [1, 0, 'accept'],
      [0, 1, 'accept'],
      [1, 1, 'decline'],
    ]
    for (const [supplierIndex, buyerIndex, answer] of answers) {
      const page = pageOf(buyers[buyerIndex]!)
      await page.goto(`/events/${slug}/participants`)
      await hydrated(page)
      const requestId = `${eventPath.split('/').pop()}:${suppliers[supplierIndex]!.organizationId.toHexString()}:${buyers[buyerIndex]!.organizationId.toHexString()}`
      await submit(
        page,
        formWith(page, answer, ['requestId', requestId]),
        answer === 'accept' ? /chấp nhận/i : /từ chối/i,
      )
    }

    // 4. The organiser runs the scheduler, reviews and publishes.
    await staffPage.reload()
    await hydrated(staffPage)
    await formWith(staffPage, 'run').locator('button').click()
    await staffPage.getByTestId('draft').waitFor()
    await poll(() => staffPage.getByTestId('draft').textContent()).toContain('3')
    await submit(staffPage, formWith(staffPage, 'publish'), 'Đã công bố lịch')
    await poll(() => staffPage.getByTestId('event-state').textContent()).toContain(
      'Đã công bố lịch',
    )

    // 5. Every delegate sees the agenda: the page, the .ics and the PDF.
    const delegates: Array<{ userId: Types.ObjectId; meetings: number; partners: string[] }> = [
      {
        userId: suppliers[0]!.userId,
        meetings: 2,
        partners: ['Nordic Parts AB', 'Osaka Components KK'],
      },
      {
        userId: colleague.userId,
        meetings: 2,
        partners: ['Nordic Parts AB', 'Osaka Components KK'],
      },
      { userId: suppliers[1]!.userId, meetings: 1, partners: ['Nordic Parts AB'] },
      {
        userId: buyers[0]!.userId,
        meetings: 2,
        partners: ['Công ty Cơ khí Đông Á', 'Công ty Nhựa Sài Gòn'],
      },
      { userId: buyers[1]!.userId, meetings: 1, partners: ['Công ty Cơ khí Đông Á'] },
    ]
    for (const delegate of delegates) {
      const page =
        delegate.userId === colleague.userId
          ? await (await signedInContext(colleague.userId)).newPage()
          : [...pages.values()][
              [...suppliers, ...buyers].findIndex((a) => a.userId === delegate.userId)
            ]!
      await page.goto(`/events/${slug}/agenda`)
      await hydrated(page)
      const rows = page.locator('tbody tr')
      await poll(() => rows.count()).toBe(delegate.meetings)
      for (const partner of delegate.partners)
        await poll(() => page.locator('tbody').textContent()).toContain(partner)
      await poll(() => page.locator('tbody').textContent()).toContain('Bàn')
      const ics = await download(page, 'Tải lịch (.ics)')
      const calendar = ics.body.toString('utf8')
      expect(calendar).toContain('BEGIN:VCALENDAR')
      expect(calendar.match(/BEGIN:VEVENT/g)).toHaveLength(delegate.meetings)
      expect(calendar).toMatch(/DTSTART:20261210T0[2-3]\d{4}Z/)
      const pdf = await download(page, 'Bản in (PDF)')
      expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-')
      expect(pdf.body.length).toBeGreaterThan(2_000)
    }

    // The organiser moves a meeting: the open agendas of its two sides update at once (Socket.IO),
    // the other participants' pages hear nothing, and each of its delegates gets a mail.
    const eventId = eventPath.split('/').pop()!
    const movedId = `${eventId}:${org(suppliers[1]!)}:${org(buyers[0]!)}`
    const index = await readEventIndex(eventId)
    const busy = new Set(
      index.meetings
        .filter((m) => [m.a, m.b].some((o) => o === org(suppliers[1]!) || o === org(buyers[0]!)))
        .map((m) => m.slot),
    )
    const freeSlot = [0, 1, 2, 3, 4].find((slot) => !busy.has(slot))!
    const watching = [pageOf(buyers[0]!), pageOf(suppliers[1]!), pageOf(buyers[1]!)]
    for (const page of watching) {
      await page.goto(`/events/${slug}/agenda`)
      await hydrated(page)
      await page.locator('section[data-live="true"]').waitFor()
    }
    await staffPage.reload()
    await hydrated(staffPage)
    const move = formWith(staffPage, 'move')
    await move.locator('[name="meetingId"]').selectOption(movedId)
    await move.locator('[name="slot"]').selectOption(String(freeSlot))
    await move.locator('[name="table"]').fill('3')
    await submit(staffPage, move, 'Đã chuyển')
    const slotTimes = ['09:00', '09:20', '09:40', '10:20', '10:40']
    for (const page of watching.slice(0, 2)) {
      await page.getByTestId('agenda-changed').waitFor()
      await poll(() =>
        // A slot is found by its start ("09:40–"): its end time is the start of the one before.
        page.locator('tbody tr', { hasText: `${slotTimes[freeSlot]!}–` }).textContent(),
      ).toContain('Bàn 3')
    }
    // The bystander's page was not told (its agenda did not change).
    expect(await watching[2]!.getByTestId('agenda-changed').count()).toBe(0)
    const mail = await app.lastMailTo((await User.findById(buyers[0]!.userId).lean())!.email)
    expect(mail.subject).toContain('đã được dời')

    // 6. On the day: the organiser checks the first supplier in with the code on its agenda.
    await submit(staffPage, formWith(staffPage, 'state', ['to', 'live']), 'Đã lưu.')
    const firstSupplier = pageOf(suppliers[0]!)
    await firstSupplier.goto(`/events/${slug}/agenda`)
    await hydrated(firstSupplier)
    const code = (await firstSupplier.getByTestId('check-in-code').textContent())!.trim()
    const phone = await (await signedInContext(organiser.userId)).newPage()
    await phone.setViewportSize({ width: 390, height: 844 })
    await phone.goto(`${eventPath}/check-in`)
    await hydrated(phone)
    await phone.locator('[name="code"]').fill(code.toLowerCase())
    await phone.getByRole('button', { name: 'Điểm danh' }).click()
    await phone.getByText('Công ty Cơ khí Đông Á').waitFor()

    // The second buyer reports that the first supplier did not come.
    const secondBuyer = pageOf(buyers[1]!)
    await secondBuyer.goto(`/events/${slug}/agenda`)
    await hydrated(secondBuyer)
    await formWith(secondBuyer, 'no-show').locator('button').click()
    await poll(() => secondBuyer.locator('tbody').textContent()).toContain('Vắng mặt')

    // Both sides of the first buyer's meeting with the first supplier give feedback.
    const feedbackOn = async (page: Page, partner: string, useful: string, nextStep: string) => {
      await page.goto(`/events/${slug}/agenda`)
      await hydrated(page)
      const row = page.locator('tbody tr', { hasText: partner })
      await row.locator('[name="useful"]').selectOption(useful)
      await row.locator('[name="nextStep"]').selectOption(nextStep)
      await row.locator('form:has(input[value="feedback"]) button').click()
      await poll(() => row.textContent()).toContain('đã ghi nhận đánh giá')
    }
    await feedbackOn(pageOf(buyers[0]!), 'Công ty Cơ khí Đông Á', '4', 'sample')
    await feedbackOn(firstSupplier, 'Nordic Parts AB', '3', 'quote')

    // 7. The organiser's export has the no-show and both sides' feedback.
    await staffPage.goto(eventPath)
    await hydrated(staffPage)
    const xlsx = await download(staffPage, 'Kết quả (XLSX)')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer)
    const rows: string[][] = []
    workbook.worksheets[0]!.eachRow((row) =>
      rows.push((row.values as unknown[]).slice(1).map((value) => String(value ?? ''))),
    )
    const line = (a: string, b: string) =>
      rows.find((row) => row.includes(a) && row.includes(b))?.join(' | ') ?? ''
    expect(line('Công ty Cơ khí Đông Á', 'Nordic Parts AB')).toMatch(/4/)
    expect(line('Công ty Cơ khí Đông Á', 'Nordic Parts AB')).toMatch(/sample|mẫu/i)
    expect(line('Công ty Cơ khí Đông Á', 'Nordic Parts AB')).toMatch(/quote|báo giá/i)
    expect(line('Công ty Cơ khí Đông Á', 'Osaka Components KK')).toMatch(/no-show|vắng/i)
    await poll(() =>
      staffPage.locator('li', { hasText: 'Công ty Cơ khí Đông Á' }).first().textContent(),
    ).toContain('✓')
    // The table plan as a PDF, beside the page grid and the XLSX.
    const plan = await download(staffPage, 'Sơ đồ bàn (PDF)')
    expect(plan.body.subarray(0, 5).toString()).toBe('%PDF-')

    // After the meeting was held, the buyer opens a chat with the supplier from its agenda: a
    // conversation whose context is the event meeting.
    const held = formWith(staffPage, 'status', ['status', 'held']).filter({
      has: staffPage.locator(`input[value="${eventId}:${org(suppliers[0]!)}:${org(buyers[0]!)}"]`),
    })
    await submit(staffPage, held, 'Đã lưu.')
    const buyerPage = pageOf(buyers[0]!)
    await buyerPage.goto(`/events/${slug}/agenda`)
    await hydrated(buyerPage)
    await buyerPage
      .locator('tbody tr', { hasText: 'Công ty Cơ khí Đông Á' })
      .getByRole('button', { name: 'Nhắn tin với đối tác' })
      .click()
    await buyerPage.waitForURL(/\/messages\/[0-9a-f]{24}(\?|$)/)
    await buyerPage.getByText('Gặp gỡ tại sự kiện').first().waitFor()
  })
})
