import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Field, FormErrorSummary, FormMessage, SubmitButton } from '#app/components/ui/forms.tsx'
import { endSessionOf, endSessions, signOutEverywhere } from '#app/utils/auth.server.ts'
import { sendChangeEmail } from '#app/utils/email-verification.server.ts'
import { appOrigin } from '#app/utils/emails.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { requireActor } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { clearSessionCookieHeader } from '#app/utils/session.server.ts'
import { emailField, passwordField } from '#models/accounts/account-fields.ts'
import { recordAudit } from '#models/staff/audit-log.ts'
import { takeMailAllowance } from '#models/accounts/mail-throttle.ts'
import { hashPassword, verifyPassword } from '#models/accounts/password.ts'
import { liveSessionsOf } from '#models/accounts/session.ts'
import { changePassword, emailRegistered, normalizeEmail } from '#models/accounts/user.ts'

const currentPassword = z
  .string({ message: 'validation.required' })
  .max(128, { message: 'validation.tooLong' })
const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('change-password'), currentPassword, newPassword: passwordField }),
  z.object({ intent: z.literal('change-email'), currentPassword, newEmail: emailField }),
  z.object({ intent: z.literal('revoke-session'), sessionId: z.string().regex(/^[a-f0-9]{24}$/) }),
  z.object({ intent: z.literal('revoke-others') }),
  z.object({ intent: z.literal('sign-out-everywhere') }),
])

export const meta: MetaFunction = (args) => pageTitle(args, 'account.security')

/** Document posts get their headers here; a 429 of the action keeps its Retry-After. */
export const headers: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const documentHeaders = new Headers(parentHeaders)
  const retryAfter = actionHeaders.get('Retry-After')
  if (retryAfter) documentHeaders.set('Retry-After', retryAfter)
  return documentHeaders
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  const sessions = await liveSessionsOf(actor.user._id)
  return {
    sessions: sessions.map((session) => ({
      id: session._id.toHexString(),
      current: session.idHash === actor.sessionIdHash,
      userAgent: session.userAgent ?? '',
      ip: session.ip ?? '',
      lastSeenAt: session.lastSeenAt.toISOString(),
    })),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request)
  const submission = parseSubmission(await readForm(request), { schema })
  const fail = (formErrors: string[]) =>
    Response.json(
      {
        result: submission.reply({ formErrors, hideFields: ['currentPassword', 'newPassword'] }),
        done: null,
      },
      { status: 400 },
    )
  if (submission.status !== 'success') return fail([])
  const value = submission.value
  const isStaff = actor.user.staffRoles.length > 0
  switch (value.intent) {
    case 'change-password': {
      if (!(await verifyPassword(actor.user.passwordHash, value.currentPassword)))
        return fail(['auth.wrongPassword'])
      await changePassword(actor.user._id, await hashPassword(value.newPassword))
      // Other devices signed in with the old password are signed out; this one stays.
      await endSessions(
        { user: actor.user._id, idHash: { $ne: actor.sessionIdHash } },
        context.realtime,
      )
      if (isStaff) {
        await recordAudit({
          actor: actor.user._id,
          actorLabel: actor.user.email,
          action: 'user.password.change',
          targetType: 'User',
          targetId: actor.userId,
          ip: context.clientIp,
        })
      }
      return Response.json({
        result: submission.reply({ resetForm: true }),
        done: 'security.passwordChanged',
      })
    }
    case 'change-email': {
      if (!(await verifyPassword(actor.user.passwordHash, value.currentPassword)))
        return fail(['auth.wrongPassword'])
      const newEmail = normalizeEmail(value.newEmail)
      if (newEmail === actor.user.email) return fail(['security.sameEmail'])
      // Counted before looking the address up, so the limit answers alike for addresses in use.
      const allowance = await takeMailAllowance({
        purpose: 'change-email',
        recipient: newEmail,
        requester: actor.user._id,
      })
      if (!allowance.allowed) {
        return Response.json(
          {
            result: submission.reply({
              formErrors: ['email.limit.reached'],
              hideFields: ['currentPassword', 'newPassword'],
            }),
            done: null,
            mailLimitMinutes: Math.ceil(allowance.retryAfterSeconds / 60),
          },
          { status: 429, headers: { 'Retry-After': String(allowance.retryAfterSeconds) } },
        )
      }
      // The address changes only when the link sent to it is opened; an address already in use
      // gets no mail, and the answer does not say whether it is in use.
      if (!(await emailRegistered(newEmail))) {
        await sendChangeEmail({
          mailer: context.services.mailer,
          origin: appOrigin(context),
          user: actor.user,
          newEmail,
        })
      }
      return Response.json({
        result: submission.reply({ resetForm: true }),
        done: 'security.emailChangeSent',
      })
    }
    case 'revoke-session': {
      if (!(await endSessionOf(actor.user._id, value.sessionId, context.realtime))) {
        return fail(['security.sessionNotFound'])
      }
      return Response.json({ result: submission.reply(), done: 'security.sessionRevoked' })
    }
    case 'revoke-others': {
      await endSessions(
        { user: actor.user._id, idHash: { $ne: actor.sessionIdHash } },
        context.realtime,
      )
      return Response.json({ result: submission.reply(), done: 'security.sessionRevoked' })
    }
    case 'sign-out-everywhere': {
      await signOutEverywhere(actor.userId)
      context.realtime.disconnectUser(actor.userId)
      throw redirect('/login', { headers: { 'Set-Cookie': clearSessionCookieHeader(request) } })
    }
  }
}

