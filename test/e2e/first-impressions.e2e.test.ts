import { beforeAll, describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { useTestApp } from '#test/app-server.ts'
import { cookieFor, createAccount, TEST_PASSWORD, uniqueEmail } from '#test/factories.ts'
import {
  seedSearchSuppliers,
  type SeededSupplier,
} from '#test/fixtures/supplier-search-fixtures.ts'
import { hydrated, useBrowser } from './browser.ts'

const app = useTestApp()
const browser = useBrowser(app)
let suppliers: Map<string, SeededSupplier>

beforeAll(async () => {
  suppliers = await seedSearchSuppliers(app.search)
})

describe('first impressions in a real browser', { timeout: 120_000 }, () => {
  it('an English browser lands on the English home, searches from its box, reads the supplier in English and contacts it', async () => {
    const buyer = await createAccount('buyer')
    const page = await browser.newPage({ locale: 'en-US' })
    // First visit, no cookie: the browser's language decides.
    await page.goto('/')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await page
      .getByRole('heading', {
        level: 1,
        name: 'Find component, parts and materials suppliers in Vietnam',
      })
      .waitFor()
    expect(await page.getByTestId('supplier-count').innerText()).toMatch(
      /^\d+ suppliers with a public profile/,
    )
    // The sector tiles are searches.
    expect(
      await page
        .getByRole('link', { name: /Automotive/ })
        .first()
        .getAttribute('href'),
    ).toBe('/suppliers?sector=automotive')

    await page.goto('/login')
    await hydrated(page)
    await page.getByLabel('E-mail').fill(buyer.email)
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL('**/account')

    await page.goto('/')
    await hydrated(page)
    await page.getByLabel('What are you looking for?').fill('metal stamping')
    await page.getByRole('button', { name: 'Find suppliers' }).click()
    await page.waitForURL(
      (url) => url.pathname === '/suppliers' && url.searchParams.get('q') === 'metal stamping',
    )
    const minhPhat = suppliers.get('minh-phat')!
    const card = page.getByRole('article').filter({ hasText: 'Minh Phat Precision Engineering' })
    // English first: the trade name and the English text, not the registered Vietnamese name.
    await card.getByRole('heading', { level: 3, name: 'Minh Phat Precision Engineering' }).waitFor()
    expect(await card.innerText()).not.toContain(minhPhat.fixture.name)
    expect(await card.getByTestId('card-snippet').first().innerText()).toMatch(/stamping/i)
    expect(await card.innerText()).toContain('Processes')
    expect(await card.innerText()).toContain('Exports to')
    await card.getByRole('link', { name: 'Minh Phat Precision Engineering' }).click()
    await page.waitForURL(`**/suppliers/${minhPhat.slug}`)
    await page.getByText('Metal stamping and CNC milling of motorbike and car parts.').waitFor()

    await hydrated(page)
    await page
      .getByLabel('Message', { exact: true })
      .fill('Hello, we need 5,000 stamped brackets a month.')
    await page.getByRole('button', { name: 'Send message' }).click()
    await page.waitForURL(/\/messages\/[0-9a-f]{24}/)
    await page.getByText('Hello, we need 5,000 stamped brackets a month.').waitFor()
    // The conversation is titled with the English trade name; times name their zone.
    await page.getByRole('heading', { level: 1, name: /Minh Phat Precision Engineering/ }).waitFor()
    expect(await page.getByTestId('time-zone').innerText()).toMatch(/^Times in /)
  })

  it('a Japanese buyer signs up without a tax code or province and lands on next steps', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' })
    await page.goto('/signup?kind=buyer')
    await hydrated(page)
    // No Japanese pages: English rather than Vietnamese; Japan preselected from the browser.
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.getByLabel('Country').inputValue()).toBe('JP')
    expect(await page.getByRole('radio', { name: /buyer/i }).isChecked()).toBe(true)
    expect(await page.getByLabel(/Tax code/).isVisible(), 'no MST asked of a foreign buyer').toBe(
      false,
    )
    await page.getByTestId('foreign-hint').waitFor()

    const email = uniqueEmail('tokyo')
    await page.getByLabel('Company name (as registered)').fill('Tokyo Precision Trading KK')
    await page.getByLabel('Full name').fill('Sato Haruki')
    await page.getByLabel('E-mail').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL('**/login?signedUp=1')
    const organization = await Organization.findOne({ name: 'Tokyo Precision Trading KK' }).lean()
    expect(organization).toMatchObject({ kind: 'buyer', country: 'JP' })
    expect(organization?.taxCode ?? null).toBeNull()

    await hydrated(page)
    await page.getByLabel('E-mail').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL('**/welcome')
    await page.getByRole('heading', { level: 1, name: 'Welcome to VSI Connect' }).waitFor()
    expect(await page.getByTestId('welcome-steps').getByRole('link').count()).toBe(4)
  })

  it('on a phone the header folds into a menu and the filters into a sheet with Show N results', async () => {
    const page = await browser.newPage({ locale: 'vi-VN', viewport: { width: 390, height: 844 } })
    await page.goto('/suppliers')
    await hydrated(page)
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' })
    expect(await nav.isVisible()).toBe(false)
    await page.getByTestId('menu-button').click()
    await nav.getByRole('link', { name: 'Nhà cung cấp' }).waitFor()
    await page.getByTestId('menu-button').click()

    // The first result card (the paid slot's or the organic list's), not the filters, comes first.
    const top = (await page.getByRole('article').first().boundingBox())!.y
    expect(top, 'results start near the top, not below the filters').toBeLessThan(700)
    await page.getByText('Bộ lọc', { exact: false }).first().click()
    const show = page.getByTestId('show-results')
    await show.waitFor()
    expect(await show.innerText()).toMatch(/^Xem \d+ kết quả$/)
    await page
      .getByRole('group', { name: 'Tỉnh/thành phố' })
      .getByRole('checkbox', { name: /Hải Phòng/ })
      .check()
    await page.waitForURL((url) => url.searchParams.getAll('province').includes('hai-phong'))
    await expect.poll(() => show.innerText()).not.toBe('Xem 34 kết quả')
    await show.click()
    expect(await show.isVisible()).toBe(false)
  })

  it("on a phone the supplier page keeps 'Contact supplier' at the bottom, covering nothing at the end", async () => {
    const buyer = await createAccount('buyer')
    const minhPhat = suppliers.get('minh-phat')!
    const viewport = { width: 390, height: 844 }
    const page = await browser.newPage({ locale: 'en-GB', viewport })
    const [name, ...value] = (await cookieFor(buyer.userId)).split('=')
    await page.context().addCookies([{ name: name!, value: value.join('='), url: app.baseUrl }])
    await page.goto(`/suppliers/${minhPhat.slug}`)
    await hydrated(page)
    const sticky = page
      .getByTestId('sticky-contact')
      .getByRole('link', { name: 'Contact supplier' })
    // Halfway down the page it sits at the bottom of the screen.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2))
    await expect
      .poll(async () => (await sticky.boundingBox())!.y + (await sticky.boundingBox())!.height)
      .toBeGreaterThan(viewport.height - 40)
    expect((await sticky.boundingBox())!.y).toBeLessThan(viewport.height)
    // At the end of the page it has its own place after the content: the last section's bottom
    // is above it.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    const lastSection = page.locator('article > section').last()
    const sectionBox = (await lastSection.boundingBox())!
    const stickyBox = (await page.getByTestId('sticky-contact').boundingBox())!
    expect(sectionBox.y + sectionBox.height).toBeLessThanOrEqual(stickyBox.y + 1)
    // A plain link to the contact form on the page, which it brings into view.
    expect(await sticky.getAttribute('href')).toBe('#contact')
    await sticky.click()
    await page.waitForURL((url) => url.hash === '#contact')
    await page.getByLabel('Message', { exact: true }).waitFor()
    expect(await page.getByLabel('Message', { exact: true }).isVisible()).toBe(true)

    // On a wide screen there is none (the contact form is in view near the top).
    await page.setViewportSize({ width: 1366, height: 900 })
    expect(await page.getByTestId('sticky-contact').isVisible()).toBe(false)
  })
})
