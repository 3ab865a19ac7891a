import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { SupplierResultCard } from '#app/components/search/supplier-result-card.tsx'
import type { TranslationKey } from '#models/i18n/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { localeFromQuery } from '#app/utils/locale.server.ts'
import { MAX_QUERY_LENGTH } from '#app/utils/supplier-search.ts'
import { recentVerifiedSuppliers } from '#app/utils/supplier-search.server.ts'

const aims: TranslationKey[] = [
  'home.aims.connect',
  'home.aims.investment',
  'home.aims.standards',
  'home.aims.portal',
]
const sectors = [
  'automotive',
  'electronics',
  'textile',
  'leather',
  'mechanical',
  'hightech',
] as const satisfies ReadonlyArray<string>
const RECENT = 4

/**
 * The home page starts with search: a query box, the sectors as searches with their counts, and
 * recently updated verified suppliers — two engine searches and the cards' point reads, no scan.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = localeFromQuery(request) ?? null
  const { counts, recent } = await recentVerifiedSuppliers(context.services.search, RECENT)
  return { lang, counts, recent }
}

export default function HomePage() {
  const { t, locale } = useTranslation()
  const { lang, counts, recent } = useLoaderData<typeof loader>()
  const number = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB')
  const search = (params: Record<string, string>) => {
    const query = new URLSearchParams({ ...params, ...(lang ? { lang } : {}) }).toString()
    return `/suppliers${query ? `?${query}` : ''}`
  }
  return (
    <>
      <section className="bg-gradient-to-b from-blue-50 to-white">
        <div className="mx-auto max-w-6xl px-4 pb-10 pt-10 sm:pt-14">
          <h1 className="max-w-3xl text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">
            {t('onboarding.home.title')}
          </h1>
          <p className="mt-4 max-w-3xl text-lg text-slate-700">{t('onboarding.home.lead')}</p>
          <Form
            method="get"
            action="/suppliers"
            role="search"
            aria-label={t('onboarding.home.searchSubmit')}
            className="mt-6 max-w-3xl"
          >
            {lang ? <input type="hidden" name="lang" value={lang} /> : null}
            <label htmlFor="home-q" className="block font-semibold text-slate-900">
              {t('onboarding.home.searchLabel')}
            </label>
            <div className="mt-2 flex flex-col gap-2 sm:flex-row">
              <input
                id="home-q"
                type="search"
                name="q"
                maxLength={MAX_QUERY_LENGTH}
                placeholder={t('onboarding.home.searchPlaceholder')}
                autoComplete="off"
                enterKeyHint="search"
                className="min-w-0 flex-1 rounded-md border border-slate-400 bg-white px-4 py-3 text-base shadow-sm"
              />
              <button
                type="submit"
                className="rounded-md bg-blue-800 px-6 py-3 font-semibold text-white hover:bg-blue-900"
              >
                {t('onboarding.home.searchSubmit')}
              </button>
            </div>
          </Form>
          <p className="mt-4 text-sm text-slate-700" data-testid="supplier-count">
            <Link
              to={search({})}
              className="font-semibold text-blue-900 underline underline-offset-4"
            >
              {t('onboarding.home.count', { count: number.format(counts.total) })}
            </Link>
            {' · '}
            <Link
              to={search({ verified: 'true' })}
              className="text-blue-900 underline underline-offset-4"
            >
              {t('onboarding.home.countVerified', { count: number.format(counts.verified) })}
            </Link>
          </p>
        </div>
      </section>

      <section aria-labelledby="sectors-title" className="mx-auto max-w-6xl px-4 py-8">
        <h2 id="sectors-title" className="text-2xl font-bold">
          {t('onboarding.home.sectorsTitle')}
        </h2>
        <ul className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {sectors.map((sector) => (
            <li key={sector}>
              <Link
                to={search({ sector })}
                className="flex h-full items-center gap-3 rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200 hover:bg-blue-50 hover:ring-blue-300"
              >
                <span className="flex flex-col">
                  <span className="font-semibold text-blue-900">{t(`sector.${sector}`)}</span>
                  <span className="text-sm text-slate-600">
                    {t('onboarding.home.sectorCount', {
                      count: number.format(counts.sectors[sector] ?? 0),
                    })}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
        <p className="mt-3 text-sm text-slate-600">{t('home.sectors.note')}</p>
      </section>

      <section aria-labelledby="recent-title" className="bg-slate-50">
        <div className="mx-auto max-w-6xl px-4 py-8">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="recent-title" className="text-2xl font-bold">
              {t('onboarding.home.recentTitle')}
            </h2>
            <Link
              to={search({ verified: 'true', sort: 'updated' })}
              className="font-semibold text-blue-900 underline underline-offset-4"
            >
              {t('onboarding.home.recentAll')}
            </Link>
          </div>
          {recent.length ? (
            <ul className="mt-4 grid gap-4 md:grid-cols-2" data-testid="recent-suppliers">
              {recent.map((supplier) => (
                <li key={supplier.id}>
                  <SupplierResultCard supplier={supplier} headingLevel={3} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-4 text-slate-700">{t('onboarding.home.recentNone')}</p>
          )}
        </div>
      </section>

      <section className="mx-auto grid max-w-6xl gap-6 px-4 py-10 md:grid-cols-2">
        <div id="for-buyers" className="rounded-lg p-6 ring-1 ring-slate-200">
          <h2 className="text-xl font-bold text-blue-900">{t('onboarding.home.forBuyers')}</h2>
          <p className="mt-2 text-slate-700">{t('onboarding.home.forBuyersBody')}</p>
          <div className="mt-4 flex flex-wrap gap-3">
            <Link
              to="/signup?kind=buyer"
              className="rounded-md bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900"
            >
              {t('onboarding.home.forBuyersCta')}
            </Link>
            <Link
              to={search({})}
              className="rounded-md border border-blue-800 px-4 py-2 font-semibold text-blue-900 hover:bg-blue-50"
            >
              {t('onboarding.home.browseCta')}
            </Link>
          </div>
        </div>
        <div id="for-suppliers" className="rounded-lg p-6 ring-1 ring-slate-200">
          <h2 className="text-xl font-bold text-blue-900">{t('onboarding.home.forSuppliers')}</h2>
          <p className="mt-2 text-slate-700">{t('onboarding.home.forSuppliersBody')}</p>
          <div className="mt-4">
            <Link
              to="/signup?kind=supplier"
              className="inline-block rounded-md bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900"
            >
              {t('onboarding.home.forSuppliersCta')}
            </Link>
          </div>
        </div>
      </section>

      <section aria-labelledby="aims-title" className="mx-auto max-w-6xl px-4 pb-12">
        <h2 id="aims-title" className="text-xl font-bold">
          {t('home.aims.title')}
        </h2>
        <ol className="mt-4 list-decimal space-y-2 pl-6 text-slate-800">
          {aims.map((aim) => (
            <li key={aim}>{t(aim)}</li>
          ))}
        </ol>
        <p className="mt-4">
          <Link to="/about" className="font-semibold text-blue-800 underline underline-offset-4">
            {t('nav.about')}
          </Link>
        </p>
      </section>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
