import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Field, FormErrorSummary, FormMessage, SubmitButton } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { requirePasswordActor } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { checkTotp, newTotpSecret, passSecondFactor, totpSetupQr } from '#app/utils/totp.server.ts'
import { otpField } from '#models/accounts/account-fields.ts'
import { recordAudit } from '#models/staff/audit-log.ts'
import { disableTotp, setPendingTotpSecret } from '#models/accounts/user.ts'

const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('enable'), code: otpField }),
  z.object({ intent: z.literal('disable'), code: otpField }),
])

export const meta: MetaFunction = (args) => pageTitle(args, 'twoFactor.setupTitle')

/**
 * Set-up and removal of TOTP. Reachable with the password alone when the account must set it
 * up (staff), so that a new staff member can finish signing in here.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePasswordActor(request)
  const user = actor.user
  if (user.totp?.secret) {
    if (!actor.complete) throw redirect('/login/two-factor')
    return { enabled: true as const, required: user.staffRoles.length > 0 }
  }
  let pendingSecret = user.totp?.pendingSecret
  if (!pendingSecret) {
    pendingSecret = await newTotpSecret()
    await setPendingTotpSecret(user._id, pendingSecret)
  }
  const { uri, qrDataUrl } = await totpSetupQr(pendingSecret, user.email)
  return {
    enabled: false as const,
    required: user.staffRoles.length > 0,
    secret: pendingSecret,
    uri,
    qrDataUrl,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePasswordActor(request)
  const user = actor.user
  const submission = parseSubmission(await readForm(request), { schema })
  if (submission.status !== 'success') return Response.json(submission.reply(), { status: 400 })
  const isStaff = user.staffRoles.length > 0
  if (submission.value.intent === 'enable') {
    const pending = user.totp?.pendingSecret
    if (user.totp?.secret || !pending)
      return Response.json(submission.reply({ formErrors: ['twoFactor.wrongCode'] }), {
        status: 400,
      })
    const outcome = await passSecondFactor(actor, pending, submission.value.code, {
      enable: true,
    })
    if (outcome !== 'ok') {
      return Response.json(
        submission.reply({
          formErrors: [outcome === 'locked' ? 'auth.locked' : 'twoFactor.wrongCode'],
        }),
        { status: outcome === 'locked' ? 429 : 400 },
      )
    }
    if (isStaff) {
      await recordAudit({
        actor: user._id,
        actorLabel: user.email,
        action: 'user.totp.enable',
        targetType: 'User',
        targetId: actor.userId,
        ip: context.clientIp,
      })
    }
    // Staff set it up to reach the console: go there.
    return redirect(isStaff ? '/staff' : '/account/two-factor')
  }
  // Disabling: only with the full sign-in and a valid code; staff must keep it.
  if (!actor.complete || isStaff || !user.totp?.secret) {
    return Response.json(submission.reply({ formErrors: ['twoFactor.cannotDisable'] }), {
      status: 403,
    })
  }
  const outcome = await checkTotp(actor.userId, user.totp.secret, submission.value.code)
  if (outcome !== 'ok') {
    return Response.json(
      submission.reply({
        formErrors: [outcome === 'locked' ? 'auth.locked' : 'twoFactor.wrongCode'],
      }),
      { status: 400 },
    )
  }
  await disableTotp(user._id)
  return redirect('/account/two-factor')
}

export default function TwoFactorSetupPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'totp',
    lastResult,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <section aria-labelledby="totp-title" className="max-w-lg">
      <h2 id="totp-title" className="text-xl font-semibold">
        {t('twoFactor.setupTitle')}
      </h2>
      {data.enabled ? (
        <>
          <p className="mt-4">
            <FormMessage tone="success">{t('twoFactor.enabled')}</FormMessage>
          </p>
          {data.required ? (
            <p className="mt-4 text-sm text-slate-700">{t('twoFactor.requiredForStaff')}</p>
          ) : (
            <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
              <FormErrorSummary form={form} labels={{ code: t('field.otp') }} />
              <input type="hidden" name="intent" value="disable" />
              <Field
                label={t('field.otp')}
                errors={fields.code.errors}
                inputProps={{
                  ...getInputProps(fields.code, { type: 'text' }),
                  inputMode: 'numeric',
                  autoComplete: 'one-time-code',
                }}
              />
              <SubmitButton>{t('twoFactor.disable')}</SubmitButton>
            </Form>
          )}
        </>
      ) : (
        <>
          <p className="mt-4 text-slate-700">
            {data.required ? t('twoFactor.requiredForStaff') : t('twoFactor.optional')}
          </p>
          <ol className="mt-4 list-decimal space-y-3 pl-6 text-sm text-slate-800">
            <li>{t('twoFactor.step1')}</li>
            <li>
              {t('twoFactor.step2')}
              <img
                src={data.qrDataUrl}
                alt={t('twoFactor.qrAlt')}
                width={200}
                height={200}
                className="mt-2"
              />
              <p className="mt-2">
                {t('twoFactor.manualKey')}{' '}
                <code data-testid="totp-secret" className="break-all rounded bg-slate-100 px-1">
                  {data.secret}
                </code>
              </p>
            </li>
            <li>{t('twoFactor.step3')}</li>
          </ol>
          <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
            <FormErrorSummary form={form} labels={{ code: t('field.otp') }} />
            <input type="hidden" name="intent" value="enable" />
            <Field
              label={t('field.otp')}
              errors={fields.code.errors}
              inputProps={{
                ...getInputProps(fields.code, { type: 'text' }),
                inputMode: 'numeric',
                autoComplete: 'one-time-code',
              }}
            />
            <SubmitButton>{t('twoFactor.enable')}</SubmitButton>
          </Form>
        </>
      )}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
