import { claimKey, EventKey, withEventLock } from './event-key.ts'
import { capacityOf, findEventById } from './event.ts'
import { participantOf, readEventIndex, writeEventIndex } from './event-index.ts'
import { PaymentHold, PAYMENT_HOLD_MINUTES } from './payment-hold.ts'
import { leaveEvent, promoteWaitlist, saveStates } from './registration.ts'

/**
 * The fee path of a paid event registration, on the events side (billing calls it through
 * EventFeeCallbacks, models/billing/event-fees.ts):
 *
 * - a registration that waits for its fee holds its place for 30 minutes (payment-hold.ts);
 *   the registrant is sent to a payment-mode checkout that expires with the hold;
 * - the verified webhook confirms it exactly once: the payment claims the key document
 *   `paid:${eventId}:${org}:${seq}` (a unique insert), which also records what was decided;
 * - the `events-payment-holds` job releases expired holds (the registration is withdrawn) and
 *   the waitlist moves up in order;
 * - a payment that arrives after its hold expired takes the place again if one is free on that
 *   side (nobody is waiting then: a freed place goes to the waitlist first); otherwise, or when
 *   the registration is no longer that one, the payment is refunded (billing asks the gateway);
 * - a full refund of the payment that confirmed a registration withdraws it (waitlist moves up).
 *
 * Billing's registration reference is `${eventId}:${org}:${seq}`.
 */
export type FeeOutcome = 'confirmed' | 'late-confirmed' | 'refund'

export function feeReference(eventId: string, org: string, seq: number): string {
  return `${eventId}:${org}:${seq}`
}

export function parseFeeReference(
  reference: string,
): { eventId: string; org: string; seq: number } | null {
  const match = /^([0-9a-f]{24}):([0-9a-f]{24}):(\d{1,9})$/.exec(reference)
  return match ? { eventId: match[1]!, org: match[2]!, seq: Number(match[3]) } : null
}

const paidKey = (eventId: string, org: string, seq: number) => `paid:${eventId}:${org}:${seq}`

/** What the pay page shows and the checkout needs: the organisation's registration and hold. */
export async function feeStatus(eventId: string, org: string) {
  const [event, index, hold] = await Promise.all([
    findEventById(eventId),
    readEventIndex(eventId),
    PaymentHold.findById(`${eventId}:${org}`).lean(),
  ])
  const entry = participantOf(index, org)
  if (!event || !entry) return null
  const current = hold && hold.seq === entry.seq ? hold : null
  const paid = await EventKey.findById(paidKey(eventId, org, entry.seq)).lean()
  return {
    state: entry.state,
    seq: entry.seq,
    feeVnd: event.feeVnd,
    title: event.title,
    holdUntil: entry.state === 'payment-pending' && current ? current.holdUntil : null,
    checkout:
      current?.checkoutUrl && current.checkoutExpiresAt
        ? {
            id: current.checkoutId!,
            url: current.checkoutUrl,
            expiresAt: current.checkoutExpiresAt,
          }
        : null,
    paidOutcome: paid ? (paid.ref?.split(' ')[1] as FeeOutcome | undefined) : undefined,
  }
}

/**
 * When a checkout for a hold may expire: with the hold, but Stripe wants at least 30 minutes
 * (plus a minute of margin), so a checkout opened late in the hold extends it to its own expiry.
 */
export function checkoutExpiry(holdUntil: Date, now: Date): Date {
  const earliest = now.getTime() + (PAYMENT_HOLD_MINUTES + 1) * 60_000
  return new Date(Math.max(holdUntil.getTime(), earliest))
}

/** Records the checkout opened for a hold; the hold lasts as long as the checkout can be paid. */
export async function recordHoldCheckout(
  eventId: string,
  org: string,
  seq: number,
  checkout: { id: string; url: string; expiresAt: Date },
): Promise<boolean> {
  return withEventLock(eventId, async () => {
    const hold = await PaymentHold.findById(`${eventId}:${org}`).lean()
    if (!hold || hold.seq !== seq) return false
    await PaymentHold.updateOne(
      { _id: hold._id },
      {
        $set: {
          checkoutId: checkout.id,
          checkoutUrl: checkout.url,
          checkoutExpiresAt: checkout.expiresAt,
          holdUntil: new Date(Math.max(hold.holdUntil.getTime(), checkout.expiresAt.getTime())),
        },
      },
    )
    return true
  })
}

/**
 * The fee of a registration is paid (called at least once per payment, from the webhook
 * queue). Decides once, under the event's lock, and records the decision in the payment key,
 * so a repeat returns the same outcome and changes nothing.
 */
