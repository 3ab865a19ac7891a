import type { AppLoadContext } from '@remix-run/node'
import type { Types } from 'mongoose'
import { membersWithRoles, User } from '#models/accounts/user.ts'
import { openConversation } from '#models/chat/conversation.ts'
import { isLocale, type TranslationKey } from '#models/i18n/index.ts'
import { addToList, readList } from '#models/sourcing/keyed-list.ts'
import {
  decideQuote,
  findQuote,
  invitedListKey,
  quoteId,
  reportSpamQuote,
  saveQuote,
  supplierInboxKey,
  withdrawQuote,
} from '#models/sourcing/quote.ts'
import { matchRequest } from '#models/sourcing/request-matches.ts'
import { fileReport } from '#models/staff/moderation.ts'
import { takeSourcingAllowance } from '#models/sourcing/sourcing-limits.ts'
import {
  DEFAULT_QUOTE_CAPS,
  releaseMonthlyQuotePlace,
  takeMonthlyQuotePlace,
} from '#models/sourcing/quote-cap.ts'
import { entitlementFor } from '#models/billing/billing-account.ts'
import {
  effectiveStatus,
  recordOutcome,
  transitionRequest,
  type SourcingRequestDocument,
} from '#models/sourcing/sourcing-request.ts'
import { declineSchema, outcomeSchema, quoteSchema } from '#models/sourcing/sourcing-schemas.ts'
import type { parseSubmission as ParseSubmission } from './request.server.ts'
import { appOrigin, linkEmail } from './emails.server.ts'
import type { RequestViewer } from './sourcing.server.ts'

/** What an intent did: a localised notice or error (keys), a form's reply, or where to go next. */
export interface IntentOutcome {
  status?: number
  error?: TranslationKey
  done?: TranslationKey
  result?: unknown
  redirectTo?: string
}

const OBJECT_ID = /^[0-9a-f]{24}$/
/** Suppliers that get a newly opened open request in their "requests for you". */
const MATCHED_INBOX = { limit: 30, minScore: 0.5 }

const refuse = (error: TranslationKey, status = 400): IntentOutcome => ({ error, status })

/** Tells the member who sent a quote what happened to it, in their language. */
export async function tellQuoter(
  context: AppLoadContext,
  request: SourcingRequestDocument,
  supplierId: string | Types.ObjectId,
  subject: TranslationKey,
) {
  const quote = await findQuote(request._id, supplierId)
  if (!quote) return
  const user = await User.findById(quote.submittedBy).select('email locale').lean()
  if (!user) return
  const locale = isLocale(user.locale) ? user.locale : 'vi'
  const title = request.title?.[locale] || request.title?.vi || request.title?.en || ''
  await context.services.mailer.send(
    linkEmail({
      locale,
      to: user.email,
      subject,
      intro: 'sourcing.email.intro',
      action: 'sourcing.email.action',
      link: `${appOrigin(context)}/sourcing/${request._id.toHexString()}`,
      params: { title },
    }),
  )
}

/**
 * Tells an invited supplier's owner and admins, each in their language. Members are found by
 * the organisation's member keys (models/accounts/organization-members.ts), never by a filter
 * on users.
 */
export async function tellInvitedSupplier(
  context: AppLoadContext,
  request: SourcingRequestDocument,
  supplierId: string | Types.ObjectId,
) {
  const recipients = await membersWithRoles(String(supplierId), ['owner', 'admin'])
  for (const user of recipients) {
    const locale = isLocale(user.locale) ? user.locale : 'vi'
    const title = request.title?.[locale] || request.title?.vi || request.title?.en || ''
    try {
      await context.services.mailer.send(
        linkEmail({
          locale,
          to: user.email,
          subject: 'sourcing.email.invited',
          intro: 'sourcing.email.invitedIntro',
          action: 'sourcing.email.action',
          link: `${appOrigin(context)}/sourcing/${request._id.toHexString()}`,
          params: { title },
        }),
      )
    } catch (error) {
      context.logger.warn({ err: error }, 'invitation e-mail not sent')
    }
  }
}

