import crypto from 'node:crypto'
import { Schema, Types } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import { StoredFile } from '../files/stored-file.ts'
import { Quote, quoteId, supplierAccess } from './quote.ts'
import { SourcingRequest, type SourcingRequestDocument } from './sourcing-request.ts'

/**
 * Attachments of sourcing requests (drawings, specs) and of quotes, and the buyer's NDA.
 *
 * - A request's files are listed on the request (`attachments`), uploaded by the buyer through
 *   the uploads module (purpose `sourcing-attachment`: images or PDFs, type sniffed, size
 *   capped). A supplier downloads them only while the request is shown to it (open to all,
 *   invited, or it quoted) AND after a member accepted the buyer's NDA text.
 * - A quote's files are listed on the quote; only the buyer organisation and the quoting
 *   supplier download them.
 * - Downloads go through `/sourcing/:requestId/files/:fileId` (attachmentForViewer); the
 *   generic /files route serves them only to the organisation that uploaded them.
 *
 * An acceptance is one document `_id = <request>:<supplier>:<hash of the NDA text>` (a unique
 * insert; the first acceptance of a text is kept, with its time and user). When the buyer
 * changes the text, the hash changes: suppliers accept the new text before downloading again.
 */
export const ATTACHMENTS_MAX = 10

const ndaAcceptanceSchema = new Schema(
  {
    _id: { type: String, required: true },
    request: { type: Schema.Types.ObjectId, required: true },
    supplier: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    /** The text accepted, as it was (the buyer may change it later). */
    text: { type: String, default: '' },
    at: { type: Date, required: true },
  },
  { versionKey: false },
)
export const NdaAcceptance = defineModel('NdaAcceptance', ndaAcceptanceSchema)

const ndaHash = (text: string) =>
  crypto.createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16)

export const ndaAcceptanceId = (
  requestId: Types.ObjectId | string,
  supplierId: Types.ObjectId | string,
  text: string,
) => `${String(requestId)}:${String(supplierId)}:${ndaHash(text)}`

/** The supplier's acceptance of the request's current NDA text, if any (one point read). */
export async function ndaAcceptanceOf(
  request: { _id: Types.ObjectId; ndaText?: string | null },
  supplierId: Types.ObjectId | string,
) {
  return NdaAcceptance.findById(
    ndaAcceptanceId(request._id, supplierId, request.ndaText ?? ''),
  ).lean()
}

/** Records that the user accepted the current NDA text for their organisation. */
export async function acceptNda(
  request: { _id: Types.ObjectId; ndaText?: string | null },
  supplier: { organizationId: Types.ObjectId; userId: Types.ObjectId },
  now = new Date(),
): Promise<void> {
  const text = request.ndaText ?? ''
  try {
    await NdaAcceptance.create({
      _id: ndaAcceptanceId(request._id, supplier.organizationId, text),
      request: request._id,
      supplier: supplier.organizationId,
      user: supplier.userId,
      text,
      at: now,
    })
  } catch (error) {
    // Accepted already (another member, or a second click): the first acceptance stands.
    if (!isDuplicateKeyServerError(error)) throw error
  }
}

const OBJECT_ID = /^[0-9a-f]{24}$/

/** Adds an uploaded file to the request's list; false when the list is full. */
export async function attachToRequest(
  request: SourcingRequestDocument,
  fileId: Types.ObjectId,
): Promise<boolean> {
  if (request.attachments.length >= ATTACHMENTS_MAX) return false
  await SourcingRequest.updateOne({ _id: request._id }, { $addToSet: { attachments: fileId } })
  request.attachments.push(fileId)
  return true
}

/** Takes a file off the request's list; false when it was not on it. */
export async function detachFromRequest(request: SourcingRequestDocument, fileId: string) {
  if (!OBJECT_ID.test(fileId) || !request.attachments.some((id) => id.toHexString() === fileId))
    return false
  await SourcingRequest.updateOne(
    { _id: request._id },
    { $pull: { attachments: new Types.ObjectId(fileId) } },
  )
  return true
}

