import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import Stripe from 'stripe'
import { Types } from 'mongoose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { dayOf, flushProfileAnalytics, weekOf } from '#models/analytics/profile-analytics.ts'
import { entitlementFor, findBillingAccount } from '#models/billing/billing-account.ts'
import { EventPayment, type EventFeeCallbacks } from '#models/billing/event-fees.ts'
import { GatewayEvent, GatewayQueue } from '#models/billing/gateway-event.ts'
import { AuditLog } from '#models/staff/audit-log.ts'
import { createEmbeddedEngine } from '#search/embedded-engine.ts'
import { createSearchSync } from '#search/sync.ts'
import type { AppServer } from '#server/app.ts'
import { setupStripeCatalogue } from '#server/billing/stripe-catalogue.ts'
import { createStripeGateway, stripeClient } from '#server/billing/stripe-gateway.ts'
import { createBillingWorker, type BillingWorker } from '#server/billing/worker.ts'
import { handleStripeEvent } from '#server/billing/handlers.ts'
import { createMailer } from '#server/mailer.ts'
import { startTestServer } from './app-server.ts'
import { useTestDatabase } from './database.ts'
import { addMember, createAccount, cookieFor, uniqueEmail } from './factories.ts'
import { seedSearchSuppliers, SHEET_METAL_SHOPS } from './fixtures/supplier-search-fixtures.ts'
import { TestBrowser } from './http.ts'
import { testLogger } from './logger.ts'
import { startStripeMock, type StripeMock } from './stripe-mock.ts'

/**
 * Billing against Stripe's own mock server (every API call the code makes is validated against
 * Stripe's OpenAPI description) and webhooks signed with the stripe package's test-header
 * helper, on FerretDB without transactions. The worker's clock is injected: no test sleeps.
 */
useTestDatabase()

const WEBHOOK_SECRET = 'whsec_vsi_billing_test'
const PRICES = {
  STRIPE_PRICE_PREMIUM_MONTHLY_VND: 'price_premium_month_vnd',
  STRIPE_PRICE_PREMIUM_YEARLY_VND: 'price_premium_year_vnd',
  STRIPE_PRICE_BUYER_PRO_MONTHLY_USD: 'price_buyer_pro_month_usd',
}
const PRICE_BY_KEY = {
  vsi_supplier_premium_month_vnd: PRICES.STRIPE_PRICE_PREMIUM_MONTHLY_VND,
  vsi_supplier_premium_year_vnd: PRICES.STRIPE_PRICE_PREMIUM_YEARLY_VND,
  vsi_buyer_pro_month_usd: PRICES.STRIPE_PRICE_BUYER_PRO_MONTHLY_USD,
}
const DAY = 24 * 60 * 60 * 1000
const stripe = new Stripe('sk_test_vsi')

let mock: StripeMock
let server: AppServer
let baseUrl: string
let outboxDir: string
const engine = createEmbeddedEngine()
const searchSync = createSearchSync({ engine, logger: testLogger })

/** The worker's clock: tests move it. */
let clock = new Date()
const feeCalls: Array<{ kind: 'paid' | 'refunded'; registrationId: string }> = []
/** A test double of the events side: records what billing tells it. */
const eventFees: EventFeeCallbacks = {
  async paid(registrationId) {
    feeCalls.push({ kind: 'paid', registrationId })
  },
  async refunded(registrationId) {
    feeCalls.push({ kind: 'refunded', registrationId })
  },
}
let crashNext = 0
let worker: BillingWorker

