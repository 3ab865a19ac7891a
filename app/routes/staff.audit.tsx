import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { requireStaff } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { recentAuditEntries } from '#models/staff/audit-log.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'audit.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'admin')
  const entries = await recentAuditEntries(200)
  return {
    entries: entries.map((entry) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      actor: entry.actorLabel,
      action: entry.action,
      target: `${entry.targetType} ${entry.targetId}`,
      change: JSON.stringify({ before: entry.before, after: entry.after }),
    })),
  }
}

export default function AuditLogPage() {
  const { t } = useTranslation()
  const { entries } = useLoaderData<typeof loader>()
  return (
    <section className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('audit.title')}</h1>
      <div className="mt-6 overflow-x-auto">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">{t('audit.title')}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-2 pr-4">
                {t('audit.when')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('audit.who')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('audit.what')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('audit.target')}
              </th>
              <th scope="col" className="py-2">
                {t('audit.change')}
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className="border-b border-slate-100 align-top">
                <td className="py-2 pr-4 whitespace-nowrap">{entry.at}</td>
                <td className="py-2 pr-4">{entry.actor}</td>
                <td className="py-2 pr-4">{entry.action}</td>
                <td className="py-2 pr-4">{entry.target}</td>
                <td className="py-2 font-mono text-xs break-all">{entry.change}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
