import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { requireActor } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/seo.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'billing.cancel.title')

/** Where Stripe sends a buyer who left the Checkout page: nothing changes. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request)
  return null
}

export default function BillingCancelPage() {
  const { t } = useTranslation()
  return (
    <section className="mx-auto max-w-2xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('billing.cancel.title')}</h1>
      <p className="mt-4">{t('billing.cancel.body')}</p>
      <p className="mt-6">
        <Link to="/account/billing" className="text-blue-800 underline">
          {t('billing.success.back')}
        </Link>
      </p>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
