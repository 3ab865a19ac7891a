import { Schema, type Types } from 'mongoose'
import { Organization } from '../accounts/organization.ts'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import { addToList, listHas, readList } from './keyed-list.ts'
import { effectiveStatus, type SourcingRequestDocument } from './sourcing-request.ts'
import { QUOTE_STATUSES, type QuoteInput, type QuoteStatus } from './sourcing-schemas.ts'

/**
 * A supplier's quote on a request. `_id` = `<request>:<supplier organisation>`: one quote per
 * supplier per request is the primary key, not a check that two tabs could race past. A
 * request's quotes are the keyed list `quotes:<request>`; each is then a point read.
 */
const quoteSchema = new Schema(
  {
    _id: { type: String, required: true },
    request: { type: Schema.Types.ObjectId, required: true },
    supplier: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    submittedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    status: { type: String, enum: QUOTE_STATUSES, default: 'submitted', required: true },
    unitPrice: { type: Number, required: true },
    currency: { type: String, required: true },
    priceBreaks: {
      type: [{ _id: false, minQuantity: Number, unitPrice: Number }],
      default: [],
    },
    moq: { type: Number, required: true },
    leadTimeDays: { type: Number, required: true },
    validUntil: { type: String, required: true },
    incoterm: { type: String, required: true },
    notes: { type: String, default: '' },
    /** The request's version the supplier quoted on: a later edit is pointed out to them. */
    requestVersion: { type: Number, required: true },
    declineReason: String,
    spamReportedAt: Date,
    /** Files the supplier attached (StoredFile, purpose `sourcing-attachment`): buyer only. */
    attachments: { type: [Schema.Types.ObjectId], default: [] },
  },
  { timestamps: true, versionKey: false },
)

export const Quote = defineModel('Quote', quoteSchema)
export type QuoteDocument = InstanceType<typeof Quote>

export const quoteId = (requestId: string | Types.ObjectId, supplierId: string | Types.ObjectId) =>
  `${String(requestId)}:${String(supplierId)}`
export const quotesListKey = (requestId: string | Types.ObjectId) => `quotes:${String(requestId)}`
export const invitedListKey = (requestId: string | Types.ObjectId) => `invited:${String(requestId)}`
export const supplierInboxKey = (supplierId: string | Types.ObjectId) =>
  `inbox:${String(supplierId)}`

export function findQuote(requestId: string | Types.ObjectId, supplierId: string | Types.ObjectId) {
  return Quote.findById(quoteId(requestId, supplierId))
}

export function isInvited(requestId: Types.ObjectId, supplierId: Types.ObjectId | string) {
  return listHas(invitedListKey(requestId), String(supplierId))
}

/** Whether the id is an active supplier organisation's (one point read). */
export async function isActiveSupplier(id: string): Promise<boolean> {
  if (!/^[0-9a-f]{24}$/.test(id)) return false
  const organization = await Organization.findById(id).select('kind status').lean()
  return organization?.kind === 'supplier' && organization.status === 'active'
}

/** Invites a supplier: on the request's list and in the supplier's "requests for you". */
export async function inviteSupplier(
  requestId: Types.ObjectId,
  supplierId: Types.ObjectId | string,
  now = new Date(),
): Promise<boolean> {
  const added = await addToList(invitedListKey(requestId), String(supplierId), now)
  await addToList(supplierInboxKey(supplierId), requestId.toHexString(), now)
  return added
}

/**
 * What a supplier may see of a request: 'full' when it is open to them (open visibility, or
 * invited), 'own-quote' when it quoted earlier and the request has since closed (to see the
 * outcome), 'none' otherwise; drafts and cancelled requests are nobody's but the buyer's.
 */
export async function supplierAccess(
  request: SourcingRequestDocument,
  supplierId: Types.ObjectId,
  now = new Date(),
): Promise<{ level: 'full' | 'own-quote' | 'none'; invited: boolean }> {
  const status = effectiveStatus(request, now)
  if (status === 'draft') return { level: 'none', invited: false }
  const invited = await isInvited(request._id, supplierId)
  if (status === 'open' && (request.visibility === 'open' || invited)) {
    return { level: 'full', invited }
  }
  if (status !== 'cancelled' || invited) {
    const quote = await Quote.exists({ _id: quoteId(request._id, supplierId) })
    if (quote) return { level: 'own-quote', invited }
  }
  return { level: 'none', invited }
}

