import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { checkFormShape, limitParts } from '#app/utils/form-limits.server.ts'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Field, FormMessage, SelectField, SubmitButton } from '#app/components/ui/forms.tsx'
import { LogoSection, type LogoResult } from '#app/components/organizations/logo-section.tsx'
import type { Locale } from '#models/i18n/index.ts'
import { appOrigin, linkEmail } from '#app/utils/emails.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { hasOrganizationRole, requireActor } from '#app/utils/permissions.server.ts'
import { logoAction, logoIntentOf } from '#app/utils/organization-logo.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { emailField } from '#models/accounts/account-fields.ts'
import { mayManage, organizationRoles, type OrganizationRole } from '#models/accounts/roles.ts'
import { takeMailAllowance } from '#models/accounts/mail-throttle.ts'
import { changeMemberRole, removeMember } from '#models/accounts/membership.ts'
import { logoKeysOf } from '#models/accounts/organization.ts'
import { issueToken, openInvitationsOf, revokeInvitation } from '#models/accounts/token.ts'
import { emailRegistered, membersOf, normalizeEmail } from '#models/accounts/user.ts'
import { maxUploadBytes } from '#server/uploads.ts'

const objectId = z.string().regex(/^[a-f0-9]{24}$/, { message: 'validation.invalid' })
const role = z.enum(organizationRoles, { message: 'validation.invalid' })
const schema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('invite'),
    email: emailField,
    role: z.enum(['admin', 'member'], { message: 'validation.invalid' }),
  }),
  z.object({ intent: z.literal('change-role'), userId: objectId, role }),
  z.object({ intent: z.literal('remove'), userId: objectId }),
  z.object({ intent: z.literal('revoke-invitation'), invitationId: objectId }),
])

export const meta: MetaFunction = (args) => pageTitle(args, 'account.organization')

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  const [members, invitations, logos] = await Promise.all([
    membersOf(actor.organization._id),
    hasOrganizationRole(actor, 'admin')
      ? openInvitationsOf(actor.organization._id)
      : Promise.resolve([]),
    logoKeysOf([actor.organization], { viewerIsMember: true }),
  ])
  const logo = logos.get(actor.organization._id.toHexString())
  return {
    organizationName: actor.organization.name,
    logoUrl: logo ? `/files/${logo.small}` : null,
    myRole: actor.user.organizationRole as OrganizationRole,
    myId: actor.userId,
    canInvite: hasOrganizationRole(actor, 'admin'),
    members: members.map((member) => ({
      id: member._id.toHexString(),
      name: member.name,
      email: member.email,
      role: member.organizationRole as OrganizationRole,
    })),
    invitations: invitations.map((invitation) => ({
      id: invitation._id.toHexString(),
      email: invitation.email,
      role: invitation.role ?? 'member',
      expiresAt: invitation.expiresAt.toISOString(),
    })),
  }
}

/**
 * The member forms are URL-encoded; the logo form is multipart, read with its parts capped while
 * they arrive (request.formData() would buffer any size). Broken bodies are a 400.
 */
async function readOrganizationForm(request: Request): Promise<FormData | 'too-large'> {
  const type = request.headers.get('Content-Type') ?? ''
  if (!type.startsWith('multipart/form-data')) return readForm(request)
  try {
    const form = await unstable_parseMultipartFormData(
      request,
      limitParts(unstable_createMemoryUploadHandler({ maxPartSize: maxUploadBytes('logo') })),
    )
    checkFormShape(form)
    return form
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return 'too-large'
    if (error instanceof Response) throw error
    throw new Response('Bad Request', { status: 400 })
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request)
  const form = await readOrganizationForm(request)
  if (form === 'too-large') {
    return Response.json(
      { logo: { ok: false, message: 'upload.tooLarge' } satisfies LogoResult },
      { status: 400 },
    )
  }
  const logoIntent = logoIntentOf(form)
  if (logoIntent) return logoAction(logoIntent, form, actor, context.services.files)
  const submission = parseSubmission(form, { schema })
  const fail = (error: string, status = 400) =>
    Response.json({ result: submission.reply({ formErrors: [error] }), done: null }, { status })
  if (submission.status !== 'success')
    return Response.json({ result: submission.reply(), done: null }, { status: 400 })
  if (!hasOrganizationRole(actor, 'admin')) return fail('members.notAllowed', 403)
  const organization = actor.organization._id
  const actorRole = actor.user.organizationRole as OrganizationRole
  const value = submission.value
  switch (value.intent) {
    case 'invite': {
      if (!actor.user.emailVerifiedAt) return fail('members.verifyFirst', 403)
      const email = normalizeEmail(value.email)
      if (await emailRegistered(email)) return fail('members.alreadyRegistered')
      const allowance = await takeMailAllowance({
        purpose: 'invitation',
        recipient: email,
        requester: actor.user._id,
      })
      if (!allowance.allowed) return fail('email.limit.reached', 429)
      const token = await issueToken({
        purpose: 'invitation',
        email,
        organization,
        role: value.role,
        invitedBy: actor.user._id,
      })
      await context.services.mailer.send(
        linkEmail({
          locale: actor.user.locale as Locale,
          to: email,
          subject: 'email.invite.subject',
          intro: 'email.invite.intro',
          action: 'email.invite.action',
          link: `${appOrigin(context)}/invitations/accept?token=${token}`,
          params: { inviter: actor.user.name, organization: actor.organization.name },
        }),
      )
      return Response.json({
        result: submission.reply({ resetForm: true }),
        done: 'members.invited',
      })
    }
    case 'change-role': {
      const outcome = await changeMemberRole({
        organization,
        actorRole,
        targetUserId: value.userId,
        newRole: value.role,
      })
      return outcome.ok
        ? Response.json({ result: submission.reply(), done: 'form.saved' })
        : fail(outcome.error, 403)
    }
    case 'remove': {
      const outcome = await removeMember({ organization, actorRole, targetUserId: value.userId })
      if (!outcome.ok) return fail(outcome.error, 403)
      context.realtime.disconnectUser(outcome.userId)
      return Response.json({ result: submission.reply(), done: 'members.removed' })
    }
    case 'revoke-invitation': {
      if (!(await revokeInvitation(organization, value.invitationId)))
        return fail('members.notFound', 404)
      return Response.json({ result: submission.reply(), done: 'members.invitationRevoked' })
    }
  }
}

