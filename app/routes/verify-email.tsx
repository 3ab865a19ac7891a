import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { confirmEmailToken } from '#app/utils/email-verification.server.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'verifyEmail.title')

/** Opening the link confirms the address: a link scanner opening it first does no harm. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const outcome = await confirmEmailToken(token)
  return Response.json({ outcome }, { status: outcome === 'invalid' ? 400 : 200 })
}

export default function VerifyEmailPage() {
  const { t } = useTranslation()
  const { outcome } = useLoaderData<{ outcome: 'verified' | 'changed' | 'invalid' | 'taken' }>()
  return (
    <section className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">{t('verifyEmail.title')}</h1>
      <div className="mt-6">
        {outcome === 'verified' ? (
          <FormMessage tone="success">{t('verifyEmail.done')}</FormMessage>
        ) : outcome === 'changed' ? (
          <FormMessage tone="success">{t('verifyEmail.changed')}</FormMessage>
        ) : outcome === 'taken' ? (
          <FormMessage tone="error">{t('validation.emailTaken')}</FormMessage>
        ) : (
          <FormMessage tone="error">{t('token.invalid')}</FormMessage>
        )}
      </div>
      <p className="mt-6">
        <Link to="/login" className="font-semibold text-blue-800 underline underline-offset-4">
          {t('auth.signIn')}
        </Link>
      </p>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
