import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { NewPasswordField } from '#app/components/accounts/token-page.tsx'
import { FormErrorSummary, FormMessage, SubmitButton } from '#app/components/ui/forms.tsx'
import { signOutEverywhere } from '#app/utils/auth.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { refuseTokenForm, tokenFromUrl } from '#app/utils/token-page.server.ts'
import { passwordField } from '#models/accounts/account-fields.ts'
import { hashPassword } from '#models/accounts/password.ts'
import { consumeToken, peekToken } from '#models/accounts/token.ts'
import { setPasswordFromReset } from '#models/accounts/user.ts'
import { queueUserOrganizationForSearch } from '#models/accounts/email-verified.ts'

const schema = z.object({ token: z.string().max(100), password: passwordField })

export const meta: MetaFunction = (args) => pageTitle(args, 'resetPassword.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const token = tokenFromUrl(request)
  const valid = Boolean(await peekToken('reset-password', token))
  return Response.json({ token: valid ? token : null }, { status: valid ? 200 : 400 })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await readForm(request), { schema })
  if (submission.status !== 'success') return refuseTokenForm(submission)
  const used = await consumeToken('reset-password', submission.value.token)
  if (!used?.user) return refuseTokenForm(submission, { formErrors: ['token.invalid'] })
  await setPasswordFromReset(used.user, await hashPassword(submission.value.password))
  // The link came by e-mail, so the address is now confirmed: the search bar may be met.
  await queueUserOrganizationForSearch(used.user)
  // A reset means the old password may be known to someone else: end every session.
  await signOutEverywhere(used.user.toHexString())
  context.realtime.disconnectUser(used.user.toHexString())
  return redirect('/login?reset=1')
}

export default function ResetPasswordPage() {
  const { t } = useTranslation()
  const { token } = useLoaderData<{ token: string | null }>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'reset-password',
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <section className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">{t('resetPassword.title')}</h1>
      {token ? (
        <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
          <FormErrorSummary form={form} labels={{ password: t('field.newPassword') }} />
          <input type="hidden" name="token" value={token} />
          <NewPasswordField field={fields.password} />
          <SubmitButton pending={navigation.state !== 'idle'}>
            {t('resetPassword.submit')}
          </SubmitButton>
        </Form>
      ) : (
        <div className="mt-6 space-y-4">
          <FormMessage tone="error">{t('token.invalid')}</FormMessage>
          <Link
            to="/forgot-password"
            className="font-semibold text-blue-800 underline underline-offset-4"
          >
            {t('forgotPassword.title')}
          </Link>
        </div>
      )}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
