/**
 * The paid plans and how an entitlement follows from a subscription's state. Browser-safe: no
 * Mongoose here, so pages can show the rules they are built on.
 */
export const PLAN_CODES = ['supplier_premium', 'buyer_pro'] as const
export type PlanCode = (typeof PLAN_CODES)[number]
export const BILLING_INTERVALS = ['month', 'year'] as const
export type BillingInterval = (typeof BILLING_INTERVALS)[number]
export const BILLING_CURRENCIES = ['vnd', 'usd'] as const
export type BillingCurrency = (typeof BILLING_CURRENCIES)[number]

/** Which organisation kind may buy a plan. */
export const PLAN_FOR_KIND: Record<PlanCode, 'supplier' | 'buyer'> = {
  supplier_premium: 'supplier',
  buyer_pro: 'buyer',
}

/**
 * The offers, with the list prices `npm run stripe:setup` creates. VND is a zero-decimal
 * currency in Stripe (the amount is in đồng); USD amounts are in cents.
 */
export interface PlanOffer {
  plan: PlanCode
  interval: BillingInterval
  currency: BillingCurrency
  /** Stripe's unit_amount: đồng for VND, cents for USD. */
  unitAmount: number
  /** The Stripe lookup key of the price, which also names its environment variable. */
  lookupKey: string
  envVariable: string
}

export const PLAN_OFFERS: readonly PlanOffer[] = [
  offer('supplier_premium', 'month', 'vnd', 1_500_000, 'STRIPE_PRICE_PREMIUM_MONTHLY_VND'),
  offer('supplier_premium', 'year', 'vnd', 15_000_000, 'STRIPE_PRICE_PREMIUM_YEARLY_VND'),
  offer('supplier_premium', 'month', 'usd', 6_000, 'STRIPE_PRICE_PREMIUM_MONTHLY_USD'),
  offer('supplier_premium', 'year', 'usd', 60_000, 'STRIPE_PRICE_PREMIUM_YEARLY_USD'),
  offer('buyer_pro', 'month', 'vnd', 500_000, 'STRIPE_PRICE_BUYER_PRO_MONTHLY_VND'),
  offer('buyer_pro', 'month', 'usd', 2_000, 'STRIPE_PRICE_BUYER_PRO_MONTHLY_USD'),
]

function offer(
  plan: PlanCode,
  interval: BillingInterval,
  currency: BillingCurrency,
  unitAmount: number,
  envVariable: string,
): PlanOffer {
  return {
    plan,
    interval,
    currency,
    unitAmount,
    envVariable,
    lookupKey: `vsi_${plan}_${interval}_${currency}`,
  }
}

/**
 * The currency an organisation pays in: USD for a buyer outside Việt Nam, VND otherwise
 * (suppliers are Vietnamese firms; a Vietnamese buyer pays in đồng).
 */
export function currencyFor(organization: { kind: string; country?: string | null }) {
  return organization.kind === 'buyer' && organization.country && organization.country !== 'VN'
    ? ('usd' as const)
    : ('vnd' as const)
}

/**
 * The offers an organisation may buy: its kind's plans, each (plan, interval) once, in its
 * currency when that price is configured, else in VND when that one is. The account page shows
 * these and its action accepts only these.
 */
export function offersForOrganization(
  organization: { kind: string; country?: string | null },
  priceIdFor: (lookupKey: string) => string | undefined,
): PlanOffer[] {
  const preferred = currencyFor(organization)
  const chosen: PlanOffer[] = []
  for (const candidate of PLAN_OFFERS) {
    if (PLAN_FOR_KIND[candidate.plan] !== organization.kind) continue
    if (chosen.some((o) => o.plan === candidate.plan && o.interval === candidate.interval)) continue
    const same = (currency: BillingCurrency) =>
      PLAN_OFFERS.find(
        (o) =>
          o.plan === candidate.plan &&
          o.interval === candidate.interval &&
          o.currency === currency &&
          priceIdFor(o.lookupKey) !== undefined,
      )
    const offer = same(preferred) ?? same('vnd')
    if (offer) chosen.push(offer)
  }
  return chosen
}

