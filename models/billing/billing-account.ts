import crypto from 'node:crypto'
import { Schema, Types } from 'mongoose'
import { Organization } from '../accounts/organization.ts'
import { organizationIdForSlug } from '../accounts/organization-slug.ts'
import { defineModel } from '../define-model.ts'
import { SupplierProfile } from '../profiles/supplier-profile.ts'
import { recordAudit } from '../staff/audit-log.ts'
import {
  entitlementOf,
  nextReviewAt,
  PLAN_CODES,
  type Entitlement,
  type ManualGrant,
  type PlanCode,
  type SubscriptionState,
} from './plans.ts'

/**
 * The billing mirror of one organisation, at `_id` = the organisation's id (point reads only):
 * its Stripe customer, the latest state of its subscription, a staff grant, its recent invoices,
 * and the entitlement as last computed (`featured` is what the search index reads).
 */
const subscriptionSchema = new Schema(
  {
    id: { type: String, required: true },
    status: { type: String, required: true },
    plan: { type: String, enum: PLAN_CODES },
    priceId: String,
    interval: String,
    currency: String,
    currentPeriodEnd: Date,
    cancelAtPeriodEnd: Boolean,
    pastDueSince: Date,
    /** Stripe's `created` (seconds) of the event that carried this state: older ones lose. */
    version: { type: Number, required: true },
  },
  { _id: false },
)

const invoiceSchema = new Schema(
  {
    id: { type: String, required: true },
    number: String,
    status: String,
    amount: Number,
    currency: String,
    created: Date,
    url: String,
    refunded: Boolean,
  },
  { _id: false },
)

const billingAccountSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    customerId: String,
    subscription: subscriptionSchema,
    manualGrant: {
      type: new Schema(
        {
          plan: { type: String, enum: PLAN_CODES, required: true },
          until: { type: Date, required: true },
          grantedBy: String,
        },
        { _id: false },
      ),
    },
    invoices: { type: [invoiceSchema], default: [] },
    /** The entitlement when last computed (by an event, a grant or the sweep). */
    plan: { type: String, enum: PLAN_CODES },
    featured: { type: Boolean, default: false },
    /** When the entitlement may change by itself; the sweep looks at accounts past it. */
    reviewAt: { type: Date, index: true },
  },
  { timestamps: true },
)

export const BillingAccount = defineModel('BillingAccount', billingAccountSchema)

/** Stripe customer id → organisation, so an event naming only the customer finds its owner. */
const customerKeySchema = new Schema({
  _id: { type: String, required: true },
  organization: { type: Schema.Types.ObjectId, required: true },
})
export const BillingCustomerKey = defineModel('BillingCustomerKey', customerKeySchema)

export type BillingAccountRecord = {
  _id: Types.ObjectId
  customerId?: string | null
  subscription?: (SubscriptionState & { version: number; priceId?: string | null }) | null
  manualGrant?: (ManualGrant & { grantedBy?: string | null }) | null
  invoices?: Array<{
    id: string
    number?: string | null
    status?: string | null
    amount?: number | null
    currency?: string | null
    created?: Date | null
    url?: string | null
    refunded?: boolean | null
  }>
  plan?: PlanCode | null
  featured?: boolean | null
  reviewAt?: Date | null
}

export async function findBillingAccount(
  organizationId: Types.ObjectId | string,
): Promise<BillingAccountRecord | null> {
  return BillingAccount.findById(organizationId).lean<BillingAccountRecord>()
}

/** The entitlement of an organisation at `now` (a point read). */
export async function entitlementFor(
  organizationId: Types.ObjectId | string,
  now = new Date(),
): Promise<Entitlement> {
  return entitlementOf(await findBillingAccount(organizationId), now)
}

/** Whether the supplier is in the sponsored slot, as the search sync reads it (a point read). */
export async function isFeaturedSupplier(organizationId: Types.ObjectId): Promise<boolean> {
  const account = await BillingAccount.findById(organizationId, { featured: 1 }).lean()
  return account?.featured === true
}

export async function organizationOfCustomer(customerId: string): Promise<Types.ObjectId | null> {
  const key = await BillingCustomerKey.findById(customerId).lean()
  return key?.organization ?? null
}

/** Links a Stripe customer to an organisation; the first link wins (a unique insert). */
export async function linkCustomer(
  organizationId: Types.ObjectId,
  customerId: string,
): Promise<Types.ObjectId> {
  try {
    await BillingCustomerKey.create({ _id: customerId, organization: organizationId })
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
  }
  const owner = (await organizationOfCustomer(customerId)) ?? organizationId
  if (owner.equals(organizationId)) {
    await BillingAccount.updateOne(
      { _id: organizationId },
      { $set: { customerId } },
      { upsert: true },
    )
  }
  return owner
}

/**
 * Queues the supplier for re-indexing without touching its profile's version (`updatedAt`, a
 * ranking tie-break): a paid plan must not move the supplier in organic results. By `_id` first
 * (profiles share their organisation's id since decision 010), by organisation otherwise.
 */
