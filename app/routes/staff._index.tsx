import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { hasStaffRole, requireStaff } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { programmeCounts } from '#models/staff/programme-counts.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'staff.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireStaff(request)
  const figures = await programmeCounts()
  const locale = getLocale(request)
  const countedAt = figures
    ? new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Asia/Ho_Chi_Minh',
      }).format(figures.countedAt)
    : null
  return {
    suppliers: figures?.suppliers ?? null,
    buyers: figures?.buyers ?? null,
    users: figures?.users ?? null,
    countedAt,
    roles: actor.user.staffRoles,
    isAdmin: hasStaffRole(actor, 'admin'),
    isVerifier: hasStaffRole(actor, 'verifier'),
    isOrganiser: hasStaffRole(actor, 'organiser') || hasStaffRole(actor, 'admin'),
  }
}

export default function StaffHome() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  return (
    <section className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('staff.title')}</h1>
      <dl className="mt-6 grid gap-4 sm:grid-cols-3">
        {(
          [
            ['staff.suppliers', data.suppliers],
            ['staff.buyers', data.buyers],
            ['staff.users', data.users],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="rounded-md p-4 ring-1 ring-slate-200">
            <dt className="text-sm text-slate-600">{t(label)}</dt>
            <dd className="text-2xl font-bold">{value ?? '—'}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-sm text-slate-600" data-testid="programme-counted-at">
        {data.countedAt ? t('staff.countedAt', { time: data.countedAt }) : t('staff.notCountedYet')}
      </p>
      <p className="mt-6">
        <Link
          to="/staff/dashboard"
          className="font-semibold text-blue-800 underline underline-offset-4"
        >
          {t('staffConsole.nav.dashboard')}
        </Link>
      </p>
      {data.isVerifier ? (
        <p className="mt-6">
          <Link
            to="/staff/verification"
            className="font-semibold text-blue-800 underline underline-offset-4"
          >
            {t('staffConsole.nav.verification')}
          </Link>
        </p>
      ) : null}
      {data.isVerifier || data.isAdmin ? (
        <p className="mt-6">
          <Link
            to="/staff/reports"
            className="font-semibold text-blue-800 underline underline-offset-4"
          >
            {t('staffConsole.nav.reports')}
          </Link>
        </p>
      ) : null}
      {data.isOrganiser ? (
        <p className="mt-6">
          <Link
            to="/staff/events"
            className="font-semibold text-blue-800 underline underline-offset-4"
          >
            {t('events.staffTitle')}
          </Link>
        </p>
      ) : null}
      {data.isAdmin ? (
        <p className="mt-6">
          <Link
            to="/staff/billing"
            className="font-semibold text-blue-800 underline underline-offset-4"
          >
            {t('billing.staff.title')}
          </Link>
        </p>
      ) : null}
      {data.isAdmin ? (
        <p className="mt-6">
          <Link
            to="/staff/audit"
            className="font-semibold text-blue-800 underline underline-offset-4"
          >
            {t('audit.title')}
          </Link>
        </p>
      ) : null}
      {data.isAdmin ? (
        <p className="mt-6">
          <Link
            to="/staff/imports"
            className="font-semibold text-blue-800 underline underline-offset-4"
          >
            {t('staffImport.nav')}
          </Link>
        </p>
      ) : null}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
