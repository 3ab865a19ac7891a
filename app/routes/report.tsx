import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { ReportForm } from '#app/components/moderation/report-form.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { requireActor } from '#app/utils/permissions.server.ts'
import { readForm } from '#app/utils/request.server.ts'
import { safeRedirect } from '#app/utils/safe-redirect.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { fileReport } from '#models/staff/moderation.ts'
import {
  REPORT_TEXT_MAX_LENGTH,
  reportReasons,
  reportTargetTypes,
  type ReportReason,
  type ReportTargetType,
} from '#models/staff/moderation-schemas.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'staffConsole.report.title')

interface ReportTarget {
  targetType: ReportTargetType
  targetId: string
  returnTo: string
}

/**
 * `GET /report?targetType=message&targetId=…&returnTo=…` shows the report form for one item
 * (the "Report" link beside a chat message leads here; it works without JavaScript). Whether
 * the reporter may report it is decided when the form is sent (fileReport). Without those
 * parameters (after the action) the page shows the result only.
 */
export async function loader({ request }: LoaderFunctionArgs): Promise<ReportTarget | null> {
  const url = new URL(request.url)
  const targetType = url.searchParams.get('targetType')
  const targetId = url.searchParams.get('targetId')
  if (targetType === null && targetId === null) return null
  await requireActor(request)
  if (
    !targetType ||
    !(reportTargetTypes as readonly string[]).includes(targetType) ||
    !targetId ||
    targetId.length > 100
  )
    return null
  return {
    targetType: targetType as ReportTargetType,
    targetId,
    returnTo: safeRedirect(url.searchParams.get('returnTo') ?? '/'),
  }
}

type ActionResult = { ok: boolean; message: string; returnTo: string }

/** Any signed-in user reports a supplier profile, a message or a quote (forms post here). */
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request)
  const form = await readForm(request)
  const returnTo = safeRedirect(String(form.get('returnTo') ?? '/'))
  const reply = (ok: boolean, message: string, status = ok ? 200 : 400) =>
    Response.json({ ok, message, returnTo } satisfies ActionResult, { status })
  const targetType = form.get('targetType')
  const targetId = form.get('targetId')
  const reason = form.get('reason')
  const text = form.get('text') ?? ''
  if (
    typeof targetType !== 'string' ||
    !(reportTargetTypes as readonly string[]).includes(targetType) ||
    typeof targetId !== 'string' ||
    targetId.length === 0 ||
    targetId.length > 100 ||
    typeof reason !== 'string' ||
    !(reportReasons as readonly string[]).includes(reason) ||
    typeof text !== 'string' ||
    text.length > REPORT_TEXT_MAX_LENGTH
  )
    return reply(false, 'staffConsole.report.invalid')
  const result = await fileReport({
    reporter: { userId: actor.user._id, organizationId: actor.organization._id },
    targetType: targetType as ReportTargetType,
    targetId,
    reason: reason as ReportReason,
    text: text.trim() || undefined,
  })
  if (!result.ok)
    return reply(false, result.error, result.error === 'staffConsole.report.tooMany' ? 429 : 400)
  return reply(true, 'staffConsole.report.sent')
}

export default function ReportPage() {
  const { t } = useTranslation()
  const result = useActionData<ActionResult>()
  const target = useLoaderData<typeof loader>()
  return (
    <section className="mx-auto max-w-2xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('staffConsole.report.title')}</h1>
      {result ? (
        <div className="mt-4" data-testid="report-result">
          <FormMessage tone={result.ok ? 'success' : 'error'}>
            {t(result.message as Parameters<typeof t>[0])}
          </FormMessage>
          <p className="mt-4">
            <Link to={result.returnTo} className="font-semibold text-blue-800 underline">
              {t('staffConsole.report.back')}
            </Link>
          </p>
        </div>
      ) : target ? (
        <ReportForm
          targetType={target.targetType}
          targetId={target.targetId}
          returnTo={target.returnTo}
          open
        />
      ) : (
        <p className="mt-4">
          <Link to="/" className="font-semibold text-blue-800 underline">
            {t('staffConsole.report.back')}
          </Link>
        </p>
      )}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
