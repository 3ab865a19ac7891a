import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { entitlementFor } from '#models/billing/billing-account.ts'
import { createMailer } from '#server/mailer.ts'
import type { AppServer } from '#server/app.ts'
import { startTestServer, type RunningApp } from '#test/app-server.ts'
import { useTestDatabase } from '#test/database.ts'
import { cookieFor, createAccount } from '#test/factories.ts'
import { testLogger } from '#test/logger.ts'
import { startStripeMock, type StripeMock } from '#test/stripe-mock.ts'
import { hydrated, useBrowser } from './browser.ts'

/**
 * Buying Supplier Premium in Chromium, up to the redirect to Stripe Checkout (the hosted page
 * itself is Stripe's, and cannot be reached from here: its address is answered by the test).
 * The app talks to Stripe's own mock server; what comes after payment is the webhook's work,
 * tested in test/billing-webhooks.test.ts.
 */
useTestDatabase()

let mock: StripeMock
let server: AppServer
let outboxDir: string
const app = {} as RunningApp
const browser = useBrowser(app)

beforeAll(async () => {
  mock = await startStripeMock()
  outboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-test-billing-e2e-'))
  const started = await startTestServer({
    env: {
      STRIPE_SECRET_KEY: 'sk_test_vsi',
      STRIPE_WEBHOOK_SECRET: 'whsec_vsi_billing_e2e',
      STRIPE_API_BASE: mock.apiBase,
      STRIPE_PRICE_PREMIUM_MONTHLY_VND: 'price_premium_month_vnd',
    },
    mailer: createMailer({ outboxDir, logger: testLogger }),
    filesDir: path.join(outboxDir, 'uploads'),
    developmentPages: false,
  })
  server = started.server
  app.baseUrl = started.baseUrl
}, 180_000)

afterAll(async () => {
  await server?.close({ timeoutMs: 2_000 })
  await mock?.stop()
  if (outboxDir) await fs.rm(outboxDir, { recursive: true, force: true })
})

describe('a supplier buys Premium in the browser', { timeout: 90_000 }, () => {
  it('goes from the billing page to Stripe Checkout, and nothing is granted before the webhook', async () => {
    const owner = await createAccount('supplier')
    const context = await browser.newContext({ baseURL: app.baseUrl })
    const [name, ...value] = (await cookieFor(owner.userId)).split('=')
    await context.addCookies([{ name: name!, value: value.join('='), url: app.baseUrl }])
    const checkoutUrls: string[] = []
    await context.route('https://checkout.stripe.com/**', async (route) => {
      checkoutUrls.push(route.request().url())
      await route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<title>Checkout</title>',
      })
    })
    const page = await context.newPage()
    await page.goto('/account/billing')
    await hydrated(page)
    await page.getByRole('button', { name: 'Thanh toán qua Stripe' }).first().click()
    await page.waitForURL('https://checkout.stripe.com/**')
    expect(checkoutUrls.length).toBeGreaterThan(0)
    expect((await entitlementFor(owner.organizationId)).plan).toBeNull()
  })
})
