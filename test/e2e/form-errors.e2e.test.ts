import { Organization } from '#models/accounts/organization.ts'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '#test/app-server.ts'
import { createAccount, TEST_PASSWORD } from '#test/factories.ts'
import { hydrated, useBrowser } from './browser.ts'

const app = useTestApp()
const browser = useBrowser(app)

/** The error summary of a form, found the way assistive technology finds it. */
const summaryOf = (page: Page, title: string) => page.getByRole('alert', { name: title })

/** What has focus: its id, and whether it is the summary or inside it. */
function focusState(page: Page) {
  return page.evaluate(() => {
    const active = document.activeElement
    return {
      id: active?.id ?? '',
      tag: active?.tagName.toLowerCase() ?? '',
      text: (active as HTMLElement | null)?.innerText ?? '',
      inSummary: Boolean(active?.closest('[data-error-summary]')),
    }
  })
}

/** Each summary link, and whether an element with the id it points at exists on the page. */
async function summaryLinks(page: Page, title: string) {
  const links = summaryOf(page, title).getByRole('link')
  const result: Array<{ text: string; href: string; target: string | null }> = []
  for (const link of await links.all()) {
    const href = (await link.getAttribute('href')) ?? ''
    const target = await page
      .locator(`[id="${href.slice(1)}"]`)
      .evaluateAll((elements) => elements[0]?.tagName.toLowerCase() ?? null)
    result.push({ text: await link.innerText(), href, target })
  }
  return result
}

const signUpCases = [
  {
    locale: 'vi',
    url: '/signup',
    submit: 'Tạo tài khoản',
    title: 'Có lỗi cần sửa',
    links: [
      'Tên doanh nghiệp (theo đăng ký kinh doanh): Vui lòng nhập thông tin này.',
      'Họ và tên: Vui lòng nhập thông tin này.',
      'E-mail: Vui lòng nhập thông tin này.',
      'Mật khẩu: Vui lòng nhập thông tin này.',
    ],
  },
  {
    locale: 'en',
    url: '/signup?lang=en',
    submit: 'Create account',
    title: 'There is a problem',
    links: [
      'Company name (as registered): This field is required.',
      'Full name: This field is required.',
      'E-mail: This field is required.',
      'Password: This field is required.',
    ],
  },
] as const

