import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { requireActor } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { billingOverview } from '#models/billing/billing-account.ts'
import type { TranslationKey } from '#models/i18n/index.ts'

export const meta: MetaFunction = (args) => [
  ...pageTitle(args, 'billing.success.title'),
  // Polls without JavaScript until the webhook has granted the plan.
  ...(args.data && !(args.data as { active: boolean }).active
    ? [{ 'http-equiv': 'refresh', content: '5' }]
    : []),
]

/**
 * Where Stripe sends the buyer after paying. It grants nothing: only the verified webhook does.
 * It shows whether the plan is active yet, and reloads until it is.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  const overview = await billingOverview(actor.organization._id)
  return { active: overview.plan !== null, plan: overview.plan }
}

export default function BillingSuccessPage() {
  const { t } = useTranslation()
  const { active, plan } = useLoaderData<typeof loader>()
  return (
    <section className="mx-auto max-w-2xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('billing.success.title')}</h1>
      <p role="status" data-testid="billing-success-state" className="mt-4">
        {active && plan
          ? t('billing.success.done', { plan: t(`billing.plan.${plan}` as TranslationKey) })
          : t('billing.success.waiting')}
      </p>
      <p className="mt-6">
        <Link to="/account/billing" className="text-blue-800 underline">
          {t('billing.success.back')}
        </Link>
      </p>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
