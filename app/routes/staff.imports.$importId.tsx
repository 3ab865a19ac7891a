import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ImportInvitations } from '#app/components/staff/import-invitations.tsx'
import { ImportProgress } from '#app/components/staff/import-progress.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage, SubmitButton } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { requireStaff } from '#app/utils/permissions.server.ts'
import { readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import type { TranslationKey } from '#models/i18n/index.ts'
import { invitationStatus, requestInvitationResend } from '#models/staff/claim-invitations.ts'
import {
  confirmImport,
  findImport,
  importOutcomes,
  submitMapping,
  type RowOutcome,
} from '#models/staff/import.ts'
import { importFields, requiredImportFields } from '#models/staff/import-schemas.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'staffImport.title')

/** Rows shown on the page; the XLSX report has all of them. */
const SHOWN_ROWS = 200

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, 'admin')
  const found = await findImport(params.importId ?? '')
  if (!found) throw new Response('Not Found', { status: 404 })
  const running = found.state === 'validating' || found.state === 'importing'
  let rows: RowOutcome[] = []
  let moreRows = 0
  if (found.state === 'validated' || found.state === 'done') {
    const outcomes = await importOutcomes(found._id, found.chunkCount)
    const wanted = outcomes.filter((outcome) =>
      found.state === 'validated' ? outcome.status === 'invalid' : outcome.status !== 'created',
    )
    rows = wanted.slice(0, SHOWN_ROWS)
    moreRows = wanted.length - rows.length
  }
  return {
    id: found._id.toHexString(),
    fileName: found.fileName,
    state: found.state,
    headers: found.headers,
    mapping: (found.mapping ?? {}) as Record<string, number>,
    rowCount: found.rowCount,
    rowsDone: running ? (found.rowsDone ?? 0) : found.rowCount,
    counts: {
      create: found.counts?.create ?? 0,
      update: found.counts?.update ?? 0,
      skip: found.counts?.skip ?? 0,
      invalid: found.counts?.invalid ?? 0,
      created: found.counts?.created ?? 0,
      updated: found.counts?.updated ?? 0,
      skipped: found.counts?.skipped ?? 0,
      invited: found.counts?.invited ?? 0,
    },
    rows,
    moreRows,
    invitations: found.state === 'done' ? await invitationStatus(found) : null,
  }
}

type ActionResult = { error: TranslationKey }

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireStaff(request, 'admin')
  const form = await readForm(request)
  const refuse = (error: TranslationKey) =>
    Response.json({ error } satisfies ActionResult, { status: 400 })
  const found = await findImport(params.importId ?? '')
  if (!found) return refuse('staffImport.state')
  const importId = found._id
  const actorLabel = `${actor.user.name} <${actor.user.email}>`
  const intent = form.get('intent')
  if (intent === 'map') {
    const mapping: Record<string, string> = {}
    for (const field of importFields) {
      const value = form.get(`field.${field}`)
      if (typeof value === 'string') mapping[field] = value
    }
    const result = await submitMapping({ importId, mapping, userId: actor.user._id, actorLabel })
    if (!result.ok) return refuse(result.error)
  } else if (intent === 'confirm') {
    const result = await confirmImport({
      importId,
      sendInvitations: form.get('sendInvitations') === 'on',
      userId: actor.user._id,
      actorLabel,
    })
    if (!result.ok) return refuse(result.error)
  } else if (intent === 'resendInvitations') {
    const result = await requestInvitationResend({ importId, userId: actor.user._id, actorLabel })
    if (!result.ok) return refuse(result.error)
  } else {
    return refuse('staffImport.invalid')
  }
  return redirect(`/staff/imports/${found._id.toHexString()}`, 303)
}

function outcomeDetails(
  outcome: RowOutcome,
  t: (key: TranslationKey, params?: Record<string, string>) => string,
): string {
  const parts: string[] = []
  for (const error of outcome.errors ?? [])
    parts.push(t(`staffImport.row.${error.code}` as TranslationKey, { value: error.value ?? '' }))
  if (outcome.reason) parts.push(t(`staffImport.skip.${outcome.reason}` as TranslationKey))
  return parts.join('; ')
}

