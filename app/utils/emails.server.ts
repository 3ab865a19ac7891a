import { translator, type Locale, type TranslationKey } from '#models/i18n/index.ts'
import type { MailMessage } from '#server/mailer.ts'

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
}

/** One e-mail with a call to action, in the recipient's language. */
export function linkEmail(input: {
  locale: Locale
  to: string
  subject: TranslationKey
  intro: TranslationKey
  action: TranslationKey
  link: string
  params?: Record<string, string>
}): MailMessage {
  const t = translator(input.locale)
  const subject = t(input.subject, input.params)
  const intro = t(input.intro, input.params)
  const action = t(input.action)
  const footer = t('email.footer')
  return {
    to: input.to,
    subject,
    text: `${intro}\n\n${action}: ${input.link}\n\n${footer}\n`,
    html:
      `<p>${escapeHtml(intro)}</p>` +
      `<p><a href="${escapeHtml(input.link)}">${escapeHtml(action)}</a></p>` +
      `<p style="color:#555">${escapeHtml(footer)}</p>`,
  }
}

/** The origin for links in e-mails: the configured public one, never the request's Host. */
export function appOrigin(context: { publicOrigin: string }): string {
  return context.publicOrigin
}