async function markForSponsoredSlot(organizationId: Types.ObjectId): Promise<void> {
  const mark = { $set: { 'search.pendingSince': new Date() } }
  const byId = await SupplierProfile.updateOne({ _id: organizationId }, mark, { timestamps: false })
  if (byId.matchedCount > 0) return
  await SupplierProfile.updateOne({ organization: organizationId }, mark, { timestamps: false })
}

export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number })?.code === 11000
}

/** Who made a change, for the audit log. */
export interface BillingActor {
  label: string
  userId?: Types.ObjectId
  ip?: string
  /**
   * A key unique to the change (a Stripe event id): the audit entry gets an id derived from it,
   * so a retried handler writes it once.
   */
  idempotencyKey?: string
}

function snapshot(entitlement: Entitlement) {
  return {
    plan: entitlement.plan,
    source: entitlement.source,
    until: entitlement.until?.toISOString() ?? null,
    inGrace: entitlement.inGrace,
  }
}

/**
 * Writes a change to an account, recomputes its entitlement at `now`, re-indexes a supplier
 * whose sponsored place changed, and records the change in the audit log.
 */
async function changeAccount(
  organizationId: Types.ObjectId,
  action: string,
  set: Record<string, unknown>,
  actor: BillingActor,
  now: Date,
): Promise<void> {
  const before = await findBillingAccount(organizationId)
  const merged = { ...(before ?? {}), ...set } as BillingAccountRecord
  const entitlement = entitlementOf(merged, now)
  const featured = entitlement.plan === 'supplier_premium'
  const reviewAt = nextReviewAt(merged, now)
  await BillingAccount.updateOne(
    { _id: organizationId },
    {
      $set: { ...set, ...(entitlement.plan ? { plan: entitlement.plan } : {}), featured, reviewAt },
      ...(entitlement.plan ? {} : { $unset: { plan: 1 } }),
    },
    { upsert: true },
  )
  if (featured !== (before?.featured === true)) await markForSponsoredSlot(organizationId)
  await writeAudit({
    actor,
    action,
    targetId: organizationId.toHexString(),
    before: {
      subscription: before?.subscription ?? null,
      entitlement: snapshot(entitlementOf(before, now)),
    },
    after: { subscription: merged.subscription ?? null, entitlement: snapshot(entitlement) },
  })
}

async function writeAudit(entry: {
  actor: BillingActor
  action: string
  targetId: string
  before: unknown
  after: unknown
}) {
  const { actor } = entry
  const _id = actor.idempotencyKey
    ? new Types.ObjectId(
        crypto
          .createHash('sha256')
          .update(`${actor.idempotencyKey}:${entry.action}:${entry.targetId}`)
          .digest('hex')
          .slice(0, 24),
      )
    : new Types.ObjectId()
  // A retried webhook finds its entry recorded already (same `_id`): left alone.
  await recordAudit({
    _id,
    actor: actor.userId,
    actorLabel: actor.label,
    action: entry.action,
    targetType: 'organization',
    targetId: entry.targetId,
    before: entry.before,
    after: entry.after,
    ip: actor.ip,
  })
}

export type IncomingSubscription = Omit<SubscriptionState, 'pastDueSince'> & {
  priceId?: string | null
  interval?: string | null
  currency?: string | null
  /** Stripe's `created` of the event (seconds). */
  version: number
}

/**
 * Applies a subscription state carried by an event, unless the stored state is newer: the
 * latest event wins, and at the same second a cancellation is final (a "deleted" that arrived
 * before its "updated" is not undone by it). Returns whether it was applied.
 */
export async function applySubscriptionState(
  organizationId: Types.ObjectId,
  incoming: IncomingSubscription,
  actor: BillingActor,
  now: Date,
): Promise<boolean> {
  const account = await findBillingAccount(organizationId)
  const stored = account?.subscription
  if (stored && stored.id === incoming.id) {
    if (stored.version > incoming.version) return false
    if (stored.version === incoming.version && stored.status === 'canceled') return false
  }
  if (stored && stored.id !== incoming.id && stored.version > incoming.version) {
    // An older subscription's late event does not replace the newer subscription's state.
    if (incoming.status !== 'active' && incoming.status !== 'trialing') return false
  }
  const pastDueSince =
    incoming.status === 'past_due'
      ? stored?.id === incoming.id && stored.pastDueSince
        ? stored.pastDueSince
        : new Date(incoming.version * 1000)
      : undefined
  const subscription = { ...incoming, ...(pastDueSince ? { pastDueSince } : {}) }
  const same =
    stored &&
    stored.id === subscription.id &&
    stored.status === subscription.status &&
    stored.plan === subscription.plan &&
    stored.currentPeriodEnd?.getTime() === subscription.currentPeriodEnd?.getTime() &&
    Boolean(stored.cancelAtPeriodEnd) === Boolean(subscription.cancelAtPeriodEnd) &&
    stored.pastDueSince?.getTime() === subscription.pastDueSince?.getTime()
  if (same) {
    await BillingAccount.updateOne(
      { _id: organizationId },
      { $set: { 'subscription.version': incoming.version } },
    )
    return false
  }
  await changeAccount(
    organizationId,
    `billing.subscription.${incoming.status}`,
    { subscription },
    actor,
    now,
  )
  return true
}

