import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import type { TranslationKey } from '#models/i18n/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { requireStaff } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { findUserById } from '#models/accounts/user.ts'
import { recentAuditEntries } from '#models/staff/audit-log.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'audit.title')

const OBJECT_ID = /^[0-9a-f]{24}$/

/** Action codes with a name; features add theirs (an unknown code is shown as written). */
const actionNames: Record<string, TranslationKey> = {
  'staff.create': 'onboarding.audit.action.staffCreate',
  'user.password.change': 'onboarding.audit.action.passwordChange',
  'user.totp.enable': 'onboarding.audit.action.totpEnable',
}

/** A recorded value as a short line of text: no JSON syntax, nested values flattened. */
function describe(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (Array.isArray(value)) return value.map(describe).join(', ')
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${key}: ${describe(inner)}`)
      .join('; ')
  }
  return String(value).slice(0, 300)
}

/** The fields an entry changed, each with its value before and after. */
function changesOf(before: unknown, after: unknown) {
  const asRecord = (value: unknown): Record<string, unknown> =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : value === undefined || value === null
        ? {}
        : { value }
  const was = asRecord(before)
  const now = asRecord(after)
  return [...new Set([...Object.keys(was), ...Object.keys(now)])].slice(0, 20).map((field) => ({
    field,
    before: field in was ? describe(was[field]) : null,
    after: field in now ? describe(now[field]) : null,
  }))
}

/**
 * The newest entries, readable: dates in the reader's language (Vietnam time, said so), action
 * names, and people's names for user ids (one point read per distinct user).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'admin')
  const locale = getLocale(request)
  const entries = await recentAuditEntries(200)
  const userIds = new Set<string>()
  for (const entry of entries) {
    if (entry.targetType === 'User' && OBJECT_ID.test(entry.targetId)) userIds.add(entry.targetId)
  }
  const users = new Map(
    (
      await Promise.all(
        [...userIds].map(async (id) => {
          const user = await findUserById(id)
          return user ? ([id, { name: user.name, email: user.email }] as const) : null
        }),
      )
    ).flatMap((pair) => (pair ? [pair] : [])),
  )
  const when = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  })
  return {
    entries: entries.map((entry) => {
      const target = entry.targetType === 'User' ? users.get(entry.targetId) : undefined
      return {
        id: entry.id,
        at: entry.at.toISOString(),
        when: when.format(entry.at),
        actor: entry.actorLabel,
        action: entry.action,
        target: target
          ? `${target.name} (${target.email})`
          : `${entry.targetType} ${entry.targetId}`,
        changes: changesOf(entry.before, entry.after),
      }
    }),
  }
}

export default function AuditLogPage() {
  const { t } = useTranslation()
  const { entries } = useLoaderData<typeof loader>()
  const cell = 'block py-1 md:table-cell md:py-2 md:pr-4 md:align-top'
  const label = 'text-xs font-semibold text-slate-600 md:hidden'
  return (
    <section className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('audit.title')}</h1>
      <p className="mt-1 text-sm text-slate-600">{t('onboarding.audit.zone')}</p>
      {/* A table on wide screens; on a phone each entry is a card with its labels. */}
      <table className="mt-6 block w-full text-left text-sm md:table">
        <caption className="sr-only">{t('audit.title')}</caption>
        <thead className="hidden md:table-header-group">
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-2 pr-4">
              {t('audit.when')}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t('audit.who')}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t('audit.what')}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t('audit.target')}
            </th>
            <th scope="col" className="py-2">
              {t('audit.change')}
            </th>
          </tr>
        </thead>
        <tbody className="block space-y-3 md:table-row-group md:space-y-0">
          {entries.map((entry) => (
            <tr
              key={entry.id}
              className="block rounded-lg p-3 ring-1 ring-slate-200 md:table-row md:rounded-none md:p-0 md:ring-0 md:[border-bottom:1px_solid_rgb(241_245_249)]"
            >
              <td className={`${cell} whitespace-nowrap`}>
                <span className={label}>{t('audit.when')}: </span>
                <time dateTime={entry.at}>{entry.when}</time>
              </td>
              <td className={`${cell} break-words`}>
                <span className={label}>{t('audit.who')}: </span>
                {entry.actor}
              </td>
              <td className={cell}>
                <span className={label}>{t('audit.what')}: </span>
                <span className="font-medium">
                  {actionNames[entry.action] ? t(actionNames[entry.action]!) : entry.action}
                </span>
              </td>
              <td className={`${cell} break-words`}>
                <span className={label}>{t('audit.target')}: </span>
                <bdi>{entry.target}</bdi>
              </td>
              <td className={`${cell} md:pr-0`}>
                <span className={label}>{t('audit.change')}: </span>
                {entry.changes.length ? (
                  <dl className="space-y-0.5 break-words">
                    {entry.changes.map((change) => (
                      <div key={change.field}>
                        <dt className="inline font-medium">{change.field}: </dt>
                        <dd className="inline">
                          {change.before !== null ? (
                            <del className="text-slate-600">{change.before}</del>
                          ) : null}
                          {change.before !== null && change.after !== null ? ' → ' : null}
                          {change.after !== null ? (
                            <ins className="no-underline">{change.after}</ins>
                          ) : null}
                        </dd>
                      </div>
                    ))}
                  </dl>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
