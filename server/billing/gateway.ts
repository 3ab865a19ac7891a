/**
 * The payment gateway port. Stripe is the one adapter (stripe-gateway.ts); a Vietnamese gateway
 * (for firms that cannot pay by card through Stripe) would be a second one behind the same three
 * operations: a hosted checkout, a self-service portal, and verification of its notifications.
 */
export interface CheckoutRequest {
  mode: 'subscription' | 'payment'
  organizationId: string
  /** The gateway's customer, when the organisation already has one. */
  customerId?: string
  customerEmail?: string
  /** Subscription mode: the price to subscribe to. */
  priceId?: string
  /** Payment mode: an amount for one line (currency in the gateway's minor units). */
  amount?: { currency: string; unitAmount: number; name: string }
  successUrl: string
  cancelUrl: string
  /** Returned on the completed checkout and, for subscriptions, on the subscription. */
  metadata: Record<string, string>
  /** Payment mode: the checkout expires then (a held place is released). */
  expiresAt?: Date
  locale: 'vi' | 'en'
}

export interface GatewayWebhookEvent {
  id: string
  type: string
  /** Seconds since the epoch. */
  created: number
  /** The event's object (a subscription, an invoice, a checkout, a charge). */
  object: Record<string, unknown>
}

export class WebhookSignatureError extends Error {
  override name = 'WebhookSignatureError'
}

export interface PaymentGateway {
  readonly name: string
  createCheckout(request: CheckoutRequest): Promise<{ id: string; url: string }>
  createPortal(request: { customerId: string; returnUrl: string; locale: 'vi' | 'en' }): Promise<{
    url: string
  }>
  /** Verifies a notification's signature on its raw body; throws WebhookSignatureError. */
  verifyWebhook(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): GatewayWebhookEvent
  /** Refunds a payment in full (idempotent: repeating it refunds once). */
  refundPayment(paymentId: string, reason: string): Promise<{ id: string }>
  /** Expires an open checkout so that it can no longer be paid (a released hold). */
  expireCheckout(checkoutId: string): Promise<void>
  /** The gateway's price id for a plan offer, or undefined when it is not configured. */
  priceIdFor(lookupKey: string): string | undefined
  /** The offer's lookup key for a price id (reverse of priceIdFor). */
  lookupKeyOf(priceId: string): string | undefined
}

/** What the app knows of billing: a gateway when payments are configured, otherwise null. */
export interface BillingServices {
  gateway: PaymentGateway | null
  /** Monthly cap on new quotes per supplier, by plan (QUOTE_MONTHLY_CAP_*). */
  quoteCaps?: { free: number; premium: number }
}