/** A failed renewal: starts the grace period (once) if the subscription is not already in it. */
export async function markPaymentFailed(
  organizationId: Types.ObjectId,
  subscriptionId: string,
  failedAt: Date,
  actor: BillingActor,
  now: Date,
): Promise<void> {
  const account = await findBillingAccount(organizationId)
  const stored = account?.subscription
  if (!stored || stored.id !== subscriptionId || stored.pastDueSince) return
  if (stored.status === 'canceled') return
  await changeAccount(
    organizationId,
    'billing.payment_failed',
    { subscription: { ...stored, status: 'past_due', pastDueSince: failedAt } },
    actor,
    now,
  )
}

/** Records (or updates) an invoice in the account's recent list, by its id. */
export async function recordInvoice(
  organizationId: Types.ObjectId,
  invoice: NonNullable<BillingAccountRecord['invoices']>[number],
): Promise<void> {
  const account = await findBillingAccount(organizationId)
  const others = (account?.invoices ?? []).filter((stored) => stored.id !== invoice.id)
  const invoices = [invoice, ...others]
    .sort((a, b) => (b.created?.getTime() ?? 0) - (a.created?.getTime() ?? 0))
    .slice(0, 24)
  await BillingAccount.updateOne({ _id: organizationId }, { $set: { invoices } }, { upsert: true })
}

/** A staff admin's grant of a plan until a date (or its removal, with `until` in the past). */
export async function grantPlanManually(
  organizationId: Types.ObjectId,
  grant: { plan: PlanCode; until: Date },
  actor: BillingActor,
  now = new Date(),
): Promise<void> {
  await changeAccount(
    organizationId,
    'billing.manual_grant',
    { manualGrant: { ...grant, grantedBy: actor.label } },
    actor,
    now,
  )
}

/**
 * Accounts whose entitlement may have changed by itself (a period end, the end of grace, a
 * grant's end) by `now`: recomputed, re-indexed when their sponsored place changes. A scan of
 * the billing accounts (paying organisations only), from the background worker.
 */
export async function sweepEntitlements(now: Date): Promise<number> {
  let changed = 0
  const due = await BillingAccount.find({ reviewAt: { $lte: now } }).lean<BillingAccountRecord[]>()
  for (const account of due) {
    await changeAccount(
      account._id,
      'billing.entitlement_review',
      {},
      { label: 'billing sweep', idempotencyKey: `sweep:${account.reviewAt?.toISOString()}` },
      now,
    )
    changed++
  }
  return changed
}

/** The suppliers in the sponsored slot, for a full re-index (one pass over billing accounts). */
export async function featuredSupplierIds(): Promise<Set<string>> {
  const ids = new Set<string>()
  for await (const account of BillingAccount.find({ featured: true }, { _id: 1 })
    .lean<Array<{ _id: Types.ObjectId }>>()
    .cursor() as AsyncIterable<{ _id: Types.ObjectId }>) {
    ids.add(account._id.toHexString())
  }
  return ids
}

/** What the account billing page shows (dates as ISO strings, for the loader). */
export async function billingOverview(organizationId: Types.ObjectId, now = new Date()) {
  const account = await findBillingAccount(organizationId)
  const entitlement = entitlementOf(account, now)
  const subscription = account?.subscription
  return {
    plan: entitlement.plan,
    source: entitlement.source,
    until: entitlement.until?.toISOString() ?? null,
    inGrace: entitlement.inGrace,
    status: entitlement.source === 'manual' ? 'manual' : (subscription?.status ?? null),
    renews:
      entitlement.source === 'subscription' &&
      !entitlement.inGrace &&
      !subscription?.cancelAtPeriodEnd,
    hasCustomer: Boolean(account?.customerId),
    customerId: account?.customerId ?? null,
    invoices: (account?.invoices ?? []).map((invoice) => ({
      id: invoice.id,
      number: invoice.number ?? null,
      status: invoice.status ?? null,
      amount: invoice.amount ?? null,
      currency: invoice.currency ?? null,
      created: invoice.created?.toISOString() ?? null,
      url: invoice.url ?? null,
    })),
  }
}

/** An organisation named by its id or its slug (point reads), for the staff grant form. */
export async function organizationByReference(
  reference: string,
): Promise<{ id: Types.ObjectId; kind: string; name: string } | null> {
  const trimmed = reference.trim()
  const id = /^[0-9a-f]{24}$/.test(trimmed)
    ? new Types.ObjectId(trimmed)
    : /^[a-z0-9-]{1,80}$/.test(trimmed)
      ? await organizationIdForSlug(trimmed)
      : null
  if (!id) return null
  const organization = await Organization.findById(id, { kind: 1, name: 1 }).lean()
  return organization
    ? { id: organization._id, kind: organization.kind, name: organization.name }
    : null
}