export async function buyerAction(
  viewer: Extract<RequestViewer, { role: 'buyer' }>,
  form: FormData,
  context: AppLoadContext,
): Promise<IntentOutcome> {
  const { sourcingRequest: request, actor } = viewer
  const intent = form.get('intent')
  const supplier = String(form.get('supplier') ?? '')
  const status = effectiveStatus(request)
  const decidable = status === 'open' || status === 'closed' || status === 'awarded'
  switch (intent) {
    case 'open': {
      if (!(await transitionRequest(request, 'open'))) return refuse('sourcing.error.status', 409)
      // Suppliers invited while it was a draft learn of it now.
      for (const { value } of await readList(invitedListKey(request._id), 300)) {
        await tellInvitedSupplier(context, request, value)
      }
      if (request.visibility === 'open') {
        try {
          const matches = await matchRequest(context.services.search, request, {
            limit: MATCHED_INBOX.limit,
          })
          for (const match of matches.filter((entry) => entry.score >= MATCHED_INBOX.minScore)) {
            await addToList(supplierInboxKey(match.id), request._id.toHexString())
          }
        } catch (error) {
          context.logger.warn({ err: error }, 'matched suppliers not told of a new request')
        }
      }
      return { done: 'sourcing.done.opened' }
    }
    case 'close':
    case 'cancel':
      if (!(await transitionRequest(request, intent))) return refuse('sourcing.error.status', 409)
      return { done: intent === 'close' ? 'sourcing.done.closed' : 'sourcing.done.cancelled' }
    case 'shortlist':
    case 'unshortlist':
    case 'report-spam': {
      if (!decidable || !OBJECT_ID.test(supplier)) return refuse('sourcing.error.status', 409)
      if (intent === 'report-spam') {
        // Into the staff reports queue first (models/staff/moderation.ts: it checks the quote is
        // on this buyer's request, one open report per member and quote, a daily cap); then the
        // quote is flagged and declined. A report refused changes nothing.
        const filed = await fileReport({
          reporter: { userId: actor.user._id, organizationId: actor.organization._id },
          targetType: 'quote',
          targetId: quoteId(request._id, supplier),
          reason: 'spam',
        })
        if (!filed.ok && filed.error === 'staffConsole.report.notFound')
          return refuse('sourcing.error.noQuote', 404)
        if (!filed.ok && filed.error !== 'staffConsole.report.duplicate')
          return refuse(filed.error, filed.error === 'staffConsole.report.tooMany' ? 429 : 400)
      }
      const done =
        intent === 'report-spam'
          ? await reportSpamQuote(request._id, supplier)
          : await decideQuote(
              request._id,
              supplier,
              intent === 'shortlist' ? 'shortlisted' : 'submitted',
            )
      if (!done) return refuse('sourcing.error.noQuote', 404)
      return { done: 'sourcing.done.saved' }
    }
    case 'award': {
      const suppliers = form
        .getAll('supplier')
        .map(String)
        .filter((id) => OBJECT_ID.test(id))
      if (suppliers.length === 0 || suppliers.length > 50) return refuse('sourcing.error.noQuote')
      if (status !== 'open' && status !== 'closed' && status !== 'awarded') {
        return refuse('sourcing.error.status', 409)
      }
      const quotes = await Promise.all(suppliers.map((id) => findQuote(request._id, id)))
      if (quotes.some((quote) => !quote || quote.status === 'withdrawn')) {
        return refuse('sourcing.error.noQuote', 404)
      }
      for (const id of suppliers) {
        await decideQuote(request._id, id, 'awarded')
        await tellQuoter(context, request, id, 'sourcing.email.awarded')
      }
      if (status !== 'awarded') await transitionRequest(request, 'award')
      return { done: 'sourcing.done.awarded' }
    }
    case 'decline': {
      if (!decidable) return refuse('sourcing.error.status', 409)
      const parsed = declineSchema.safeParse({
        supplier,
        reason: form.get('reason') ?? undefined,
      })
      if (!parsed.success) {
        return refuse((parsed.error.issues[0]?.message ?? 'validation.invalid') as TranslationKey)
      }
      const done = await decideQuote(request._id, supplier, 'declined', {
        declineReason: parsed.data.reason,
      })
      if (!done) return refuse('sourcing.error.noQuote', 404)
      await tellQuoter(context, request, supplier, 'sourcing.email.declined')
      return { done: 'sourcing.done.saved' }
    }
    case 'outcome': {
      const parsed = outcomeSchema.safeParse({
        outcome: form.get('outcome') ?? undefined,
        approximateValue: form.get('approximateValue') || undefined,
        currency: form.get('currency') || undefined,
      })
      if (!parsed.success) {
        return refuse((parsed.error.issues[0]?.message ?? 'validation.invalid') as TranslationKey)
      }
      if (!(await recordOutcome(request, parsed.data))) return refuse('sourcing.error.status', 409)
      return { done: 'sourcing.done.saved' }
    }
    case 'chat': {
      if (!OBJECT_ID.test(supplier) || !(await findQuote(request._id, supplier))) {
        return refuse('sourcing.error.noQuote', 404)
      }
      const opened = await openConversation(
        { userId: actor.user._id, organizationId: actor.organization._id },
        supplier,
        { kind: 'rfq', refId: request._id.toHexString() },
      )
      if (!opened.ok) return refuse(opened.error)
      return { redirectTo: `/messages/${opened.conversation._id.toHexString()}` }
    }
    default:
      return refuse('sourcing.error.unknownIntent')
  }
}

