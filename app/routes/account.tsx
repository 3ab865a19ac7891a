import type { LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import type { TranslationKey } from '#models/i18n/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { requirePasswordActor } from '#app/utils/permissions.server.ts'

const sections: Array<{ to: string; label: TranslationKey }> = [
  { to: '/account', label: 'account.profile' },
  { to: '/account/security', label: 'account.security' },
  { to: '/account/two-factor', label: 'twoFactor.setupTitle' },
  { to: '/account/organization', label: 'account.organization' },
  { to: '/account/billing', label: 'billing.title' },
  { to: '/account/saved-searches', label: 'billing.savedSearch.title' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  // The two-factor set-up page lives here and must open before the second factor is done;
  // every other account page requires the full sign-in itself.
  const actor = await requirePasswordActor(request)
  return {
    name: actor.user.name,
    email: actor.user.email,
    organizationName: actor.organization.name,
    emailVerified: Boolean(actor.user.emailVerifiedAt),
  }
}

export default function AccountLayout() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-600">
            <bdi>{data.organizationName}</bdi>
          </p>
          <h1 className="text-2xl font-bold">
            <bdi>{data.name}</bdi>
          </h1>
        </div>
      </div>
      {data.emailVerified ? null : (
        <p
          role="status"
          className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          {t('account.verifyBanner', { email: data.email })}
        </p>
      )}
      <div className="mt-6 grid gap-8 md:grid-cols-[12rem_1fr]">
        <nav aria-label={t('account.navLabel')}>
          <ul className="flex flex-wrap gap-2 md:flex-col">
            {sections.map((section) => (
              <li key={section.to}>
                <NavLink
                  to={section.to}
                  end
                  className={({ isActive }) =>
                    `block rounded px-3 py-2 text-sm ${isActive ? 'bg-blue-900 text-white' : 'text-slate-800 hover:bg-slate-100'}`
                  }
                >
                  {t(section.label)}
                </NavLink>
              </li>
            ))}
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
