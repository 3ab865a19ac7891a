import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { KpiFigure } from '#app/components/staff/kpi-figure.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { requireStaff } from '#app/utils/permissions.server.ts'
import { readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import {
  kpiRangeOf,
  kpiSnapshotOn,
  kpiTables,
  kpiWithoutData,
  refreshKpiSnapshot,
} from '#models/staff/kpi.ts'
import { recordAudit } from '#models/staff/audit-log.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'staffConsole.kpi.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  const url = new URL(request.url)
  const range = kpiRangeOf(url)
  const snapshot = await kpiSnapshotOn(range.to || null)
  const locale = getLocale(request)
  return {
    range,
    computedAt: snapshot?.computedAt.toISOString() ?? null,
    tables: snapshot ? kpiTables(snapshot.figures, { locale, from: range.from, to: range.to }) : [],
    withoutData: kpiWithoutData,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireStaff(request)
  const form = await readForm(request)
  if (form.get('intent') !== 'refresh')
    return Response.json({ ok: false, message: 'staffConsole.verify.invalid' }, { status: 400 })
  await refreshKpiSnapshot()
  await recordAudit({
    actor: actor.user._id,
    actorLabel: actor.user.name,
    action: 'kpi.refresh',
    targetType: 'kpi',
    targetId: 'snapshot',
  })
  return Response.json({ ok: true, message: 'staffConsole.kpi.refreshed' })
}

export default function StaffDashboard() {
  const { t, locale } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const result = useActionData<{
    ok: boolean
    message: 'staffConsole.kpi.refreshed' | 'staffConsole.verify.invalid'
  }>()
  const query = (format: 'csv' | 'xlsx', kpi: string) =>
    `/staff/dashboard/export?${new URLSearchParams({ kpi, format, from: data.range.from, to: data.range.to })}`
  const date = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  })
  return (
    <section className="mx-auto max-w-7xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('staffConsole.kpi.title')}</h1>
      {result ? (
        <div className="mt-4">
          <FormMessage tone={result.ok ? 'success' : 'error'}>{t(result.message)}</FormMessage>
        </div>
      ) : null}
      {data.range.invalid ? (
        <div className="mt-4">
          <FormMessage tone="error">{t('staffConsole.kpi.badRange')}</FormMessage>
        </div>
      ) : null}
      <div className="mt-4 flex flex-wrap items-end gap-6">
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col text-sm font-semibold">
            {t('staffConsole.kpi.from')}
            <input
              type="date"
              name="from"
              defaultValue={data.range.from}
              className="mt-1 rounded border px-2 py-1 font-normal"
            />
          </label>
          <label className="flex flex-col text-sm font-semibold">
            {t('staffConsole.kpi.to')}
            <input
              type="date"
              name="to"
              defaultValue={data.range.to}
              className="mt-1 rounded border px-2 py-1 font-normal"
            />
          </label>
          <button
            type="submit"
            className="rounded-md bg-blue-800 px-4 py-2 font-semibold text-white"
          >
            {t('staffConsole.kpi.apply')}
          </button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="refresh" />
          <button
            type="submit"
            className="rounded-md px-4 py-2 font-semibold ring-1 ring-slate-300"
          >
            {t('staffConsole.kpi.refresh')}
          </button>
        </Form>
      </div>
      <p className="mt-3 text-sm text-slate-700">
        {data.computedAt
          ? t('staffConsole.kpi.computedAt', { date: date.format(new Date(data.computedAt)) })
          : t('staffConsole.kpi.noSnapshot')}
      </p>
      {data.tables.length > 0 ? (
        <p className="mt-2 text-sm">
          <a
            href={`/staff/dashboard/export?${new URLSearchParams({ kpi: 'all', format: 'xlsx', from: data.range.from, to: data.range.to })}`}
            className="font-semibold text-blue-800 underline"
          >
            {t('staffConsole.kpi.exportXlsx')} ({t('staffConsole.queue.any')})
          </a>
        </p>
      ) : null}
      <div className="mt-6 grid gap-6">
        {data.tables.map((table) => (
          <KpiFigure
            key={table.id}
            figure={table}
            exportHref={(format) => query(format, table.id)}
          />
        ))}
      </div>
      {data.withoutData.length ? (
        <ul className="mt-6 list-disc pl-5 text-sm text-slate-700">
          {data.withoutData.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
