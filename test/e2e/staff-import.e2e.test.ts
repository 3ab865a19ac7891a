import type { Types } from 'mongoose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { StaffImport } from '#models/staff/import.ts'
import { registerStaffImportJob } from '#server/jobs/staff-import.ts'
import { createJobRunner, type JobRunner } from '#server/jobs/runner.ts'
import { useTestApp } from '#test/app-server.ts'
import { cookieFor, createStaff } from '#test/factories.ts'
import { testLogger } from '#test/logger.ts'
import { validMst, xlsxOf } from '#test/staff-import-fixtures.ts'
import { hydrated, useBrowser } from './browser.ts'

const app = useTestApp()
const browser = useBrowser(app)

// The import runs as the leased `staff-import` job, as in server/main.ts, with its progress sent
// to the staff admins' Socket.IO room of this app.
let jobs: JobRunner
beforeAll(() => {
  jobs = createJobRunner({ logger: testLogger })
  registerStaffImportJob(jobs, { mailer: app.mailer, origin: app.baseUrl, io: app.server.io })
  jobs.start()
})
afterAll(async () => {
  await jobs?.stop()
})

async function signedInPage(userId: Types.ObjectId) {
  const context = await browser.newContext()
  const [name, ...value] = (await cookieFor(userId)).split('=')
  await context.addCookies([{ name: name!, value: value.join('='), url: app.baseUrl }])
  return context.newPage()
}

/** 2,000 rows, 30 of them bad: 10 tax codes, 10 provinces, 10 duplicates of earlier rows. */
async function supplierList(): Promise<Buffer> {
  const rows: unknown[][] = [['Tên doanh nghiệp', 'Mã số thuế', 'Tỉnh', 'Email']]
  for (let i = 0; i < 2_000; i++) {
    let taxCode = validMst(10_000 + i)
    let province = i % 3 ? 'Hà Nội' : 'Bình Dương'
    if (i % 200 === 1) taxCode = '0101234560'
    if (i % 200 === 2) province = 'Atlantis'
    if (i % 200 === 3) taxCode = validMst(10_000 + i - 3)
    rows.push([
      `Công ty Thử nghiệm ${i}`,
      taxCode,
      province,
      i >= 4 && i < 7 ? `firm${i}@example.vn` : '',
    ])
  }
  return xlsxOf(rows)
}

describe('an admin imports a supplier list in the browser', { timeout: 240_000 }, () => {
  it('uploads a 2,000-row XLSX, sees the dry run with 30 bad rows, the progress and the report', async () => {
    const staff = await createStaff(['admin'])
    const page = await signedInPage(staff.userId)
    await page.goto('/staff/imports')
    await hydrated(page)
    await page.getByLabel('Tệp danh sách (CSV hoặc XLSX)').setInputFiles({
      name: 'danh-sach-so-cong-thuong.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await supplierList(),
    })
    await page.getByRole('button', { name: 'Tải lên' }).click()
    await page.waitForURL(/\/staff\/imports\/[0-9a-f]{24}$/, { timeout: 60_000 })
    const importId = page.url().split('/').at(-1)!
    await page.getByRole('heading', { name: 'Ghép cột' }).waitFor()
    // The mapping is guessed from the headers.
    await expect.poll(() => page.locator('select[name="field.taxCode"]').inputValue()).toBe('1')
    await page.getByRole('button', { name: 'Kiểm tra thử' }).click()

    await page.getByTestId('dry-run').waitFor({ timeout: 120_000 })
    await expect.poll(() => page.getByTestId('dry-run-invalid').textContent()).toBe('30')
    expect(await page.getByTestId('dry-run-create').textContent()).toBe('1970')
    await page.getByText('Mã số thuế không hợp lệ: 0101234560').first().waitFor()
    await page.getByText('Không nhận ra tỉnh/thành phố: Atlantis').first().waitFor()
    await page.getByText('Trùng mã số thuế với một dòng phía trên').first().waitFor()

    await page.getByRole('button', { name: 'Nhập 1970 dòng' }).click()
    // The progress bar, then a reload while the job runs: the progress is still there (or done).
    const progressOrReport = page
      .getByTestId('import-progress')
      .or(page.getByTestId('import-report'))
    await progressOrReport.waitFor()
    const sawProgress = await page.getByTestId('import-progress').isVisible()
    await page.reload()
    await hydrated(page)
    await progressOrReport.waitFor()
    await page.getByTestId('import-report').waitFor({ timeout: 180_000 })
    await expect.poll(() => page.getByTestId('report-created').textContent()).toBe('1970')
    expect(await page.getByTestId('report-invalid').textContent()).toBe('30')
    // Invitations are mailed by the import job after the import (decision 013): the count of
    // those sent reaches 3 on a later load of the page.
    await expect
      .poll(
        async () => {
          await page.reload()
          return page.getByTestId('report-invited').textContent()
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe('3')
    expect(sawProgress || (await StaffImport.findById(importId).lean())?.state === 'done').toBe(
      true,
    )
    expect(await Organization.countDocuments({ name: /^Công ty Thử nghiệm / })).toBe(1970)

    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Tải báo cáo (XLSX)' }).click()
    expect((await download).suggestedFilename()).toBe(`vsi-import-${importId}.xlsx`)
  })
})
