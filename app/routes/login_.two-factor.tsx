import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Field, FormErrorSummary, SubmitButton } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { requirePasswordActor } from '#app/utils/permissions.server.ts'
import { safeRedirect } from '#app/utils/safe-redirect.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { passSecondFactor } from '#app/utils/totp.server.ts'
import { otpField } from '#models/accounts/account-fields.ts'

const schema = z.object({ code: otpField, redirectTo: z.string().max(2000).optional() })

export const meta: MetaFunction = (args) => pageTitle(args, 'twoFactor.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePasswordActor(request)
  if (actor.complete) throw redirect('/account')
  if (!actor.user.totp?.secret) throw redirect('/account/two-factor')
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePasswordActor(request)
  const secret = actor.user.totp?.secret
  if (!secret) throw redirect('/account/two-factor')
  const submission = parseSubmission(await readForm(request), { schema })
  if (submission.status !== 'success') return Response.json(submission.reply(), { status: 400 })
  const outcome = await passSecondFactor(actor, secret, submission.value.code)
  if (outcome !== 'ok') {
    return Response.json(
      submission.reply({
        formErrors: [outcome === 'locked' ? 'auth.locked' : 'twoFactor.wrongCode'],
      }),
      { status: outcome === 'locked' ? 429 : 400 },
    )
  }
  return redirect(safeRedirect(submission.value.redirectTo, '/account'))
}

export default function TwoFactorSignInPage() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'two-factor',
    lastResult,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <section className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">{t('twoFactor.title')}</h1>
      <p className="mt-4 text-slate-700">{t('twoFactor.lead')}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <FormErrorSummary form={form} labels={{ code: t('field.otp') }} />
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <Field
          label={t('field.otp')}
          errors={fields.code.errors}
          inputProps={{
            ...getInputProps(fields.code, { type: 'text' }),
            inputMode: 'numeric',
            autoComplete: 'one-time-code',
            autoFocus: true,
          }}
        />
        <SubmitButton pending={navigation.state !== 'idle'}>{t('twoFactor.submit')}</SubmitButton>
      </Form>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
