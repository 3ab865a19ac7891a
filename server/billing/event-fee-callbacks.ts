import { EventPayment, type EventFeeCallbacks } from '#models/billing/event-fees.ts'
import {
  confirmRegistrationPayment,
  withdrawRefundedRegistration,
} from '#models/events/registration-payment.ts'
import { recordAudit } from '#models/staff/audit-log.ts'
import type { Logger } from '../logger.ts'
import type { PaymentGateway } from './gateway.ts'

/**
 * The events side of event fees: a paid fee confirms its registration once; a fee that can no
 * longer buy its place (paid after the hold was released and the place taken, or a second
 * payment for one registration) is refunded at the gateway; a full refund withdraws the
 * registration it paid for. Called at least once per webhook event; each step is idempotent
 * (the decision is stored in the payment's key; the refund carries an idempotency key).
 */
export function createEventFeeCallbacks(options: {
  gateway: Pick<PaymentGateway, 'refundPayment'> | null
  logger: Logger
}): EventFeeCallbacks {
  const { logger } = options
  return {
    async paid(registrationId, payment) {
      const outcome = await confirmRegistrationPayment(registrationId, payment.paymentId)
      await recordAudit({
        actorLabel: 'stripe',
        action: `event-fee.${outcome}`,
        targetType: 'event-registration',
        targetId: registrationId,
        after: { paymentId: payment.paymentId, amount: payment.amount, currency: payment.currency },
      })
      if (outcome !== 'refund') return
      if (!options.gateway) throw new Error('an event fee must be refunded but no gateway is set')
      // Thrown errors are retried by the webhook queue; the idempotency key refunds once.
      const refund = await options.gateway.refundPayment(payment.paymentId, 'place_not_available')
      logger.warn(
        { registration: registrationId, payment: payment.paymentId, refund: refund.id },
        'event fee refunded: the registration could not take its place',
      )
    },
    async refunded(registrationId, payment) {
      const stored = await EventPayment.findById(payment.paymentId).lean()
      if (!stored || payment.amountRefunded < stored.amount) return
      if (await withdrawRefundedRegistration(registrationId, payment.paymentId)) {
        await recordAudit({
          actorLabel: 'stripe',
          action: 'event-fee.refunded-withdrawn',
          targetType: 'event-registration',
          targetId: registrationId,
          after: { paymentId: payment.paymentId, amountRefunded: payment.amountRefunded },
        })
      }
    },
  }
}