export async function confirmRegistrationPayment(
  reference: string,
  paymentId: string,
): Promise<FeeOutcome> {
  const ref = parseFeeReference(reference)
  if (!ref) return 'refund'
  const { eventId, org, seq } = ref
  return withEventLock(eventId, async () => {
    const key = paidKey(eventId, org, seq)
    const existing = await EventKey.findById(key).lean()
    if (existing) {
      const [by, outcome] = (existing.ref ?? '').split(' ')
      // Another payment already paid this registration: this one is a duplicate.
      return by === paymentId ? (outcome as FeeOutcome) : 'refund'
    }
    const event = await findEventById(eventId)
    const index = await readEventIndex(eventId)
    const entry = participantOf(index, org)
    let outcome: FeeOutcome = 'refund'
    const open =
      event &&
      (event.state === 'registration-open' ||
        event.state === 'requests-open' ||
        event.state === 'schedule-published')
    if (event && entry && entry.seq === seq) {
      if (entry.state === 'payment-pending') outcome = 'confirmed'
      else if (entry.state === 'withdrawn' && open) {
        // Paid after the hold was released: the place is taken again only if one is free.
        const held = index.participants.filter(
          (other) =>
            other.side === entry.side &&
            (other.state === 'confirmed' ||
              other.state === 'pending-approval' ||
              other.state === 'payment-pending'),
        ).length
        if (held < capacityOf(event, entry.side)) outcome = 'late-confirmed'
      }
    }
    if (!(await claimKey(key, `${paymentId} ${outcome}`))) {
      const raced = await EventKey.findById(key).lean()
      const [by, decided] = (raced?.ref ?? '').split(' ')
      return by === paymentId ? (decided as FeeOutcome) : 'refund'
    }
    if (outcome !== 'refund' && entry) {
      entry.state = 'confirmed'
      await saveStates(eventId, [entry])
      await writeEventIndex(index)
    }
    await PaymentHold.deleteOne({ _id: `${eventId}:${org}`, seq })
    return outcome
  })
}

/**
 * A payment was refunded in full: the registration it confirmed is withdrawn (its requests
 * and meetings go, the waitlist moves up). A refund of a payment that confirmed nothing (a
 * late or duplicate payment refunded by us) changes nothing. Returns whether it withdrew.
 */
export async function withdrawRefundedRegistration(
  reference: string,
  paymentId: string,
): Promise<boolean> {
  const ref = parseFeeReference(reference)
  if (!ref) return false
  const { eventId, org, seq } = ref
  const key = await EventKey.findById(paidKey(eventId, org, seq)).lean()
  const [by, outcome] = (key?.ref ?? '').split(' ')
  if (by !== paymentId || outcome === 'refund') return false
  const entry = participantOf(await readEventIndex(eventId), org)
  if (!entry || entry.seq !== seq || entry.state !== 'confirmed') return false
  return (await leaveEvent(eventId, org, 'withdrawn')).ok
}

/**
 * The `events-payment-holds` job: every hold past its time whose registration still waits for
 * its fee is released (withdrawn) and the waitlist of its side moves up in order (a promoted
 * registration of a paid event gets its own 30-minute hold). Returns the released holds, with
 * their checkouts (to be expired at the gateway, so they can no longer be paid).
 */
export async function releaseExpiredHolds(
  now: Date,
  signal?: AbortSignal,
): Promise<Array<{ registration: string; checkoutId?: string }>> {
  const released: Array<{ registration: string; checkoutId?: string }> = []
  // The collection holds only open holds (paid or released ones are deleted): one cursor.
  const expired = []
  for await (const hold of PaymentHold.find({}).lean().cursor()) {
    if (hold.holdUntil.getTime() <= now.getTime()) expired.push(hold)
  }
  for (const hold of expired) {
    if (signal?.aborted) break
    const done = await withEventLock(hold.event, async () => {
      const current = await PaymentHold.findById(hold._id).lean()
      if (!current || current.seq !== hold.seq || current.holdUntil.getTime() > now.getTime())
        return false
      const event = await findEventById(hold.event)
      const index = await readEventIndex(hold.event)
      const entry = participantOf(index, hold.org)
      await PaymentHold.deleteOne({ _id: hold._id, seq: hold.seq })
      if (!event || !entry || entry.seq !== hold.seq || entry.state !== 'payment-pending')
        return false
      entry.state = 'withdrawn'
      const promoted = promoteWaitlist(event, index, entry.side)
      await saveStates(hold.event, [entry, ...promoted], true)
      await writeEventIndex(index)
      return true
    })
    if (done) released.push({ registration: hold._id, checkoutId: hold.checkoutId ?? undefined })
  }
  return released
}
