import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { InvalidTokenPage, NewPasswordField } from '#app/components/accounts/token-page.tsx'
import { Field, FormErrorSummary, SubmitButton } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { sessionCookieHeader } from '#app/utils/session.server.ts'
import { refuseTokenForm, tokenFromUrl } from '#app/utils/token-page.server.ts'
import { passwordField, personNameField } from '#models/accounts/account-fields.ts'
import { DuplicateKeyError } from '#models/errors.ts'
import { findOrganizationById } from '#models/accounts/organization.ts'
import { hashPassword } from '#models/accounts/password.ts'
import { createSession } from '#models/accounts/session.ts'
import { consumeToken, peekToken, releaseToken } from '#models/accounts/token.ts'
import { createUser, type OrganizationRole } from '#models/accounts/user.ts'

const schema = z.object({
  token: z.string().max(100),
  name: personNameField,
  password: passwordField,
})

export const meta: MetaFunction = (args) => pageTitle(args, 'invitation.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const token = tokenFromUrl(request)
  const invitation = await peekToken('invitation', token)
  const organization = invitation ? await findOrganizationById(invitation.organization) : null
  if (!invitation || !organization) return Response.json({ invitation: null }, { status: 400 })
  return { invitation: { token, email: invitation.email, organizationName: organization.name } }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await readForm(request), { schema })
  if (submission.status !== 'success') return refuseTokenForm(submission)
  const invitation = await consumeToken('invitation', submission.value.token)
  if (!invitation?.organization)
    return refuseTokenForm(submission, { formErrors: ['token.invalid'] })
  const fields = {
    email: invitation.email,
    passwordHash: await hashPassword(submission.value.password),
    name: submission.value.name,
    locale: getLocale(request),
    organization: invitation.organization,
    organizationRole: (invitation.role === 'admin' ? 'admin' : 'member') as OrganizationRole,
    // Opening the invitation link proves the address.
    emailVerifiedAt: new Date(),
  }
  try {
    const user = await createUser(fields)
    const { sessionId } = await createSession({
      userId: user._id,
      secondFactorDone: true,
      userAgent: request.headers.get('User-Agent'),
      ip: context.clientIp,
    })
    return redirect('/account', {
      headers: { 'Set-Cookie': sessionCookieHeader(sessionId, request) },
    })
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error
    // The address registered meanwhile: give the invitation back so nothing is lost.
    await releaseToken(invitation._id)
    return refuseTokenForm(submission, { formErrors: ['members.alreadyRegistered'], status: 409 })
  }
}

export default function AcceptInvitationPage() {
  const { t } = useTranslation()
  const { invitation } = useLoaderData<{
    invitation: { token: string; email: string; organizationName: string } | null
  }>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'accept-invitation',
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  if (!invitation) return <InvalidTokenPage title={t('invitation.title')} />
  return (
    <section className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">{t('invitation.title')}</h1>
      <p className="mt-4 text-slate-700">
        {t('invitation.lead', {
          organization: invitation.organizationName,
          email: invitation.email,
        })}
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <FormErrorSummary
          form={form}
          labels={{ name: t('field.name'), password: t('field.newPassword') }}
        />
        <input type="hidden" name="token" value={invitation.token} />
        <Field
          label={t('field.name')}
          errors={fields.name.errors}
          inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }}
        />
        <NewPasswordField field={fields.password} />
        <SubmitButton pending={navigation.state !== 'idle'}>{t('invitation.accept')}</SubmitButton>
      </Form>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
