import { Schema } from 'mongoose'
import { defineModel } from '../define-model.ts'

/** How long a place waits for its fee once a registration is "payment pending". */
export const PAYMENT_HOLD_MINUTES = 30

/**
 * The places held for a fee: one document per registration waiting for payment, `_id` = the
 * registration's id. It is deleted once the fee is paid or the hold released, so the collection
 * only ever holds the open holds (the expiry job streams it; request paths read by `_id`).
 * `seq` is the registration's sequence number: a registration withdrawn and made again gets a
 * new one, so an old hold or an old checkout is never taken for the new registration.
 */
const paymentHoldSchema = new Schema({
  _id: { type: String, required: true },
  event: { type: String, required: true },
  org: { type: String, required: true },
  seq: { type: Number, required: true },
  holdUntil: { type: Date, required: true },
  checkoutId: String,
  checkoutUrl: String,
  checkoutExpiresAt: Date,
  /** Opened by a promotion from the waitlist: its registrants are e-mailed (hold-notices.ts). */
  promoted: Boolean,
})

export const PaymentHold = defineModel('PaymentHold', paymentHoldSchema)

/** Opens (or re-opens) the hold of a registration now waiting for its fee. Under the event lock. */
export async function openPaymentHold(
  eventId: string,
  org: string,
  seq: number,
  now = new Date(),
  promoted = false,
): Promise<void> {
  const _id = `${eventId}:${org}`
  await PaymentHold.replaceOne(
    { _id },
    {
      _id,
      event: eventId,
      org,
      seq,
      holdUntil: new Date(now.getTime() + PAYMENT_HOLD_MINUTES * 60_000),
      ...(promoted ? { promoted: true } : {}),
    },
    { upsert: true },
  )
}
