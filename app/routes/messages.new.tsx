import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { ContactFields } from '#app/components/chat/chat-fields.tsx'
import { FormErrorSummary, FormMessage, SubmitButton } from '#app/components/ui/forms.tsx'
import type { TranslationKey } from '#models/i18n/index.ts'
import { chatMemberOf } from '#app/utils/chat.server.ts'
import { contactFormSchema as schema, inquiryOf } from '#app/utils/chat-forms.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { forbidden, requireActor } from '#app/utils/permissions.server.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { conversationLocation } from '#app/utils/chat-pages.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import {
  conversationExists,
  conversationPairKey,
  openConversation,
} from '#models/chat/conversation.ts'
import { takeAllowance } from '#models/accounts/mail-throttle.ts'
import { findPublicSupplierBySlug } from '#models/profiles/supplier-listing.ts'
import { sendMessage } from '#models/chat/send-message.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'chat.contact.title')

/** The supplier named by `?supplier=<slug>`: active, and not the actor's own organisation. */
async function requireContactTarget(request: Request) {
  const actor = await requireActor(request)
  const slug = new URL(request.url).searchParams.get('supplier') ?? ''
  const supplier = slug ? await findPublicSupplierBySlug(slug) : null
  if (!supplier) throw new Response('Not Found', { status: 404 })
  if (supplier._id.equals(actor.organization._id)) forbidden()
  return { actor, supplier }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { supplier } = await requireContactTarget(request)
  return {
    supplier: { name: supplier.name, slug: supplier.slug },
    clientId: crypto.randomUUID(),
  }
}

/**
 * Opens the conversation with the supplier about its profile (or reuses the one there is) and
 * sends the first message, with the optional inquiry. The form's clientId makes a double
 * submit one message.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, supplier } = await requireContactTarget(request)
  const submission = parseSubmission(await readForm(request), { schema })
  if (submission.status !== 'success') {
    return Response.json({ result: submission.reply(), error: null }, { status: 400 })
  }
  const member = chatMemberOf(actor)
  if (!(await context.realtime.takeMessageToken(actor.userId))) {
    return Response.json(
      { result: submission.reply(), error: 'chat.error.rateLimited' as const },
      {
        status: 429,
      },
    )
  }
  // New conversations per user, in exact windows; writing again in an open one costs nothing.
  const pairKey = conversationPairKey(member.organizationId, supplier._id, {
    kind: 'profile-inquiry',
  })
  if (
    !(await conversationExists(pairKey)) &&
    (await takeAllowance(`new-conversations:${actor.userId}`, NEW_CONVERSATION_LIMITS)) > 0
  ) {
    return Response.json(
      { result: submission.reply(), error: 'chat.error.tooManyConversations' as const },
      { status: 429 },
    )
  }
  const opened = await openConversation(member, supplier._id, { kind: 'profile-inquiry' })
  if (!opened.ok) return failed(submission.reply(), opened.error)
  const sent = await sendMessage({
    conversation: opened.conversation,
    sender: member,
    clientId: submission.value.clientId,
    body: submission.value.body,
    inquiry: inquiryOf(submission.value),

    // The next page (inbox or this conversation) reads the summary at once.
    summaryBeforeReturn: true,
  })
  if (!sent.ok) return failed(submission.reply(), sent.error)
  await context.realtime.announceMessage(sent.message._id.toHexString())
  throw redirect(conversationLocation(opened.conversation._id), 303)
}

/** A user may start this many conversations: enough for sourcing, not for spam. */
const NEW_CONVERSATION_LIMITS = [
  { max: 5, windowMs: 10 * 60 * 1000 },
  { max: 30, windowMs: 24 * 60 * 60 * 1000 },
]

function failed(result: unknown, error: TranslationKey) {
  return Response.json({ result, error }, { status: 400 })
}

export default function ContactSupplierPage() {
  const { t } = useTranslation()
  const { supplier, clientId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm<z.input<typeof schema>>({
    id: 'contact-supplier',
    lastResult: actionData?.result as never,
    defaultValue: { clientId },
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <section className="mx-auto max-w-2xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('chat.contact.title')}</h1>
      <p className="mt-1 text-slate-700">{t('chat.contact.to', { name: supplier.name })}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        {actionData?.error ? (
          <FormMessage tone="error">{t(actionData.error as TranslationKey)}</FormMessage>
        ) : null}
        <FormErrorSummary
          form={form}
          labels={{
            body: t('chat.message.label'),
            product: t('chat.inquiry.product'),
            quantity: t('chat.inquiry.quantity'),
            targetDate: t('chat.inquiry.targetDate'),
          }}
        />
        <input {...getInputProps(fields.clientId, { type: 'hidden' })} key={clientId} />
        <ContactFields
          body={{ props: getTextareaProps(fields.body), errors: fields.body.errors }}
          product={{
            props: getInputProps(fields.product, { type: 'text' }),
            errors: fields.product.errors,
          }}
          quantity={{
            props: getInputProps(fields.quantity, { type: 'text' }),
            errors: fields.quantity.errors,
          }}
          targetDate={{
            props: getInputProps(fields.targetDate, { type: 'date' }),
            errors: fields.targetDate.errors,
          }}
        />
        <SubmitButton pending={navigation.state === 'submitting'}>
          {t('chat.contact.submit')}
        </SubmitButton>
      </Form>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