/** Adds a file to the supplier's quote; false without a quote or with a full list. */
export async function attachToQuote(
  requestId: Types.ObjectId,
  supplierId: Types.ObjectId,
  fileId: Types.ObjectId,
): Promise<boolean> {
  const quote = await Quote.findById(quoteId(requestId, supplierId)).select('attachments status')
  if (!quote || quote.status === 'withdrawn') return false
  if ((quote.attachments ?? []).length >= ATTACHMENTS_MAX) return false
  await Quote.updateOne({ _id: quote._id }, { $addToSet: { attachments: fileId } })
  return true
}

export async function detachFromQuote(
  requestId: Types.ObjectId,
  supplierId: Types.ObjectId,
  fileId: string,
): Promise<boolean> {
  if (!OBJECT_ID.test(fileId)) return false
  const quote = await Quote.findById(quoteId(requestId, supplierId)).select('attachments')
  if (!quote || !(quote.attachments ?? []).some((id) => id.toHexString() === fileId)) return false
  await Quote.updateOne({ _id: quote._id }, { $pull: { attachments: new Types.ObjectId(fileId) } })
  return true
}

export interface AttachmentSummary {
  id: string
  name: string
  size: number
  mimeType: string
}

/** Names and sizes of the files, in the listed order (one point read each). */
export async function attachmentSummaries(
  ids: ReadonlyArray<Types.ObjectId>,
): Promise<AttachmentSummary[]> {
  const files = await Promise.all(ids.map((id) => StoredFile.findById(id).lean()))
  return files
    .filter((file) => file !== null)
    .map((file) => ({
      id: file._id.toHexString(),
      name: file.originalName,
      size: file.size,
      mimeType: file.mimeType,
    }))
}

export type AttachmentRefusal = 'not-found' | 'nda'

/**
 * The stored file behind a request's download link, when this organisation may have it:
 * - a file of the request: the buyer organisation; a supplier the request is shown to that
 *   accepted the current NDA text ('nda' when it has not yet);
 * - a file of a quote on the request: the buyer organisation and the quoting supplier.
 * Anything else, including files of other requests, is 'not-found'. Point reads only.
 */
export async function attachmentForViewer(
  request: SourcingRequestDocument,
  fileId: string,
  viewer: { organizationId: Types.ObjectId; role: 'buyer' | 'supplier' },
  now = new Date(),
): Promise<
  { ok: true; file: InstanceType<typeof StoredFile> } | { ok: false; error: AttachmentRefusal }
> {
  if (!OBJECT_ID.test(fileId)) return { ok: false, error: 'not-found' }
  const file = await StoredFile.findById(fileId)
  if (!file || file.purpose !== 'sourcing-attachment') return { ok: false, error: 'not-found' }
  const isBuyer = viewer.role === 'buyer' && request.buyer.equals(viewer.organizationId)
  if (file.organization.equals(request.buyer)) {
    if (!request.attachments.some((id) => id.equals(file._id)))
      return { ok: false, error: 'not-found' }
    if (isBuyer) return { ok: true, file }
    if (viewer.role !== 'supplier') return { ok: false, error: 'not-found' }
    const access = await supplierAccess(request, viewer.organizationId, now)
    if (access.level === 'none') return { ok: false, error: 'not-found' }
    if (!(await ndaAcceptanceOf(request, viewer.organizationId))) return { ok: false, error: 'nda' }
    return { ok: true, file }
  }
  // A quote's file: the quote of the organisation that uploaded it, on this request.
  const quote = await Quote.findById(quoteId(request._id, file.organization))
    .select('attachments')
    .lean()
  if (!quote || !(quote.attachments ?? []).some((id) => id.equals(file._id)))
    return { ok: false, error: 'not-found' }
  if (isBuyer || (viewer.role === 'supplier' && file.organization.equals(viewer.organizationId)))
    return { ok: true, file }
  return { ok: false, error: 'not-found' }
}
