import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '#test/app-server.ts'
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

/** The name a Vietnamese page shows: the registered one. */
const name = (key: string) => suppliers.get(key)!.fixture.name

/** The titles of the organic result cards, in order. */
function organicTitles(page: Page) {
  return page.getByTestId('organic-results').getByRole('heading', { level: 3 }).allInnerTexts()
}

const status = (page: Page) => page.getByRole('status').filter({ hasText: 'nhà cung cấp' })

describe('supplier search in a real browser', { timeout: 90_000 }, () => {
  it('shows results while typing, keeps the URL in step, and a copied URL shows the same', async () => {
    const page = await browser.newPage()
    await page.goto('/')
    await page.getByRole('banner').getByRole('link', { name: 'Nhà cung cấp' }).click()
    await page.waitForURL('**/suppliers')
    await hydrated(page)
    await status(page).filter({ hasText: '34 nhà cung cấp' }).waitFor()

    const documentsLoaded: string[] = []
    page.on('request', (request) => {
      if (request.resourceType() === 'document') documentsLoaded.push(request.url())
    })
    await page.getByLabel('Từ khóa').pressSequentially('wire harness', { delay: 60 })
    // No Enter, no button: the results follow the typing.
    await page.waitForURL((url) => url.searchParams.get('q') === 'wire harness')
    await status(page)
      .filter({ hasText: /^2 nhà cung cấp$/ })
      .waitFor()
    expect(new Set(await organicTitles(page))).toEqual(new Set([name('sao-mai'), name('kaizen')]))
    await expect
      .poll(() => page.getByTestId('organic-results').locator('mark').first().innerText())
      .toMatch(/wire|dây|bó/i)
    expect(documentsLoaded, 'no page load: the app fetched the results itself').toEqual([])

    await page
      .getByRole('group', { name: 'Tỉnh/thành phố' })
      .getByRole('checkbox', { name: /Hải Phòng/ })
      .check()
    await page.waitForURL((url) => url.searchParams.getAll('province').includes('hai-phong'))
    await status(page)
      .filter({ hasText: /^1 nhà cung cấp$/ })
      .waitFor()
    expect(await organicTitles(page)).toEqual([name('kaizen')])
    await page.getByRole('link', { name: 'Bỏ lọc Hải Phòng' }).waitFor()
    const shared = page.url()
    expect(new URL(shared).searchParams.get('q')).toBe('wire harness')
    await page.screenshot({ path: path.join(os.tmpdir(), 'e2e-search.png'), fullPage: true })

    // Someone else opens the copied link.
    const other = await browser.newPage()
    await other.goto(shared)
    await hydrated(other)
    await status(other)
      .filter({ hasText: /^1 nhà cung cấp$/ })
      .waitFor()
    expect(await organicTitles(other)).toEqual([name('kaizen')])
    expect(await other.getByLabel('Từ khóa').inputValue()).toBe('wire harness')
    expect(
      await other
        .getByRole('group', { name: 'Tỉnh/thành phố' })
        .getByRole('checkbox', { name: /Hải Phòng/ })
        .isChecked(),
    ).toBe(true)

    // A chip removes its filter; the box is unticked again.
    await other.getByRole('link', { name: 'Bỏ lọc Hải Phòng' }).click()
    await other.waitForURL((url) => !url.searchParams.has('province'))
    await status(other)
      .filter({ hasText: /^2 nhà cung cấp$/ })
      .waitFor()
    expect(
      await other
        .getByRole('group', { name: 'Tỉnh/thành phố' })
        .getByRole('checkbox', { name: /Hải Phòng/ })
        .isChecked(),
    ).toBe(false)
  })

  it('is usable from the keyboard alone: Tab to the search box, then to the facets', async () => {
    const page = await browser.newPage()
    await page.goto('/suppliers')
    await hydrated(page)

    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLInputElement | null
        const style = element ? getComputedStyle(element) : null
        return {
          id: element?.id ?? '',
          type: element?.type ?? '',
          name: element?.name ?? '',
          outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
        }
      })
    const tabUntil = async (wanted: (state: Awaited<ReturnType<typeof focused>>) => boolean) => {
      for (let presses = 0; presses < 40; presses++) {
        await page.keyboard.press('Tab')
        const state = await focused()
        if (wanted(state)) return state
      }
      throw new Error('never reached by Tab')
    }

    const box = await tabUntil((state) => state.id === 'search-q')
    expect(box.outline, 'the focus is visible').not.toMatch(/^none/)
    await page.keyboard.type('dap khuon', { delay: 40 })
    await page.waitForURL((url) => url.searchParams.get('q') === 'dap khuon')
    await status(page)
      .filter({ hasText: /^3 nhà cung cấp$/ })
      .waitFor()
    expect((await focused()).id, 'typing keeps the focus in the box').toBe('search-q')

    const facet = await tabUntil((state) => state.type === 'checkbox')
    expect(facet.outline, 'the focus is visible').not.toMatch(/^none/)
    await page.keyboard.press('Space')
    await page.waitForURL((url) => url.searchParams.getAll(facet.name).length === 1)
    const after = await focused()
    expect(after.type, 'the ticked box keeps the focus').toBe('checkbox')
    expect(after.name).toBe(facet.name)
  })

  it('works as a plain form before JavaScript', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false })
    await page.goto('/suppliers')
    await page.getByLabel('Từ khóa').fill('dap khuon')
    await page
      .getByRole('group', { name: 'Tỉnh/thành phố' })
      .getByRole('checkbox', { name: /Bắc Ninh/ })
      .check()
    await page.getByRole('button', { name: 'Áp dụng bộ lọc' }).click()
    await page.waitForURL((url) => url.searchParams.get('province') === 'bac-ninh')
    expect(new URL(page.url()).searchParams.get('q')).toBe('dap khuon')
    await status(page)
      .filter({ hasText: /^2 nhà cung cấp$/ })
      .waitFor()
    expect(new Set(await organicTitles(page))).toEqual(new Set([name('minh-phat'), name('que-vo')]))
  })

  it('folds the filters away on a phone and fits its width', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await page.goto('/suppliers?q=dap+khuon')
    await hydrated(page)
    const filters = page.locator('aside details')
    await expect
      .poll(() => filters.evaluate((details: HTMLDetailsElement) => details.open))
      .toBe(false)
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }))
    expect(width.scroll).toBeLessThanOrEqual(width.inner)
    await page.locator('aside summary').click()
    await page
      .getByRole('group', { name: 'Xác minh' })
      .getByRole('checkbox', { name: /Đã được chương trình xác minh/ })
      .check()
    await page.waitForURL((url) => url.searchParams.get('verified') === 'true')
    await status(page)
      .filter({ hasText: /^2 nhà cung cấp$/ })
      .waitFor()
    await page.screenshot({ path: path.join(os.tmpdir(), 'e2e-search-phone.png'), fullPage: true })
  })
})
