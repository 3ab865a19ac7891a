import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { requireStaff } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { reportsQueue } from '#models/staff/moderation.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'staffConsole.moderation.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'verifier')
  const entries = await reportsQueue()
  return {
    entries: entries.map((entry) => ({ ...entry, createdAt: entry.createdAt.toISOString() })),
  }
}

export default function ReportsQueue() {
  const { t, locale } = useTranslation()
  const { entries } = useLoaderData<typeof loader>()
  const date = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  })
  return (
    <section className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('staffConsole.moderation.title')}</h1>
      {entries.length === 0 ? (
        <p className="mt-6" role="status">
          {t('staffConsole.moderation.empty')}
        </p>
      ) : (
        <table className="mt-6 w-full text-left text-sm" data-testid="reports-queue">
          <thead>
            <tr className="border-b">
              <th scope="col" className="py-2">
                {t('staffConsole.moderation.createdAt')}
              </th>
              <th scope="col">{t('staffConsole.moderation.target')}</th>
              <th scope="col">{t('staffConsole.moderation.organization')}</th>
              <th scope="col">{t('staffConsole.moderation.reason')}</th>
              <th scope="col">
                <span className="sr-only">{t('staffConsole.moderation.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.reportId} className="border-b">
                <td className="py-2">{date.format(new Date(entry.createdAt))}</td>
                <td>{t(`staffConsole.target.${entry.targetType}`)}</td>
                <td>
                  <bdi>{entry.organizationName}</bdi>
                </td>
                <td>{t(`staffConsole.reportReason.${entry.reason}`)}</td>
                <td>
                  <Link
                    to={`/staff/reports/${entry.reportId}`}
                    className="font-semibold text-blue-800 underline"
                  >
                    {t('staffConsole.moderation.open')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