export default function OrganizationMembersPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'invite',
    lastResult:
      actionData?.result?.initialValue?.intent === 'invite' ? actionData.result : undefined,
    constraint: getZodConstraint(schema),
    defaultValue: { role: 'member' },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  const formError = actionData?.result?.error?.[''] ?? []
  return (
    <div className="space-y-10">
      <LogoSection
        organizationName={data.organizationName}
        logoUrl={data.logoUrl}
        canEdit={data.canInvite}
        result={(actionData as { logo?: LogoResult } | undefined)?.logo ?? null}
      />
      <section aria-labelledby="members-title">
        <h2 id="members-title" className="text-xl font-semibold">
          {t('members.title', { organization: data.organizationName })}
        </h2>
        <div className="mt-4 space-y-3">
          {actionData?.done ? (
            <FormMessage tone="success">{t(actionData.done as 'members.invited')}</FormMessage>
          ) : null}
          {formError[0] ? (
            <FormMessage tone="error">{t(formError[0] as 'members.notAllowed')}</FormMessage>
          ) : null}
        </div>
        <ul className="mt-4 divide-y divide-slate-200 rounded-md ring-1 ring-slate-200">
          {data.members.map((member) => (
            <li
              key={member.id}
              className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm"
            >
              <div>
                <p className="font-medium">
                  <bdi>{member.name}</bdi>
                  {member.id === data.myId ? ` (${t('members.you')})` : ''}
                </p>
                <p className="text-slate-600">
                  {member.email} · {t(`role.${member.role}`)}
                </p>
              </div>
              {mayManage(data.myRole, member.role) && member.id !== data.myId ? (
                <div className="flex flex-wrap gap-2">
                  <Form method="post" className="flex items-center gap-2">
                    <input type="hidden" name="intent" value="change-role" />
                    <input type="hidden" name="userId" value={member.id} />
                    <label className="sr-only" htmlFor={`role-${member.id}`}>
                      {t('members.roleFor', { name: member.name })}
                    </label>
                    <select
                      id={`role-${member.id}`}
                      name="role"
                      defaultValue={member.role}
                      className="rounded border border-slate-400 px-2 py-1"
                    >
                      {organizationRoles
                        .filter((option) => data.myRole === 'owner' || option !== 'owner')
                        .map((option) => (
                          <option key={option} value={option}>
                            {t(`role.${option}`)}
                          </option>
                        ))}
                    </select>
                    <button
                      type="submit"
                      className="rounded border border-slate-400 px-2 py-1 hover:bg-slate-50"
                    >
                      {t('members.changeRole')}
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="userId" value={member.id} />
                    <button
                      type="submit"
                      className="rounded border border-red-700 px-2 py-1 text-red-800 hover:bg-red-50"
                    >
                      {t('members.remove')}
                    </button>
                  </Form>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {data.canInvite ? (
        <section aria-labelledby="invite-title" className="max-w-lg">
          <h2 id="invite-title" className="text-xl font-semibold">
            {t('members.invite')}
          </h2>
          <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
            <input type="hidden" name="intent" value="invite" />
            <Field
              label={t('field.email')}
              errors={fields.email.errors}
              inputProps={{ ...getInputProps(fields.email, { type: 'email' }) }}
            />
            <SelectField
              label={t('field.role')}
              errors={fields.role.errors}
              selectProps={getSelectProps(fields.role)}
            >
              <option value="member">{t('role.member')}</option>
              <option value="admin">{t('role.admin')}</option>
            </SelectField>
            <SubmitButton>{t('members.sendInvite')}</SubmitButton>
          </Form>
          {data.invitations.length ? (
            <>
              <h3 className="mt-8 font-semibold">{t('members.pending')}</h3>
              <ul className="mt-2 space-y-2 text-sm">
                {data.invitations.map((invitation) => (
                  <li key={invitation.id} className="flex items-center justify-between gap-3">
                    <span>
                      {invitation.email} · {t(`role.${invitation.role as OrganizationRole}`)}
                    </span>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke-invitation" />
                      <input type="hidden" name="invitationId" value={invitation.id} />
                      <button type="submit" className="text-red-800 underline">
                        {t('members.revokeInvitation')}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