beforeAll(async () => {
  mock = await startStripeMock()
  outboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-test-billing-'))
  const started = await startTestServer({
    env: {
      STRIPE_SECRET_KEY: 'sk_test_vsi',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: mock.apiBase,
      ...PRICES,
    },
    mailer: createMailer({ outboxDir, logger: testLogger }),
    search: engine,
    filesDir: path.join(outboxDir, 'uploads'),
    developmentPages: true,
  })
  server = started.server
  baseUrl = started.baseUrl
  worker = createBillingWorker({
    gateway: createStripeGateway({
      secretKey: 'sk_test_vsi',
      webhookSecret: WEBHOOK_SECRET,
      apiBase: mock.apiBase,
      prices: PRICE_BY_KEY,
    }),
    logger: testLogger,
    eventFees,
    now: () => clock,
    retry: { initialMs: 60_000, maxMs: 60 * 60_000 },
    handle: async (event, context) => {
      if (crashNext > 0) {
        crashNext--
        throw new Error('injected crash')
      }
      await handleStripeEvent(event, context)
    },
  })
}, 180_000)

afterAll(async () => {
  await server?.close({ timeoutMs: 2_000 })
  await mock?.stop()
  if (outboxDir) await fs.rm(outboxDir, { recursive: true, force: true })
})

const seconds = (date: Date) => Math.floor(date.getTime() / 1000)
const newId = (prefix: string) => `${prefix}_${crypto.randomBytes(8).toString('hex')}`

function stripeEvent(type: string, created: Date, object: Record<string, unknown>) {
  return {
    id: newId('evt'),
    object: 'event',
    api_version: '2025-10-29.clover',
    created: seconds(created),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  }
}

function subscription(options: {
  id: string
  organizationId: string
  customer: string
  status: string
  periodEnd: Date
  cancelAtPeriodEnd?: boolean
  price?: string
}) {
  return {
    id: options.id,
    object: 'subscription',
    customer: options.customer,
    status: options.status,
    cancel_at_period_end: options.cancelAtPeriodEnd ?? false,
    metadata: { organizationId: options.organizationId },
    items: {
      object: 'list',
      data: [
        {
          id: newId('si'),
          object: 'subscription_item',
          current_period_end: seconds(options.periodEnd),
          price: {
            id: options.price ?? PRICES.STRIPE_PRICE_PREMIUM_MONTHLY_VND,
            object: 'price',
            currency: 'vnd',
            recurring: { interval: 'month' },
          },
        },
      ],
    },
  }
}