/** Zero-decimal currencies (Stripe's list, the ones we use): the amount is in whole units. */
export function formatAmount(amount: number, currency: string, locale: 'vi' | 'en'): string {
  const upper = currency.toUpperCase()
  const minor = upper === 'VND' ? 1 : 100
  return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-US', {
    style: 'currency',
    currency: upper,
  }).format(amount / minor)
}

/** Days a past-due subscription keeps its plan after the first failed payment. */
export const GRACE_DAYS = 7
const DAY_MS = 24 * 60 * 60 * 1000

/** Stripe's subscription statuses. */
export type SubscriptionStatus =
  | 'active'
  | 'trialing'
  | 'past_due'
  | 'canceled'
  | 'unpaid'
  | 'incomplete'
  | 'incomplete_expired'
  | 'paused'

export interface SubscriptionState {
  id: string
  status: SubscriptionStatus | string
  plan?: PlanCode | null
  currentPeriodEnd?: Date | null
  cancelAtPeriodEnd?: boolean | null
  /** When it first became past due (the first failed renewal); cleared when paid again. */
  pastDueSince?: Date | null
}

export interface ManualGrant {
  plan: PlanCode
  until: Date
}

export interface Entitlement {
  plan: PlanCode | null
  source: 'subscription' | 'manual' | null
  /** Until when the plan holds as things stand (renewal, period end, grace end, grant end). */
  until: Date | null
  /** Past due and inside the grace period. */
  inGrace: boolean
}

const NONE: Entitlement = { plan: null, source: null, until: null, inGrace: false }

/**
 * What the organisation is entitled to at `now`:
 * - active or trialing: the plan (to the period end when it is cancelled at period end);
 * - past due: the plan for GRACE_DAYS after the first failure, then nothing;
 * - canceled, unpaid, incomplete, paused: nothing;
 * - a staff grant counts until its end date when no subscription gives the plan.
 */
export function entitlementOf(
  account: {
    subscription?: SubscriptionState | null
    manualGrant?: ManualGrant | null
  } | null,
  now: Date,
): Entitlement {
  const fromSubscription = subscriptionEntitlement(account?.subscription, now)
  if (fromSubscription.plan) return fromSubscription
  const grant = account?.manualGrant
  if (grant?.plan && grant.until && grant.until.getTime() > now.getTime()) {
    return { plan: grant.plan, source: 'manual', until: grant.until, inGrace: false }
  }
  return NONE
}

function subscriptionEntitlement(
  subscription: SubscriptionState | null | undefined,
  now: Date,
): Entitlement {
  if (!subscription?.plan) return NONE
  const periodEnd = subscription.currentPeriodEnd ?? null
  const ended = periodEnd !== null && periodEnd.getTime() <= now.getTime()
  switch (subscription.status) {
    case 'active':
    case 'trialing':
      if (subscription.cancelAtPeriodEnd && ended) return NONE
      return { plan: subscription.plan, source: 'subscription', until: periodEnd, inGrace: false }
    case 'past_due': {
      const since = subscription.pastDueSince ?? periodEnd ?? now
      const graceEnd = new Date(since.getTime() + GRACE_DAYS * DAY_MS)
      if (graceEnd.getTime() <= now.getTime()) return NONE
      return { plan: subscription.plan, source: 'subscription', until: graceEnd, inGrace: true }
    }
    default:
      return NONE
  }
}

/**
 * The next moment the entitlement may change without any event (a period end that will not
 * renew, the end of grace, a grant's end), for the sweep; null when only an event can change it.
 */
export function nextReviewAt(
  account: { subscription?: SubscriptionState | null; manualGrant?: ManualGrant | null },
  now: Date,
): Date | null {
  const entitlement = entitlementOf(account, now)
  if (!entitlement.plan) {
    return null
  }
  const renewing =
    entitlement.source === 'subscription' &&
    !entitlement.inGrace &&
    !account.subscription?.cancelAtPeriodEnd
  if (renewing) return null
  return entitlement.until
}
