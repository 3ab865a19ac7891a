import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import {
  Field,
  FormErrorSummary,
  FormMessage,
  SelectField,
  SubmitButton,
} from '#app/components/ui/forms.tsx'
import { locales } from '#models/i18n/index.ts'
import { appOrigin } from '#app/utils/emails.server.ts'
import { sendVerificationEmail } from '#app/utils/email-verification.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { localeCookieHeader } from '#app/utils/locale.server.ts'
import { requireActor } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { personNameField } from '#models/accounts/account-fields.ts'
import { takeMailAllowance } from '#models/accounts/mail-throttle.ts'
import { updateUserProfile } from '#models/accounts/user.ts'

const schema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('profile'),
    name: personNameField,
    locale: z.enum(locales, { message: 'validation.invalid' }),
  }),
  z.object({ intent: z.literal('resend-verification') }),
])

export const meta: MetaFunction = (args) => pageTitle(args, 'account.profile')

/** Document posts get their headers here; a 429 of the action keeps its Retry-After. */
export const headers: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const documentHeaders = new Headers(parentHeaders)
  const retryAfter = actionHeaders.get('Retry-After')
  if (retryAfter) documentHeaders.set('Retry-After', retryAfter)
  return documentHeaders
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  return {
    name: actor.user.name,
    locale: actor.user.locale,
    email: actor.user.email,
    verified: Boolean(actor.user.emailVerifiedAt),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request)
  const submission = parseSubmission(await readForm(request), { schema })
  if (submission.status !== 'success')
    return Response.json({ result: submission.reply(), saved: false }, { status: 400 })
  if (submission.value.intent === 'resend-verification') {
    if (!actor.user.emailVerifiedAt) {
      const allowance = await takeMailAllowance({
        purpose: 'verify-email',
        recipient: actor.user.email,
        requester: actor.user._id,
      })
      if (!allowance.allowed) {
        return Response.json(
          {
            result: submission.reply(),
            saved: false,
            mailLimitMinutes: Math.ceil(allowance.retryAfterSeconds / 60),
          },
          { status: 429, headers: { 'Retry-After': String(allowance.retryAfterSeconds) } },
        )
      }
      await sendVerificationEmail({
        mailer: context.services.mailer,
        origin: appOrigin(context),
        user: actor.user,
      })
    }
    return Response.json({ result: submission.reply(), saved: true })
  }
  const { name, locale } = submission.value
  await updateUserProfile(actor.user._id, { name, locale })
  // The interface follows the account's language from now on.
  return Response.json(
    { result: submission.reply(), saved: true },
    { headers: { 'Set-Cookie': localeCookieHeader(locale) } },
  )
}

export default function ProfilePage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'profile',
    lastResult: actionData?.result,
    defaultValue: { name: data.name, locale: data.locale },
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <section aria-labelledby="profile-title" className="max-w-lg">
      <h2 id="profile-title" className="text-xl font-semibold">
        {t('account.profile')}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        {actionData?.saved ? <FormMessage tone="success">{t('form.saved')}</FormMessage> : null}
        <FormErrorSummary
          form={form}
          labels={{ name: t('field.name'), locale: t('field.locale') }}
        />
        <input type="hidden" name="intent" value="profile" />
        <Field
          label={t('field.name')}
          errors={fields.name.errors}
          inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }}
        />
        <SelectField
          label={t('field.locale')}
          errors={fields.locale.errors}
          selectProps={getSelectProps(fields.locale)}
        >
          {locales.map((code) => (
            <option key={code} value={code}>
              {t(`language.${code}`)}
            </option>
          ))}
        </SelectField>
        <SubmitButton pending={navigation.state !== 'idle'}>{t('form.save')}</SubmitButton>
      </Form>
      <div className="mt-10 border-t border-slate-200 pt-6">
        <p className="text-sm text-slate-700">
          {t('field.email')}: <strong>{data.email}</strong> —{' '}
          {data.verified ? t('account.emailVerified') : t('account.emailNotVerified')}
        </p>
        {actionData && 'mailLimitMinutes' in actionData ? (
          <div className="mt-3">
            <FormMessage tone="error">
              {t('email.limit.reached')}{' '}
              {t('email.limit.retryAfter', { minutes: actionData.mailLimitMinutes })}
            </FormMessage>
          </div>
        ) : null}
        {data.verified ? null : (
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="resend-verification" />
            <button
              type="submit"
              className="text-sm font-semibold text-blue-800 underline underline-offset-4"
            >
              {t('account.resendVerification')}
            </button>
          </Form>
        )}
      </div>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
