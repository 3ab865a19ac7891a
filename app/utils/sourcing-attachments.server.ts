import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type AppLoadContext,
} from '@remix-run/node'
import { takeAllowance } from '#models/accounts/mail-throttle.ts'
import type { TranslationKey } from '#models/i18n/index.ts'
import {
  acceptNda,
  attachToQuote,
  attachToRequest,
  detachFromQuote,
  detachFromRequest,
} from '#models/sourcing/attachments.ts'
import { quotesOfRequest } from '#models/sourcing/quote.ts'
import { effectiveStatus, recordVersion } from '#models/sourcing/sourcing-request.ts'
import { checkFormShape, limitParts } from './form-limits.server.ts'
import type { Actor } from './permissions.server.ts'
import { readForm } from './request.server.ts'
import type { IntentOutcome } from './sourcing-actions.server.ts'
import { tellQuoter } from './sourcing-actions.server.ts'
import type { RequestViewer } from './sourcing.server.ts'

const MB = 1024 * 1024

/** The request page's form: multipart when it carries a file (parts capped as they arrive). */
export async function readSourcingForm(request: Request): Promise<FormData> {
  const type = request.headers.get('Content-Type') ?? ''
  if (!type.startsWith('multipart/form-data')) return readForm(request)
  try {
    const form = await unstable_parseMultipartFormData(
      request,
      limitParts(unstable_createMemoryUploadHandler({ maxPartSize: 20 * MB })),
    )
    checkFormShape(form)
    return form
  } catch (error) {
    if (error instanceof Response) throw error
    throw new Response('Bad Request', { status: 400 })
  }
}

/** Sourcing uploads per organisation, like chat uploads (each file ≤ 20 MB, server/uploads.ts). */
export const SOURCING_UPLOAD_LIMITS = [
  { max: 30, windowMs: 60 * 60 * 1000 },
  { max: 100, windowMs: 24 * 60 * 60 * 1000 },
]

const refuse = (error: TranslationKey, status = 400): IntentOutcome => ({ error, status })

/** Stores the form's `file` through the uploads module (type sniffed, size capped). */
async function saveUpload(context: AppLoadContext, actor: Actor, form: FormData) {
  const upload = form.get('file')
  if (!(upload instanceof File) || upload.size === 0)
    return { ok: false as const, error: 'upload.empty' as TranslationKey }
  const waitMs = await takeAllowance(
    `sourcing-uploads:${actor.organization._id.toHexString()}`,
    SOURCING_UPLOAD_LIMITS,
  )
  if (waitMs > 0) return { ok: false as const, error: 'upload.quotaReached' as TranslationKey }
  const saved = await context.services.files.save({
    organizationId: actor.organization._id,
    userId: actor.user._id,
    purpose: 'sourcing-attachment',
    originalName: upload.name,
    bytes: new Uint8Array(await upload.arrayBuffer()),
  })
  return saved.ok ? saved : { ok: false as const, error: saved.error as TranslationKey }
}

/** Tells every supplier with a live quote that the request has a new version. */
export async function tellQuotersOfChange(
  context: AppLoadContext,
  viewer: Extract<RequestViewer, { role: 'buyer' }>,
) {
  const request = viewer.sourcingRequest
  for (const quote of await quotesOfRequest(request._id)) {
    if (quote.status === 'withdrawn') continue
    await tellQuoter(context, request, String(quote.supplier), 'sourcing.email.changed')
  }
}

/** The buyer's attachment intents: attach (a file) and detach (a file id). */
export async function buyerAttachmentAction(
  viewer: Extract<RequestViewer, { role: 'buyer' }>,
  intent: 'attach' | 'detach',
  form: FormData,
  context: AppLoadContext,
): Promise<IntentOutcome> {
  const { sourcingRequest: request, actor } = viewer
  const status = effectiveStatus(request)
  if (status !== 'draft' && status !== 'open') return refuse('sourcing.error.status', 409)
  if (intent === 'attach') {
    if (request.attachments.length >= 10) return refuse('sourcing.error.tooManyFiles')
    const saved = await saveUpload(context, actor, form)
    if (!saved.ok) return refuse(saved.error)
    if (!(await attachToRequest(request, saved.file._id))) {
      await context.services.files.remove(saved.file)
      return refuse('sourcing.error.tooManyFiles')
    }
  } else if (!(await detachFromRequest(request, String(form.get('file') ?? '')))) {
    return refuse('sourcing.error.noFile', 404)
  }
  // After opening, a change of files is a new version, and quoting suppliers are told.
  if (await recordVersion(request, actor.user._id, ['attachments'])) {
    await tellQuotersOfChange(context, viewer)
  }
  return { done: 'sourcing.done.saved' }
}

/** The supplier's intents: accept the NDA, attach a file to its quote, detach one. */
export async function supplierAttachmentAction(
  viewer: Extract<RequestViewer, { role: 'supplier' }>,
  intent: 'accept-nda' | 'attach-quote' | 'detach-quote',
  form: FormData,
  context: AppLoadContext,
): Promise<IntentOutcome> {
  const { sourcingRequest: request, actor } = viewer
  const supplier = { organizationId: actor.organization._id, userId: actor.user._id }
  if (intent === 'accept-nda') {
    if (form.get('accept') !== 'on') return refuse('sourcing.error.ndaNotAccepted')
    await acceptNda(request, supplier)
    return { done: 'sourcing.done.ndaAccepted' }
  }
  if (viewer.access !== 'full' || effectiveStatus(request) !== 'open')
    return refuse('sourcing.error.closed', 409)
  if (intent === 'detach-quote') {
    return (await detachFromQuote(
      request._id,
      actor.organization._id,
      String(form.get('file') ?? ''),
    ))
      ? { done: 'sourcing.done.saved' }
      : refuse('sourcing.error.noFile', 404)
  }
  const saved = await saveUpload(context, actor, form)
  if (!saved.ok) return refuse(saved.error)
  if (!(await attachToQuote(request._id, actor.organization._id, saved.file._id))) {
    await context.services.files.remove(saved.file)
    return refuse('sourcing.error.noQuote', 409)
  }
  return { done: 'sourcing.done.saved' }
}
