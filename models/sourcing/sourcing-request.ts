import { Schema, Types } from 'mongoose'
import { defineModel } from '../define-model.ts'
import {
  endOfDayInVietnam,
  REQUEST_STATUSES,
  type RequestStatus,
  type SourcingRequestInput,
} from './sourcing-schemas.ts'
import { addToList, readList } from './keyed-list.ts'

/**
 * A buyer's sourcing request (RFQ). Read by `_id` only; a buyer's list of requests is the keyed
 * list `requests:<organisation>` (keyed-list.ts). Edits after opening are versioned: each keeps
 * the version number, when, by whom and which fields changed, so quoting suppliers can be told.
 */
const bilingual = { vi: { type: String, default: '' }, en: { type: String, default: '' } }

const sourcingRequestSchema = new Schema(
  {
    buyer: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    status: { type: String, enum: REQUEST_STATUSES, default: 'draft', required: true },
    title: bilingual,
    description: bilingual,
    sectors: { type: [String], default: [] },
    processes: { type: [String], default: [] },
    materials: { type: [String], default: [] },
    certifications: { type: [String], default: [] },
    hsCode: String,
    quantity: { type: Number, required: true },
    unit: { type: String, required: true },
    annualVolume: Number,
    targetPrice: Number,
    currency: { type: String, required: true },
    showTargetPrice: { type: Boolean, default: false },
    deliveryCountry: { type: String, required: true },
    deliveryProvince: String,
    incoterm: { type: String, required: true },
    neededBy: String,
    closesOn: { type: String, required: true },
    closesAt: { type: Date, required: true },
    visibility: { type: String, enum: ['open', 'invited'], required: true },
    verifiedPreference: { type: String, default: 'preferred' },
    ndaText: { type: String, default: '' },
    /** Drawings and specs (StoredFile, purpose `sourcing-attachment`); see attachments.ts. */
    attachments: { type: [Schema.Types.ObjectId], default: [] },
    version: { type: Number, default: 1 },
    versions: {
      type: [
        { _id: false, version: Number, at: Date, by: Schema.Types.ObjectId, fields: [String] },
      ],
      default: [],
    },
    openedAt: Date,
    closedAt: Date,
    outcome: {
      kind: String,
      approximateValue: Number,
      currency: String,
      at: Date,
    },
  },
  { timestamps: true },
)

export const SourcingRequest = defineModel('SourcingRequest', sourcingRequestSchema)
export type SourcingRequestDocument = InstanceType<typeof SourcingRequest>

const EDITABLE_FIELDS = [
  'title',
  'description',
  'sectors',
  'processes',
  'materials',
  'certifications',
  'hsCode',
  'quantity',
  'unit',
  'annualVolume',
  'targetPrice',
  'currency',
  'showTargetPrice',
  'deliveryCountry',
  'deliveryProvince',
  'incoterm',
  'neededBy',
  'closesOn',
  'visibility',
  'verifiedPreference',
  'ndaText',
] as const

export const buyerListKey = (organizationId: Types.ObjectId | string) =>
  `requests:${String(organizationId)}`

const OBJECT_ID = /^[0-9a-f]{24}$/

/** Point read; null for a malformed or unknown id. */
export async function findSourcingRequest(id: string) {
  if (!OBJECT_ID.test(id)) return null
  return SourcingRequest.findById(id)
}

function fieldsOf(input: SourcingRequestInput) {
  return {
    ...input,
    hsCode: input.hsCode ?? undefined,
    closesAt: endOfDayInVietnam(input.closesOn),
  }
}

export async function createSourcingRequest(
  buyer: { organizationId: Types.ObjectId; userId: Types.ObjectId | string },
  input: SourcingRequestInput,
  now = new Date(),
) {
  const request = await SourcingRequest.create({
    _id: new Types.ObjectId(),
    buyer: buyer.organizationId,
    createdBy: buyer.userId,
    status: 'draft',
    ...fieldsOf(input),
  })
  await addToList(buyerListKey(buyer.organizationId), request._id.toHexString(), now)
  return request
}

/** What changed between the stored request and the submitted values, by field name. */
export function changedFields(
  stored: Record<string, unknown>,
  input: SourcingRequestInput,
): string[] {
  const normal = (value: unknown) => JSON.stringify(value ?? null)
  return EDITABLE_FIELDS.filter((field) => {
    const before = stored[field]
    const after = (input as Record<string, unknown>)[field]
    if (Array.isArray(before) || Array.isArray(after)) {
      return normal([...((before as unknown[]) ?? [])]) !== normal(after ?? [])
    }
    if (before && typeof before === 'object' && !(before instanceof Date)) {
      const { vi, en } = before as { vi?: string; en?: string }
      return normal({ vi: vi ?? '', en: en ?? '' }) !== normal(after)
    }
    return normal(before === '' ? null : before) !== normal(after === '' ? null : after)
  })
}

