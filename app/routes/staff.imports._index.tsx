import {
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage, SubmitButton } from '#app/components/ui/forms.tsx'
import { checkFormShape, limitParts } from '#app/utils/form-limits.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { requireStaff } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import type { TranslationKey } from '#models/i18n/index.ts'
import { IMPORT_LIMITS, parseImportFile } from '#models/staff/import-file.ts'
import { createImport, recentImports } from '#models/staff/import.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'staffImport.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, 'admin')
  const imports = await recentImports()
  return {
    imports: imports.map((entry) => ({
      id: entry._id.toHexString(),
      fileName: entry.fileName,
      state: entry.state,
      rowCount: entry.rowCount,
      by: entry.createdByLabel,
      at: entry.createdAt?.toISOString() ?? '',
    })),
  }
}

type ActionResult = { error: TranslationKey; params?: Record<string, string> }

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireStaff(request, 'admin')
  const refuse = (error: TranslationKey, status = 400, params?: Record<string, string>) =>
    Response.json({ error, params } satisfies ActionResult, { status })
  if (!(request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data'))
    return refuse('staffImport.file.missing')
  let form: FormData
  try {
    form = await unstable_parseMultipartFormData(
      request,
      limitParts(unstable_createMemoryUploadHandler({ maxPartSize: IMPORT_LIMITS.maxBytes })),
    )
    checkFormShape(form)
  } catch (error) {
    if (error instanceof Error && /exceeded|size/i.test(error.message))
      return refuse('staffImport.file.tooLarge', 413)
    return refuse('staffImport.invalid')
  }
  const file = form.get('file')
  if (!(file instanceof File) || file.size === 0) return refuse('staffImport.file.missing')
  const parsed = await parseImportFile(file.name, new Uint8Array(await file.arrayBuffer()))
  if (!parsed.ok)
    return refuse(`staffImport.file.${parsed.error}`, parsed.error === 'tooLarge' ? 413 : 400, {
      cell: parsed.detail ?? '',
    })
  const importId = await createImport({
    fileName: file.name,
    format: parsed.format,
    encoding: parsed.encoding,
    sheet: parsed.sheet,
    userId: actor.user._id,
    actorLabel: `${actor.user.name} <${actor.user.email}>`,
  })
  return redirect(`/staff/imports/${importId.toHexString()}`)
}

export default function StaffImports() {
  const { t, locale } = useTranslation()
  const { imports } = useLoaderData<typeof loader>()
  const result = useActionData<ActionResult>()
  const date = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  })
  return (
    <section className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('staffImport.title')}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t('staffImport.intro')}</p>
      {result ? (
        <div className="mt-4" data-testid="import-error">
          <FormMessage tone="error">
            {t(result.error, result.params)} {t('staffImport.refused')}
          </FormMessage>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="mt-6 space-y-3">
        <label className="flex flex-col font-semibold">
          {t('staffImport.upload.label')}
          <input
            type="file"
            name="file"
            required
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="mt-1 font-normal"
            aria-describedby="import-hint"
          />
        </label>
        <p id="import-hint" className="text-sm text-slate-600">
          {t('staffImport.upload.hint')}
        </p>
        <SubmitButton>{t('staffImport.upload.submit')}</SubmitButton>
      </Form>
      <h2 className="mt-10 text-xl font-bold">{t('staffImport.recent')}</h2>
      {imports.length === 0 ? (
        <p className="mt-2 text-slate-600">{t('staffImport.none')}</p>
      ) : (
        <table className="mt-3 w-full text-left text-sm">
          <thead>
            <tr>
              <th className="py-1">{t('staffImport.col.file')}</th>
              <th>{t('staffImport.col.state')}</th>
              <th>{t('staffImport.col.rows')}</th>
              <th>{t('staffImport.col.by')}</th>
              <th>{t('staffImport.col.at')}</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((entry) => (
              <tr key={entry.id} className="border-t">
                <td className="py-1">
                  <Link to={`/staff/imports/${entry.id}`} className="text-blue-800 underline">
                    {entry.fileName}
                  </Link>
                </td>
                <td>{t(`staffImport.state.${entry.state}` as TranslationKey)}</td>
                <td>{entry.rowCount}</td>
                <td>{entry.by}</td>
                <td>{entry.at ? date.format(new Date(entry.at)) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
