import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { forbidden, hasOrganizationRole } from '#app/utils/permissions.server.ts'
import { readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { requireSourcingMember } from '#app/utils/sourcing.server.ts'
import type { TranslationKey } from '#models/i18n/index.ts'
import { alertsOn, setAlerts } from '#models/sourcing/alerts.ts'
import { requestSummaries } from '#models/sourcing/request-summary.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'sourcing.list.title')

/** Buyers: their organisation's requests. Suppliers: the requests for them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSourcingMember(request)
  const role = actor.organization.kind === 'buyer' ? 'buyer' : 'supplier'
  return {
    role,
    requests: await requestSummaries(actor.organization._id, role),
    alerts: role === 'supplier' ? await alertsOn(actor.organization._id) : false,
    mayChangeAlerts: role === 'supplier' && hasOrganizationRole(actor, 'admin'),
  }
}

/** Suppliers' owner and admins turn the daily digest e-mail on or off (models/sourcing/alerts.ts). */
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSourcingMember(request)
  if (actor.organization.kind !== 'supplier' || !hasOrganizationRole(actor, 'admin')) forbidden()
  const form = await readForm(request)
  if (form.get('intent') !== 'alerts') {
    return Response.json({ done: null, error: 'sourcing.error.unknownIntent' }, { status: 400 })
  }
  const on = form.get('alerts') === 'on'
  await setAlerts(actor.organization._id, on, actor.user._id)
  return Response.json({
    done: on ? 'sourcing.alerts.enabled' : 'sourcing.alerts.disabled',
    error: null,
  })
}

export default function SourcingList() {
  const { t, locale } = useTranslation()
  const { role, requests, alerts, mayChangeAlerts } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
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
      {actionData?.done || actionData?.error ? (
        <div className="mt-4">
          <FormMessage tone={actionData.error ? 'error' : 'success'}>
            {t((actionData.done ?? actionData.error) as TranslationKey)}
          </FormMessage>
        </div>
      ) : null}
      {mayChangeAlerts ? (
        <Form method="post" className="mt-4 rounded-md border border-slate-300 p-3 text-sm">
          <input type="hidden" name="intent" value="alerts" />
          <p className="font-semibold">{t('sourcing.alerts.title')}</p>
          <label className="mt-2 flex items-center gap-2">
            <input type="checkbox" name="alerts" defaultChecked={alerts} />
            {t('sourcing.alerts.on')}
          </label>
          <button type="submit" className="mt-2 rounded-md bg-blue-800 px-3 py-1 text-white">
            {t('sourcing.alerts.save')}
          </button>
        </Form>
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
