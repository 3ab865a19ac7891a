import { Types } from 'mongoose'
import { membersWithRoles, User } from '../accounts/user.ts'
import { formatAmount } from '../billing/plans.ts'
import { isLocale, translator, type Locale } from '../i18n/index.ts'
import { claimKey, releaseKey } from './event-key.ts'
import { findEventById } from './event.ts'
import { PaymentHold } from './payment-hold.ts'
import { Registration, registrationId } from './registration.ts'

/**
 * A registration promoted from a paid event's waitlist waits for its fee, its place held 30
 * minutes (payment-hold.ts): its organisation's owner and admins (who may pay) and the member
 * who registered are told at once, with the pay link, in their language. Run by the
 * `events-payment-holds` job every minute, right after it releases expired holds. Each
 * (registration, sequence) is claimed by the key `promoted-notice:<event>:<org>:<seq>` before
 * the mails; a failed send gives it back.
 */

export interface HoldNoticeMailer {
  send(message: { to: string; subject: string; text: string; html: string }): Promise<unknown>
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
}

export function holdNoticeMessage(
  locale: Locale,
  to: string,
  details: { title: string; payLink: string; feeVnd: number; holdUntil: Date },
) {
  const t = translator(locale)
  const until = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(details.holdUntil)
  const params = { event: details.title, fee: formatAmount(details.feeVnd, 'vnd', locale), until }
  const subject = t('billing.eventFee.promoted.subject', params)
  const body = t('billing.eventFee.promoted.body', params)
  const action = t('billing.eventFee.payLink')
  const footer = t('email.footer')
  return {
    to,
    subject,
    text: `${body}\n\n${action}: ${details.payLink}\n\n${footer}\n`,
    html:
      `<p>${escapeHtml(body)}</p>` +
      `<p><a href="${escapeHtml(details.payLink)}">${escapeHtml(action)}</a></p>` +
      `<p style="color:#555">${escapeHtml(footer)}</p>`,
  }
}

/** Mails the registrants of holds opened by a promotion and not yet told. */
export async function sendPromotionNotices(options: {
  mailer: HoldNoticeMailer
  origin: string
  signal?: AbortSignal
}): Promise<number> {
  // The collection holds only open holds: one cursor.
  const promoted = []
  for await (const hold of PaymentHold.find({}).lean().cursor()) {
    if (hold.promoted) promoted.push(hold)
  }
  let told = 0
  for (const hold of promoted) {
    if (options.signal?.aborted) break
    const key = `promoted-notice:${hold.event}:${hold.org}:${hold.seq}`
    if (!(await claimKey(key))) continue
    try {
      const [event, registration] = await Promise.all([
        findEventById(hold.event),
        Registration.findById(registrationId(hold.event, hold.org)).lean(),
      ])
      if (!event || registration?.state !== 'payment-pending') continue
      const admins = await membersWithRoles(hold.org, ['owner', 'admin'])
      const registrant =
        registration.registeredBy && Types.ObjectId.isValid(registration.registeredBy)
          ? await User.findById(registration.registeredBy, {
              email: 1,
              locale: 1,
              organization: 1,
            }).lean()
          : null
      const recipients = new Map<string, { email: string; locale?: string | null }>()
      for (const user of [
        ...admins,
        ...(registrant && String(registrant.organization) === hold.org ? [registrant] : []),
      ])
        recipients.set(user.email, user)
      for (const user of recipients.values()) {
        const locale = isLocale(user.locale) ? user.locale : 'vi'
        await options.mailer.send(
          holdNoticeMessage(locale, user.email, {
            title: event.title?.[locale] || event.title?.vi || event.title?.en || event.slug,
            payLink: `${options.origin}/events/${event.slug}/pay`,
            feeVnd: event.feeVnd,
            holdUntil: hold.holdUntil,
          }),
        )
      }
      told += 1
    } catch (error) {
      await releaseKey(key)
      throw error
    }
  }
  return told
}
