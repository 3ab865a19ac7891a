import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { requireStaff } from '#app/utils/permissions.server.ts'
import { readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import type { TranslationKey } from '#models/i18n/index.ts'
import {
  caseDetails,
  claimCase,
  decideCase,
  releaseCase,
  requiredChecks,
} from '#models/staff/verification.ts'
import {
  NOTE_MAX_LENGTH,
  verificationDecisions,
  verificationMethods,
  verificationReasons,
  type VerificationDecision,
  type VerificationMethod,
  type VerificationReason,
} from '#models/staff/verification-schemas.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'staffConsole.queue.title')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, 'verifier')
  const details = await caseDetails(params.caseId ?? '')
  if (!details) throw new Response('Not Found', { status: 404 })
  const { organization, profile, dossier, claim, files } = details
  const fileLink = (id: unknown) => {
    const file = id ? files.get(String(id)) : undefined
    return file ? { href: `/files/${file.storageKey}`, name: file.originalName } : null
  }
  return {
    caseId: details.case._id.toHexString(),
    state: details.case.state,
    reason: details.case.reason,
    method: details.case.method ?? null,
    reasons: details.case.reasons ?? [],
    organization: {
      name: organization.name,
      slug: organization.slug,
      taxCode: organization.taxCode ?? '',
      province: organization.province ?? '',
      status: organization.status,
    },
    profile: {
      description: profile?.description ?? null,
      sectors: profile?.sectors ?? [],
      processes: profile?.processes ?? [],
      address: profile?.address ?? null,
      website: profile?.website ?? null,
    },
    registration: fileLink(dossier?.registrationFile),
    certificates: (profile?.certifications ?? [])
      .filter((item) => item.evidenceFile)
      .map((item) => ({
        check: `certificate:${item._id.toHexString()}`,
        standard: item.standard,
        number: item.number ?? '—',
        issuer: item.issuer ?? '—',
        scope: item.scope ?? null,
        validUntil: item.validUntil?.toISOString().slice(0, 10) ?? '—',
        evidence: fileLink(item.evidenceFile),
      })),
    photos: (profile?.photos ?? []).flatMap((id) => {
      const file = files.get(String(id))
      return file
        ? [
            {
              src: `/files/${file.variants?.at(-1)?.storageKey ?? file.storageKey}`,
              large: `/files/${file.storageKey}`,
            },
          ]
        : []
    }),
    checks: requiredChecks(profile ?? {}),
    claimedBy: claim?.claimedByName ?? null,
    claimedByMe: Boolean(claim?.claimedBy.equals(actor.user._id)),
  }
}

type ActionResult = { ok: boolean; message: TranslationKey }

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireStaff(request, 'verifier')
  const form = await readForm(request)
  const reply = (ok: boolean, message: TranslationKey, status = ok ? 200 : 400) =>
    Response.json({ ok, message } satisfies ActionResult, { status })
  const caseId = params.caseId ?? ''
  const staff = {
    userId: actor.user._id,
    name: actor.user.name,
    ip: request.headers.get('X-Forwarded-For') ?? undefined,
  }
  const intent = form.get('intent')
  if (intent === 'claim') {
    const result = await claimCase(caseId, staff)
    return result.ok ? reply(true, 'staffConsole.verify.claimed') : reply(false, result.error)
  }
  if (intent === 'release') {
    const result = await releaseCase(caseId, staff)
    return result.ok ? reply(true, 'staffConsole.verify.released') : reply(false, result.error)
  }
  if (intent !== 'decide') return reply(false, 'staffConsole.verify.invalid')
  const decision = form.get('decision')
  const method = form.get('method')
  const note = form.get('note') ?? ''
  const checks = form.getAll('checks')
  const reasons = form.getAll('reasons')
  if (
    typeof decision !== 'string' ||
    !(verificationDecisions as readonly string[]).includes(decision) ||
    (method !== null &&
      method !== '' &&
      !(verificationMethods as readonly string[]).includes(String(method))) ||
    typeof note !== 'string' ||
    note.length > NOTE_MAX_LENGTH ||
    checks.length > 200 ||
    checks.some((check) => typeof check !== 'string' || check.length > 100) ||
    reasons.some(
      (reason) =>
        typeof reason !== 'string' || !(verificationReasons as readonly string[]).includes(reason),
    )
  )
    return reply(false, 'staffConsole.verify.invalid')
  const result = await decideCase({
    caseId,
    actor: staff,
    decision: decision as VerificationDecision,
    method: method ? (method as VerificationMethod) : undefined,
    note: note.trim() || undefined,
    checks: checks as string[],
    reasons: [...new Set(reasons as VerificationReason[])],
  })
  return result.ok ? reply(true, 'staffConsole.verify.decided') : reply(false, result.error)
}

