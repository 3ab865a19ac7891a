import type Stripe from 'stripe'
import { PLAN_OFFERS, type PlanCode } from '#models/billing/plans.ts'

const PRODUCT_NAMES: Record<PlanCode, string> = {
  supplier_premium: 'VSI Connect Supplier Premium',
  buyer_pro: 'VSI Connect Buyer Pro',
}

/**
 * Creates the products and prices of the plans in a Stripe account, once: prices are found by
 * their lookup keys, and only the missing ones are created. Returns the environment lines
 * (STRIPE_PRICE_*=price_…) to put in the server's configuration.
 */
export async function setupStripeCatalogue(stripe: Stripe): Promise<string[]> {
  const existing = await stripe.prices.list({
    lookup_keys: PLAN_OFFERS.map((offer) => offer.lookupKey),
    active: true,
    limit: 100,
  })
  const byKey = new Map(
    existing.data.filter((price) => price.lookup_key).map((price) => [price.lookup_key!, price.id]),
  )
  const products = new Map<PlanCode, string>()
  const lines: string[] = []
  for (const offer of PLAN_OFFERS) {
    let priceId = byKey.get(offer.lookupKey)
    if (!priceId) {
      let product = products.get(offer.plan)
      if (!product) {
        product = (
          await stripe.products.create({
            name: PRODUCT_NAMES[offer.plan],
            metadata: { plan: offer.plan },
          })
        ).id
        products.set(offer.plan, product)
      }
      priceId = (
        await stripe.prices.create({
          product,
          currency: offer.currency,
          // VND is zero-decimal in Stripe: the amount is in đồng; USD in cents.
          unit_amount: offer.unitAmount,
          recurring: { interval: offer.interval },
          lookup_key: offer.lookupKey,
          metadata: { plan: offer.plan },
        })
      ).id
    }
    lines.push(`${offer.envVariable}=${priceId}`)
  }
  return lines
}
