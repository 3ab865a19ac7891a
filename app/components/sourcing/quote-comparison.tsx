import { Form, Link } from '@remix-run/react'
import { useTranslation } from '#app/utils/i18n.ts'
import type { TranslationKey } from '#models/i18n/index.ts'
import type { comparison as Comparison, RequestView } from '#app/utils/sourcing-view.server.ts'
import { COMPARE_SORTS } from '#models/sourcing/compare.ts'
import { CURRENCIES } from '#models/sourcing/sourcing-schemas.ts'

type ComparisonData = Awaited<ReturnType<typeof Comparison>>

/** The buyer's side-by-side view: one currency at the buyer's rates, sortable, with decisions. */
export function QuoteComparison({
  request,
  comparison,
}: {
  request: RequestView
  comparison: ComparisonData
}) {
  const { t, locale } = useTranslation()
  const format = (value: number, digits = 2) =>
    new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
      maximumFractionDigits: digits,
    }).format(value)
  const query = (sort: string) => {
    const params = new URLSearchParams({ to: comparison.to, sort })
    for (const [currency, rate] of Object.entries(comparison.rates)) {
      if (currency !== 'USD') params.set(`rate.${currency}`, String(rate))
    }
    return `?${params}`
  }
  const exportQuery = query(comparison.sort)
  return (
    <div className="mt-8">
      <h2 className="text-lg font-semibold">{t('sourcing.compare.title')}</h2>
      {comparison.rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t('sourcing.compare.none')}</p>
      ) : (
        <>
          <Form method="get" className="mt-2 flex flex-wrap items-end gap-3 text-sm">
            <input type="hidden" name="sort" value={comparison.sort} />
            <label>
              {t('sourcing.compare.currency')}
              <select
                name="to"
                defaultValue={comparison.to}
                className="ml-2 rounded-md border border-slate-400 px-2 py-1"
              >
                {CURRENCIES.map((currency) => (
                  <option key={currency}>{currency}</option>
                ))}
              </select>
            </label>
            {CURRENCIES.filter((currency) => currency !== 'USD').map((currency) => (
              <label key={currency}>
                1 USD =
                <input
                  name={`rate.${currency}`}
                  type="number"
                  step="any"
                  min="0"
                  defaultValue={comparison.rates[currency]}
                  className="mx-1 w-24 rounded-md border border-slate-400 px-2 py-1"
                />
                {currency}
              </label>
            ))}
            <button type="submit" className="rounded-md px-3 py-1 ring-1 ring-slate-400">
              {t('sourcing.compare.apply')}
            </button>
          </Form>
          <p className="mt-1 text-xs text-slate-600">{t('sourcing.compare.ratesNote')}</p>
          <p className="mt-2 text-sm">
            {t('sourcing.compare.sort')}:{' '}
            {COMPARE_SORTS.map((sort) => (
              <Link
                key={sort}
                to={query(sort)}
                className={`mr-3 underline ${sort === comparison.sort ? 'font-bold' : ''}`}
              >
                {t(`sourcing.compare.sort.${sort}` as TranslationKey)}
              </Link>
            ))}
            <a href={`/sourcing/${request.id}/export${exportQuery}`} className="ml-4 underline">
              {t('sourcing.compare.export')}
            </a>
          </p>
          <Form method="post" id="award-form">
            <input type="hidden" name="intent" value="award" />
          </Form>
          <div className="mt-3 overflow-x-auto">
            <table className="min-w-full text-left text-sm" data-testid="comparison">
              <thead>
                <tr className="border-b border-slate-300">
                  <th className="p-2">{t('sourcing.compare.award')}</th>
                  <th className="p-2">{t('sourcing.compare.supplier')}</th>
                  <th className="p-2">{t('sourcing.quote.unitPrice')}</th>
                  <th className="p-2">{comparison.to}</th>
                  <th className="p-2">{t('sourcing.quote.moq')}</th>
                  <th className="p-2">{t('sourcing.quote.leadTime')}</th>
                  <th className="p-2">{t('sourcing.quote.validUntil')}</th>
                  <th className="p-2">{t('sourcing.field.incoterm')}</th>
                  <th className="p-2">{t('sourcing.compare.status')}</th>
                  <th className="p-2" />
                </tr>
              </thead>
              <tbody>
                {comparison.rows.map((row) => {
                  const name =
                    row.supplierName[locale] || row.supplierName.vi || row.supplierName.en
                  return (
                    <tr key={row.supplier} className="border-b border-slate-200 align-top">
                      <td className="p-2">
                        <input
                          type="checkbox"
                          name="supplier"
                          value={row.supplier}
                          form="award-form"
                          aria-label={`${t('sourcing.compare.award')}: ${name}`}
                          disabled={row.status === 'withdrawn'}
                        />
                      </td>
                      <td className="p-2">
                        <bdi>{name}</bdi>
                        {row.notes ? <p className="text-xs text-slate-600">{row.notes}</p> : null}
                        {row.priceBreaks.length ? (
                          <p className="text-xs text-slate-600">
                            {row.priceBreaks
                              .map(
                                (entry) =>
                                  `≥ ${format(entry.minQuantity, 0)}: ${format(entry.unitPrice)}`,
                              )
                              .join(' · ')}
                          </p>
                        ) : null}
                      </td>
                      <td className="p-2">
                        {format(row.unitPrice)} {row.currency}
                      </td>
                      <td className="p-2">
                        {row.converted === null ? '—' : format(row.converted)}
                      </td>
                      <td className="p-2">{format(row.moq, 0)}</td>
                      <td className="p-2">{row.leadTimeDays}</td>
                      <td className="p-2">{row.validUntil}</td>
                      <td className="p-2">{row.incoterm}</td>
                      <td className="p-2">
                        {t(`sourcing.quoteStatus.${row.status}` as TranslationKey)}
                        {row.spamReported ? ` · ${t('sourcing.compare.spam')}` : ''}
                      </td>
                      <td className="space-y-1 p-2">
                        {row.status !== 'withdrawn' ? (
                          <>
                            <Form method="post">
                              <input type="hidden" name="supplier" value={row.supplier} />
                              <button
                                type="submit"
                                name="intent"
                                value={row.status === 'shortlisted' ? 'unshortlist' : 'shortlist'}
                                className="underline"
                              >
                                {t(
                                  row.status === 'shortlisted'
                                    ? 'sourcing.compare.unshortlist'
                                    : 'sourcing.compare.shortlist',
                                )}
                              </button>
                            </Form>
                            <Form method="post" className="flex gap-1">
                              <input type="hidden" name="supplier" value={row.supplier} />
                              <input
                                name="reason"
                                maxLength={500}
                                placeholder={t('sourcing.compare.declineReason')}
                                aria-label={t('sourcing.compare.declineReason')}
                                className="w-32 rounded-md border border-slate-400 px-1"
                              />
                              <button
                                type="submit"
                                name="intent"
                                value="decline"
                                className="underline"
                              >
                                {t('sourcing.compare.decline')}
                              </button>
                            </Form>
                            <Form method="post">
                              <input type="hidden" name="supplier" value={row.supplier} />
                              <button
                                type="submit"
                                name="intent"
                                value="report-spam"
                                className="text-red-800 underline"
                              >
                                {t('sourcing.compare.reportSpam')}
                              </button>
                            </Form>
                          </>
                        ) : null}
                        {/* To the programme's moderators (a fraudulent or abusive quote). */}
                        <a
                          href={`/report?${new URLSearchParams({
                            targetType: 'quote',
                            targetId: row.id,
                            returnTo: `/sourcing/${request.id}`,
                          })}`}
                          className="block text-slate-700 underline"
                          aria-label={`${t('staffConsole.report.quote')}: ${name}`}
                        >
                          {t('staffConsole.report.short')}
                        </a>
                        <Form method="post">
                          <input type="hidden" name="supplier" value={row.supplier} />
                          <button type="submit" name="intent" value="chat" className="underline">
                            {t('sourcing.action.chat')}
                          </button>
                        </Form>
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
          <button
            type="submit"
            form="award-form"
            className="mt-3 rounded-md bg-blue-800 px-4 py-2 font-semibold text-white"
          >
            {t('sourcing.compare.awardSelected')}
          </button>
        </>
      )}
    </div>
  )
}