export type QuoteError = 'closed' | 'not-visible' | 'duplicate' | 'withdrawn' | 'not-found'

/**
 * Submits the supplier's quote (first time) or saves changes to it (later, `edit`). Quoting is
 * only while the request is open to the supplier.
 */
export async function saveQuote(
  request: SourcingRequestDocument,
  supplier: { organizationId: Types.ObjectId; userId: Types.ObjectId | string },
  input: QuoteInput,
  options: { edit: boolean },
  now = new Date(),
): Promise<{ ok: true; quote: QuoteDocument } | { ok: false; error: QuoteError }> {
  if (effectiveStatus(request, now) !== 'open') return { ok: false, error: 'closed' }
  const access = await supplierAccess(request, supplier.organizationId, now)
  if (access.level !== 'full') return { ok: false, error: 'not-visible' }
  const _id = quoteId(request._id, supplier.organizationId)
  const fields = { ...input, requestVersion: request.version, submittedBy: supplier.userId }
  if (options.edit) {
    const existing = await Quote.findById(_id)
    if (!existing) return { ok: false, error: 'not-found' }
    if (existing.status === 'withdrawn') return { ok: false, error: 'withdrawn' }
    await Quote.updateOne({ _id }, { $set: fields })
    return { ok: true, quote: (await Quote.findById(_id))! }
  }
  try {
    const quote = await Quote.create({
      _id,
      request: request._id,
      supplier: supplier.organizationId,
      status: 'submitted',
      ...fields,
    })
    await addToList(quotesListKey(request._id), String(supplier.organizationId), now)
    await addToList(supplierInboxKey(supplier.organizationId), request._id.toHexString(), now)
    return { ok: true, quote }
  } catch (error) {
    if (isDuplicateKeyServerError(error)) return { ok: false, error: 'duplicate' }
    throw error
  }
}

export async function withdrawQuote(
  request: SourcingRequestDocument,
  supplierId: Types.ObjectId,
  now = new Date(),
): Promise<boolean> {
  if (effectiveStatus(request, now) !== 'open') return false
  const quote = await findQuote(request._id, supplierId)
  if (!quote || quote.status !== 'submitted') return false
  await Quote.updateOne({ _id: quote._id }, { $set: { status: 'withdrawn' } })
  return true
}

/** The request's quotes, in the order they came in. For the buyer only: callers check. */
export async function quotesOfRequest(requestId: Types.ObjectId) {
  const suppliers = await readList(quotesListKey(requestId), 1_000)
  const quotes = await Promise.all(
    suppliers.map(({ value }) => Quote.findById(quoteId(requestId, value)).lean()),
  )
  return quotes.filter((quote) => quote !== null)
}

/** The buyer's decision on one quote. */
export async function decideQuote(
  requestId: Types.ObjectId,
  supplierId: string,
  decision: Extract<QuoteStatus, 'shortlisted' | 'awarded' | 'declined' | 'submitted'>,
  extra: { declineReason?: string; spam?: boolean } = {},
  now = new Date(),
): Promise<boolean> {
  const quote = await Quote.findById(quoteId(requestId, supplierId))
  if (!quote || quote.status === 'withdrawn') return false
  const set: Record<string, unknown> = { status: decision }
  if (decision === 'declined') set.declineReason = extra.declineReason ?? ''
  if (extra.spam) set.spamReportedAt = now
  await Quote.updateOne({ _id: quote._id }, { $set: set })
  return true
}

export async function reportSpamQuote(
  requestId: Types.ObjectId,
  supplierId: string,
  now = new Date(),
) {
  const quote = await Quote.findById(quoteId(requestId, supplierId))
  if (!quote) return false
  await Quote.updateOne({ _id: quote._id }, { $set: { spamReportedAt: now, status: 'declined' } })
  return true
}

/** The supplier's "requests for you": invited to, matched to, or quoted on; newest first. */
export async function inboxOfSupplier(supplierId: Types.ObjectId) {
  const entries = await readList(supplierInboxKey(supplierId), 500)
  return entries.map(({ value, at }) => ({ requestId: value, at })).reverse()
}
