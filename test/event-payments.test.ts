import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import Stripe from 'stripe'
import { Types } from 'mongoose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EventPayment } from '#models/billing/event-fees.ts'
import { readEventIndex } from '#models/events/event-index.ts'
import { PaymentHold } from '#models/events/payment-hold.ts'
import { Registration } from '#models/events/registration.ts'
import { feeReference, releaseExpiredHolds } from '#models/events/registration-payment.ts'
import { AuditLog } from '#models/staff/audit-log.ts'
import type { AppServer } from '#server/app.ts'
import { createEventFeeCallbacks } from '#server/billing/event-fee-callbacks.ts'
import type { PaymentGateway } from '#server/billing/gateway.ts'
import { createStripeGateway } from '#server/billing/stripe-gateway.ts'
import { createBillingWorker, type BillingWorker } from '#server/billing/worker.ts'
import { createMailer } from '#server/mailer.ts'
import { startTestServer } from './app-server.ts'
import { useTestDatabase } from './database.ts'
import { addMember, cookieFor, createAccount } from './factories.ts'
import { createPaidEvent, registerNewSupplier } from './events-fixtures.ts'
import { TestBrowser } from './http.ts'
import { testLogger } from './logger.ts'
import { startStripeMock, type StripeMock } from './stripe-mock.ts'

/**
 * Paid event registrations end to end (issue 19): the place held 30 minutes, the payment-mode
 * Checkout (requests validated by stripe-mock), the signed webhook confirming the registration
 * once (duplicates, concurrent deliveries, two events for one payment), the hold expiring and
 * the waitlist moving up, a payment after the hold (place free: taken again; no place:
 * refunded at the gateway), a full refund withdrawing, and a refund delivered before its payment.
 */
useTestDatabase()

const WEBHOOK_SECRET = 'whsec_vsi_event_fee_test'
const FEE = 300_000
const MINUTE = 60_000
const stripe = new Stripe('sk_test_vsi')

let mock: StripeMock
let server: AppServer
let baseUrl: string
let tmpDir: string
let clock = new Date()
let workers: BillingWorker[] = []
const refunds: string[] = []

beforeAll(async () => {
  mock = await startStripeMock()
  tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-test-event-fees-'))
  const started = await startTestServer({
    env: {
      STRIPE_SECRET_KEY: 'sk_test_vsi',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: mock.apiBase,
    },
    mailer: createMailer({ outboxDir: tmpDir, logger: testLogger }),
    filesDir: path.join(tmpDir, 'uploads'),
    developmentPages: false,
  })
  server = started.server
  baseUrl = started.baseUrl
  const gateway = createStripeGateway({
    secretKey: 'sk_test_vsi',
    webhookSecret: WEBHOOK_SECRET,
    apiBase: mock.apiBase,
    prices: {},
  })
  // The real gateway (stripe-mock validates the refund request), watched.
  const watched: Pick<PaymentGateway, 'refundPayment'> = {
    async refundPayment(paymentId, reason) {
      refunds.push(paymentId)
      return gateway.refundPayment(paymentId, reason)
    },
  }
  const make = () =>
    createBillingWorker({
      gateway,
      logger: testLogger,
      eventFees: createEventFeeCallbacks({ gateway: watched, logger: testLogger }),
      now: () => clock,
      retry: { initialMs: MINUTE, maxMs: 60 * MINUTE },
    })
  workers = [make(), make()]
}, 180_000)

afterAll(async () => {
  await server?.close({ timeoutMs: 2_000 })
  await mock?.stop()
  if (tmpDir) await fs.rm(tmpDir, { recursive: true, force: true })
})

const newId = (prefix: string) => `${prefix}_${crypto.randomBytes(8).toString('hex')}`

