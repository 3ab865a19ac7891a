import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { requireSourcingMember } from '#app/utils/sourcing.server.ts'
import { requestSummaries } from '#models/sourcing/request-summary.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'sourcing.list.title')

/** Buyers: their organisation's requests. Suppliers: the requests for them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSourcingMember(request)
  const role = actor.organization.kind === 'buyer' ? 'buyer' : 'supplier'
  return { role, requests: await requestSummaries(actor.organization._id, role) }
}

export default function SourcingList() {
  const { t, locale } = useTranslation()
  const { role, requests } = useLoaderData<typeof loader>()
  return (
    <section className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-2xl font-bold">
        {t(role === 'buyer' ? 'sourcing.list.title' : 'sourcing.list.forYou')}
      </h1>
      {role === 'buyer' ? (
        <p className="mt-4">
          <Link to="/sourcing/new" className="font-semibold text-blue-800 underline">
            {t('sourcing.new.title')}
          </Link>
        </p>
      ) : null}
      {requests.length === 0 ? (
        <p className="mt-6 text-slate-700">{t('sourcing.list.empty')}</p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200">
          {requests.map((entry) => (
            <li key={entry.id} className="py-3">
              <Link to={`/sourcing/${entry.id}`} className="font-semibold text-blue-800 underline">
                <bdi>{entry.title[locale] || entry.title.vi || entry.title.en}</bdi>
              </Link>
              <p className="text-sm text-slate-600">
                {t(`sourcing.status.${entry.status}`)} · {t('sourcing.field.closesOn')}:{' '}
                {entry.closesOn}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
