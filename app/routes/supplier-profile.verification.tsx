import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { VerificationBadge } from '#app/components/staff/verification-badge.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage, SubmitButton } from '#app/components/ui/forms.tsx'
import { checkFormShape, limitParts } from '#app/utils/form-limits.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { requireSupplierEditor } from '#app/utils/supplier-profile.server.ts'
import { findOrganizationFile } from '#models/files/stored-file.ts'
import type { TranslationKey } from '#models/i18n/index.ts'
import { profileFor } from '#models/profiles/supplier-profile.ts'
import {
  findDossier,
  requestVerification,
  setRegistrationFile,
  verificationChecklist,
} from '#models/staff/verification.ts'
import { verificationReasons } from '#models/staff/verification-schemas.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'staffConsole.supplier.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSupplierEditor(request)
  const organization = actor.organization
  const [profile, dossier] = await Promise.all([
    profileFor(organization._id),
    findDossier(organization._id),
  ])
  const verification = organization.verification
  const reasons = (verification?.reasons ?? []).filter((reason) =>
    (verificationReasons as readonly string[]).includes(reason),
  ) as Array<(typeof verificationReasons)[number]>
  return {
    checklist: verificationChecklist(organization, profile.toObject(), dossier),
    state: verification?.state ?? 'unverified',
    changesAsked: verification?.state === 'unverified' && reasons.length > 0,
    reasons,
    verifiedOn: verification?.verifiedAt?.toISOString() ?? null,
    method: verification?.method ?? null,
    expiresOn: verification?.expiresAt?.toISOString().slice(0, 10) ?? null,
    hasRegistration: Boolean(dossier?.registrationFile),
  }
}

type ActionResult = { ok: boolean; message: TranslationKey }

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireSupplierEditor(request)
  const reply = (ok: boolean, message: TranslationKey, status = ok ? 200 : 400) =>
    Response.json({ ok, message } satisfies ActionResult, { status })
  const contentType = request.headers.get('Content-Type') ?? ''
  if (contentType.startsWith('multipart/form-data')) {
    let form: FormData
    try {
      form = await unstable_parseMultipartFormData(
        request,
        limitParts(unstable_createMemoryUploadHandler({ maxPartSize: 20 * 1024 * 1024 })),
      )
      checkFormShape(form)
    } catch (error) {
      if (error instanceof Error && /exceeded|size/i.test(error.message))
        return reply(false, 'upload.tooLarge', 413)
      return reply(false, 'staffConsole.verify.invalid')
    }
    const upload = form.get('file')
    if (form.get('intent') !== 'upload-registration' || !(upload instanceof File))
      return reply(false, 'staffConsole.verify.invalid')
    const saved = await context.services.files.save({
      organizationId: actor.organization._id,
      userId: actor.user._id,
      // Private like a certificate's evidence: the organisation and staff only.
      purpose: 'certificate-evidence',
      originalName: upload.name,
      bytes: new Uint8Array(await upload.arrayBuffer()),
    })
    if (!saved.ok) return reply(false, saved.error as TranslationKey)
    const replaced = await setRegistrationFile(actor.organization._id, saved.file._id)
    if (replaced) {
      const old = await findOrganizationFile(replaced, actor.organization._id)
      if (old) await context.services.files.remove(old)
    }
    return reply(true, 'staffConsole.verify.uploaded')
  }
  const form = await readForm(request)
  if (form.get('intent') !== 'request') return reply(false, 'staffConsole.verify.invalid')
  const result = await requestVerification({
    organizationId: actor.organization._id,
    userId: actor.user._id,
    actorLabel: `${actor.user.name} <${actor.user.email}>`,
  })
  if (!result.ok) return reply(false, result.error)
  return reply(true, 'staffConsole.verify.requested')
}

export default function SupplierVerification() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const result = useActionData<ActionResult>()
  const complete = data.checklist.every((item) => item.ok)
  return (
    <section aria-labelledby="verification-title" className="max-w-3xl">
      <h2 id="verification-title" className="text-xl font-bold">
        {t('staffConsole.supplier.title')}
      </h2>
      <p className="mt-2 text-slate-700">{t('staffConsole.supplier.intro')}</p>
      {result ? (
        <div className="mt-4">
          <FormMessage tone={result.ok ? 'success' : 'error'}>{t(result.message)}</FormMessage>
        </div>
      ) : null}
      <div className="mt-4" data-testid="verification-state">
        {data.state === 'verified' && data.verifiedOn ? (
          <>
            <VerificationBadge verifiedOn={data.verifiedOn} method={data.method} />
            {data.expiresOn ? (
              <p className="mt-2 text-sm text-slate-700">
                {t('staffConsole.supplier.expires', { date: data.expiresOn })}
              </p>
            ) : null}
          </>
        ) : (
          <p className="font-semibold">
            {data.state === 'pending'
              ? t('staffConsole.supplier.statePending')
              : data.state === 'rejected'
                ? t('staffConsole.supplier.stateRejected')
                : data.changesAsked
                  ? t('staffConsole.supplier.stateChanges')
                  : t('staffConsole.supplier.stateUnverified')}
          </p>
        )}
        {data.reasons.length > 0 && data.state !== 'verified' ? (
          <div className="mt-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200">
            <h3 className="text-sm font-semibold">{t('staffConsole.supplier.reasonsTitle')}</h3>
            <ul className="mt-1 list-disc pl-5 text-sm" data-testid="verification-reasons">
              {data.reasons.map((reason) => (
                <li key={reason}>{t(`staffConsole.reason.${reason}`)}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <ul className="mt-6 space-y-2" aria-label={t('staffConsole.supplier.title')}>
        {data.checklist.map((item) => (
          <li key={item.key} className="flex items-center gap-3">
            <span
              className={`rounded px-2 py-0.5 text-xs font-semibold ${item.ok ? 'bg-green-100 text-green-900' : 'bg-slate-100 text-slate-700'}`}
            >
              {item.ok ? t('staffConsole.checklist.done') : t('staffConsole.checklist.missing')}
            </span>
            <span>{t(`staffConsole.checklist.${item.key}`)}</span>
          </li>
        ))}
      </ul>
      <Form
        method="post"
        encType="multipart/form-data"
        className="mt-6 flex flex-wrap items-end gap-3"
      >
        <input type="hidden" name="intent" value="upload-registration" />
        <label className="flex flex-col text-sm font-semibold">
          {t('staffConsole.supplier.uploadRegistration')}
          <input
            type="file"
            name="file"
            required
            accept="application/pdf,image/jpeg,image/png,image/webp"
            className="mt-1 font-normal"
          />
        </label>
        <SubmitButton>{t('staffConsole.supplier.upload')}</SubmitButton>
      </Form>
      {data.state !== 'verified' && data.state !== 'pending' ? (
        <Form method="post" className="mt-6">
          <input type="hidden" name="intent" value="request" />
          <SubmitButton aria-describedby={complete ? undefined : 'verification-title'}>
            {t('staffConsole.supplier.request')}
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