function stripeEvent(type: string, object: Record<string, unknown>) {
  return {
    id: newId('evt'),
    object: 'event',
    api_version: '2025-10-29.clover',
    created: Math.floor(clock.getTime() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  }
}

function checkoutCompleted(
  reference: string,
  paymentIntent: string,
  type = 'checkout.session.completed',
) {
  return stripeEvent(type, {
    id: newId('cs'),
    object: 'checkout.session',
    mode: 'payment',
    payment_status: 'paid',
    payment_intent: paymentIntent,
    amount_total: FEE,
    currency: 'vnd',
    metadata: { kind: 'event_fee', registrationId: reference },
  })
}

function chargeRefunded(paymentIntent: string, amountRefunded = FEE) {
  return stripeEvent('charge.refunded', {
    id: newId('ch'),
    object: 'charge',
    payment_intent: paymentIntent,
    amount: FEE,
    amount_refunded: amountRefunded,
    metadata: { kind: 'event_fee' },
  })
}

async function deliver(event: object) {
  const payload = JSON.stringify(event)
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET })
  const response = await fetch(`${baseUrl}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header },
    body: payload,
  })
  expect(response.status).toBe(200)
}

async function apply() {
  const results = await Promise.all(workers.map((worker) => worker.drainOnce()))
  return results.reduce((sum, result) => ({
    applied: sum.applied + result.applied,
    failed: sum.failed + result.failed,
  }))
}

async function stateOf(eventId: string, org: string) {
  const entry = (await readEventIndex(eventId)).participants.find((p) => p.org === org)
  const stored = await Registration.findById(`${eventId}:${org}`).lean()
  expect(stored?.state).toBe(entry?.state)
  return entry?.state
}

async function referenceOf(eventId: string, org: string) {
  const entry = (await readEventIndex(eventId)).participants.find((p) => p.org === org)!
  return feeReference(eventId, org, entry.seq)
}

describe('paying an event fee over HTTP, confirmed only by the signed webhook', () => {
  it('holds the place, sends the admin to Checkout, and confirms once on duplicate and concurrent deliveries', async () => {
    const event = await createPaidEvent(3, FEE)
    const owner = await createAccount('supplier')
    const org = owner.organizationId.toHexString()
    const browser = new TestBrowser(baseUrl)
    browser.setCookie(await cookieFor(owner.userId))
    const registering = await browser.request(`/events/${event.slug}`, {
      method: 'POST',
      body: new URLSearchParams([
        ['intent', 'register'],
        ['delegates', owner.userId.toHexString()],
        ['languageText', 'vi'],
        ['offers', 'Gia công CNC'],
        ['seeks', ''],
        ['maxMeetings', '4'],
      ]),
    })
    expect(registering.status).toBe(302)
    expect(registering.headers.get('location')).toBe(`/events/${event.slug}/pay`)
    expect(await stateOf(event.id, org)).toBe('payment-pending')
    const hold = await PaymentHold.findById(`${event.id}:${org}`).lean()
    expect(hold!.holdUntil.getTime() - Date.now()).toBeGreaterThan(29 * MINUTE)
    expect(hold!.holdUntil.getTime() - Date.now()).toBeLessThanOrEqual(30 * MINUTE)

    const page = await browser.request(`/events/${event.slug}/pay`)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toContain('Chỗ của bạn được giữ đến')
    expect(html).toContain('300.000')

    // A member who is not an admin sees the page but may not pay; another organisation may not see it.
    const member = await addMember(owner.organizationId, 'member')
    const asMember = new TestBrowser(baseUrl)
    asMember.setCookie(await cookieFor(member.userId))
    expect((await asMember.request(`/events/${event.slug}/pay`, { method: 'POST' })).status).toBe(
      403,
    )
    const stranger = await createAccount('buyer')
    const asStranger = new TestBrowser(baseUrl)
    asStranger.setCookie(await cookieFor(stranger.userId))
    expect((await asStranger.request(`/events/${event.slug}/pay`)).status).toBe(403)

    const pay = await browser.request(`/events/${event.slug}/pay`, {
      method: 'POST',
      body: new URLSearchParams(),
    })
    expect(pay.status).toBe(303)
    const checkoutUrl = pay.headers.get('location')
    expect(checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.com\//)
    const withCheckout = await PaymentHold.findById(`${event.id}:${org}`).lean()
    expect(withCheckout!.checkoutId).toMatch(/^cs_/)
    // The checkout expires no earlier than Stripe allows (30 minutes), and the hold with it.
    expect(withCheckout!.holdUntil.getTime()).toBe(withCheckout!.checkoutExpiresAt!.getTime())
    // Paying again reuses the open checkout.
    const again = await browser.request(`/events/${event.slug}/pay`, {
      method: 'POST',
      body: new URLSearchParams(),
    })
    expect(again.headers.get('location')).toBe(checkoutUrl)

    // Back from Checkout: nothing is granted before the webhook.
    const back = await (await browser.request(`/events/${event.slug}/pay?paid=1`)).text()
    expect(back).toContain('http-equiv="refresh"')
    expect(await stateOf(event.id, org)).toBe('payment-pending')

    const paymentIntent = newId('pi')
    const completed = checkoutCompleted(await referenceOf(event.id, org), paymentIntent)
    await Promise.all(Array.from({ length: 6 }, () => deliver(completed)))
    await deliver(completed)
    const result = await apply()
    expect(result).toEqual({ applied: 1, failed: 0 })
    expect(await stateOf(event.id, org)).toBe('confirmed')
    expect(await PaymentHold.findById(`${event.id}:${org}`).lean()).toBeNull()
    expect(await EventPayment.countDocuments({ _id: paymentIntent })).toBe(1)
    expect(
      await AuditLog.countDocuments({
        targetType: 'event-registration',
        action: 'event-fee.confirmed',
        targetId: await referenceOf(event.id, org),
      }),
    ).toBe(1)
    const done = await (await browser.request(`/events/${event.slug}/pay?paid=1`)).text()
    expect(done).toContain('Đã thanh toán: đăng ký của bạn đã được xác nhận.')
    expect(done).not.toContain('http-equiv="refresh"')
    expect(refunds).not.toContain(paymentIntent)
  })

  it('applies two different events for one payment, at the same moment, once', async () => {
    const event = await createPaidEvent(3, FEE)
    const supplier = await registerNewSupplier(event.id)
    const reference = await referenceOf(event.id, supplier.org)
    const paymentIntent = newId('pi')
    await deliver(checkoutCompleted(reference, paymentIntent))
    await deliver(
      checkoutCompleted(reference, paymentIntent, 'checkout.session.async_payment_succeeded'),
    )
    expect(await apply()).toEqual({ applied: 2, failed: 0 })
    expect(await stateOf(event.id, supplier.org)).toBe('confirmed')
    expect(refunds).not.toContain(paymentIntent)
    // A second, different payment for the same registration is refunded.
    const second = newId('pi')
    await deliver(checkoutCompleted(reference, second))
    await apply()
    expect(refunds).toContain(second)
    expect(await stateOf(event.id, supplier.org)).toBe('confirmed')
  })
})

describe('the 30-minute hold', () => {
  it('releases an unpaid place when the hold expires, promotes the waitlist in order, and refunds a payment that comes too late', async () => {
    const event = await createPaidEvent(1, FEE)
    const first = await registerNewSupplier(event.id)
    const second = await registerNewSupplier(event.id)
    const third = await registerNewSupplier(event.id)
    expect(await stateOf(event.id, first.org)).toBe('payment-pending')
    expect(await stateOf(event.id, second.org)).toBe('waitlisted')
    expect(await stateOf(event.id, third.org)).toBe('waitlisted')
    const firstReference = await referenceOf(event.id, first.org)

    expect(await releaseExpiredHolds(new Date(Date.now() + 29 * MINUTE))).toEqual([])
    expect(await stateOf(event.id, first.org)).toBe('payment-pending')
    // Thirty minutes pass for the first registration.
    await PaymentHold.updateOne(
      { _id: `${event.id}:${first.org}` },
      { $set: { holdUntil: new Date(Date.now() - MINUTE) } },
    )
    const now = new Date()
    const released = await releaseExpiredHolds(now)
    expect(released.map((hold) => hold.registration)).toEqual([`${event.id}:${first.org}`])
    // Released again (a second node, a repeat): nothing more happens.
    expect(await releaseExpiredHolds(now)).toEqual([])
    expect(await stateOf(event.id, first.org)).toBe('withdrawn')
    expect(await stateOf(event.id, second.org)).toBe('payment-pending')
    expect(await stateOf(event.id, third.org)).toBe('waitlisted')
    // The promoted registration has its own hold.
    expect(await PaymentHold.findById(`${event.id}:${second.org}`).lean()).not.toBeNull()

    // The first pays after its hold: the place is taken, so the payment is refunded at Stripe.
    const late = newId('pi')
    await deliver(checkoutCompleted(firstReference, late))
    expect(await apply()).toEqual({ applied: 1, failed: 0 })
    expect(refunds).toContain(late)
    expect(await stateOf(event.id, first.org)).toBe('withdrawn')
    expect(await stateOf(event.id, second.org)).toBe('payment-pending')
    expect(
      await AuditLog.countDocuments({ action: 'event-fee.refund', targetId: firstReference }),
    ).toBe(1)
    // Stripe's refund then arrives: it withdraws nothing (it confirmed nothing).
    await deliver(chargeRefunded(late))
    await apply()
    expect(await stateOf(event.id, second.org)).toBe('payment-pending')

    // The second pays in time: confirmed; the third stays on the waitlist.
    await deliver(checkoutCompleted(await referenceOf(event.id, second.org), newId('pi')))
    await apply()
    expect(await stateOf(event.id, second.org)).toBe('confirmed')
    expect(await stateOf(event.id, third.org)).toBe('waitlisted')
  })

  it('lets a late payment take its place again when one is still free', async () => {
    const event = await createPaidEvent(1, FEE)
    const supplier = await registerNewSupplier(event.id)
    const reference = await referenceOf(event.id, supplier.org)
    await releaseExpiredHolds(new Date(Date.now() + 31 * MINUTE))
    expect(await stateOf(event.id, supplier.org)).toBe('withdrawn')
    const late = newId('pi')
    await deliver(checkoutCompleted(reference, late))
    await apply()
    expect(await stateOf(event.id, supplier.org)).toBe('confirmed')
    expect(refunds).not.toContain(late)
    expect(
      await AuditLog.countDocuments({ action: 'event-fee.late-confirmed', targetId: reference }),
    ).toBe(1)
  })

  it('expires the checkout of a released hold at the gateway (validated by stripe-mock)', async () => {
    const gateway = createStripeGateway({
      secretKey: 'sk_test_vsi',
      webhookSecret: WEBHOOK_SECRET,
      apiBase: mock.apiBase,
      prices: {},
    })
    const session = await gateway.createCheckout({
      mode: 'payment',
      organizationId: new Types.ObjectId().toHexString(),
      amount: { currency: 'vnd', unitAmount: FEE, name: 'Paid matchmaking day' },
      successUrl: `${baseUrl}/events/x/pay?paid=1`,
      cancelUrl: `${baseUrl}/events/x/pay`,
      metadata: { kind: 'event_fee', registrationId: 'x' },
      expiresAt: new Date(Date.now() + 31 * MINUTE),
      locale: 'vi',
    })
    await expect(gateway.expireCheckout(session.id)).resolves.toBeUndefined()
  })
})

describe('refunds', () => {
  it('withdraws a registration refunded in full (the waitlist moves up), not one refunded in part', async () => {
    const event = await createPaidEvent(1, FEE)
    const first = await registerNewSupplier(event.id)
    const second = await registerNewSupplier(event.id)
    const paymentIntent = newId('pi')
    await deliver(checkoutCompleted(await referenceOf(event.id, first.org), paymentIntent))
    await apply()
    expect(await stateOf(event.id, first.org)).toBe('confirmed')
    await deliver(chargeRefunded(paymentIntent, FEE / 2))
    await apply()
    expect(await stateOf(event.id, first.org)).toBe('confirmed')
    const full = chargeRefunded(paymentIntent, FEE)
    await deliver(full)
    await deliver(full)
    expect(await apply()).toEqual({ applied: 1, failed: 0 })
    expect(await stateOf(event.id, first.org)).toBe('withdrawn')
    expect(await stateOf(event.id, second.org)).toBe('payment-pending')
  })

  it('applies a refund delivered before its payment once the payment has been applied', async () => {
    const event = await createPaidEvent(2, FEE)
    const supplier = await registerNewSupplier(event.id)
    const paymentIntent = newId('pi')
    await deliver(chargeRefunded(paymentIntent))
    expect(await apply()).toEqual({ applied: 0, failed: 1 })
    await deliver(checkoutCompleted(await referenceOf(event.id, supplier.org), paymentIntent))
    expect(await apply()).toEqual({ applied: 1, failed: 0 })
    expect(await stateOf(event.id, supplier.org)).toBe('confirmed')
    clock = new Date(clock.getTime() + 2 * MINUTE)
    expect(await apply()).toEqual({ applied: 1, failed: 0 })
    expect(await stateOf(event.id, supplier.org)).toBe('withdrawn')
  })
})