describe('the error summary after a failed submit', { timeout: 60_000 }, () => {
  for (const language of signUpCases) {
    it(`with JavaScript (${language.locale}): takes focus, lists the fields, links to them`, async () => {
      const page = await browser.newPage()
      await page.goto(language.url)
      await hydrated(page)
      await page.getByRole('button', { name: language.submit }).click()

      const summary = summaryOf(page, language.title)
      await summary.waitFor()
      await expect.poll(async () => (await focusState(page)).inSummary).toBe(true)
      expect(await summary.getByRole('heading', { level: 2 }).innerText()).toBe(language.title)
      const links = await summaryLinks(page, language.title)
      expect(links.map((link) => link.text)).toEqual(language.links)
      expect(links.map((link) => link.href)).toEqual([
        '#sign-up-organizationName',
        '#sign-up-name',
        '#sign-up-email',
        '#sign-up-password',
      ])
      expect(
        links.map((link) => link.target),
        'every link points at its input',
      ).toEqual(['input', 'input', 'input', 'input'])
      // The field-level messages stay.
      expect(
        await page.getByLabel(language.links[1].split(':')[0]!).getAttribute('aria-invalid'),
      ).toBe('true')

      // Keyboard: Tab from the summary reaches its first link; Enter puts the caret in the field.
      await page.keyboard.press('Tab')
      expect((await focusState(page)).text).toBe(language.links[0])
      await page.keyboard.press('Enter')
      await expect.poll(async () => (await focusState(page)).id).toBe('sign-up-organizationName')

      // A click on a later link does the same.
      await summary.getByRole('link', { name: language.links[2] }).click()
      await expect.poll(async () => (await focusState(page)).id).toBe('sign-up-email')

      // Typing after the summary appeared validates the field but never moves focus.
      await page.keyboard.type('not-an-e-mail')
      await page.keyboard.press('Tab')
      expect((await focusState(page)).id).toBe('sign-up-password')
      expect(await summary.count()).toBe(1)
    })
  }

  it('with JavaScript: an error only the server finds moves focus to the summary too', async () => {
    // A registered tax code: public register data, so still an error (an e-mail that has an
    // account is not one any more: issue 11, finding 8).
    const { organizationId } = await createAccount()
    const taxCode = (await Organization.findById(organizationId))!.taxCode!
    const page = await browser.newPage()
    await page.goto('/signup')
    await hydrated(page)
    await page.getByLabel('Tên doanh nghiệp (theo đăng ký kinh doanh)').fill('Công ty Thử Trùng')
    await page.getByLabel('Mã số thuế (MST)').fill(taxCode)
    await page.getByLabel('Tỉnh/thành phố').selectOption({ label: 'Bắc Ninh' })
    await page.getByLabel('Họ và tên').fill('Ngô Thị Lan')
    await page.getByLabel('E-mail').fill(`lan.${taxCode}@example.vn`)
    await page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-cua-lan-1')
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click()

    const summary = summaryOf(page, 'Có lỗi cần sửa')
    await summary.waitFor()
    await expect.poll(async () => (await focusState(page)).inSummary).toBe(true)
    expect(await summaryLinks(page, 'Có lỗi cần sửa')).toEqual([
      {
        text: 'Mã số thuế (MST): Mã số thuế này đã được đăng ký.',
        href: '#sign-up-taxCode',
        target: 'input',
      },
    ])

    // A second failed attempt takes focus back from the field.
    await page.getByLabel('Mã số thuế (MST)').focus()
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click()
    await expect.poll(async () => (await focusState(page)).inSummary).toBe(true)
  })

  it('without JavaScript: the page comes back with the summary, focused, its links work', async () => {
    const { email } = await createAccount()
    const page = await browser.newPage({ javaScriptEnabled: false })
    await page.goto('/login')
    await page.getByRole('button', { name: 'Đăng nhập' }).click()

    const summary = summaryOf(page, 'Có lỗi cần sửa')
    await summary.waitFor()
    expect(await summary.getByRole('heading', { level: 2, name: 'Có lỗi cần sửa' }).count()).toBe(1)
    expect(await summaryLinks(page, 'Có lỗi cần sửa')).toEqual([
      {
        text: 'E-mail: Vui lòng nhập thông tin này.',
        href: '#sign-in-email',
        target: 'input',
      },
      {
        text: 'Mật khẩu: Vui lòng nhập thông tin này.',
        href: '#sign-in-password',
        target: 'input',
      },
    ])
    expect(await summary.and(page.locator(':focus')).count(), 'autofocus on the summary').toBe(1)
    await summary.getByRole('link', { name: 'Mật khẩu: Vui lòng nhập thông tin này.' }).click()
    await page.locator('#sign-in-password:focus').waitFor()

    await page.getByLabel('E-mail').fill(email)
    await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau-123')
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await summary.filter({ hasText: 'E-mail hoặc mật khẩu không đúng.' }).waitFor()
    expect(await summary.getByRole('link').count(), 'a form error is a plain line').toBe(0)
    expect(await summary.getByRole('listitem').allInnerTexts()).toEqual([
      'E-mail hoặc mật khẩu không đúng.',
    ])
  })

  it('a page sent before the scripts ran keeps its focused summary when it hydrates', async () => {
    const page = await browser.newPage()
    // The first page arrives without its scripts, as when someone submits before they load: the
    // submit is a plain HTML post, and the page that comes back hydrates.
    await page.route('**/login', async (route) => {
      const response = await route.fetch()
      const html = (await response.text()).replace(/<script\b[\s\S]*?<\/script>/g, '')
      await route.fulfill({ response, body: html })
    })
    await page.goto('/login')
    await page.unroute('**/login')
    expect(await page.evaluate(() => '__remixRouter' in window), 'no scripts yet').toBe(false)
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    const summary = summaryOf(page, 'Có lỗi cần sửa')
    await summary.waitFor()
    await hydrated(page)
    expect((await focusState(page)).id, 'still on the summary').toBe('sign-in-error-summary')
    await summary.getByRole('link', { name: 'Mật khẩu: Vui lòng nhập thông tin này.' }).click()
    await expect.poll(async () => (await focusState(page)).id).toBe('sign-in-password')
  })

  it('names list items and bilingual parts in the supplier profile editor', async () => {
    const { email } = await createAccount('supplier')
    const page = await browser.newPage()
    await page.goto('/login')
    await hydrated(page)
    await page.getByLabel('E-mail').fill(email)
    await page.getByLabel('Mật khẩu', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await page.waitForURL('**/account')

    await page.goto('/supplier-profile/products')
    await hydrated(page)
    await page.getByRole('button', { name: 'Thêm sản phẩm' }).click()
    await page.getByLabel('Mã HS').fill('12')
    await page.getByLabel('Thời gian giao hàng (ngày)').fill('9999')
    await page.getByRole('button', { name: 'Lưu' }).click()

    const summary = summaryOf(page, 'Có lỗi cần sửa')
    await summary.waitFor()
    await expect.poll(async () => (await focusState(page)).inSummary).toBe(true)
    expect(await summaryLinks(page, 'Có lỗi cần sửa')).toEqual([
      {
        text: 'Sản phẩm 1 › Mã HS: Mã HS gồm 4 đến 10 chữ số, ví dụ 8544.30.',
        href: '#profile-products-products[0].hsCode',
        target: 'input',
      },
      {
        text: 'Sản phẩm 1 › Thời gian giao hàng (ngày): Số không hợp lệ.',
        href: '#profile-products-products[0].leadTimeDays',
        target: 'input',
      },
    ])
    await summary.getByRole('link').first().click()
    await expect
      .poll(async () => (await focusState(page)).id)
      .toBe('profile-products-products[0].hsCode')
  })

  it('shows no summary before a submit, nor while a field is validated on its own', async () => {
    const page = await browser.newPage()
    await page.goto('/signup')
    expect(await page.locator('[data-error-summary]').count(), 'server-rendered page').toBe(0)
    await hydrated(page)
    await page.getByLabel('E-mail').fill('khong-phai-email')
    await page.getByLabel('Họ và tên').focus()
    await page.getByText('Địa chỉ e-mail không hợp lệ.').waitFor()
    expect(await page.locator('[data-error-summary]').count(), 'after a blur').toBe(0)
    expect((await focusState(page)).id).toBe('sign-up-name')

    const noScript = await browser.newPage({ javaScriptEnabled: false })
    await noScript.goto('/login')
    expect(await noScript.locator('[data-error-summary]').count()).toBe(0)
  })
})
