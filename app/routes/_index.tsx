import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Link } from '@remix-run/react'
import type { TranslationKey } from '#models/i18n/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'

const audiences = ['suppliers', 'buyers', 'staff'] as const
const aims: TranslationKey[] = [
  'home.aims.connect',
  'home.aims.investment',
  'home.aims.standards',
  'home.aims.portal',
]
const sectors: TranslationKey[] = [
  'sector.automotive',
  'sector.electronics',
  'sector.textile',
  'sector.leather',
  'sector.mechanical',
  'sector.hightech',
]

export default function HomePage() {
  const { t } = useTranslation()
  return (
    <>
      <section className="bg-gradient-to-b from-blue-50 to-white">
        <div className="mx-auto max-w-6xl px-4 py-14 sm:py-20">
          <h1 className="max-w-3xl text-3xl font-bold tracking-tight text-slate-900 sm:text-5xl">
            {t('home.hero.title')}
          </h1>
          <p className="mt-6 max-w-3xl text-lg text-slate-700">{t('home.hero.lead')}</p>
          <div className="mt-8 flex flex-wrap gap-3">
            <a
              href="#audience-suppliers"
              className="rounded-md bg-blue-800 px-5 py-3 font-semibold text-white hover:bg-blue-900"
            >
              {t('home.hero.suppliersCta')}
            </a>
            <a
              href="#audience-buyers"
              className="rounded-md border border-blue-800 px-5 py-3 font-semibold text-blue-900 hover:bg-blue-50"
            >
              {t('home.hero.buyersCta')}
            </a>
          </div>
        </div>
      </section>

      <section aria-labelledby="audiences-title" className="mx-auto max-w-6xl px-4 py-12">
        <h2 id="audiences-title" className="text-2xl font-bold">
          {t('home.audiences.title')}
        </h2>
        <ul className="mt-6 grid gap-6 md:grid-cols-3">
          {audiences.map((audience) => (
            <li
              key={audience}
              id={`audience-${audience}`}
              className="rounded-lg border border-slate-200 p-6"
            >
              <h3 className="text-lg font-semibold text-blue-900">
                {t(`home.audiences.${audience}.title`)}
              </h3>
              <p className="mt-2 text-slate-700">{t(`home.audiences.${audience}.body`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="sectors-title" className="bg-slate-50">
        <div className="mx-auto max-w-6xl px-4 py-12">
          <h2 id="sectors-title" className="text-2xl font-bold">
            {t('home.sectors.title')}
          </h2>
          <ul className="mt-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {sectors.map((sector) => (
              <li
                key={sector}
                className="rounded-md bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200"
              >
                {t(sector)}
              </li>
            ))}
          </ul>
          <p className="mt-4 text-sm text-slate-600">{t('home.sectors.note')}</p>
        </div>
      </section>

      <section aria-labelledby="aims-title" className="mx-auto max-w-6xl px-4 py-12">
        <h2 id="aims-title" className="text-2xl font-bold">
          {t('home.aims.title')}
        </h2>
        <ol className="mt-6 list-decimal space-y-2 pl-6 text-slate-800">
          {aims.map((aim) => (
            <li key={aim}>{t(aim)}</li>
          ))}
        </ol>
        <p className="mt-6">
          <Link to="/about" className="font-semibold text-blue-800 underline underline-offset-4">
            {t('nav.about')}
          </Link>
        </p>
      </section>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
