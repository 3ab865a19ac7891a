import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { requireStaff } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { verificationQueue } from '#models/staff/verification.ts'
import { queueReasons } from '#models/staff/verification-schemas.ts'
import { provinces } from '#models/taxonomy/provinces.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'staffConsole.queue.title')

const claimFilters = ['all', 'unclaimed', 'mine'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, 'verifier')
  const url = new URL(request.url)
  const province = url.searchParams.get('province') ?? ''
  const reason = url.searchParams.get('reason') ?? ''
  const claimParam = url.searchParams.get('claim') ?? 'all'
  const claim = (claimFilters as readonly string[]).includes(claimParam)
    ? (claimParam as (typeof claimFilters)[number])
    : 'all'
  const q = (url.searchParams.get('q') ?? '').slice(0, 100)
  const filters = {
    province: provinces.some((candidate) => candidate.code === province) ? province : '',
    reason: (queueReasons as readonly string[]).includes(reason) ? reason : '',
    claim,
    q,
  }
  const entries = await verificationQueue(actor.user._id, filters)
  return {
    filters,
    entries: entries.map((entry) => ({ ...entry, requestedAt: entry.requestedAt.toISOString() })),
  }
}

export default function VerificationQueue() {
  const { t, locale } = useTranslation()
  const { filters, entries } = useLoaderData<typeof loader>()
  const date = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  })
  const provinceName = (code: string | null) =>
    provinces.find((province) => province.code === code)?.labels[locale] ?? code ?? ''
  return (
    <section className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('staffConsole.queue.title')}</h1>
      <Form
        method="get"
        className="mt-6 flex flex-wrap items-end gap-3"
        aria-label={t('staffConsole.queue.filter')}
      >
        <label className="flex flex-col text-sm font-semibold">
          {t('staffConsole.queue.search')}
          <input
            name="q"
            defaultValue={filters.q}
            maxLength={100}
            className="mt-1 rounded border px-2 py-1 font-normal"
          />
        </label>
        <label className="flex flex-col text-sm font-semibold">
          {t('staffConsole.queue.province')}
          <select
            name="province"
            defaultValue={filters.province}
            className="mt-1 rounded border px-2 py-1 font-normal"
          >
            <option value="">{t('staffConsole.queue.any')}</option>
            {provinces.map((province) => (
              <option key={province.code} value={province.code}>
                {province.labels[locale]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm font-semibold">
          {t('staffConsole.queue.reason')}
          <select
            name="reason"
            defaultValue={filters.reason}
            className="mt-1 rounded border px-2 py-1 font-normal"
          >
            <option value="">{t('staffConsole.queue.any')}</option>
            {queueReasons.map((reason) => (
              <option key={reason} value={reason}>
                {t(`staffConsole.queueReason.${reason}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm font-semibold">
          {t('staffConsole.queue.claim')}
          <select
            name="claim"
            defaultValue={filters.claim}
            className="mt-1 rounded border px-2 py-1 font-normal"
          >
            <option value="all">{t('staffConsole.queue.any')}</option>
            <option value="unclaimed">{t('staffConsole.queue.unclaimed')}</option>
            <option value="mine">{t('staffConsole.queue.mine')}</option>
          </select>
        </label>
        <button type="submit" className="rounded-md bg-blue-800 px-4 py-2 font-semibold text-white">
          {t('staffConsole.queue.filter')}
        </button>
      </Form>
      {entries.length === 0 ? (
        <p className="mt-6" role="status">
          {t('staffConsole.queue.empty')}
        </p>
      ) : (
        <table className="mt-6 w-full text-left text-sm" data-testid="verification-queue">
          <thead>
            <tr className="border-b">
              <th scope="col" className="py-2">
                {t('staffConsole.queue.requestedAt')}
              </th>
              <th scope="col">{t('staffConsole.queue.organization')}</th>
              <th scope="col">{t('staffConsole.queue.province')}</th>
              <th scope="col">{t('staffConsole.queue.reason')}</th>
              <th scope="col">{t('staffConsole.queue.claim')}</th>
              <th scope="col">
                <span className="sr-only">{t('staffConsole.queue.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.caseId} className="border-b">
                <td className="py-2">{date.format(new Date(entry.requestedAt))}</td>
                <td>
                  <bdi>{entry.organizationName}</bdi>
                </td>
                <td>{provinceName(entry.province)}</td>
                <td>{t(`staffConsole.queueReason.${entry.reason}`)}</td>
                <td>{entry.claimedBy ? <bdi>{entry.claimedBy}</bdi> : '—'}</td>
                <td>
                  <Link
                    to={`/staff/verification/${entry.caseId}`}
                    className="font-semibold text-blue-800 underline"
                  >
                    {t('staffConsole.queue.open')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
