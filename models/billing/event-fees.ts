import { Schema } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { isDuplicateKey } from './billing-account.ts'

/**
 * Paid event registrations. Events are built elsewhere; billing meets them through this small
 * interface: the events side asks for a checkout for a registration (its fee, and until when its
 * place is held), and is told through the callbacks when the fee is paid or refunded.
 */
export interface EventFeeTarget {
  registrationId: string
  /** The organiser's price, in đồng (VND is zero-decimal in Stripe). */
  amountVnd: number
  /** The place is held until then (30 minutes from registering); the checkout expires with it. */
  holdUntil: Date
  /** Shown on the Checkout page. */
  description: string
  organizationId: string
}

export interface EventFeeCallbacks {
  /** The fee is paid: confirm the registration. Called at least once; must be idempotent. */
  paid(
    registrationId: string,
    payment: { paymentId: string; amount: number; currency: string },
  ): Promise<void>
  /** The payment was refunded (in full or in part). Called at least once; must be idempotent. */
  refunded(
    registrationId: string,
    payment: { paymentId: string; amountRefunded: number },
  ): Promise<void>
}

/** Smallest hold Stripe accepts for a Checkout Session's expiry is 30 minutes. */
export const EVENT_FEE_HOLD_MINUTES = 30

/**
 * One record per paid registration fee, at `_id` = the payment's id (Stripe's payment intent),
 * inserted once; `paidNotified`/`refundNotified` say whether the events side has been told.
 */
const eventPaymentSchema = new Schema({
  _id: { type: String, required: true },
  registrationId: { type: String, required: true },
  organization: String,
  amount: { type: Number, required: true },
  currency: { type: String, required: true },
  checkoutId: String,
  paidAt: { type: Date, required: true },
  paidNotified: { type: Boolean, default: false },
  amountRefunded: { type: Number, default: 0 },
  refundNotified: { type: Boolean, default: true },
})
export const EventPayment = defineModel('EventPayment', eventPaymentSchema)

export async function recordEventFeePaid(
  payment: {
    paymentId: string
    registrationId: string
    organizationId?: string
    amount: number
    currency: string
    checkoutId: string
  },
  callbacks: EventFeeCallbacks,
  now: Date,
): Promise<void> {
  try {
    await EventPayment.create({
      _id: payment.paymentId,
      registrationId: payment.registrationId,
      organization: payment.organizationId,
      amount: payment.amount,
      currency: payment.currency,
      checkoutId: payment.checkoutId,
      paidAt: now,
    })
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
  }
  const stored = await EventPayment.findById(payment.paymentId).lean()
  if (!stored || stored.paidNotified) return
  await callbacks.paid(stored.registrationId, {
    paymentId: stored._id,
    amount: stored.amount,
    currency: stored.currency,
  })
  await EventPayment.updateOne({ _id: stored._id }, { $set: { paidNotified: true } })
}

/** A refund of an event fee; false when the payment is not an event fee. */
export async function recordEventFeeRefund(
  paymentId: string,
  amountRefunded: number,
  callbacks: EventFeeCallbacks,
): Promise<boolean> {
  const stored = await EventPayment.findById(paymentId).lean()
  if (!stored) return false
  if (amountRefunded > stored.amountRefunded) {
    await EventPayment.updateOne(
      { _id: paymentId },
      { $set: { amountRefunded, refundNotified: false } },
    )
  }
  const current = await EventPayment.findById(paymentId).lean()
  if (!current || current.refundNotified) return true
  await callbacks.refunded(current.registrationId, {
    paymentId,
    amountRefunded: current.amountRefunded,
  })
  await EventPayment.updateOne({ _id: paymentId }, { $set: { refundNotified: true } })
  return true
}
