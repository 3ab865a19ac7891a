import { describe, expect, it } from 'vitest'
import { grantPlanManually } from '#models/billing/billing-account.ts'
import { listSavedSearches } from '#models/billing/saved-search.ts'
import { useTestApp } from '#test/app-server.ts'
import { cookieFor, createAccount } from '#test/factories.ts'
import { hydrated, useBrowser } from './browser.ts'

/**
 * Buyer Pro saves a supplier search in Chromium, without JavaScript and with it, and finds it
 * on the account page (issue 19).
 */
const app = useTestApp()
const browser = useBrowser(app)

async function proBuyerContext(javaScriptEnabled: boolean) {
  const buyer = await createAccount('buyer')
  await grantPlanManually(
    buyer.organizationId,
    { plan: 'buyer_pro', until: new Date(Date.now() + 30 * 24 * 60 * 60 * 1000) },
    { label: 'test' },
  )
  const context = await browser.newContext({ baseURL: app.baseUrl, javaScriptEnabled })
  const [name, ...value] = (await cookieFor(buyer.userId)).split('=')
  await context.addCookies([{ name: name!, value: value.join('='), url: app.baseUrl }])
  return { buyer, page: await context.newPage() }
}

describe('saving a supplier search', { timeout: 90_000 }, () => {
  for (const javaScript of [false, true]) {
    it(`works ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const { buyer, page } = await proBuyerContext(javaScript)
      await page.goto('/suppliers?q=khu%C3%B4n&process=metal-stamping')
      if (javaScript) await hydrated(page)
      const name = page.getByLabel('Tên tìm kiếm')
      await expect(name.inputValue()).resolves.toBe('khuôn')
      await name.fill('Khuôn dập Đồng Nai')
      await page.getByRole('button', { name: 'Lưu tìm kiếm' }).click()
      await page.waitForURL('**/account/saved-searches?saved=0')
      await page.getByText('Đã lưu tìm kiếm “Khuôn dập Đồng Nai”').waitFor()
      const [saved] = await listSavedSearches(buyer.userId)
      expect(saved).toMatchObject({
        name: 'Khuôn dập Đồng Nai',
        q: 'khuôn',
        filters: { process: ['metal-stamping'] },
      })
      // Alerts off from the list, then the search runs from its link.
      await page.getByRole('button', { name: 'Tắt thông báo' }).click()
      await page.getByText('Đã tắt thông báo hằng ngày.').waitFor()
      expect((await listSavedSearches(buyer.userId))[0]!.alerts).toBe(false)
      await page.getByRole('link', { name: 'Xem kết quả' }).click()
      await page.waitForURL('**/suppliers?q=khu%C3%B4n&process=metal-stamping')
    })
  }
})
