import { useTranslation } from '#app/utils/i18n.ts'
import type { TranslationKey } from '#models/i18n/index.ts'

const methods = ['documents', 'call', 'site-visit'] as const

/** "Verified by the programme on <date>, <method>", for the public page and the editor. */
export function verificationBadgeText(
  t: (key: TranslationKey, params?: Record<string, string>) => string,
  locale: string,
  verifiedOn: string | Date,
  method: string | null | undefined,
): string {
  const date = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(verifiedOn))
  const known = methods.find((candidate) => candidate === method) ?? 'documents'
  return t('staffConsole.badge', { date, method: t(`staffConsole.method.${known}`) })
}

export function VerificationBadge({
  verifiedOn,
  method,
}: {
  verifiedOn: string | Date
  method: string | null | undefined
}) {
  const { t, locale } = useTranslation()
  return (
    <span
      data-testid="verification-badge"
      className="rounded-full bg-green-100 px-3 py-1 text-sm font-semibold text-green-900 ring-1 ring-green-300"
    >
      ✓ {verificationBadgeText(t, locale, verifiedOn, method)}
    </span>
  )
}
