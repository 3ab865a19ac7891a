import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import type { Locale } from '#models/i18n/index.ts'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Field, FormErrorSummary, FormMessage, SubmitButton } from '#app/components/ui/forms.tsx'
import { appOrigin, linkEmail } from '#app/utils/emails.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { emailField } from '#models/accounts/account-fields.ts'
import { takeMailAllowance } from '#models/accounts/mail-throttle.ts'
import { issueToken } from '#models/accounts/token.ts'
import { findUserByEmail, normalizeEmail } from '#models/accounts/user.ts'

const schema = z.object({ email: emailField })

export const meta: MetaFunction = (args) => pageTitle(args, 'forgotPassword.title')

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await readForm(request), { schema })
  if (submission.status !== 'success')
    return Response.json({ result: submission.reply(), sent: false }, { status: 400 })
  const email = normalizeEmail(submission.value.email)
  // Counted whether or not the address has an account, so both cost the same.
  const allowance = await takeMailAllowance({
    purpose: 'reset-password',
    recipient: email,
    requester: context.clientIp,
  })
  if (!allowance.allowed) {
    context.logger.info(
      { purpose: 'reset-password', ...allowance },
      'password-reset mail not sent: mail limit reached',
    )
  }
  const user = allowance.allowed ? await findUserByEmail(email) : null
  if (user) {
    const token = await issueToken({ purpose: 'reset-password', email: user.email, user: user._id })
    await context.services.mailer.send(
      linkEmail({
        locale: user.locale as Locale,
        to: user.email,
        subject: 'email.reset.subject',
        intro: 'email.reset.intro',
        action: 'email.reset.action',
        link: `${appOrigin(context)}/reset-password?token=${token}`,
        params: { name: user.name },
      }),
    )
  }
  // The same answer whether or not the address has an account, and whether or not the mail
  // limit kept the mail back: the answer must not tell an attacker either.
  return Response.json({ result: submission.reply({ resetForm: true }), sent: true })
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation()
  const data = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'forgot-password',
    lastResult: data?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <section className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">{t('forgotPassword.title')}</h1>
      <p className="mt-4 text-slate-700">{t('forgotPassword.lead')}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        {data?.sent ? <FormMessage tone="success">{t('forgotPassword.sent')}</FormMessage> : null}
        <FormErrorSummary form={form} labels={{ email: t('field.email') }} />
        <Field
          label={t('field.email')}
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }}
        />
        <SubmitButton pending={navigation.state !== 'idle'}>
          {t('forgotPassword.submit')}
        </SubmitButton>
      </Form>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