export default function StaffImportPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const result = useActionData<ActionResult>()
  const running = data.state === 'validating' || data.state === 'importing'
  const toImport = data.counts.create + data.counts.update
  return (
    <section className="mx-auto max-w-5xl px-4 py-10">
      <p>
        <Link to="/staff/imports" className="text-blue-800 underline">
          {t('staffImport.title')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{data.fileName}</h1>
      <p className="mt-1" data-testid="import-state">
        {t(`staffImport.state.${data.state}` as TranslationKey)} · {data.rowCount}{' '}
        {t('staffImport.col.rows').toLowerCase()}
      </p>
      {result ? (
        <div className="mt-4">
          <FormMessage tone="error">{t(result.error)}</FormMessage>
        </div>
      ) : null}

      {running ? (
        <ImportProgress
          importId={data.id}
          initial={{ rowsDone: data.rowsDone, rowCount: data.rowCount, state: data.state }}
        />
      ) : null}

      {data.state === 'mapping' || data.state === 'validated' ? (
        <Form method="post" className="mt-6 rounded border p-4" aria-labelledby="mapping-title">
          <h2 id="mapping-title" className="text-xl font-bold">
            {data.state === 'mapping'
              ? t('staffImport.mapping.title')
              : t('staffImport.dryRun.remap')}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t('staffImport.mapping.hint')}</p>
          <input type="hidden" name="intent" value="map" />
          <div className="mt-3 grid gap-3 sm:grid-cols-2">
            {importFields.map((field) => (
              <label key={field} className="flex flex-col text-sm font-semibold">
                {t(`staffImport.field.${field}`)}
                {requiredImportFields.includes(field) ? ' *' : ''}
                <select
                  name={`field.${field}`}
                  defaultValue={
                    data.mapping[field] === undefined ? '' : String(data.mapping[field])
                  }
                  className="mt-1 rounded border px-2 py-1 font-normal"
                  required={requiredImportFields.includes(field)}
                >
                  <option value="">{t('staffImport.mapping.notImported')}</option>
                  {data.headers.map((header, index) => (
                    <option key={index} value={String(index)}>
                      {header}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <div className="mt-4">
            <SubmitButton>{t('staffImport.mapping.submit')}</SubmitButton>
          </div>
        </Form>
      ) : null}

      {data.state === 'validated' ? (
        <div className="mt-6" data-testid="dry-run">
          <h2 className="text-xl font-bold">{t('staffImport.dryRun.title')}</h2>
          <dl className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
            {(['create', 'update', 'skip', 'invalid'] as const).map((key) => (
              <div key={key} className="rounded bg-slate-50 p-2">
                <dt className="text-sm">{t(`staffImport.dryRun.${key}`)}</dt>
                <dd className="text-2xl font-bold" data-testid={`dry-run-${key}`}>
                  {data.counts[key]}
                </dd>
              </div>
            ))}
          </dl>
          {toImport > 0 ? (
            <Form method="post" className="mt-4 space-y-2">
              <input type="hidden" name="intent" value="confirm" />
              <label className="flex items-center gap-2">
                <input type="checkbox" name="sendInvitations" defaultChecked />
                {t('staffImport.dryRun.sendInvitations')}
              </label>
              <SubmitButton>
                {t('staffImport.dryRun.confirm', { count: String(toImport) })}
              </SubmitButton>
            </Form>
          ) : null}
        </div>
      ) : null}

      {data.state === 'done' ? (
        <div className="mt-6" data-testid="import-report">
          <h2 className="text-xl font-bold">{t('staffImport.report.title')}</h2>
          <dl className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-5">
            {(['created', 'updated', 'skipped', 'invalid', 'invited'] as const).map((key) => (
              <div key={key} className="rounded bg-slate-50 p-2">
                <dt className="text-sm">{t(`staffImport.report.${key}`)}</dt>
                <dd className="text-2xl font-bold" data-testid={`report-${key}`}>
                  {data.counts[key]}
                </dd>
              </div>
            ))}
          </dl>
          <a
            href={`/staff/imports/${data.id}/report.xlsx`}
            className="mt-4 inline-block rounded bg-blue-800 px-4 py-2 font-semibold text-white"
            download
          >
            {t('staffImport.report.download')}
          </a>
        </div>
      ) : null}

      {data.invitations ? <ImportInvitations invitations={data.invitations} /> : null}

      {data.rows.length > 0 ? (
        <div className="mt-6">
          <h2 className="text-lg font-bold">
            {data.state === 'done' ? t('staffImport.report.rows') : t('staffImport.dryRun.errors')}
          </h2>
          <table className="mt-2 w-full text-left text-sm" data-testid="import-rows">
            <thead>
              <tr>
                <th className="py-1">{t('staffImport.col.line')}</th>
                <th>{t('staffImport.col.name')}</th>
                <th>{t('staffImport.col.taxCode')}</th>
                <th>{t('staffImport.col.status')}</th>
                <th>{t('staffImport.col.details')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.line} className="border-t align-top">
                  <td className="py-1">{row.line}</td>
                  <td>{row.name ?? ''}</td>
                  <td>{row.taxCode ?? ''}</td>
                  <td>{t(`staffImport.status.${row.status}` as TranslationKey)}</td>
                  <td>{outcomeDetails(row, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.moreRows > 0 ? (
            <p className="mt-2 text-sm">
              {t('staffImport.report.more', { count: String(data.moreRows) })}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