async function deliver(event: object, secret = WEBHOOK_SECRET) {
  const payload = JSON.stringify(event)
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret })
  return fetch(`${baseUrl}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header },
    body: payload,
  })
}

async function deliverAndApply(...events: object[]) {
  for (const event of events) expect((await deliver(event)).status).toBe(200)
  const result = await worker.drainOnce()
  expect(result.failed).toBe(0)
  return result
}

const auditFor = (organizationId: string) =>
  AuditLog.find({ targetType: 'organization', targetId: organizationId }).lean()

describe('the webhook endpoint', () => {
  it('refuses a bad signature with 400 and stores nothing', async () => {
    const event = stripeEvent('customer.subscription.updated', new Date(), {})
    const before = await GatewayEvent.countDocuments()
    expect((await deliver(event, 'whsec_someone_else')).status).toBe(400)
    const unsigned = await fetch(`${baseUrl}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(event),
    })
    expect(unsigned.status).toBe(400)
    // A valid signature over other bytes.
    const header = stripe.webhooks.generateTestHeaderString({
      payload: JSON.stringify(event),
      secret: WEBHOOK_SECRET,
    })
    const tampered = await fetch(`${baseUrl}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header },
      body: JSON.stringify({ ...event, type: 'invoice.paid' }),
    })
    expect(tampered.status).toBe(400)
    expect(await GatewayEvent.countDocuments()).toBe(before)
    expect(await GatewayEvent.exists({ _id: event.id })).toBeNull()
  })

  it('stores an event once: a duplicate delivery answers 200 and does nothing', async () => {
    const event = stripeEvent('customer.created', new Date(), { id: newId('cus') })
    const first = await deliver(event)
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ received: true, duplicate: false })
    const second = await deliver(event)
    expect(second.status).toBe(200)
    expect(await second.json()).toEqual({ received: true, duplicate: true })
    expect(await GatewayEvent.countDocuments({ _id: event.id })).toBe(1)
    expect(await GatewayQueue.countDocuments({ _id: event.id })).toBe(1)
    await worker.drainOnce()
    expect(await GatewayQueue.countDocuments({ _id: event.id })).toBe(0)
    expect((await GatewayEvent.findById(event.id).lean())?.processedAt).toBeInstanceOf(Date)
  })

  it('applies concurrent deliveries of one event once (unique inserts, no transactions)', async () => {
    const organizationId = new Types.ObjectId().toHexString()
    const event = stripeEvent(
      'customer.subscription.created',
      clock,
      subscription({
        id: newId('sub'),
        organizationId,
        customer: newId('cus'),
        status: 'active',
        periodEnd: new Date(clock.getTime() + 30 * DAY),
      }),
    )
    const answers = await Promise.all(Array.from({ length: 12 }, () => deliver(event)))
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(200))
    const bodies = await Promise.all(answers.map((answer) => answer.json()))
    expect(bodies.filter((body) => body.duplicate === false)).toHaveLength(1)
    expect(await GatewayEvent.countDocuments({ _id: event.id })).toBe(1)
    // Two workers (two app nodes) drain at the same time: each try is claimed once.
    await Promise.all([worker.drainOnce(), worker.drainOnce()])
    expect(await auditFor(organizationId)).toHaveLength(1)
    expect((await entitlementFor(organizationId, clock)).plan).toBe('supplier_premium')
  })

  it('lets the latest state win: a "deleted" delivered before an older "updated"', async () => {
    const organizationId = new Types.ObjectId().toHexString()
    const subscriptionId = newId('sub')
    const customer = newId('cus')
    const base = { id: subscriptionId, organizationId, customer }
    const periodEnd = new Date(clock.getTime() + 30 * DAY)
    const created = stripeEvent(
      'customer.subscription.created',
      new Date(clock.getTime() - 20_000),
      subscription({ ...base, status: 'active', periodEnd }),
    )
    const updated = stripeEvent(
      'customer.subscription.updated',
      new Date(clock.getTime() - 10_000),
      subscription({ ...base, status: 'active', periodEnd, cancelAtPeriodEnd: true }),
    )
    const deleted = stripeEvent(
      'customer.subscription.deleted',
      clock,
      subscription({ ...base, status: 'canceled', periodEnd }),
    )
    await deliverAndApply(created)
    await deliverAndApply(deleted)
    await deliverAndApply(updated)
    const account = await findBillingAccount(organizationId)
    expect(account?.subscription?.status).toBe('canceled')
    expect(account?.subscription?.version).toBe(deleted.created)
    expect((await entitlementFor(organizationId, clock)).plan).toBeNull()
  })

  it('retries a handler that crashed, with backoff, and applies the event once', async () => {
    const organizationId = new Types.ObjectId().toHexString()
    const event = stripeEvent(
      'customer.subscription.created',
      clock,
      subscription({
        id: newId('sub'),
        organizationId,
        customer: newId('cus'),
        status: 'active',
        periodEnd: new Date(clock.getTime() + 30 * DAY),
      }),
    )
    expect((await deliver(event)).status).toBe(200)
    crashNext = 1
    expect(await worker.drainOnce()).toEqual({ applied: 0, failed: 1 })
    const queued = await GatewayQueue.findById(event.id).lean()
    expect(queued?.attempts).toBe(1)
    expect(queued?.lastError).toMatch(/injected crash/)
    expect(queued!.nextAttemptAt.getTime()).toBe(clock.getTime() + 60_000)
    // Not due yet at the same instant.
    expect(await worker.drainOnce()).toEqual({ applied: 0, failed: 0 })
    expect((await entitlementFor(organizationId, clock)).plan).toBeNull()
    clock = new Date(clock.getTime() + 61_000)
    expect(await worker.drainOnce()).toEqual({ applied: 1, failed: 0 })
    expect((await entitlementFor(organizationId, clock)).plan).toBe('supplier_premium')
    // Delivered again after it was applied: stored already, nothing happens.
    expect(await (await deliver(event)).json()).toEqual({ received: true, duplicate: true })
    await worker.drainOnce()
    expect(await auditFor(organizationId)).toHaveLength(1)
  })
})

describe('a supplier buys Premium (done when)', () => {
  let suppliers: Awaited<ReturnType<typeof seedSearchSuppliers>>
  const query = '/suppliers?q=co+khi+tam'

  async function searchPage() {
    const response = await fetch(`${baseUrl}${query}`)
    expect(response.status).toBe(200)
    return response.text()
  }
  function organicPart(html: string) {
    const start = html.indexOf('data-testid="organic-results"')
    expect(start).toBeGreaterThan(-1)
    return html.slice(start, html.indexOf('</ul>', start))
  }
  function featuredSlugs(html: string) {
    const start = html.indexOf('data-testid="featured-results"')
    if (start === -1) return []
    const part = html.slice(start, html.indexOf('</section>', start))
    return [...part.matchAll(/href="\/suppliers\/([^"?]+)"/g)].map((match) => match[1])
  }

  beforeAll(async () => {
    suppliers = await seedSearchSuppliers(engine, SHEET_METAL_SHOPS.slice(0, 6))
    // The sync's own documents, so that later re-indexing changes nothing but the paid slot.
    await searchSync.reindexAll()
  })

  it('the checkout page sends an organisation admin to Stripe Checkout (validated by stripe-mock)', async () => {
    const owner = await createAccount('supplier')
    const browser = new TestBrowser(baseUrl)
    browser.setCookie(await cookieFor(owner.userId))
    const page = await browser.get('/account/billing')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('value="vsi_supplier_premium_month_vnd"')
    expect(html).not.toContain('data-testid="billing-not-configured"')
    const response = await browser.post('/account/billing', {
      intent: 'checkout',
      offer: 'vsi_supplier_premium_month_vnd',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toMatch(/^https:\/\/checkout\.stripe\.com\//)
    // The success page grants nothing: it waits for the webhook.
    const success = await (await browser.get('/billing/success?session_id=cs_test_1')).text()
    expect(success).toContain('http-equiv="refresh"')
    expect((await entitlementFor(owner.organizationId)).plan).toBeNull()
    // A buyer cannot buy the supplier plan; an unknown offer changes nothing.
    const refused = await browser.post('/account/billing', {
      intent: 'checkout',
      offer: 'vsi_buyer_pro_month_usd',
    })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('billing.error.offer')
  })

  it('prices Buyer Pro in USD for a buyer outside Việt Nam; a Vietnamese buyer is not offered the USD price', async () => {
    // Configured here: Buyer Pro in USD only.
    const foreign = await createAccount('buyer') // country DE
    const browser = new TestBrowser(baseUrl)
    browser.setCookie(await cookieFor(foreign.userId))
    const html = await (await browser.get('/account/billing?lang=en')).text()
    expect(html).toContain('value="vsi_buyer_pro_month_usd"')
    expect(html).toContain('$20.00')
    const checkout = await browser.post('/account/billing', {
      intent: 'checkout',
      offer: 'vsi_buyer_pro_month_usd',
    })
    expect(checkout.status).toBe(303)
    expect(checkout.headers.get('location')).toMatch(/^https:\/\/checkout\.stripe\.com\//)

    const local = await createAccount('buyer')
    await Organization.updateOne({ _id: local.organizationId }, { $set: { country: 'VN' } })
    const localBrowser = new TestBrowser(baseUrl)
    localBrowser.setCookie(await cookieFor(local.userId))
    const localHtml = await (await localBrowser.get('/account/billing')).text()
    expect(localHtml).not.toContain('vsi_buyer_pro_month_usd')
    const refused = await localBrowser.post('/account/billing', {
      intent: 'checkout',
      offer: 'vsi_buyer_pro_month_usd',
    })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('billing.error.offer')
  })

  it('grants Premium by the webhook, puts the supplier in the sponsored slot, and leaves organic results byte-identical', async () => {
    const before = await searchPage()
    expect(featuredSlugs(before)).toEqual([])
    const premium = suppliers.get('tam-3')!
    const customer = newId('cus')
    const subscriptionId = newId('sub')
    const periodEnd = new Date(clock.getTime() + 30 * DAY)
    await deliverAndApply(
      stripeEvent('checkout.session.completed', clock, {
        id: newId('cs'),
        object: 'checkout.session',
        mode: 'subscription',
        customer,
        subscription: subscriptionId,
        client_reference_id: premium.id,
        metadata: { organizationId: premium.id, plan: 'supplier_premium' },
        payment_status: 'paid',
      }),
      stripeEvent(
        'customer.subscription.created',
        clock,
        subscription({
          id: subscriptionId,
          organizationId: premium.id,
          customer,
          status: 'active',
          periodEnd,
        }),
      ),
    )
    // Applied after the customer is linked (events of one second are applied in id order; an
    // invoice applied first is retried, as the account page test shows).
    await deliverAndApply(
      stripeEvent('invoice.paid', clock, {
        id: newId('in'),
        object: 'invoice',
        customer,
        number: 'VSI-0001',
        amount_paid: 1_500_000,
        currency: 'vnd',
        created: seconds(clock),
        hosted_invoice_url: 'https://invoice.stripe.com/i/test',
        parent: { subscription_details: { subscription: subscriptionId } },
      }),
    )
    expect((await entitlementFor(premium.id, clock)).plan).toBe('supplier_premium')
    await searchSync.drainOnce()
    const after = await searchPage()
    expect(featuredSlugs(after)).toEqual([premium.slug])
    // The slot is labelled.
    expect(after).toContain('Được tài trợ')
    expect(organicPart(after)).toBe(organicPart(before))
    const audit = await auditFor(premium.id)
    expect(audit.map((entry) => entry.action)).toContain('billing.subscription.active')

    // ... and sees analytics: the searches above counted as appearances, a browser's view of the
    // public page (now with the Premium mark) as a view, by week.
    const publicPage = await fetch(`${baseUrl}/suppliers/${premium.slug}`, {
      headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36' },
    })
    expect(await publicPage.text()).toContain('data-testid="premium-mark"')
    await flushProfileAnalytics()
    const member = await addMember(new Types.ObjectId(premium.id), 'owner')
    const browser = new TestBrowser(baseUrl)
    browser.setCookie(await cookieFor(member.userId))
    const analytics = await (await browser.get('/supplier-profile/analytics')).text()
    expect(analytics).not.toContain('data-testid="analytics-teaser"')
    const row = new RegExp(`data-week="${weekOf(dayOf(new Date()))}"[\\s\\S]*?</tr>`).exec(
      analytics,
    )![0]
    expect(/data-metric="views"[^>]*>(\d+)</.exec(row)![1]).toBe('1')
    expect(Number(/data-metric="appearances"[^>]*>(\d+)</.exec(row)![1])).toBeGreaterThanOrEqual(1)
  })

  it('keeps Premium to the end of a period cancelled at period end, then removes it', async () => {
    const premium = suppliers.get('tam-3')!
    const account = await findBillingAccount(premium.id)
    const periodEnd = account!.subscription!.currentPeriodEnd!
    await deliverAndApply(
      stripeEvent(
        'customer.subscription.updated',
        new Date(clock.getTime() + 1_000),
        subscription({
          id: account!.subscription!.id,
          organizationId: premium.id,
          customer: account!.customerId!,
          status: 'active',
          periodEnd,
          cancelAtPeriodEnd: true,
        }),
      ),
    )
    const dayBefore = new Date(periodEnd.getTime() - DAY)
    expect((await entitlementFor(premium.id, dayBefore)).plan).toBe('supplier_premium')
    clock = dayBefore
    await worker.sweep()
    await searchSync.drainOnce()
    expect(featuredSlugs(await searchPage())).toEqual([premium.slug])
    clock = new Date(periodEnd.getTime() + 1_000)
    expect(await worker.sweep()).toBeGreaterThanOrEqual(1)
    await searchSync.drainOnce()
    expect((await entitlementFor(premium.id, clock)).plan).toBeNull()
    expect(featuredSlugs(await searchPage())).toEqual([])
  })

  it('starts a 7-day grace period on a failed renewal, then removes Premium', async () => {
    const supplier = suppliers.get('tam-5')!
    const customer = newId('cus')
    const subscriptionId = newId('sub')
    const periodEnd = new Date(clock.getTime() + 30 * DAY)
    await deliverAndApply(
      stripeEvent(
        'customer.subscription.created',
        clock,
        subscription({
          id: subscriptionId,
          organizationId: supplier.id,
          customer,
          status: 'active',
          periodEnd,
        }),
      ),
    )
    clock = new Date(periodEnd.getTime() + 60_000)
    await deliverAndApply(
      stripeEvent('invoice.payment_failed', clock, {
        id: newId('in'),
        object: 'invoice',
        customer,
        status: 'open',
        amount_due: 1_500_000,
        currency: 'vnd',
        created: seconds(clock),
        parent: { subscription_details: { subscription: subscriptionId } },
      }),
    )
    const failedAt = clock
    const inGrace = await entitlementFor(supplier.id, new Date(failedAt.getTime() + 6 * DAY))
    expect(inGrace).toMatchObject({ plan: 'supplier_premium', inGrace: true })
    expect(inGrace.until?.getTime()).toBe(Math.floor(failedAt.getTime() / 1000) * 1000 + 7 * DAY)
    await searchSync.drainOnce()
    expect(featuredSlugs(await searchPage())).toContain(supplier.slug)
    // Stripe's own past_due update arrives later: the grace still counts from the failure.
    await deliverAndApply(
      stripeEvent(
        'customer.subscription.updated',
        new Date(failedAt.getTime() + 5_000),
        subscription({
          id: subscriptionId,
          organizationId: supplier.id,
          customer,
          status: 'past_due',
          periodEnd: new Date(periodEnd.getTime() + 30 * DAY),
        }),
      ),
    )
    clock = new Date(failedAt.getTime() + 6 * DAY)
    await worker.sweep()
    expect((await entitlementFor(supplier.id, clock)).plan).toBe('supplier_premium')
    clock = new Date(failedAt.getTime() + 8 * DAY)
    await worker.sweep()
    await searchSync.drainOnce()
    expect((await entitlementFor(supplier.id, clock)).plan).toBeNull()
    expect(featuredSlugs(await searchPage())).not.toContain(supplier.slug)
    const actions = (await auditFor(supplier.id)).map((entry) => entry.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'billing.subscription.active',
        'billing.payment_failed',
        'billing.entitlement_review',
      ]),
    )
  })

  it('shows plan, renewal and invoices on the account page (an invoice that came first is retried), and opens the portal', async () => {
    const owner = await createAccount('supplier', { email: uniqueEmail('premium') })
    const customer = newId('cus')
    const subscriptionId = newId('sub')
    // The invoice names only the customer, and arrives before the customer is linked: retried.
    expect(
      (
        await deliver(
          stripeEvent('invoice.paid', clock, {
            id: newId('in'),
            object: 'invoice',
            customer,
            number: 'VSI-0042',
            amount_paid: 1_500_000,
            currency: 'vnd',
            created: seconds(clock),
            hosted_invoice_url: 'https://invoice.stripe.com/i/42',
          }),
        )
      ).status,
    ).toBe(200)
    expect(await worker.drainOnce()).toEqual({ applied: 0, failed: 1 })
    await deliverAndApply(
      stripeEvent('checkout.session.completed', clock, {
        id: newId('cs'),
        object: 'checkout.session',
        mode: 'subscription',
        customer,
        subscription: subscriptionId,
        metadata: { organizationId: owner.organizationId.toHexString() },
      }),
      stripeEvent(
        'customer.subscription.created',
        clock,
        subscription({
          id: subscriptionId,
          organizationId: owner.organizationId.toHexString(),
          customer,
          status: 'active',
          periodEnd: new Date(Date.now() + 30 * DAY),
        }),
      ),
    )
    clock = new Date(clock.getTime() + 61_000)
    expect(await worker.drainOnce()).toEqual({ applied: 1, failed: 0 })
    const browser = new TestBrowser(baseUrl)
    browser.setCookie(await cookieFor(owner.userId))
    const html = await (await browser.get('/account/billing')).text()
    expect(html).toContain('Nhà cung cấp Premium')
    expect(html).toContain('VSI-0042')
    expect(html).toContain('1.500.000')
    const success = await (await browser.get('/billing/success')).text()
    expect(success).not.toContain('http-equiv="refresh"')
    const portal = await browser.post('/account/billing', { intent: 'portal' })
    expect(portal.status).toBe(303)
    expect(portal.headers.get('location')).toMatch(/^https:\/\//)
  })
})

describe('event fees, through the EventFeeTarget interface (a test double of the events side)', () => {
  it('creates a payment-mode checkout that expires with the held place (validated by stripe-mock)', async () => {
    const gateway = createStripeGateway({
      secretKey: 'sk_test_vsi',
      webhookSecret: WEBHOOK_SECRET,
      apiBase: mock.apiBase,
      prices: PRICE_BY_KEY,
    })
    const session = await gateway.createCheckout({
      mode: 'payment',
      organizationId: new Types.ObjectId().toHexString(),
      amount: { currency: 'vnd', unitAmount: 300_000, name: 'Matchmaking day, Hà Nội' },
      successUrl: `${baseUrl}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${baseUrl}/billing/cancel`,
      metadata: { kind: 'event_fee', registrationId: 'reg_1' },
      expiresAt: new Date(Date.now() + 31 * 60_000),
      locale: 'vi',
    })
    expect(session.url).toMatch(/^https:\/\/checkout\.stripe\.com\//)
  })

  it('tells the events side once that a fee is paid, and once that it is refunded', async () => {
    const registrationId = newId('reg')
    const paymentIntent = newId('pi')
    const completed = stripeEvent('checkout.session.completed', clock, {
      id: newId('cs'),
      object: 'checkout.session',
      mode: 'payment',
      payment_status: 'paid',
      payment_intent: paymentIntent,
      amount_total: 300_000,
      currency: 'vnd',
      metadata: { kind: 'event_fee', registrationId },
    })
    await deliverAndApply(completed)
    await deliver(completed)
    await worker.drainOnce()
    const refund = stripeEvent('charge.refunded', clock, {
      id: newId('ch'),
      object: 'charge',
      payment_intent: paymentIntent,
      amount_refunded: 300_000,
    })
    await deliverAndApply(refund)
    expect(feeCalls.filter((call) => call.registrationId === registrationId)).toEqual([
      { kind: 'paid', registrationId },
      { kind: 'refunded', registrationId },
    ])
    expect((await EventPayment.findById(paymentIntent).lean())?.amountRefunded).toBe(300_000)
  })
})

describe('npm run stripe:setup', () => {
  it('creates the products and prices (requests validated by stripe-mock) and prints their ids', async () => {
    const lines = await setupStripeCatalogue(stripeClient('sk_test_vsi', mock.apiBase))
    expect(lines).toHaveLength(6)
    for (const line of lines) expect(line).toMatch(/^STRIPE_PRICE_[A-Z_]+=price_\w+$/)
    expect(lines[0]).toMatch(/^STRIPE_PRICE_PREMIUM_MONTHLY_VND=/)
  })
})
