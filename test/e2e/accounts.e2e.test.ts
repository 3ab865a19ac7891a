import os from 'node:os'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '#test/app-server.ts'
import { createAccount, TEST_PASSWORD, uniqueEmail } from '#test/factories.ts'
import { hydrated, useBrowser } from './browser.ts'

const app = useTestApp()
const browser = useBrowser(app)

const screenshot = (name: string) => path.join(os.tmpdir(), `e2e-${name}.png`)

/** Opens the development outbox and follows the link in the newest mail to this address. */
async function openMailLink(page: Page, to: string, linkPath: string) {
  await page.goto('/dev/outbox')
  const mail = page.getByTestId('outbox-entry').filter({ hasText: to }).first()
  await mail.getByRole('link', { name: new RegExp(linkPath) }).click()
  await page.waitForURL(`**${linkPath}?token=*`)
}

/** The texts of the elements an input's aria-describedby points at. */
async function descriptions(input: Locator): Promise<string[]> {
  const ids = (await input.getAttribute('aria-describedby'))?.split(/\s+/) ?? []
  return Promise.all(ids.map((id) => input.page().locator(`[id="${id}"]`).innerText()))
}

describe('accounts in a real browser', { timeout: 60_000 }, () => {
  it('signs up, verifies the e-mail, signs in again and brings in a colleague', async () => {
    const owner = {
      name: 'Phạm Thị Thu',
      email: uniqueEmail('thu'),
      password: 'mat-khau-cua-thu-1',
    }
    const page = await browser.newPage()

    await page.goto('/signup')
    await hydrated(page)
    expect(
      await page.getByRole('radio', { name: /Nhà cung cấp/ }).isChecked(),
      'supplier is the default kind',
    ).toBe(true)
    await page
      .getByLabel('Tên doanh nghiệp (theo đăng ký kinh doanh)')
      .fill('Công ty TNHH Khuôn mẫu Thử nghiệm')
    expect(await page.getByLabel('Quốc gia').inputValue(), 'Việt Nam is preselected').toBe('VN')
    await page.getByLabel('Mã số thuế (MST)').fill('0109876543')
    await page.getByLabel('Tỉnh/thành phố').selectOption({ label: 'Bắc Ninh' })
    await page.getByLabel('Họ và tên').fill(owner.name)
    await page.getByLabel('E-mail').fill(owner.email)
    await page.getByLabel('Mật khẩu', { exact: true }).fill(owner.password)
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click()

    // No session at sign-up (the same answer as for an address that has an account).
    await page.waitForURL('**/login?signedUp=1')
    await page.getByRole('status').filter({ hasText: 'Vui lòng kiểm tra e-mail' }).waitFor()

    // What a person does: open the mail and click its link.
    expect((await app.lastMailTo(owner.email)).subject).toContain('Xác minh')
    await openMailLink(page, owner.email, '/verify-email')
    await page.getByRole('status').filter({ hasText: 'Đã xác minh địa chỉ e-mail.' }).waitFor()

    await page.goto('/login')
    await hydrated(page)
    await page.getByLabel('E-mail').fill(owner.email)
    await page.getByLabel('Mật khẩu', { exact: true }).fill(owner.password)
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await page.waitForURL('**/account')
    await page.getByRole('heading', { level: 1, name: owner.name }).waitFor()
    expect(await page.getByText('Vui lòng mở liên kết').count(), 'no banner once verified').toBe(0)
    await page.screenshot({ path: screenshot('account'), fullPage: true })

    await page
      .getByRole('navigation', { name: 'Mục tài khoản' })
      .getByRole('link', { name: 'Tổ chức' })
      .click()
    await page.waitForURL('**/account/organization')
    await hydrated(page)
    const colleagueEmail = uniqueEmail('hung')
    const invite = page.locator('section', {
      has: page.getByRole('heading', { name: 'Mời đồng nghiệp' }),
    })
    await invite.getByLabel('E-mail').fill(colleagueEmail)
    expect(await invite.getByLabel('Vai trò').inputValue()).toBe('member')
    await invite.getByRole('button', { name: 'Gửi lời mời' }).click()
    await page.getByRole('status').filter({ hasText: 'Đã gửi lời mời.' }).waitFor()
    await page.getByText(`${colleagueEmail} · Thành viên`).waitFor()

    // The colleague, in a browser of their own.
    const colleaguePage = await browser.newPage()
    await openMailLink(colleaguePage, colleagueEmail, '/invitations/accept')
    await colleaguePage.getByText('Công ty TNHH Khuôn mẫu Thử nghiệm').first().waitFor()
    await hydrated(colleaguePage)
    await colleaguePage.getByLabel('Họ và tên').fill('Lê Văn Hùng')
    await colleaguePage.getByLabel('Mật khẩu mới').fill('mat-khau-cua-hung-1')
    await colleaguePage.getByRole('button', { name: 'Tham gia' }).click()
    await colleaguePage.waitForURL('**/account')
    await colleaguePage.getByRole('heading', { level: 1, name: 'Lê Văn Hùng' }).waitFor()

    await page.reload()
    const members = page.locator('section', {
      has: page.getByRole('heading', { name: /^Thành viên của/ }),
    })
    await members.getByRole('listitem').filter({ hasText: 'Lê Văn Hùng' }).waitFor()
    expect(await members.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringContaining(`${owner.name} (bạn)`),
      expect.stringContaining(`${colleagueEmail} · Thành viên`),
    ])
  })

  it('shows localised errors next to the sign-up fields, in Vietnamese and in English', async () => {
    const page = await browser.newPage()
    await page.goto('/signup')
    await hydrated(page)

    const fillBadForm = async (labels: Record<string, string>) => {
      await page.getByLabel(labels.organization!).fill('Công ty Cổ phần Thử Lỗi')
      await page.getByLabel(labels.taxCode!).fill('12345')
      await page.getByLabel(labels.name!).fill('Đỗ Minh Anh')
      await page.getByLabel(labels.email!).fill(uniqueEmail('anh'))
      await page.getByLabel(labels.password!, { exact: true }).fill('ngan')
      await page.getByRole('button', { name: labels.submit }).click()
    }
    const expectError = async (input: Locator, message: string) => {
      await page.getByText(message, { exact: true }).waitFor()
      expect(await input.getAttribute('aria-invalid')).toBe('true')
      expect(await descriptions(input)).toContain(message)
    }

    await fillBadForm({
      organization: 'Tên doanh nghiệp (theo đăng ký kinh doanh)',
      taxCode: 'Mã số thuế (MST)',
      name: 'Họ và tên',
      email: 'E-mail',
      password: 'Mật khẩu',
      submit: 'Tạo tài khoản',
    })
    await expectError(
      page.getByLabel('Mã số thuế (MST)'),
      'Mã số thuế gồm 10 chữ số, hoặc 10 chữ số - 3 chữ số đối với chi nhánh.',
    )
    await expectError(
      page.getByLabel('Mật khẩu', { exact: true }),
      'Mật khẩu cần ít nhất 10 ký tự.',
    )
    expect(await page.getByLabel('Họ và tên').getAttribute('aria-invalid')).toBeNull()
    expect(page.url()).toMatch(/\/signup$/)

    await page.getByRole('button', { name: 'English' }).click()
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    await page.getByRole('heading', { level: 1, name: 'Sign up' }).waitFor()
    await hydrated(page)
    await fillBadForm({
      organization: 'Company name (as registered)',
      taxCode: 'Tax code (MST)',
      name: 'Full name',
      email: 'E-mail',
      password: 'Password',
      submit: 'Create account',
    })
    await expectError(
      page.getByLabel('Tax code (MST)'),
      'A tax code is 10 digits, or 10 digits, dash, 3 digits for a branch.',
    )
    await expectError(
      page.getByLabel('Password', { exact: true }),
      'The password needs at least 10 characters.',
    )
    expect(await page.getByText('Mã số thuế gồm 10 chữ số').count()).toBe(0)
  })

  it('signs in before JavaScript loads: the forms are plain HTML forms', async () => {
    const { email } = await createAccount()
    const page = await browser.newPage({ javaScriptEnabled: false })

    await page.goto('/login')
    await page.getByLabel('E-mail').fill(email)
    await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau-123')
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await page.getByRole('alert').filter({ hasText: 'E-mail hoặc mật khẩu không đúng.' }).waitFor()

    await page.getByLabel('Mật khẩu', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await page.waitForURL('**/account')
    await page.getByRole('heading', { level: 1, name: 'Nguyễn Thử Nghiệm' }).waitFor()
  })

  it('fits a phone screen, and the skip link comes first', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    for (const pathname of ['/', '/signup', '/login']) {
      await page.goto(pathname)
      const width = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
      }))
      expect(width.scroll, `no horizontal scroll on ${pathname}`).toBeLessThanOrEqual(width.inner)
    }

    await page.goto('/')
    await hydrated(page)
    await page.screenshot({ path: screenshot('home'), fullPage: true })
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null
      return { text: element?.innerText, width: element?.getBoundingClientRect().width ?? 0 }
    })
    expect(focused.text).toBe('Bỏ qua, đến nội dung chính')
    expect(focused.width, 'the skip link shows itself when focused').toBeGreaterThan(1)
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.activeElement?.id === 'main')
  })
})