export default function SecurityPage() {
  const { t, locale } = useTranslation()
  const { sessions } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [passwordForm, passwordFields] = useForm({
    id: 'change-password',
    lastResult:
      actionData?.result?.initialValue?.intent === 'change-password'
        ? actionData.result
        : undefined,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
  })
  const [emailForm, emailFields] = useForm({
    id: 'change-email',
    lastResult:
      actionData?.result?.initialValue?.intent === 'change-email' ? actionData.result : undefined,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
  })
  const formError = (passwordForm.errors ?? emailForm.errors ?? [])[0]
  return (
    <div className="space-y-10">
      {actionData?.done ? (
        <FormMessage tone="success">{t(actionData.done as 'security.passwordChanged')}</FormMessage>
      ) : null}
      {formError && actionData && 'mailLimitMinutes' in actionData ? (
        // The form's error summary says that the limit was reached; this says until when.
        <FormMessage tone="error">
          {t('email.limit.retryAfter', { minutes: actionData.mailLimitMinutes })}
        </FormMessage>
      ) : null}
      <section aria-labelledby="password-title" className="max-w-lg">
        <h2 id="password-title" className="text-xl font-semibold">
          {t('security.changePassword')}
        </h2>
        <Form method="post" {...getFormProps(passwordForm)} className="mt-4 space-y-4">
          <FormErrorSummary
            form={passwordForm}
            labels={{
              currentPassword: t('field.currentPassword'),
              newPassword: t('field.newPassword'),
            }}
          />
          <input type="hidden" name="intent" value="change-password" />
          <Field
            label={t('field.currentPassword')}
            errors={passwordFields.currentPassword.errors}
            inputProps={{
              ...getInputProps(passwordFields.currentPassword, { type: 'password' }),
              autoComplete: 'current-password',
            }}
          />
          <Field
            label={t('field.newPassword')}
            hint={t('field.passwordHint')}
            errors={passwordFields.newPassword.errors}
            inputProps={{
              ...getInputProps(passwordFields.newPassword, { type: 'password' }),
              autoComplete: 'new-password',
            }}
          />
          <SubmitButton>{t('security.changePassword')}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="email-title" className="max-w-lg">
        <h2 id="email-title" className="text-xl font-semibold">
          {t('security.changeEmail')}
        </h2>
        <Form method="post" {...getFormProps(emailForm)} className="mt-4 space-y-4">
          <FormErrorSummary
            form={emailForm}
            labels={{
              newEmail: t('field.newEmail'),
              currentPassword: t('field.currentPassword'),
            }}
          />
          <input type="hidden" name="intent" value="change-email" />
          <Field
            label={t('field.newEmail')}
            errors={emailFields.newEmail.errors}
            inputProps={{
              ...getInputProps(emailFields.newEmail, { type: 'email' }),
              autoComplete: 'email',
            }}
          />
          <Field
            label={t('field.currentPassword')}
            errors={emailFields.currentPassword.errors}
            inputProps={{
              ...getInputProps(emailFields.currentPassword, { type: 'password' }),
              autoComplete: 'current-password',
            }}
          />
          <SubmitButton>{t('security.changeEmail')}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="text-xl font-semibold">
          {t('security.sessions')}
        </h2>
        <ul className="mt-4 divide-y divide-slate-200 rounded-md ring-1 ring-slate-200">
          {sessions.map((session) => (
            <li
              key={session.id}
              className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm"
            >
              <div>
                <p className="font-medium">{session.userAgent || t('security.unknownDevice')}</p>
                <p className="text-slate-600">
                  {session.ip} · {t('security.lastSeen')}{' '}
                  {new Date(session.lastSeenAt).toLocaleString(
                    locale === 'vi' ? 'vi-VN' : 'en-GB',
                    { timeZone: 'Asia/Ho_Chi_Minh' },
                  )}
                  {session.current ? ` · ${t('security.thisDevice')}` : ''}
                </p>
              </div>
              {session.current ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke-session" />
                  <input type="hidden" name="sessionId" value={session.id} />
                  <button
                    type="submit"
                    className="rounded border border-slate-400 px-2 py-1 hover:bg-slate-50"
                  >
                    {t('security.revoke')}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        <div className="mt-4 flex flex-wrap gap-3">
          <Form method="post">
            <input type="hidden" name="intent" value="revoke-others" />
            <button
              type="submit"
              className="rounded-md border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-50"
            >
              {t('security.revokeOthers')}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="sign-out-everywhere" />
            <button
              type="submit"
              className="rounded-md border border-red-700 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50"
            >
              {t('security.signOutEverywhere')}
            </button>
          </Form>
        </div>
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
