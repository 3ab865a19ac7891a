import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ProfileAnalyticsChart } from '#app/components/billing/profile-analytics-chart.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { requireSupplierEditor } from '#app/utils/supplier-profile.server.ts'
import { weeklyProfileAnalytics } from '#models/analytics/profile-analytics.ts'
import { entitlementFor } from '#models/billing/billing-account.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'billing.analytics.title')

const ANALYTICS_WEEKS = 12

/**
 * Profile analytics of the signed-in member's supplier (outside the profile editor's layout, so
 * that it stays a read-only page: a POST is 405 for everyone): with Supplier Premium, the last 12 weeks
 * (12 point reads of weekly documents); without it, only a teaser (no figure is sent).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSupplierEditor(request)
  const entitlement = await entitlementFor(actor.organization._id)
  if (entitlement.plan !== 'supplier_premium') return { premium: false as const, weeks: [] }
  return {
    premium: true as const,
    weeks: await weeklyProfileAnalytics(actor.organization._id, ANALYTICS_WEEKS),
  }
}

export default function SupplierAnalyticsPage() {
  const { t, locale } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const weekLabel = (week: string) =>
    new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    }).format(new Date(`${week}T00:00:00Z`))
  const number = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB')
  return (
    <section aria-labelledby="analytics-title" className="mx-auto max-w-6xl px-4 py-8">
      <p className="text-sm">
        <Link to="/supplier-profile" className="font-semibold text-blue-800 underline">
          {t('profile.editTitle')}
        </Link>
      </p>
      <h1 id="analytics-title" className="mt-2 text-2xl font-bold">
        {t('billing.analytics.title')}
      </h1>
      {!data.premium ? (
        <div
          data-testid="analytics-teaser"
          className="mt-4 rounded-md bg-amber-50 p-4 text-sm text-amber-950 ring-1 ring-amber-300"
        >
          <p>{t('billing.analytics.teaser')}</p>
          <Link
            to="/account/billing"
            className="mt-2 inline-block font-semibold text-blue-800 underline"
          >
            {t('billing.analytics.upgrade')}
          </Link>
        </div>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-700">{t('billing.analytics.lead')}</p>
          <p className="text-sm text-slate-600">{t('billing.analytics.delay')}</p>
          <div className="mt-4">
            <ProfileAnalyticsChart
              rows={data.weeks.map((week) => ({ ...week, label: weekLabel(week.week) }))}
            />
          </div>
          <div className="mt-4 overflow-x-auto">
            <table className="min-w-full text-left text-sm" data-testid="analytics-table">
              <caption className="sr-only">{t('billing.analytics.title')}</caption>
              <thead>
                <tr className="border-b">
                  <th scope="col" className="py-1 pr-4">
                    {t('billing.analytics.week')}
                  </th>
                  <th scope="col" className="pr-4 text-right">
                    {t('billing.analytics.views')}
                  </th>
                  <th scope="col" className="pr-4 text-right">
                    {t('billing.analytics.appearances')}
                  </th>
                  <th scope="col" className="pr-4 text-right">
                    {t('billing.analytics.contacts')}
                  </th>
                  <th scope="col" className="text-right">
                    {t('billing.analytics.contactRate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.weeks.map((week) => (
                  <tr key={week.week} className="border-b" data-week={week.week}>
                    <th scope="row" className="py-1 pr-4 font-normal">
                      <time dateTime={week.week}>{weekLabel(week.week)}</time>
                    </th>
                    <td className="pr-4 text-right tabular-nums" data-metric="views">
                      {number.format(week.views)}
                    </td>
                    <td className="pr-4 text-right tabular-nums" data-metric="appearances">
                      {number.format(week.appearances)}
                    </td>
                    <td className="pr-4 text-right tabular-nums" data-metric="contacts">
                      {number.format(week.contacts)}
                    </td>
                    <td className="text-right tabular-nums" data-metric="contactRate">
                      {week.contactRate === null ? '—' : `${number.format(week.contactRate)} %`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
