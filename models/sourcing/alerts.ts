import { Schema, type Types } from 'mongoose'
import { membersWithRoles } from '../accounts/user.ts'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import { isLocale, translator, type Locale } from '../i18n/index.ts'
import { inboxOfSupplier, Quote, quoteId, supplierAccess } from './quote.ts'
import { effectiveStatus, SourcingRequest } from './sourcing-request.ts'

/**
 * E-mail alerts of suppliers about sourcing requests (issue 18).
 *
 * - `SourcingAlert`, `_id` = the supplier organisation: whether its owner and admins get the
 *   daily digest (set on the "requests for you" page). Read by `_id` on request paths; the
 *   daily job streams it (one cursor), and it only holds suppliers that ever set it.
 * - `SourcingDigestSent`, `_id` = `<supplier>:<request>`: a request put in a digest. The insert
 *   is the claim, so a request is never in two digests, even when the job runs twice.
 * - The digest lists what is new in the supplier's "requests for you" (matches of newly opened
 *   requests and invitations), still open to it, not yet quoted, not yet in a digest.
 */
const alertSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    on: { type: Boolean, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { versionKey: false },
)
export const SourcingAlert = defineModel('SourcingAlert', alertSchema)

const digestSentSchema = new Schema(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false },
)
export const SourcingDigestSent = defineModel('SourcingDigestSent', digestSentSchema)

export async function alertsOn(supplierId: Types.ObjectId): Promise<boolean> {
  return Boolean((await SourcingAlert.findById(supplierId).lean())?.on)
}

export async function setAlerts(
  supplierId: Types.ObjectId,
  on: boolean,
  userId: Types.ObjectId,
  now = new Date(),
) {
  await SourcingAlert.replaceOne(
    { _id: supplierId },
    { _id: supplierId, on, updatedAt: now, updatedBy: userId },
    { upsert: true },
  )
}

/** Only requests that reached the inbox within this window are digest material. */
const DIGEST_LOOKBACK_MS = 8 * 24 * 60 * 60 * 1000
/** At most this many requests in one digest (the rest follow the next day). */
export const DIGEST_MAX_ITEMS = 20

export interface DigestMailer {
  send(message: { to: string; subject: string; text: string; html: string }): Promise<unknown>
}

/** Claims the supplier's new requests for a digest; the claimed ones, oldest first. */
async function claimNewRequests(supplierId: Types.ObjectId, now: Date) {
  const entries = (await inboxOfSupplier(supplierId))
    .filter(({ at }) => now.getTime() - at.getTime() <= DIGEST_LOOKBACK_MS)
    .reverse()
  const claimed: Array<{ id: string; title: { vi: string; en: string }; closesOn: string }> = []
  for (const { requestId } of entries) {
    if (claimed.length >= DIGEST_MAX_ITEMS) break
    const key = `${supplierId.toHexString()}:${requestId}`
    if (await SourcingDigestSent.exists({ _id: key })) continue
    const request = await SourcingRequest.findById(requestId)
    if (!request || effectiveStatus(request, now) !== 'open') continue
    if ((await supplierAccess(request, supplierId, now)).level !== 'full') continue
    if (await Quote.exists({ _id: quoteId(request._id, supplierId) })) continue
    try {
      await SourcingDigestSent.create({ _id: key, at: now })
    } catch (error) {
      if (isDuplicateKeyServerError(error)) continue
      throw error
    }
    claimed.push({
      id: requestId,
      title: { vi: request.title?.vi ?? '', en: request.title?.en ?? '' },
      closesOn: request.closesOn,
    })
  }
  return claimed
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
}

/** The digest e-mail, in the member's language. */
export function digestMessage(
  locale: Locale,
  to: string,
  origin: string,
  items: ReadonlyArray<{ id: string; title: { vi: string; en: string }; closesOn: string }>,
) {
  const t = translator(locale)
  const lines = items.map((item) => ({
    title: item.title[locale] || item.title.vi || item.title.en,
    link: `${origin}/sourcing/${item.id}`,
    closes: t('sourcing.digest.closesOn', { date: item.closesOn }),
  }))
  const subject = t('sourcing.digest.subject', { count: String(items.length) })
  const intro = t('sourcing.digest.intro')
  const action = t('sourcing.digest.action')
  const footer = t('email.footer')
  return {
    to,
    subject,
    text:
      `${intro}\n\n` +
      lines.map((line) => `- ${line.title} (${line.closes}): ${line.link}`).join('\n') +
      `\n\n${action}: ${origin}/sourcing\n\n${footer}\n`,
    html:
      `<p>${escapeHtml(intro)}</p><ul>` +
      lines
        .map(
          (line) =>
            `<li><a href="${escapeHtml(line.link)}">${escapeHtml(line.title)}</a> (${escapeHtml(line.closes)})</li>`,
        )
        .join('') +
      `</ul><p><a href="${escapeHtml(origin)}/sourcing">${escapeHtml(action)}</a></p>` +
      `<p style="color:#555">${escapeHtml(footer)}</p>`,
  }
}

/**
 * The daily digest job: for each supplier with alerts on, one e-mail to each owner and admin
 * listing the requests claimed for it; nothing when nothing is new. A failed send gives the
 * claims back, so the requests come in the next digest.
 */
export async function runSourcingDigest(options: {
  mailer: DigestMailer
  origin: string
  now?: Date
  signal?: AbortSignal
}): Promise<{ suppliers: number; mails: number }> {
  const now = options.now ?? new Date()
  let suppliers = 0
  let mails = 0
  for await (const alert of SourcingAlert.find({}).lean().cursor()) {
    if (options.signal?.aborted) break
    if (!alert.on) continue
    const items = await claimNewRequests(alert._id, now)
    if (items.length === 0) continue
    const recipients = await membersWithRoles(alert._id, ['owner', 'admin'])
    try {
      for (const user of recipients) {
        const locale = isLocale(user.locale) ? user.locale : 'vi'
        await options.mailer.send(digestMessage(locale, user.email, options.origin, items))
        mails += 1
      }
    } catch (error) {
      for (const item of items)
        await SourcingDigestSent.deleteOne({ _id: `${alert._id.toHexString()}:${item.id}` })
      throw error
    }
    suppliers += 1
  }
  return { suppliers, mails }
}