/** One of the month's quote places for the supplier, or the localised error at its plan's cap. */
async function takeQuotePlace(
  organizationId: Types.ObjectId,
  context: AppLoadContext,
): Promise<{ key: string } | { error: TranslationKey }> {
  const caps = context.services.billing?.quoteCaps ?? DEFAULT_QUOTE_CAPS
  const premium = (await entitlementFor(organizationId)).plan === 'supplier_premium'
  const key = await takeMonthlyQuotePlace(organizationId, premium ? caps.premium : caps.free)
  if (key) return { key }
  return { error: premium ? 'billing.quoteCap.premium' : 'billing.quoteCap.free' }
}

export async function supplierAction(
  viewer: Extract<RequestViewer, { role: 'supplier' }>,
  form: FormData,
  context: AppLoadContext,
  parseSubmission: typeof ParseSubmission,
): Promise<IntentOutcome> {
  const { sourcingRequest: request, actor } = viewer
  const intent = form.get('intent')
  switch (intent) {
    case 'quote':
    case 'update-quote': {
      const submission = parseSubmission(form, { schema: quoteSchema })
      if (submission.status !== 'success') return { result: submission.reply(), status: 400 }
      if (!(await takeSourcingAllowance('quote', actor.organization._id))) {
        return { result: submission.reply(), error: 'sourcing.error.rateLimited', status: 429 }
      }
      // A new quote takes one of the month's places, more of them with Supplier Premium.
      const place =
        intent === 'quote' ? await takeQuotePlace(actor.organization._id, context) : undefined
      if (place && 'error' in place) {
        return { result: submission.reply(), error: place.error, status: 429 }
      }
      const saved = await saveQuote(
        request,
        { organizationId: actor.organization._id, userId: actor.user._id },
        submission.value,
        { edit: intent === 'update-quote' },
      )
      if (!saved.ok && place) await releaseMonthlyQuotePlace(place.key)
      if (!saved.ok) {
        const error: Record<typeof saved.error, TranslationKey> = {
          closed: 'sourcing.error.closed',
          'not-visible': 'sourcing.error.notVisible',
          duplicate: 'sourcing.error.duplicateQuote',
          withdrawn: 'sourcing.error.withdrawn',
          'not-found': 'sourcing.error.noQuote',
        }
        return { result: submission.reply(), error: error[saved.error], status: 409 }
      }
      return { result: submission.reply({ resetForm: false }), done: 'sourcing.done.quoted' }
    }
    case 'withdraw':
      return (await withdrawQuote(request, actor.organization._id))
        ? { done: 'sourcing.done.withdrawn' }
        : refuse('sourcing.error.status', 409)
    case 'ask': {
      if (viewer.access !== 'full') return refuse('sourcing.error.notVisible', 404)
      const opened = await openConversation(
        { userId: actor.user._id, organizationId: actor.organization._id },
        request.buyer,
        { kind: 'rfq', refId: request._id.toHexString() },
      )
      if (!opened.ok) return refuse(opened.error)
      void context
      return { redirectTo: `/messages/${opened.conversation._id.toHexString()}` }
    }
    default:
      return refuse('sourcing.error.unknownIntent')
  }
}
