import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage } from '#app/components/ui/forms.tsx'
import { endSessions } from '#app/utils/auth.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { requireStaff } from '#app/utils/permissions.server.ts'
import { readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import type { TranslationKey } from '#models/i18n/index.ts'
import { moderate, reportDetails } from '#models/staff/moderation.ts'
import {
  moderationActions,
  REPORT_TEXT_MAX_LENGTH,
  type ModerationAction,
} from '#models/staff/moderation-schemas.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'staffConsole.moderation.title')

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, 'verifier')
  const details = await reportDetails(params.reportId ?? '')
  if (!details) throw new Response('Not Found', { status: 404 })
  const { report, organization, profile } = details
  return {
    reportId: report._id.toHexString(),
    state: report.state,
    targetType: report.targetType,
    reason: report.reason,
    text: report.text ?? null,
    excerpt: report.excerpt ?? null,
    createdAt: report.createdAt.toISOString(),
    organization: {
      name: organization.name,
      slug: organization.slug,
      kind: organization.kind,
      status: organization.status,
      description: profile?.description ?? null,
    },
  }
}

type ActionResult = { ok: boolean; message: TranslationKey }

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, 'verifier')
  const form = await readForm(request)
  const reply = (ok: boolean, message: TranslationKey, status = ok ? 200 : 400) =>
    Response.json({ ok, message } satisfies ActionResult, { status })
  const intent = form.get('intent')
  const note = form.get('note') ?? ''
  if (
    typeof intent !== 'string' ||
    !(moderationActions as readonly string[]).includes(intent) ||
    typeof note !== 'string' ||
    note.length > REPORT_TEXT_MAX_LENGTH
  )
    return reply(false, 'staffConsole.moderation.invalid')
  const result = await moderate({
    reportId: params.reportId ?? '',
    action: intent as ModerationAction,
    reasonText: note.trim() || undefined,
    actor: {
      userId: actor.user._id,
      name: actor.user.name,
      ip: request.headers.get('X-Forwarded-For') ?? undefined,
    },
    mailer: context.services.mailer,
    origin: context.publicOrigin,
    endMemberSessions: (userIds) => endSessions({ user: { $in: userIds } }, context.realtime),
  })
  return result.ok ? reply(true, 'staffConsole.moderation.done') : reply(false, result.error)
}

const buttonTone: Record<ModerationAction, string> = {
  dismiss: 'ring-1 ring-slate-300',
  hide: 'bg-amber-700 text-white',
  suspend: 'bg-red-800 text-white',
  restore: 'bg-blue-800 text-white',
}

export default function ReportPage() {
  const { t, locale } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const result = useActionData<ActionResult>()
  const open = data.state === 'open'
  const date = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  })
  const actions: ModerationAction[] = [
    ...(open ? (['dismiss', 'hide', 'suspend'] as const) : []),
    ...(data.organization.status !== 'active' ? (['restore'] as const) : []),
  ]
  return (
    <section className="mx-auto max-w-4xl px-4 py-10">
      <p>
        <Link to="/staff/reports" className="text-sm font-semibold text-blue-800 underline">
          {t('staffConsole.moderation.title')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">
        {t('staffConsole.moderation.reportTitle', { name: data.organization.name })}
      </h1>
      {result ? (
        <div className="mt-4">
          <FormMessage tone={result.ok ? 'success' : 'error'}>{t(result.message)}</FormMessage>
        </div>
      ) : null}
      <dl className="mt-6 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-semibold">{t('staffConsole.moderation.createdAt')}</dt>
        <dd>{date.format(new Date(data.createdAt))}</dd>
        <dt className="font-semibold">{t('staffConsole.moderation.target')}</dt>
        <dd>{t(`staffConsole.target.${data.targetType as 'profile'}`)}</dd>
        <dt className="font-semibold">{t('staffConsole.moderation.reason')}</dt>
        <dd>{t(`staffConsole.reportReason.${data.reason as 'spam'}`)}</dd>
      </dl>
      <p className="mt-4" data-testid="org-status">
        {t('staffConsole.moderation.status', {
          status: t(`staffConsole.orgStatus.${data.organization.status as 'active'}`),
        })}
      </p>
      {data.text ? (
        <section className="mt-6">
          <h2 className="font-semibold">{t('staffConsole.moderation.reporterText')}</h2>
          <p className="mt-1 whitespace-pre-wrap">
            <bdi>{data.text}</bdi>
          </p>
        </section>
      ) : null}
      <section className="mt-6 rounded border p-4" data-testid="report-target">
        <h2 className="font-semibold">{t('staffConsole.moderation.excerpt')}</h2>
        {data.excerpt ? (
          <p className="mt-1 whitespace-pre-wrap">
            <bdi>{data.excerpt}</bdi>
          </p>
        ) : null}
        {data.organization.kind === 'supplier' ? (
          <p className="mt-2">
            <a
              href={`/suppliers/${data.organization.slug}`}
              className="font-semibold text-blue-800 underline"
            >
              <bdi>{data.organization.name}</bdi>
            </a>
          </p>
        ) : (
          <p className="mt-2">
            <bdi>{data.organization.name}</bdi>
          </p>
        )}
        {data.organization.description ? (
          <p className="mt-2 whitespace-pre-wrap text-sm">
            <bdi>{data.organization.description[locale] || data.organization.description.vi}</bdi>
          </p>
        ) : null}
      </section>
      {!open ? (
        <p className="mt-4" role="status">
          {t('staffConsole.moderation.closedState')}
        </p>
      ) : null}
      {actions.length ? (
        <Form method="post" className="mt-6 flex flex-col gap-3">
          <label className="flex flex-col text-sm font-semibold">
            {t('staffConsole.moderation.note')}
            <textarea
              name="note"
              maxLength={REPORT_TEXT_MAX_LENGTH}
              rows={3}
              className="mt-1 rounded border px-2 py-1 font-normal"
            />
          </label>
          <div className="flex flex-wrap gap-3">
            {actions.map((action) => (
              <button
                key={action}
                type="submit"
                name="intent"
                value={action}
                className={`rounded-md px-4 py-2 font-semibold ${buttonTone[action]}`}
              >
                {t(`staffConsole.moderation.${action}`)}
              </button>
            ))}
          </div>
        </Form>
      ) : null}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
