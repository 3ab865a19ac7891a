import type { TranslationKey } from '#models/i18n/index.ts'
import { formatAmount } from '#models/billing/plans.ts'
import { useTranslation } from '#app/utils/i18n.ts'

export interface BillingOverviewView {
  plan: string | null
  status: string | null
  until: string | null
  inGrace: boolean
  renews: boolean
  invoices: Array<{
    id: string
    number: string | null
    status: string | null
    amount: number | null
    currency: string | null
    created: string | null
    url: string | null
  }>
}

function formatDate(iso: string, locale: 'vi' | 'en') {
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(iso))
}

/** Plan, status, renewal or end date, and the invoices of an organisation. */
export function BillingStatus({ overview }: { overview: BillingOverviewView }) {
  const { t, locale } = useTranslation()
  const planLabel = t(`billing.plan.${overview.plan ?? 'none'}` as TranslationKey)
  const statusKey = `billing.status.${overview.status}` as TranslationKey
  return (
    <div data-testid="billing-status">
      <dl className="grid grid-cols-[10rem_1fr] gap-2 text-sm">
        <dt className="font-medium">{t('billing.currentPlan')}</dt>
        <dd data-testid="billing-plan">{planLabel}</dd>
        {overview.plan && overview.status ? (
          <>
            <dt className="font-medium">{t('billing.status')}</dt>
            <dd>{t(statusKey)}</dd>
          </>
        ) : null}
      </dl>
      {overview.plan && overview.until ? (
        <p className="mt-2 text-sm" role={overview.inGrace ? 'alert' : undefined}>
          {overview.inGrace
            ? t('billing.graceUntil', { date: formatDate(overview.until, locale) })
            : overview.renews
              ? t('billing.renewsOn', { date: formatDate(overview.until, locale) })
              : t('billing.endsOn', { date: formatDate(overview.until, locale) })}
        </p>
      ) : null}
      <h2 className="mt-6 text-lg font-semibold">{t('billing.invoices')}</h2>
      {overview.invoices.length === 0 ? (
        <p className="text-sm text-slate-700">{t('billing.invoices.none')}</p>
      ) : (
        <table className="mt-2 min-w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1 pr-4">
                {t('billing.invoice.number')}
              </th>
              <th scope="col" className="py-1 pr-4">
                {t('billing.invoice.date')}
              </th>
              <th scope="col" className="py-1 pr-4">
                {t('billing.invoice.amount')}
              </th>
              <th scope="col" className="py-1 pr-4">
                {t('billing.invoice.status')}
              </th>
              <th scope="col" className="py-1">
                <span className="sr-only">{t('billing.invoice.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {overview.invoices.map((invoice) => (
              <tr key={invoice.id} className="border-b border-slate-100">
                <td className="py-1 pr-4">{invoice.number ?? invoice.id}</td>
                <td className="py-1 pr-4">
                  {invoice.created ? formatDate(invoice.created, locale) : ''}
                </td>
                <td className="py-1 pr-4">
                  {invoice.amount !== null && invoice.currency
                    ? formatAmount(invoice.amount, invoice.currency, locale)
                    : ''}
                </td>
                <td className="py-1 pr-4">
                  {invoice.status === 'paid'
                    ? t('billing.invoice.paid')
                    : t('billing.invoice.unpaid')}
                </td>
                <td className="py-1">
                  {invoice.url?.startsWith('https://') ? (
                    <a href={invoice.url} className="text-blue-800 underline" rel="noreferrer">
                      {t('billing.invoice.open')}
                    </a>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
