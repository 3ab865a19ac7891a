/**
 * `npm run stripe:setup`: creates the plans' products and prices in the Stripe account of
 * STRIPE_SECRET_KEY (or in stripe-mock with STRIPE_API_BASE) and prints the STRIPE_PRICE_* lines
 * for the configuration. Running it again creates nothing new.
 */
import { setupStripeCatalogue } from '../billing/stripe-catalogue.ts'
import { stripeClient } from '../billing/stripe-gateway.ts'
import { startCommand } from './bootstrap.ts'

const { config } = startCommand()
if (!config.STRIPE_SECRET_KEY) {
  process.stderr.write(
    'Set STRIPE_SECRET_KEY (and STRIPE_WEBHOOK_SECRET) first: see docs/billing.md.\n',
  )
  process.exit(1)
}
const lines = await setupStripeCatalogue(
  stripeClient(config.STRIPE_SECRET_KEY, config.STRIPE_API_BASE),
)
process.stdout.write(`# Add these to .env or the server's environment:\n${lines.join('\n')}\n`)
