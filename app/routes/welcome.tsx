import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import type { TranslationKey } from '#models/i18n/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { hasStaffRole, requireActor } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { supplierProfileOf } from '#models/profiles/supplier-listing.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'onboarding.welcome.title')

interface Step {
  label: TranslationKey
  to: string
  /** null: a step the page cannot check (it reads nothing it would have to search for). */
  done: boolean | null
}

/**
 * Where a new account lands after its first sign-in: the next steps for its role, each a link,
 * with what is done ticked. Point reads only (the user, the organisation, the supplier profile
 * by its derived id).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  const emailVerified = Boolean(actor.user.emailVerifiedAt)
  const verifyStep: Step = {
    label: 'onboarding.welcome.verifyEmail',
    to: '/account',
    done: emailVerified,
  }
  if (hasStaffRole(actor)) {
    return {
      role: 'staff' as const,
      steps: [
        {
          label: 'onboarding.welcome.staffTwoFactor',
          to: '/account/two-factor',
          done: Boolean(actor.user.totp?.secret),
        },
        { label: 'onboarding.welcome.staffConsole', to: '/staff', done: null },
      ] satisfies Step[],
    }
  }
  if (actor.organization.kind === 'supplier') {
    const profile = (await supplierProfileOf(actor.organization._id))?.toObject()
    return {
      role: 'supplier' as const,
      steps: [
        verifyStep,
        {
          label: 'onboarding.welcome.supplierGeneral',
          to: '/supplier-profile/general',
          done: Boolean(profile?.tradeName && (profile.description?.vi || profile.description?.en)),
        },
        {
          label: 'onboarding.welcome.supplierCapabilities',
          to: '/supplier-profile/capabilities',
          done: Boolean(profile?.processes?.length && profile.sectors?.length),
        },
        {
          label: 'onboarding.welcome.supplierCertifications',
          to: '/supplier-profile/certifications',
          done: Boolean(profile?.certifications?.length),
        },
        {
          label: 'onboarding.welcome.supplierMedia',
          to: '/supplier-profile/media',
          done: Boolean(actor.organization.logo && profile?.photos?.length),
        },
        {
          label: 'onboarding.welcome.supplierPublic',
          to: `/suppliers/${actor.organization.slug}`,
          done: null,
        },
      ] satisfies Step[],
    }
  }
  return {
    role: 'buyer' as const,
    steps: [
      verifyStep,
      { label: 'onboarding.welcome.buyerProfile', to: '/buyer-profile', done: null },
      { label: 'onboarding.welcome.buyerSearch', to: '/suppliers', done: null },
      { label: 'onboarding.welcome.buyerMessage', to: '/suppliers', done: null },
    ] satisfies Step[],
  }
}

const leads = {
  supplier: 'onboarding.welcome.supplierLead',
  buyer: 'onboarding.welcome.buyerLead',
  staff: 'onboarding.welcome.staffLead',
} as const satisfies Record<string, TranslationKey>

export default function WelcomePage() {
  const { t } = useTranslation()
  const { role, steps } = useLoaderData<typeof loader>()
  const checkable = steps.filter((step) => step.done !== null)
  const done = checkable.filter((step) => step.done).length
  return (
    <section className="mx-auto max-w-2xl px-4 py-10 sm:py-14">
      <h1 className="text-3xl font-bold tracking-tight">{t('onboarding.welcome.title')}</h1>
      <p className="mt-3 text-lg text-slate-700">{t(leads[role])}</p>
      <h2 className="mt-8 text-xl font-semibold">{t('onboarding.welcome.checklist')}</h2>
      <p className="mt-1 text-sm text-slate-600">
        {t('onboarding.welcome.progress', { done, total: checkable.length })}
      </p>
      <ol className="mt-4 space-y-3" data-testid="welcome-steps">
        {steps.map((step, index) => (
          <li key={step.label}>
            <Link
              to={step.to}
              className={`flex items-center gap-3 rounded-lg p-4 ring-1 hover:bg-blue-50 ${
                step.done ? 'bg-green-50 ring-green-300' : 'bg-white ring-slate-300'
              }`}
            >
              <span
                aria-hidden="true"
                className={`flex size-8 shrink-0 items-center justify-center rounded-full text-sm font-bold ${
                  step.done ? 'bg-green-700 text-white' : 'bg-slate-100 text-slate-800'
                }`}
              >
                {step.done ? '✓' : index + 1}
              </span>
              <span className="flex-1 font-medium text-blue-900 underline-offset-4">
                {t(step.label)}
              </span>
              {step.done === null ? null : (
                <span
                  className={`text-sm font-semibold ${step.done ? 'text-green-900' : 'text-slate-600'}`}
                >
                  {t(step.done ? 'onboarding.welcome.done' : 'onboarding.welcome.todo')}
                </span>
              )}
            </Link>
          </li>
        ))}
      </ol>
      <p className="mt-8 flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <Link to="/account" className="text-blue-900 underline underline-offset-4">
          {t('onboarding.welcome.account')}
        </Link>
        <Link to="/" className="text-blue-900 underline underline-offset-4">
          {t('onboarding.welcome.later')}
        </Link>
      </p>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