export default function VerificationCasePage() {
  const { t, locale } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const result = useActionData<ActionResult>()
  const open = data.state === 'open'
  const checkLabel = (check: string) => {
    if (check === 'taxCode')
      return t('staffConsole.case.taxCode', { taxCode: data.organization.taxCode })
    if (check === 'registration') return t('staffConsole.case.registration')
    if (check === 'photos') return t('staffConsole.case.photos', { count: data.photos.length })
    const certificate = data.certificates.find((item) => item.check === check)
    return certificate
      ? t('staffConsole.case.certificate', {
          standard: certificate.standard,
          number: certificate.number,
          issuer: certificate.issuer,
          validUntil: certificate.validUntil,
        })
      : check
  }
  return (
    <section className="mx-auto max-w-7xl px-4 py-10">
      <p>
        <Link to="/staff/verification" className="text-sm font-semibold text-blue-800 underline">
          {t('staffConsole.queue.title')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">
        {t('staffConsole.case.title', { name: data.organization.name })}
      </h1>
      {result ? (
        <div className="mt-4">
          <FormMessage tone={result.ok ? 'success' : 'error'}>{t(result.message)}</FormMessage>
        </div>
      ) : null}
      {!open ? (
        <p className="mt-4" role="status" data-testid="case-state">
          {t('staffConsole.case.closed', { state: t(`staffConsole.case.state.${data.state}`) })}
        </p>
      ) : (
        <div className="mt-4 flex flex-wrap items-center gap-3" data-testid="case-claim">
          {data.claimedBy ? (
            <p>{t('staffConsole.case.claimedBy', { name: data.claimedBy })}</p>
          ) : null}
          {!data.claimedBy ? (
            <Form method="post">
              <input type="hidden" name="intent" value="claim" />
              <button
                type="submit"
                className="rounded-md bg-blue-800 px-4 py-2 font-semibold text-white"
              >
                {t('staffConsole.case.claim')}
              </button>
            </Form>
          ) : data.claimedByMe ? (
            <Form method="post">
              <input type="hidden" name="intent" value="release" />
              <button
                type="submit"
                className="rounded-md px-4 py-2 font-semibold ring-1 ring-slate-300"
              >
                {t('staffConsole.case.release')}
              </button>
            </Form>
          ) : null}
        </div>
      )}
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="profile-title" className="rounded-md p-4 ring-1 ring-slate-200">
          <h2 id="profile-title" className="text-lg font-semibold">
            {t('staffConsole.case.profile')}
          </h2>
          <dl className="mt-2 space-y-1 text-sm">
            <div>
              <dt className="inline font-semibold">{t('staffConsole.queue.organization')}: </dt>
              <dd className="inline">
                <bdi>{data.organization.name}</bdi>
              </dd>
            </div>
            <div>
              <dd>{t('staffConsole.case.taxCode', { taxCode: data.organization.taxCode })}</dd>
            </div>
            <div>
              <dt className="inline font-semibold">{t('staffConsole.queue.province')}: </dt>
              <dd className="inline">{data.organization.province}</dd>
            </div>
            {data.profile.website ? (
              <div>
                <dd>
                  <bdi>{data.profile.website}</bdi>
                </dd>
              </div>
            ) : null}
          </dl>
          {data.profile.description?.[locale] ? (
            <p className="mt-2 whitespace-pre-line text-sm">{data.profile.description[locale]}</p>
          ) : null}
          {data.organization.status === 'active' ? (
            <p className="mt-2">
              <Link
                to={`/suppliers/${data.organization.slug}`}
                className="text-sm font-semibold text-blue-800 underline"
              >
                {t('staffConsole.case.publicPage')}
              </Link>
            </p>
          ) : null}
        </section>
        <section aria-labelledby="evidence-title" className="rounded-md p-4 ring-1 ring-slate-200">
          <h2 id="evidence-title" className="text-lg font-semibold">
            {t('staffConsole.case.evidence')}
          </h2>
          <ul className="mt-2 space-y-2 text-sm">
            <li>
              {t('staffConsole.case.registration')}:{' '}
              {data.registration ? (
                <a
                  href={data.registration.href}
                  className="text-blue-800 underline"
                  target="_blank"
                  rel="noreferrer"
                >
                  {t('staffConsole.case.viewFile')} (<bdi>{data.registration.name}</bdi>)
                </a>
              ) : (
                '—'
              )}
            </li>
            {data.certificates.map((certificate) => (
              <li key={certificate.check}>
                {checkLabel(certificate.check)}
                {certificate.scope?.[locale] ? (
                  <span className="block text-slate-700">{certificate.scope[locale]}</span>
                ) : null}
                {certificate.evidence ? (
                  <a
                    href={certificate.evidence.href}
                    className="ml-1 text-blue-800 underline"
                    target="_blank"
                    rel="noreferrer"
                  >
                    {t('staffConsole.case.viewFile')}
                  </a>
                ) : null}
              </li>
            ))}
          </ul>
          <div className="mt-3 flex flex-wrap gap-2">
            {data.photos.map((photo) => (
              <a key={photo.src} href={photo.large} target="_blank" rel="noreferrer">
                <img src={photo.src} alt="" className="h-24 w-32 rounded object-cover" />
              </a>
            ))}
          </div>
        </section>
      </div>
      {open && data.claimedByMe ? (
        <Form
          method="post"
          className="mt-6 space-y-4 rounded-md p-4 ring-1 ring-slate-200"
          data-testid="decision-form"
        >
          <input type="hidden" name="intent" value="decide" />
          <fieldset>
            <legend className="font-semibold">{t('staffConsole.case.checks')}</legend>
            {data.checks.map((check) => (
              <label key={check} className="mt-1 flex items-start gap-2 text-sm">
                <input type="checkbox" name="checks" value={check} className="mt-1" />
                <span>{checkLabel(check)}</span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend className="font-semibold">{t('staffConsole.case.method')}</legend>
            {verificationMethods.map((method) => (
              <label key={method} className="mr-4 inline-flex items-center gap-2 text-sm">
                <input type="radio" name="method" value={method} />
                {t(`staffConsole.methodLabel.${method}`)}
              </label>
            ))}
          </fieldset>
          <label className="flex flex-col text-sm font-semibold">
            {t('staffConsole.case.note')}
            <textarea
              name="note"
              maxLength={NOTE_MAX_LENGTH}
              rows={3}
              className="mt-1 rounded border p-2 font-normal"
            />
          </label>
          <fieldset>
            <legend className="font-semibold">{t('staffConsole.case.reasons')}</legend>
            {verificationReasons.map((reason) => (
              <label key={reason} className="mt-1 flex items-start gap-2 text-sm">
                <input type="checkbox" name="reasons" value={reason} className="mt-1" />
                <span>{t(`staffConsole.reason.${reason}`)}</span>
              </label>
            ))}
          </fieldset>
          <div className="flex flex-wrap gap-3">
            <button
              type="submit"
              name="decision"
              value="approve"
              className="rounded-md bg-green-700 px-4 py-2 font-semibold text-white"
            >
              {t('staffConsole.case.approve')}
            </button>
            <button
              type="submit"
              name="decision"
              value="changes"
              className="rounded-md bg-amber-600 px-4 py-2 font-semibold text-white"
            >
              {t('staffConsole.case.changes')}
            </button>
            <button
              type="submit"
              name="decision"
              value="reject"
              className="rounded-md bg-red-700 px-4 py-2 font-semibold text-white"
            >
              {t('staffConsole.case.reject')}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
