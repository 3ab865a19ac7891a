import Stripe from 'stripe'
import { PLAN_OFFERS } from '#models/billing/plans.ts'
import type { Config } from '../config.ts'
import {
  WebhookSignatureError,
  type CheckoutRequest,
  type GatewayWebhookEvent,
  type PaymentGateway,
} from './gateway.ts'

/** Signatures older than this are refused (Stripe's default tolerance). */
const SIGNATURE_TOLERANCE_SECONDS = 300

export interface StripeGatewayOptions {
  secretKey: string
  webhookSecret: string
  /** Another API base (stripe-mock in tests): http://127.0.0.1:12111. */
  apiBase?: string
  /** lookup key → price id. */
  prices: Record<string, string>
}

export function stripeClient(secretKey: string, apiBase?: string): Stripe {
  if (!apiBase) return new Stripe(secretKey, { maxNetworkRetries: 2, timeout: 20_000 })
  const url = new URL(apiBase)
  return new Stripe(secretKey, {
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    protocol: url.protocol === 'https:' ? 'https' : 'http',
    maxNetworkRetries: 0,
    timeout: 20_000,
  })
}

/** The price ids of the offers, from the configuration (STRIPE_PRICE_*). */
export function pricesFromConfig(config: Config): Record<string, string> {
  const prices: Record<string, string> = {}
  for (const offer of PLAN_OFFERS) {
    const id = (config as unknown as Record<string, string | undefined>)[offer.envVariable]
    if (id) prices[offer.lookupKey] = id
  }
  return prices
}

/** The Stripe gateway when both keys are configured; null otherwise (payments not configured). */
export function stripeGatewayFromConfig(config: Config): PaymentGateway | null {
  if (!config.STRIPE_SECRET_KEY || !config.STRIPE_WEBHOOK_SECRET) return null
  return createStripeGateway({
    secretKey: config.STRIPE_SECRET_KEY,
    webhookSecret: config.STRIPE_WEBHOOK_SECRET,
    apiBase: config.STRIPE_API_BASE,
    prices: pricesFromConfig(config),
  })
}

export function createStripeGateway(options: StripeGatewayOptions): PaymentGateway {
  const stripe = stripeClient(options.secretKey, options.apiBase)
  const byPrice = new Map(Object.entries(options.prices).map(([key, id]) => [id, key]))
  return {
    name: 'stripe',
    async createCheckout(request: CheckoutRequest) {
      const common = {
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
        client_reference_id: request.organizationId,
        metadata: request.metadata,
        locale: request.locale,
        ...(request.customerId
          ? { customer: request.customerId }
          : request.customerEmail
            ? { customer_email: request.customerEmail }
            : {}),
      } satisfies Stripe.Checkout.SessionCreateParams
      const params: Stripe.Checkout.SessionCreateParams =
        request.mode === 'subscription'
          ? {
              ...common,
              mode: 'subscription',
              line_items: [{ price: request.priceId!, quantity: 1 }],
              subscription_data: { metadata: request.metadata },
            }
          : {
              ...common,
              mode: 'payment',
              line_items: [
                {
                  quantity: 1,
                  price_data: {
                    currency: request.amount!.currency,
                    unit_amount: request.amount!.unitAmount,
                    product_data: { name: request.amount!.name },
                  },
                },
              ],
              payment_intent_data: { metadata: request.metadata },
              ...(request.expiresAt
                ? { expires_at: Math.floor(request.expiresAt.getTime() / 1000) }
                : {}),
            }
      const session = await stripe.checkout.sessions.create(params)
      if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL')
      return { id: session.id, url: session.url }
    },
    async createPortal({ customerId, returnUrl, locale }) {
      const session = await stripe.billingPortal.sessions.create({
        customer: customerId,
        return_url: returnUrl,
        locale,
      })
      return { url: session.url }
    },
    verifyWebhook(rawBody, headers): GatewayWebhookEvent {
      const header = headers['stripe-signature']
      if (typeof header !== 'string' || header === '') {
        throw new WebhookSignatureError('missing Stripe-Signature header')
      }
      let event: Stripe.Event
      try {
        event = stripe.webhooks.constructEvent(
          rawBody,
          header,
          options.webhookSecret,
          SIGNATURE_TOLERANCE_SECONDS,
        )
      } catch (error) {
        throw new WebhookSignatureError((error as Error).message)
      }
      return {
        id: event.id,
        type: event.type,
        created: event.created,
        object: event.data.object as unknown as Record<string, unknown>,
      }
    },
    async refundPayment(paymentId, reason) {
      const refund = await stripe.refunds.create(
        {
          ...(paymentId.startsWith('ch_') ? { charge: paymentId } : { payment_intent: paymentId }),
          metadata: { reason },
        },
        { idempotencyKey: `refund-${paymentId}` },
      )
      return { id: refund.id }
    },
    async expireCheckout(checkoutId) {
      const session = await stripe.checkout.sessions.retrieve(checkoutId)
      if (session.status === 'open') await stripe.checkout.sessions.expire(checkoutId)
    },
    priceIdFor: (lookupKey) => options.prices[lookupKey],
    lookupKeyOf: (priceId) => byPrice.get(priceId),
  }
}
