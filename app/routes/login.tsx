import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Field, FormErrorSummary, SubmitButton } from '#app/components/ui/forms.tsx'
import { signIn } from '#app/utils/auth.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { requireAnonymous } from '#app/utils/permissions.server.ts'
import { safeRedirect } from '#app/utils/safe-redirect.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { emailField } from '#models/accounts/account-fields.ts'

const schema = z.object({
  email: emailField,
  password: z
    .string({ message: 'validation.required' })
    .max(128, { message: 'validation.tooLong' }),
  redirectTo: z.string().max(2000).optional(),
})

export const meta: MetaFunction = (args) => pageTitle(args, 'signIn.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await readForm(request), { schema })
  if (submission.status !== 'success') {
    return Response.json(submission.reply({ hideFields: ['password'] }), { status: 400 })
  }
  const { email, password, redirectTo } = submission.value
  const result = await signIn({ email, password, request, clientIp: context.clientIp })
  if (!result.ok) {
    return Response.json(
      submission.reply({ formErrors: [result.reason], hideFields: ['password'] }),
      { status: result.reason === 'auth.locked' ? 429 : 400 },
    )
  }
  const target = safeRedirect(redirectTo, '/account')
  const next = result.secondFactor
    ? `${result.secondFactor}?${new URLSearchParams({ redirectTo: target })}`
    : target
  const headers = new Headers()
  for (const cookie of result.cookies) headers.append('Set-Cookie', cookie)
  return redirect(next, { headers })
}

export default function SignInPage() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'sign-in',
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <section className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">{t('signIn.title')}</h1>
      {searchParams.get('signedUp') === '1' ? (
        <p role="status" className="mt-6 rounded border border-green-300 bg-green-50 p-3 text-sm">
          {t('signIn.signedUp')}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="mt-8 space-y-5">
        <FormErrorSummary
          form={form}
          labels={{ email: t('field.email'), password: t('field.password') }}
        />
        <input
          type="hidden"
          name="redirectTo"
          // Just signed up: the next steps for the new account's role (welcome.tsx).
          value={searchParams.get('redirectTo') ?? (searchParams.get('signedUp') ? '/welcome' : '')}
        />
        <Field
          label={t('field.email')}
          errors={fields.email.errors}
          inputProps={{
            ...getInputProps(fields.email, { type: 'email' }),
            autoComplete: 'email',
            autoFocus: true,
          }}
        />
        <Field
          label={t('field.password')}
          errors={fields.password.errors}
          inputProps={{
            ...getInputProps(fields.password, { type: 'password' }),
            autoComplete: 'current-password',
          }}
        />
        <SubmitButton pending={navigation.state !== 'idle'}>{t('signIn.submit')}</SubmitButton>
      </Form>
      <div className="mt-6 space-y-2 text-sm">
        <p>
          <Link to="/forgot-password" className="text-blue-800 underline underline-offset-4">
            {t('signIn.forgot')}
          </Link>
        </p>
        <p>
          {t('signIn.noAccount')}{' '}
          <Link to="/signup" className="font-semibold text-blue-800 underline underline-offset-4">
            {t('signUp.title')}
          </Link>
        </p>
      </div>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
