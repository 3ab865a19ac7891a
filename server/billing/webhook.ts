import express, { type Router } from 'express'
import { storeGatewayEvent } from '#models/billing/gateway-event.ts'
import type { Logger } from '../logger.ts'
import { WebhookSignatureError, type PaymentGateway } from './gateway.ts'

/** Stripe's events are a few kB; anything far larger is not Stripe. */
const MAX_WEBHOOK_BYTES = 512 * 1024

/**
 * POST /webhooks/stripe: the raw body (signatures are over the exact bytes, so this is mounted
 * before any body parser), verified, stored once by event id, and answered at once; the
 * billing worker applies it from the queue. Without keys it answers 404.
 */
export function stripeWebhookRouter(options: {
  gateway: PaymentGateway | null
  logger: Logger
}): Router {
  const router = express.Router()
  router.post(
    '/webhooks/stripe',
    express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES }),
    async (request, response, next) => {
      const { gateway, logger } = options
      if (!gateway) {
        response.status(404).type('text/plain').send('Payments are not configured.')
        return
      }
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
      let event
      try {
        event = gateway.verifyWebhook(body, request.headers)
      } catch (error) {
        if (error instanceof WebhookSignatureError) {
          logger.warn({ reason: error.message }, 'refused a webhook with a bad signature')
          response.status(400).type('text/plain').send('Invalid signature.')
          return
        }
        next(error)
        return
      }
      try {
        const stored = await storeGatewayEvent(gateway.name, {
          id: event.id,
          type: event.type,
          created: event.created,
          payload: JSON.parse(body.toString('utf8')) as unknown,
        })
        response.status(200).json({ received: true, duplicate: !stored })
      } catch (error) {
        // Not stored: a 5xx makes Stripe deliver it again.
        next(error)
      }
    },
  )
  return router
}
