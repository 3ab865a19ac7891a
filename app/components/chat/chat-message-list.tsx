import { useLocation } from '@remix-run/react'
import { ChatText } from '#app/components/chat/chat-text.tsx'
import { useViewerTimeZone } from '#app/components/chat/use-time-zone.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import type { ChatMessage } from '#models/chat/realtime-events.ts'
import type { DisplayMessage } from '#app/utils/use-chat-conversation.ts'

interface AttachmentLink {
  name: string
  href: string
  isImage: boolean
}

/**
 * The conversation, oldest first: stored messages, then this page's messages still on their way
 * ("Sending…", or "Not sent" with a retry). "Seen" stands under the newest message of the
 * reader's side that the other organisation has read.
 */
export function ChatMessageList({
  messages,
  me,
  names,
  attachments,
  readSeq,
  onRetry,
}: {
  messages: DisplayMessage[]
  me: { userId: string; organizationId: string }
  names: Record<string, string>
  attachments: Record<string, AttachmentLink>
  readSeq: number
  onRetry: (clientId: string) => void
}) {
  const { t, locale } = useTranslation()
  const location = useLocation()
  const timeZone = useViewerTimeZone()
  const time = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone,
  })
  const seenSeq = messages.reduce(
    (seen, item) =>
      item.kind === 'stored' &&
      item.message.senderOrganizationId === me.organizationId &&
      item.message.seq <= readSeq
        ? Math.max(seen, item.message.seq)
        : seen,
    0,
  )
  if (messages.length === 0) {
    return <p className="mt-6 text-slate-600">{t('chat.conversation.empty')}</p>
  }
  return (
    <ol aria-label={t('chat.inbox.title')} className="mt-4 space-y-3">
      {messages.map((item) => {
        const mine =
          item.kind === 'pending' || item.message.senderOrganizationId === me.organizationId
        const message: Pick<ChatMessage, 'body' | 'attachmentIds' | 'inquiry'> =
          item.kind === 'stored' ? item.message : item.pending
        const key = item.kind === 'stored' ? item.message.id : `pending-${item.pending.clientId}`
        const sender =
          item.kind === 'pending' || item.message.senderUserId === me.userId
            ? t('chat.conversation.you')
            : (names[item.message.senderUserId] ?? t('chat.conversation.someone'))
        return (
          <li
            key={key}
            data-testid="chat-message"
            data-state={item.kind === 'stored' ? 'stored' : item.pending.state}
            className={`max-w-[85%] rounded-lg px-3 py-2 ${mine ? 'ml-auto bg-blue-50 ring-1 ring-blue-200' : 'bg-slate-50 ring-1 ring-slate-200'}`}
          >
            <p className="text-xs text-slate-600">
              {sender}
              {item.kind === 'stored' ? ` · ${time.format(new Date(item.message.createdAt))}` : ''}
            </p>
            {message.inquiry ? (
              <dl className="my-1 rounded bg-white p-2 text-sm ring-1 ring-slate-200">
                <dt className="font-semibold">{t('chat.inquiry.label')}</dt>
                <dd>
                  {t('chat.inquiry.product')}: {message.inquiry.product}
                </dd>
                {message.inquiry.quantity ? (
                  <dd>
                    {t('chat.inquiry.quantity')}: {message.inquiry.quantity}
                  </dd>
                ) : null}
                {message.inquiry.targetDate ? (
                  <dd>
                    {t('chat.inquiry.targetDate')}: {message.inquiry.targetDate}
                  </dd>
                ) : null}
              </dl>
            ) : null}
            <p>
              <ChatText text={message.body} />
            </p>
            {message.attachmentIds.length ? (
              <ul className="mt-1 space-y-1 text-sm">
                {message.attachmentIds.map((id) => {
                  const file = attachments[id]
                  return (
                    <li key={id}>
                      {file ? (
                        <a href={file.href} className="text-blue-800 underline">
                          📎 {file.name}
                        </a>
                      ) : (
                        '📎 …'
                      )}
                    </li>
                  )
                })}
              </ul>
            ) : null}
            {item.kind === 'pending' ? (
              <p role="status" className="mt-1 text-xs text-slate-600">
                {item.pending.state === 'sending' ? (
                  t('chat.conversation.sending')
                ) : (
                  <>
                    <span className="text-red-800">
                      {t('chat.conversation.failed', { reason: item.pending.error ?? '' })}
                    </span>{' '}
                    <button
                      type="button"
                      onClick={() => onRetry(item.pending.clientId)}
                      className="font-semibold text-blue-800 underline"
                    >
                      {t('chat.conversation.retry')}
                    </button>
                  </>
                )}
              </p>
            ) : !mine ? (
              <p className="mt-1 text-right text-xs">
                <a
                  href={`/report?${new URLSearchParams({
                    targetType: 'message',
                    targetId: item.message.id,
                    returnTo: location.pathname,
                  })}`}
                  className="text-slate-600 underline"
                  aria-label={t('staffConsole.report.message')}
                >
                  {t('staffConsole.report.short')}
                </a>
              </p>
            ) : item.message.seq === seenSeq ? (
              <p className="mt-1 text-right text-xs font-medium text-slate-700">
                {t('chat.conversation.seen')}
              </p>
            ) : null}
          </li>
        )
      })}
    </ol>
  )
}
