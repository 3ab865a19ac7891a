import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import type { MetaFunction } from '@remix-run/node'
import { translator } from '#models/i18n/index.ts'
import type { loader as rootLoader } from '#app/root.tsx'
import { useTranslation } from '#app/utils/i18n.ts'

export const meta: MetaFunction<unknown, { root: typeof rootLoader }> = ({ matches }) => {
  const locale = matches.find((match) => match.id === 'root')?.data?.locale ?? 'vi'
  return [{ title: `${translator(locale)('about.title')} — VSI Connect` }]
}

export default function AboutPage() {
  const { t } = useTranslation()
  return (
    <article className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">{t('about.title')}</h1>
      <p className="mt-6 text-lg text-slate-700">{t('about.body')}</p>
    </article>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
