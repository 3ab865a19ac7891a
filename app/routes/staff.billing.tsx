import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { requireStaff } from '#app/utils/permissions.server.ts'
import { readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { grantPlanManually, organizationByReference } from '#models/billing/billing-account.ts'
import { PLAN_CODES, PLAN_FOR_KIND, type PlanCode } from '#models/billing/plans.ts'
import type { TranslationKey } from '#models/i18n/index.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'billing.staff.title')

const MAX_GRANT_MS = 3 * 366 * 24 * 60 * 60 * 1000

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'admin')
  return null
}

type ActionResult =
  | { ok: false; error: TranslationKey }
  | { ok: true; plan: PlanCode; organization: string; until: string }

/**
 * A staff admin grants a plan by hand (a firm that paid by bank transfer, or payments not
 * configured): recorded in the audit log with the admin's name and address.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, 'admin')
  const form = await readForm(request)
  const fail = (error: TranslationKey) =>
    Response.json({ ok: false, error } satisfies ActionResult, { status: 400 })
  const reference = String(form.get('organization') ?? '').slice(0, 100)
  const plan = String(form.get('plan') ?? '') as PlanCode
  const untilText = String(form.get('until') ?? '')
  if (!PLAN_CODES.includes(plan)) return fail('validation.required')
  const organization = await organizationByReference(reference)
  if (!organization) return fail('billing.staff.unknownOrganization')
  if (PLAN_FOR_KIND[plan] !== organization.kind) return fail('billing.staff.wrongKind')
  const until = /^\d{4}-\d{2}-\d{2}$/.test(untilText)
    ? new Date(`${untilText}T23:59:59+07:00`)
    : new Date(Number.NaN)
  const now = Date.now()
  if (
    Number.isNaN(until.getTime()) ||
    until.getTime() <= now ||
    until.getTime() > now + MAX_GRANT_MS
  ) {
    return fail('billing.staff.badDate')
  }
  await grantPlanManually(
    organization.id,
    { plan, until },
    {
      label: `${actor.user.name} <${actor.user.email}>`,
      userId: actor.user._id,
      ip: context.clientIp,
    },
  )
  return Response.json({
    ok: true,
    plan,
    organization: organization.name,
    until: untilText,
  } satisfies ActionResult)
}

export default function StaffBillingPage() {
  const { t } = useTranslation()
  const result = useActionData<ActionResult>()
  return (
    <section className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('billing.staff.title')}</h1>
      <p className="mt-2 text-slate-700">{t('billing.staff.lead')}</p>
      {result ? (
        <p
          role={result.ok ? 'status' : 'alert'}
          className={`mt-4 rounded-md px-3 py-2 text-sm ${result.ok ? 'bg-green-50 text-green-900' : 'bg-red-50 text-red-900'}`}
        >
          {result.ok
            ? t('billing.staff.granted', {
                plan: t(`billing.plan.${result.plan}` as TranslationKey),
                organization: result.organization,
                date: result.until,
              })
            : t(result.error)}
        </p>
      ) : null}
      <Form method="post" className="mt-6 grid max-w-md gap-4">
        <label className="grid gap-1 text-sm font-medium">
          {t('billing.staff.organization')}
          <input
            name="organization"
            required
            maxLength={100}
            className="rounded-md border border-slate-400 px-2 py-1"
          />
        </label>
        <label className="grid gap-1 text-sm font-medium">
          {t('billing.staff.plan')}
          <select name="plan" className="rounded-md border border-slate-400 px-2 py-1">
            {PLAN_CODES.map((code) => (
              <option key={code} value={code}>
                {t(`billing.plan.${code}` as TranslationKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="grid gap-1 text-sm font-medium">
          {t('billing.staff.until')}
          <input
            type="date"
            name="until"
            required
            className="rounded-md border border-slate-400 px-2 py-1"
          />
        </label>
        <button
          type="submit"
          className="justify-self-start rounded-md bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900"
        >
          {t('billing.staff.grant')}
        </button>
      </Form>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
