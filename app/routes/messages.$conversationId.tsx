import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  Form,
  Link,
  useActionData,
  useFetcher,
  useLoaderData,
  useNavigation,
  useRevalidator,
} from '@remix-run/react'
import { useEffect, useState, type FormEvent } from 'react'
import { ChatMessageList } from '#app/components/chat/chat-message-list.tsx'
import { useViewerTimeZone, zoneLabel } from '#app/components/chat/use-time-zone.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { supplierProfileOf } from '#models/profiles/supplier-listing.ts'
import { MessageBodyField } from '#app/components/chat/chat-fields.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage, SubmitButton } from '#app/components/ui/forms.tsx'
import { OrganizationLogo } from '#app/components/organizations/organization-logo.tsx'
import type { TranslationKey } from '#models/i18n/index.ts'
import { messageFormSchema, newClientId } from '#app/utils/chat-forms.ts'
import {
  attachmentViews,
  chatMessagesOf,
  otherReadSeq,
  participantsOf,
  readChatForm,
  requireConversationMember,
  saveChatAttachment,
  conversationLocation,
  type AttachmentView,
} from '#app/utils/chat-pages.server.ts'
import { MESSAGE_BODY_MAX_LENGTH } from '#models/chat/chat-schemas.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { useChatConversation } from '#app/utils/use-chat-conversation.ts'
import { markRead } from '#models/chat/conversation-read.ts'
import { findSentMessage } from '#models/chat/message.ts'
import { messagesBefore } from '#models/chat/message-pages.ts'
import { sendMessage } from '#models/chat/send-message.ts'
import { logoKeysOf, organizationSummary } from '#models/accounts/organization.ts'
import { findSourcingRequest } from '#models/sourcing/sourcing-request.ts'

const PAGE_SIZE = 30

export const meta: MetaFunction = (args) => pageTitle(args, 'chat.inbox.title')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, member, conversation } = await requireConversationMember(
    request,
    params.conversationId ?? '',
  )
  const before = new URL(request.url).searchParams.get('before') || undefined
  const page = await messagesBefore(conversation._id, before, PAGE_SIZE)
  if (!page) throw new Response('Not Found', { status: 404 })
  const newest = page.messages[0]
  // Opening the latest page reads it (also without JavaScript); older pages change nothing.
  if (!before && newest) await markRead(member, conversation._id, newest._id)
  const otherId = conversation.organizations.find((id) => !id.equals(actor.organization._id))!
  const messages = chatMessagesOf(page.messages).reverse()
  const [other, participants, attachments, readSeq] = await Promise.all([
    organizationSummary(otherId),
    participantsOf(conversation.organizations),
    attachmentViews(messages),
    otherReadSeq(conversation._id, otherId),
  ])
  const otherLogo = other ? (await logoKeysOf([other])).get(otherId.toHexString()) : undefined
  // A chat about a sourcing request names it (a point read), when it is one of this
  // conversation's organisations' requests.
  const refId = conversation.context?.kind === 'rfq' ? conversation.context.refId : undefined
  const sourcingRequest = refId ? await findSourcingRequest(String(refId)) : null
  const aboutRequest =
    sourcingRequest && conversation.organizations.some((id) => id.equals(sourcingRequest.buyer))
      ? {
          href: `/sourcing/${sourcingRequest._id.toHexString()}`,
          title:
            (getLocale(request) === 'en'
              ? sourcingRequest.title?.en || sourcingRequest.title?.vi
              : sourcingRequest.title?.vi || sourcingRequest.title?.en) || '',
        }
      : null
  // English pages lead with the trade name (the organisation's, else its profile's).
  const tradeName =
    getLocale(request) === 'en' && other
      ? other.tradeName || (await supplierProfileOf(otherId))?.tradeName || ''
      : ''
  return {
    conversationId: conversation._id.toHexString(),
    kind: conversation.context?.kind ?? 'profile-inquiry',
    aboutRequest,
    me: { userId: actor.userId, organizationId: actor.organization._id.toHexString() },
    other: {
      name: tradeName || other?.name || '—',
      legalName: tradeName && other ? other.name : null,
      profileHref: other?.kind === 'supplier' ? `/suppliers/${other.slug}` : null,
      logoUrl: otherLogo ? `/files/${otherLogo.small}` : null,
    },
    participants,
    messages,
    hasOlder: page.hasMore,
    viewingOlder: Boolean(before),
    attachments,
    otherReadSeq: readSeq,
    /** For the form without JavaScript: a second submit of this page is the same message. */
    clientId: crypto.randomUUID(),
  }
}

type ActionError = { error: TranslationKey; body: string }

