import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { KpiFigure } from '#app/components/staff/kpi-figure.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { kpiSnapshotOn, kpiTables } from '#models/staff/kpi.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'staffConsole.statistics.title')

/** Aggregates only, the same for everyone: caches may keep the page for an hour. */
export const headers: HeadersFunction = () => ({
  'Cache-Control': 'public, max-age=3600, stale-while-revalidate=86400',
  Vary: 'Cookie',
})

export async function loader({ request }: LoaderFunctionArgs) {
  const snapshot = await kpiSnapshotOn(null)
  return {
    computedAt: snapshot?.computedAt.toISOString() ?? null,
    // Only figures marked public: counts by sector, province, country and week; no names.
    tables: snapshot
      ? kpiTables(snapshot.figures, { locale: getLocale(request), publicOnly: true })
      : [],
  }
}

export default function Statistics() {
  const { t, locale } = useTranslation()
  const data = useLoaderData<typeof loader>()
  return (
    <section className="mx-auto max-w-7xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('staffConsole.statistics.title')}</h1>
      <p className="mt-2 text-slate-700">{t('staffConsole.statistics.intro')}</p>
      {data.computedAt ? (
        <p className="mt-2 text-sm text-slate-700">
          {t('staffConsole.kpi.computedAt', {
            date: new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
              dateStyle: 'medium',
              timeZone: 'Asia/Ho_Chi_Minh',
            }).format(new Date(data.computedAt)),
          })}
        </p>
      ) : null}
      <div className="mt-6 grid gap-6">
        {data.tables.map((table) => (
          <KpiFigure key={table.id} figure={table} />
        ))}
      </div>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
