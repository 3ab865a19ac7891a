import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { useTranslation } from '#app/utils/i18n.ts'

export default function SignInPage() {
  const { t } = useTranslation()
  return (
    <section className="mx-auto max-w-md px-4 py-16">
      <h1 className="text-3xl font-bold tracking-tight">{t('signIn.title')}</h1>
      <p className="mt-4 text-slate-700">{t('signIn.placeholder')}</p>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
