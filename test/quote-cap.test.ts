import fs from 'node:fs/promises'
import type { Types } from 'mongoose'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { User } from '#models/accounts/user.ts'
import { grantPlanManually } from '#models/billing/billing-account.ts'
import { Quote } from '#models/sourcing/quote.ts'
import type { AppServer } from '#server/app.ts'
import { createMailer } from '#server/mailer.ts'
import { startTestServer } from './app-server.ts'
import { useTestDatabase } from './database.ts'
import { cookieFor, createAccount } from './factories.ts'
import { TestBrowser } from './http.ts'
import { testLogger } from './logger.ts'
import { createOpenRequest, quoteForm } from './sourcing-fixtures.ts'

/**
 * The monthly cap on new quotes depends on the supplier's plan (issue 19): configured figures
 * (here 2 free, 3 with Supplier Premium), a localised refusal at the cap that saves nothing,
 * edits never counted, and concurrent quotes never past the cap.
 */
useTestDatabase()

let server: AppServer
let baseUrl: string
let tmpDir: string

beforeAll(async () => {
  tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-test-quote-cap-'))
  const started = await startTestServer({
    env: { QUOTE_MONTHLY_CAP_FREE: '2', QUOTE_MONTHLY_CAP_PREMIUM: '3' },
    mailer: createMailer({ outboxDir: tmpDir, logger: testLogger }),
    filesDir: path.join(tmpDir, 'uploads'),
    developmentPages: false,
  })
  server = started.server
  baseUrl = started.baseUrl
}, 180_000)

afterAll(async () => {
  await server?.close({ timeoutMs: 2_000 })
  if (tmpDir) await fs.rm(tmpDir, { recursive: true, force: true })
})

async function supplierWithRequests(count: number) {
  const buyer = await createAccount('buyer')
  const supplier = await createAccount('supplier')
  const requests = []
  for (let i = 0; i < count; i++)
    requests.push(await createOpenRequest(buyer, { invite: [supplier.organizationId] }))
  const browser = new TestBrowser(baseUrl)
  browser.setCookie(await cookieFor(supplier.userId))
  return { supplier, requests, browser }
}

const quotesOf = (supplier: { organizationId: Types.ObjectId }) =>
  Quote.countDocuments({ supplier: supplier.organizationId })

describe('the monthly quote cap by plan', () => {
  it('refuses the free plan its third new quote (localised, nothing saved), then lets Premium quote up to its own cap', async () => {
    const { supplier, requests, browser } = await supplierWithRequests(5)
    for (const request of requests.slice(0, 2)) {
      expect((await browser.post(`/sourcing/${request._id}`, quoteForm())).status).toBe(200)
    }
    // Editing a quote is not a new one.
    const edited = await browser.post(
      `/sourcing/${requests[0]!._id}`,
      quoteForm({ intent: 'update-quote', notes: 'Đã sửa' }),
    )
    expect(edited.status).toBe(200)
    const refused = await browser.post(`/sourcing/${requests[2]!._id}`, quoteForm())
    expect(refused.status).toBe(429)
    expect(await refused.text()).toContain('đã gửi hết số báo giá mới của gói miễn phí')
    expect(await quotesOf(supplier)).toBe(2)

    await User.updateOne({ _id: supplier.userId }, { $set: { locale: 'en' } })
    const english = await browser.post(`/sourcing/${requests[2]!._id}?lang=en`, quoteForm())
    expect(english.status).toBe(429)
    expect(await english.text()).toContain('all the new quotes the free plan allows this month')

    await grantPlanManually(
      supplier.organizationId,
      { plan: 'supplier_premium', until: new Date(Date.now() + 30 * 24 * 3600_000) },
      { label: 'test' },
    )
    expect((await browser.post(`/sourcing/${requests[2]!._id}`, quoteForm())).status).toBe(200)
    const atPremiumCap = await browser.post(`/sourcing/${requests[3]!._id}`, quoteForm())
    expect(atPremiumCap.status).toBe(429)
    expect(await atPremiumCap.text()).toContain('all the new quotes Supplier Premium allows')
    expect(await quotesOf(supplier)).toBe(3)
  })

  it('never passes the cap with concurrent quotes, and gives a place back when the quote is not saved', async () => {
    const { supplier, requests, browser } = await supplierWithRequests(6)
    // A quote refused for another reason (a duplicate) does not use up a place.
    expect((await browser.post(`/sourcing/${requests[0]!._id}`, quoteForm())).status).toBe(200)
    expect((await browser.post(`/sourcing/${requests[0]!._id}`, quoteForm())).status).toBe(409)
    const statuses = await Promise.all(
      requests
        .slice(1)
        .map(
          async (request) => (await browser.post(`/sourcing/${request._id}`, quoteForm())).status,
        ),
    )
    expect(statuses.filter((status) => status === 200)).toHaveLength(1)
    expect(statuses.filter((status) => status === 429)).toHaveLength(4)
    expect(await quotesOf(supplier)).toBe(2)
  })
})