/**
 * Saves an edit. A draft is edited in place; an open request gets a new version listing the
 * changed fields. Closed, awarded and cancelled requests are not edited.
 */
export async function editSourcingRequest(
  request: SourcingRequestDocument,
  userId: Types.ObjectId | string,
  input: SourcingRequestInput,
  now = new Date(),
): Promise<{ ok: true; changed: string[]; versioned: boolean } | { ok: false; error: 'status' }> {
  const status = effectiveStatus(request, now)
  if (status !== 'draft' && status !== 'open') return { ok: false, error: 'status' }
  const changed = changedFields(request.toObject() as Record<string, unknown>, input)
  if (changed.length === 0) return { ok: true, changed, versioned: false }
  const unset: Record<string, 1> = {}
  const set: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fieldsOf(input))) {
    if (value === undefined) unset[key] = 1
    else set[key] = value
  }
  const versioned = status === 'open'
  const update: Record<string, unknown> = { $set: set }
  if (Object.keys(unset).length) update.$unset = unset
  if (versioned) {
    set.version = request.version + 1
    update.$push = {
      versions: {
        version: request.version + 1,
        at: now,
        by: new Types.ObjectId(String(userId)),
        fields: changed,
      },
    }
  }
  await SourcingRequest.updateOne({ _id: request._id }, update)
  return { ok: true, changed, versioned }
}

/**
 * A new version of an open request for a change made outside the edit form (attachments):
 * the same record as an edit, so quoting suppliers are told the same way. Drafts are not
 * versioned.
 */
export async function recordVersion(
  request: SourcingRequestDocument,
  userId: Types.ObjectId | string,
  fields: string[],
  now = new Date(),
): Promise<boolean> {
  if (effectiveStatus(request, now) !== 'open') return false
  const version = request.version + 1
  const entry = { version, at: now, by: new Types.ObjectId(String(userId)), fields }
  await SourcingRequest.updateOne(
    { _id: request._id },
    { $set: { version }, $push: { versions: entry } },
  )
  request.set({ version })
  return true
}

/** The status as of `now`: an open request past its closing time is closed. */
export function effectiveStatus(
  request: { status: string; closesAt: Date },
  now = new Date(),
): RequestStatus {
  const status = request.status as RequestStatus
  if (status === 'open' && request.closesAt.getTime() < now.getTime()) return 'closed'
  return status
}

const TRANSITIONS: Record<string, { from: RequestStatus[]; to: RequestStatus }> = {
  open: { from: ['draft'], to: 'open' },
  close: { from: ['open'], to: 'closed' },
  cancel: { from: ['draft', 'open', 'closed'], to: 'cancelled' },
  award: { from: ['open', 'closed'], to: 'awarded' },
}
export type Transition = keyof typeof TRANSITIONS

export function canTransition(
  request: { status: string; closesAt: Date },
  transition: Transition,
  now = new Date(),
): boolean {
  const rule = TRANSITIONS[transition]
  return Boolean(rule?.from.includes(effectiveStatus(request, now)))
}

/** Moves the request along its lifecycle; false when not allowed from where it is. */
export async function transitionRequest(
  request: SourcingRequestDocument,
  transition: Transition,
  now = new Date(),
): Promise<boolean> {
  if (!canTransition(request, transition, now)) return false
  if (transition === 'open' && request.closesAt.getTime() < now.getTime()) return false
  const to = TRANSITIONS[transition]!.to
  const set: Record<string, unknown> = { status: to }
  if (to === 'open') set.openedAt = now
  if (to === 'closed' || (to !== 'open' && !request.closedAt)) set.closedAt = now
  // By `_id` alone: any other filter is a collection scan on FerretDB (DESIGN.md).
  await SourcingRequest.updateOne({ _id: request._id }, { $set: set })
  request.set(set)
  return true
}

export async function recordOutcome(
  request: SourcingRequestDocument,
  outcome: { outcome: 'order' | 'no-order'; approximateValue?: number; currency: string },
  now = new Date(),
): Promise<boolean> {
  if (request.status !== 'awarded' && effectiveStatus(request, now) !== 'closed') return false
  await SourcingRequest.updateOne(
    { _id: request._id },
    {
      $set: {
        outcome: {
          kind: outcome.outcome,
          approximateValue: outcome.approximateValue,
          currency: outcome.currency,
          at: now,
        },
      },
    },
  )
  return true
}

/** The organisation's requests, newest first: the keyed list, then one point read each. */
export async function requestsOfBuyer(organizationId: Types.ObjectId) {
  const entries = await readList(buyerListKey(organizationId), 500)
  const requests = await Promise.all(
    entries.map(({ value }) => SourcingRequest.findById(value).lean()),
  )
  return requests.filter((request) => request !== null).reverse()
}