/** The form post without JavaScript: stored through the same model function as the socket. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, member, conversation } = await requireConversationMember(
    request,
    params.conversationId ?? '',
  )
  const form = await readChatForm(request)
  const body = String(form.get('body') ?? '')
  const fail = (error: TranslationKey) =>
    Response.json({ error, body } satisfies ActionError, { status: 400 })
  const parsed = messageFormSchema.safeParse({
    clientId: form.get('clientId') ?? undefined,
    body,
  })
  if (!parsed.success) return fail(parsed.error.issues[0]!.message as TranslationKey)
  // Submitted again (a double click, a reload): stored already, and no second upload.
  const stored = await findSentMessage(actor.user._id, parsed.data.clientId)
  if (stored && conversation._id.equals(stored.conversation))
    throw redirect(conversationLocation(conversation._id), 303)
  // The same limit as the socket's (one limiter per user, whatever the transport).
  if (!(await context.realtime.takeMessageToken(actor.userId))) {
    return Response.json({ error: 'chat.error.rateLimited', body } satisfies ActionError, {
      status: 429,
    })
  }
  const attachmentIds: string[] = []
  const upload = form.get('attachment')
  if (upload instanceof File && upload.size > 0) {
    const saved = await saveChatAttachment(context.services.files, actor, upload)
    if (!saved.ok) return fail(saved.error)
    attachmentIds.push(saved.file._id.toHexString())
  }
  const sent = await sendMessage({
    conversation,
    sender: member,
    clientId: parsed.data.clientId,
    body: parsed.data.body,
    attachmentIds,

    // The next page (inbox or this conversation) reads the summary at once.
    summaryBeforeReturn: true,
  })
  if (!sent.ok) return fail(sent.error)
  await context.realtime.announceMessage(sent.message._id.toHexString())
  throw redirect(conversationLocation(conversation._id), 303)
}

export default function ConversationPage() {
  const data = useLoaderData<typeof loader>()
  // A new conversation starts from scratch: its own timeline and socket room.
  return <ConversationView key={data.conversationId} />
}

function ConversationView() {
  const { t, locale } = useTranslation()
  const timeZone = useViewerTimeZone()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionError>()
  const navigation = useNavigation()
  const revalidator = useRevalidator()
  const older = useFetcher<typeof loader>()
  const [attachments, setAttachments] = useState<Record<string, AttachmentView>>(data.attachments)
  const [hasOlder, setHasOlder] = useState(data.hasOlder)
  const [formError, setFormError] = useState<string | null>(null)
  const [uploading, setUploading] = useState(false)
  const [formKey, setFormKey] = useState(0)
  const otherUserIds = data.participants
    .filter((person) => person.organizationId !== data.me.organizationId)
    .map((person) => person.id)
  const chat = useChatConversation({
    conversationId: data.conversationId,
    me: data.me,
    loaderMessages: data.messages,
    otherReadSeq: data.otherReadSeq,
    onLiveMessage: (message) => {
      if (message.attachmentIds.some((id) => !attachments[id])) revalidator.revalidate()
    },
    onOtherOnline: () => revalidator.revalidate(),
  })

  useEffect(() => setAttachments((known) => ({ ...known, ...data.attachments })), [data])
  useEffect(() => {
    if (!older.data) return
    chat.addMessages(older.data.messages)
    setHasOlder(older.data.hasOlder)
    setAttachments((known) => ({ ...known, ...older.data!.attachments }))
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per page that arrives
  }, [older.data])

  async function submitLive(event: FormEvent<HTMLFormElement>) {
    if (!chat.live) return // no socket yet: the form posts like it does without JavaScript
    event.preventDefault()
    const formElement = event.currentTarget
    const fields = new FormData(formElement)
    const body = String(fields.get('body') ?? '').trim()
    if (!body) return setFormError(t('chat.error.bodyEmpty'))
    if (body.length > MESSAGE_BODY_MAX_LENGTH) return setFormError(t('chat.error.bodyTooLong'))
    setFormError(null)
    const attachmentIds: string[] = []
    const file = fields.get('attachment')
    if (file instanceof File && file.size > 0) {
      setUploading(true)
      const upload = new FormData()
      upload.append('attachment', file)
      const response = await fetch(`/messages/${data.conversationId}/attachments`, {
        method: 'POST',
        body: upload,
      }).catch(() => null)
      setUploading(false)
      const result = (await response?.json().catch(() => null)) as
        { ok: true; attachment: AttachmentView } | { ok: false; error: TranslationKey } | null
      if (!result?.ok) return setFormError(t(result?.error ?? 'chat.error.server'))
      setAttachments((known) => ({ ...known, [result.attachment.id]: result.attachment }))
      attachmentIds.push(result.attachment.id)
    }
    chat.send(newClientId(), body, attachmentIds)
    formElement.reset()
    setFormKey((key) => key + 1)
  }

  const otherOnline = otherUserIds.some((id) => chat.onlineUserIds.has(id))
  const otherLastSeen = data.participants
    .filter((person) => person.organizationId !== data.me.organizationId)
    .map((person) => chat.lastSeenAt[person.id] ?? person.lastSeenAt)
    .filter((at): at is string => Boolean(at))
    .sort()
    .at(-1)
  const names = Object.fromEntries(data.participants.map((person) => [person.id, person.name]))
  const typingNames = chat.typingUserIds.map((id) => names[id] ?? t('chat.conversation.someone'))
  const error = formError ?? (actionData ? t(actionData.error) : null)
  return (
    <section
      className="mx-auto flex max-w-3xl flex-col px-4 py-8"
      data-live={chat.joined ? 'true' : undefined}
    >
      <p>
        <Link to="/messages" className="text-sm text-blue-800 underline">
          ← {t('chat.conversation.back')}
        </Link>
      </p>
      <header className="mt-2 flex flex-wrap items-center justify-between gap-2">
        <div className="flex min-w-0 items-center gap-3">
          <OrganizationLogo name={data.other.name} src={data.other.logoUrl} size="md" />
          <h1 className="text-2xl font-bold">
            {t('chat.conversation.title', { name: data.other.name })}
          </h1>
          {data.other.legalName ? (
            <p className="text-sm text-slate-600">
              {t('onboarding.chat.legalName')}: <bdi lang="vi">{data.other.legalName}</bdi>
            </p>
          ) : null}
        </div>
        {chat.live ? (
          <span
            data-testid="presence"
            className={`text-sm ${otherOnline ? 'text-green-800' : 'text-slate-600'}`}
          >
            {otherOnline
              ? `● ${t('chat.conversation.online')}`
              : otherLastSeen
                ? t('chat.conversation.lastSeen', {
                    time: new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
                      dateStyle: 'short',
                      timeStyle: 'short',
                      timeZone,
                    }).format(new Date(otherLastSeen)),
                  })
                : t('chat.conversation.offline')}
          </span>
        ) : null}
      </header>
      <p className="text-xs text-slate-600" data-testid="time-zone">
        {t('onboarding.chat.timeZone', {
          zone: zoneLabel(timeZone, locale === 'vi' ? 'vi-VN' : 'en-GB'),
        })}
      </p>
      <p className="text-sm text-slate-600">
        {t(`chat.context.${data.kind}` as TranslationKey)}
        {data.aboutRequest?.title ? (
          <>
            {': '}
            <Link to={data.aboutRequest.href} className="underline" data-testid="about-request">
              <bdi>{data.aboutRequest.title}</bdi>
            </Link>
          </>
        ) : null}
        {data.other.profileHref ? (
          <>
            {' · '}
            <Link to={data.other.profileHref} className="underline">
              <bdi>{data.other.name}</bdi>
            </Link>
          </>
        ) : null}
      </p>

      {hasOlder && chat.oldestMessageId ? (
        <p className="mt-4 text-center">
          <Link
            to={`?before=${chat.oldestMessageId}`}
            onClick={(event) => {
              event.preventDefault()
              older.load(`/messages/${data.conversationId}?before=${chat.oldestMessageId}`)
            }}
            className="text-sm font-medium text-blue-800 underline"
          >
            {t('chat.conversation.older')}
          </Link>
        </p>
      ) : null}

      <ChatMessageList
        messages={chat.messages}
        me={data.me}
        names={names}
        attachments={attachments}
        readSeq={chat.readSeq}
        onRetry={chat.retry}
      />
      {data.viewingOlder ? (
        <p className="mt-2 text-center">
          <Link to={`/messages/${data.conversationId}`} className="text-sm text-blue-800 underline">
            {t('chat.conversation.newer')}
          </Link>
        </p>
      ) : null}

      <p aria-live="polite" className="mt-2 h-5 text-sm italic text-slate-600">
        {typingNames.length ? t('chat.conversation.typing', { name: typingNames.join(', ') }) : ''}
      </p>

      <Form
        key={formKey}
        method="post"
        encType="multipart/form-data"
        onSubmit={(event) => void submitLive(event)}
        className="mt-2 space-y-3"
      >
        {error ? <FormMessage tone="error">{error}</FormMessage> : null}
        <input type="hidden" name="clientId" value={data.clientId} />
        <MessageBodyField
          label={t('chat.message.label')}
          textareaProps={{
            name: 'body',
            required: true,
            defaultValue: formKey === 0 ? (actionData?.body ?? '') : '',
          }}
          onValueChange={chat.noteTyping}
          enterSends
        />
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <label htmlFor="chat-attachment" className="block text-sm text-slate-800">
              {t('chat.conversation.attach')}
            </label>
            <input
              id="chat-attachment"
              type="file"
              name="attachment"
              accept="image/jpeg,image/png,image/webp,application/pdf"
              className="mt-1 block text-sm"
            />
          </div>
          <SubmitButton pending={uploading || navigation.state === 'submitting'}>
            {t('chat.conversation.send')}
          </SubmitButton>
        </div>
        {uploading ? (
          <p role="status" className="text-sm text-slate-700">
            {t('chat.conversation.uploading')}
          </p>
        ) : null}
      </Form>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
