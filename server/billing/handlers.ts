import { Types } from 'mongoose'
import {
  applySubscriptionState,
  linkCustomer,
  markPaymentFailed,
  organizationOfCustomer,
  recordInvoice,
  type BillingActor,
} from '#models/billing/billing-account.ts'
import {
  recordEventFeePaid,
  recordEventFeeRefund,
  type EventFeeCallbacks,
} from '#models/billing/event-fees.ts'
import { PLAN_CODES, PLAN_OFFERS, type PlanCode } from '#models/billing/plans.ts'
import type { IncomingGatewayEvent } from '#models/billing/gateway-event.ts'
import type { Logger } from '../logger.ts'
import type { PaymentGateway } from './gateway.ts'

/**
 * What each Stripe event does. Every handler is safe to run again (a retry after a crash): states
 * are compared by event time, lists are keyed by id, audit entries have ids derived from the
 * event, and the event-fee records are unique inserts.
 */
export interface HandlerContext {
  gateway: Pick<PaymentGateway, 'lookupKeyOf'>
  eventFees: EventFeeCallbacks
  logger: Logger
  now: Date
}

type StripeObject = Record<string, unknown>

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined
const idOf = (value: unknown): string | undefined =>
  str(value) ?? str((value as StripeObject | null | undefined)?.id)
const metadataOf = (object: StripeObject) => (object.metadata ?? {}) as Record<string, string>
const dateOf = (seconds: unknown) => {
  const value = num(seconds)
  return value === undefined ? null : new Date(value * 1000)
}

function objectIdOrNull(value: string | undefined): Types.ObjectId | null {
  return value && Types.ObjectId.isValid(value) && /^[0-9a-f]{24}$/.test(value)
    ? new Types.ObjectId(value)
    : null
}

/** The organisation an object belongs to: its metadata, else its customer's link. */
async function organizationOf(object: StripeObject): Promise<Types.ObjectId | null> {
  const fromMetadata = objectIdOrNull(metadataOf(object).organizationId)
  if (fromMetadata) return fromMetadata
  // An invoice of a subscription carries the subscription's metadata (API 2025-03-31 and later).
  const parent = (object.parent as StripeObject | undefined)?.subscription_details as
    StripeObject | undefined
  const fromParent = objectIdOrNull(parent ? metadataOf(parent).organizationId : undefined)
  if (fromParent) return fromParent
  const customer = idOf(object.customer)
  return customer ? organizationOfCustomer(customer) : null
}

function planOfPrice(
  price: StripeObject | undefined,
  gateway: HandlerContext['gateway'],
): { plan: PlanCode | null; interval?: string; currency?: string; priceId?: string } {
  if (!price) return { plan: null }
  const priceId = str(price.id)
  const lookupKey = (priceId && gateway.lookupKeyOf(priceId)) || str(price.lookup_key)
  const offer = PLAN_OFFERS.find((candidate) => candidate.lookupKey === lookupKey)
  const fromMetadata = metadataOf(price).plan as PlanCode | undefined
  const plan = offer?.plan ?? (PLAN_CODES.includes(fromMetadata!) ? fromMetadata! : null)
  const recurring = price.recurring as StripeObject | undefined
  return {
    plan,
    priceId,
    interval: str(recurring?.interval) ?? offer?.interval,
    currency: str(price.currency) ?? offer?.currency,
  }
}

export async function handleStripeEvent(
  event: IncomingGatewayEvent,
  context: HandlerContext,
): Promise<void> {
  const object = ((event.payload as StripeObject).data as StripeObject | undefined)
    ?.object as StripeObject
  const actor: BillingActor = { label: 'stripe', idempotencyKey: event.id }
  const { now, logger } = context
  switch (event.type) {
    // A delayed payment method (a bank transfer) completes the checkout unpaid, then the second.
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const organization = await organizationOf(object)
      const customer = idOf(object.customer)
      if (organization && customer) await linkCustomer(organization, customer)
      const metadata = metadataOf(object)
      if (
        object.mode === 'payment' &&
        metadata.kind === 'event_fee' &&
        object.payment_status === 'paid' &&
        metadata.registrationId
      ) {
        await recordEventFeePaid(
          {
            paymentId: idOf(object.payment_intent) ?? str(object.id)!,
            registrationId: metadata.registrationId,
            organizationId: metadata.organizationId,
            amount: num(object.amount_total) ?? 0,
            currency: str(object.currency) ?? 'vnd',
            checkoutId: str(object.id)!,
          },
          context.eventFees,
          now,
        )
      }
      return
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const organization = await organizationOf(object)
      if (!organization) {
        logger.warn({ event: event.id }, 'subscription event for no known organisation; ignored')
        return
      }
      const customer = idOf(object.customer)
      if (customer) await linkCustomer(organization, customer)
      const items = ((object.items as StripeObject | undefined)?.data ?? []) as StripeObject[]
      const item = items[0]
      const price = planOfPrice(item?.price as StripeObject | undefined, context.gateway)
      // Since API 2025-03-31 the period is on the item; older payloads have it on the subscription.
      const periodEnd = dateOf(item?.current_period_end) ?? dateOf(object.current_period_end)
      await applySubscriptionState(
        organization,
        {
          id: str(object.id)!,
          status: event.type === 'customer.subscription.deleted' ? 'canceled' : str(object.status)!,
          plan: price.plan,
          priceId: price.priceId ?? null,
          interval: price.interval ?? null,
          currency: price.currency ?? null,
          currentPeriodEnd: periodEnd,
          cancelAtPeriodEnd: object.cancel_at_period_end === true,
          version: event.created,
        },
        actor,
        now,
      )
      return
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const organization = await organizationOf(object)
      if (!organization) {
        // Its checkout or subscription event (which links the customer) may not have been
        // applied yet: retried with backoff, until the worker gives up on it.
        throw new Error(`invoice ${str(object.id)} of a customer not linked to an organisation yet`)
      }
      await recordInvoice(organization, {
        id: str(object.id)!,
        number: str(object.number) ?? null,
        status: event.type === 'invoice.paid' ? 'paid' : (str(object.status) ?? 'open'),
        amount: num(event.type === 'invoice.paid' ? object.amount_paid : object.amount_due) ?? null,
        currency: str(object.currency) ?? null,
        created: dateOf(object.created),
        url: str(object.hosted_invoice_url) ?? null,
      })
      const parent = (object.parent as StripeObject | undefined)?.subscription_details as
        StripeObject | undefined
      const subscription = idOf(object.subscription) ?? idOf(parent?.subscription)
      if (event.type === 'invoice.payment_failed' && subscription) {
        await markPaymentFailed(
          organization,
          subscription,
          new Date(event.created * 1000),
          actor,
          now,
        )
      }
      return
    }
    case 'charge.refunded': {
      const payment = idOf(object.payment_intent) ?? str(object.id)!
      const refunded = num(object.amount_refunded) ?? 0
      const known = await recordEventFeeRefund(payment, refunded, context.eventFees)
      if (!known && metadataOf(object).kind === 'event_fee') {
        // The refund came before the payment's own checkout event: retried after it.
        throw new Error(`refund of event fee ${payment} before its payment was recorded`)
      }
      return
    }
    default:
      logger.debug({ event: event.id, type: event.type }, 'gateway event without a handler')
  }
}
