import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/i18n.ts'
import { isSuspended, requirePasswordActor } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { reportReasons, type ReportReason } from '#models/staff/moderation-schemas.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'staffConsole.suspended.title')

/** Where members of a suspended organisation land whatever they try (permissions.server.ts). */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePasswordActor(request)
  if (!isSuspended(actor)) throw redirect('/account')
  const reason = actor.organization.moderation?.reason
  return {
    organization: actor.organization.name,
    reason:
      reason && (reportReasons as readonly string[]).includes(reason)
        ? (reason as ReportReason)
        : null,
  }
}

export default function SuspendedPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  return (
    <section className="mx-auto max-w-2xl px-4 py-10" data-testid="suspended">
      <h1 className="text-2xl font-bold">{t('staffConsole.suspended.title')}</h1>
      <p className="mt-4">
        {t('staffConsole.suspended.body', { organization: data.organization })}
      </p>
      {data.reason ? (
        <p className="mt-2">
          {t('staffConsole.suspended.reason', {
            reason: t(`staffConsole.reportReason.${data.reason}`),
          })}
        </p>
      ) : null}
      <p className="mt-4">{t('staffConsole.suspended.contactIntro')}</p>
      <p className="mt-2">
        <Link to="/contact" className="font-semibold text-blue-800 underline">
          {t('staffConsole.suspended.contact')}
        </Link>
      </p>
      <Form method="post" action="/logout" className="mt-6">
        <button type="submit" className="rounded-md px-4 py-2 font-semibold ring-1 ring-slate-300">
          {t('staffConsole.suspended.signOut')}
        </button>
      </Form>
    </section>
  )
}
