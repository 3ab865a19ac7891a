import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, NavLink, Outlet, useLoaderData } from '@remix-run/react'
import type { TranslationKey } from '#models/i18n/index.ts'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { requireSupplierEditor } from '#app/utils/supplier-profile.server.ts'
import { profileSectionNames } from '#models/profiles/supplier-profile-schemas.ts'
import {
  completenessCheckCount,
  profileCompleteness,
  profileFor,
} from '#models/profiles/supplier-profile.ts'
import { searchBarGaps } from '#search/profile-bar.ts'
import { memberEmailVerification } from '#models/accounts/email-verified.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSupplierEditor(request)
  const profile = await profileFor(actor.organization._id, {
    province: actor.organization.province,
  })
  const fields = profile.toObject()
  const base = profileCompleteness(fields)
  // Logo and photos count too: buyers look at them first.
  const media: TranslationKey[] = [
    ...(actor.organization.logo ? [] : (['onboarding.missing.logo'] as const)),
    ...(fields.photos?.length ? [] : (['onboarding.missing.photos'] as const)),
  ]
  const total = completenessCheckCount + 2
  const missing = [...base.missing, ...media]
  return {
    organizationName: actor.organization.name,
    slug: actor.organization.slug,
    completeness: {
      percent: Math.round((100 * (total - missing.length)) / total),
      missing,
    },
    // What keeps the supplier out of search (the minimum profile bar), if anything.
    searchBarGaps: searchBarGaps({
      ...fields,
      name: actor.organization.name,
      // As the indexer decides it: any member's confirmed address counts.
      emailVerified:
        Boolean(actor.user.emailVerifiedAt) ||
        (await memberEmailVerification(actor.organization._id)) !== false,
    }),
  }
}

/** Where each missing item of the meter is filled in: its section, and the field's id there. */
const missingItemTargets: Record<string, string> = {
  'profile.missing.descriptionVi': 'general#profile-general-description.vi',
  'profile.missing.descriptionEn': 'general#profile-general-description.en',
  'profile.missing.province': 'general#profile-general-province',
  'profile.missing.employeeBand': 'general#profile-general-employeeBand',
  'profile.missing.foundedYear': 'general#profile-general-foundedYear',
  'profile.missing.sectors': 'capabilities#profile-capabilities-sectors',
  'profile.missing.processes': 'capabilities#profile-capabilities-processes',
  'profile.missing.materials': 'capabilities#profile-capabilities-materials',
  'profile.missing.capacity': 'capabilities#profile-capabilities-monthlyCapacity',
  'profile.missing.equipment': 'capabilities#profile-capabilities-equipment',
  'profile.missing.products': 'products#section-title',
  'profile.missing.certifications': 'certifications#section-title',
  'profile.missing.exportMarkets': 'markets#profile-markets-exportMarkets',
  'onboarding.missing.logo': 'media#logo',
  'onboarding.missing.photos': 'media#photos',
}

export function missingItemHref(key: string): string {
  return `/supplier-profile/${missingItemTargets[key] ?? 'general'}`
}

export default function SupplierProfileLayout() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const { percent, missing } = data.completeness
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-600">
            <bdi>{data.organizationName}</bdi>
          </p>
          <h1 className="text-2xl font-bold">{t('profile.editTitle')}</h1>
        </div>
        <Link
          to="/supplier-profile/verification"
          className="text-sm font-semibold text-blue-800 underline underline-offset-4"
        >
          {t('staffConsole.supplier.title')}
        </Link>
        <Link
          to={`/suppliers/${data.slug}`}
          className="text-sm font-semibold text-blue-800 underline underline-offset-4"
        >
          {t('profile.viewPublic')}
        </Link>
      </div>
      <section
        aria-labelledby="completeness-title"
        className="mt-6 rounded-md p-4 ring-1 ring-slate-200"
      >
        <h2 id="completeness-title" className="text-sm font-semibold">
          {t('profile.completeness', { percent })}
        </h2>
        <div
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-labelledby="completeness-title"
          className="mt-2 h-2 w-full rounded bg-slate-200"
        >
          <div className="h-2 rounded bg-blue-800" style={{ width: `${percent}%` }} />
        </div>
        {missing.length ? (
          <div className="mt-2 text-sm text-slate-700">
            <p>{t('profile.stillMissing')}</p>
            {/* Each missing item links to the field that fills it. */}
            <ul className="mt-1 flex flex-wrap gap-2" data-testid="missing-items">
              {missing.map((key) => (
                <li key={key}>
                  <Link
                    to={missingItemHref(key)}
                    className="inline-block rounded-full bg-amber-50 px-3 py-1 text-amber-950 underline underline-offset-2 ring-1 ring-amber-300 hover:bg-amber-100"
                  >
                    {t(key)}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {data.searchBarGaps.length ? (
          <p role="status" className="mt-2 text-sm font-semibold text-amber-900">
            {t('profile.searchBar.hidden')}{' '}
            {data.searchBarGaps.map((gap) => t(`profile.searchBar.${gap}`)).join('; ')}.
          </p>
        ) : null}
      </section>
      <div className="mt-6 grid gap-8 md:grid-cols-[12rem_1fr]">
        <nav aria-label={t('profile.sections')}>
          <ul className="flex flex-wrap gap-2 md:flex-col">
            {profileSectionNames.map((section) => (
              <li key={section}>
                <NavLink
                  to={`/supplier-profile/${section}`}
                  className={({ isActive }) =>
                    `block rounded px-3 py-2 text-sm ${isActive ? 'bg-blue-900 text-white' : 'text-slate-800 hover:bg-slate-100'}`
                  }
                >
                  {t(`profile.section.${section}`)}
                </NavLink>
              </li>
            ))}
            <li>
              <NavLink
                to="/supplier-profile/media"
                className={({ isActive }) =>
                  `block rounded px-3 py-2 text-sm ${isActive ? 'bg-blue-900 text-white' : 'text-slate-800 hover:bg-slate-100'}`
                }
              >
                {t('profile.section.media')}
              </NavLink>
            </li>
            <li>
              <NavLink
                to="/supplier-profile/analytics"
                className={({ isActive }) =>
                  `block rounded px-3 py-2 text-sm ${isActive ? 'bg-blue-900 text-white' : 'text-slate-800 hover:bg-slate-100'}`
                }
              >
                {t('billing.analytics.title')}
              </NavLink>
            </li>
          </ul>
        </nav>
        <div>
          <Outlet />
        </div>
      </div>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
