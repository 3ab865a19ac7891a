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
import { getLocale } from '#app/utils/locale.server.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { sessionCookieHeader } from '#app/utils/session.server.ts'
import { refuseTokenForm, tokenFromUrl } from '#app/utils/token-page.server.ts'
import { passwordField, personNameField } from '#models/accounts/account-fields.ts'
import { hashPassword } from '#models/accounts/password.ts'
import { createSession } from '#models/accounts/session.ts'
import { createUser } from '#models/accounts/user.ts'
import { DuplicateKeyError } from '#models/errors.ts'
import { claimOrganization, peekClaim } from '#models/staff/import.ts'

/**
 * Taking over a profile the programme imported (models/staff/import.ts): the link of the
 * invitation e-mail, the firm's tax code, and a new account that becomes the owner.
 */
const schema = z.object({
  token: z.string().max(100),
  taxCode: z.string().trim().min(1, 'staffImport.claim.wrongTaxCode').max(20),
  name: personNameField,
  password: passwordField,
})

export const meta: MetaFunction = (args) => pageTitle(args, 'staffImport.claim.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const token = tokenFromUrl(request)
  const claim = await peekClaim(token)
  if (!claim) return Response.json({ claim: null }, { status: 400 })
  return { claim: { token, email: claim.email, organizationName: claim.organizationName } }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await readForm(request), { schema })
  if (submission.status !== 'success') return refuseTokenForm(submission)
  const { token, taxCode, name, password } = submission.value
  const passwordHash = await hashPassword(password)
  const result = await claimOrganization({
    token,
    taxCode,
    createOwner: async ({ organization, email }) => {
      try {
        const user = await createUser({
          email,
          passwordHash,
          name,
          locale: getLocale(request),
          organization,
          organizationRole: 'owner',
          // Opening the link of the invitation proves the address.
          emailVerifiedAt: new Date(),
        })
        return user._id
      } catch (error) {
        if (error instanceof DuplicateKeyError) return null
        throw error
      }
    },
  })
  if (!result.ok) return refuseTokenForm(submission, { formErrors: [result.error] })
  const { sessionId } = await createSession({
    userId: result.userId,
    secondFactorDone: true,
    userAgent: request.headers.get('User-Agent'),
    ip: context.clientIp,
  })
  return redirect('/supplier-profile', {
    headers: { 'Set-Cookie': sessionCookieHeader(sessionId, request) },
  })
}

export default function ClaimPage() {
  const { t } = useTranslation()
  const { claim } = useLoaderData<{
    claim: { token: string; email: string; organizationName: string } | null
  }>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'claim-organization',
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  if (!claim) return <InvalidTokenPage title={t('staffImport.claim.title')} />
  return (
    <section className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">{t('staffImport.claim.title')}</h1>
      <p className="mt-4 text-slate-700">
        {t('staffImport.claim.lead', {
          organization: claim.organizationName,
          email: claim.email,
        })}
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <FormErrorSummary
          form={form}
          labels={{
            taxCode: t('staffImport.claim.taxCode'),
            name: t('field.name'),
            password: t('field.newPassword'),
          }}
        />
        <input type="hidden" name="token" value={claim.token} />
        <Field
          label={t('staffImport.claim.taxCode')}
          errors={fields.taxCode.errors}
          inputProps={{ ...getInputProps(fields.taxCode, { type: 'text' }), inputMode: 'numeric' }}
        />
        <Field
          label={t('field.name')}
          errors={fields.name.errors}
          inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }}
        />
        <NewPasswordField field={fields.password} />
        <SubmitButton pending={navigation.state !== 'idle'}>
          {t('staffImport.claim.submit')}
        </SubmitButton>
      </Form>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
