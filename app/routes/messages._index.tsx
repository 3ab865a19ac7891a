import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useViewerTimeZone, zoneLabel } from '#app/components/chat/use-time-zone.ts'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { OrganizationLogo } from '#app/components/organizations/organization-logo.tsx'
import type { TranslationKey } from '#models/i18n/index.ts'
import { inboxFor, type InboxEntry } from '#app/utils/chat-pages.server.ts'
import { useChatSocket, useSocketConnected } from '#app/utils/chat-socket.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { requireActor } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/seo.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'chat.inbox.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  return { userId: actor.userId, conversations: await inboxFor(actor, getLocale(request)) }
}

/** Newest activity first, as the loader orders them; entries without any at the end. */
function byActivity(a: InboxEntry, b: InboxEntry) {
  return (b.lastMessageAt ?? '').localeCompare(a.lastMessageAt ?? '')
}

export default function InboxPage() {
  const { t, locale } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const revalidator = useRevalidator()
  const socket = useChatSocket()
  const connected = useSocketConnected(socket)
  const [conversations, setConversations] = useState(data.conversations)
  useEffect(() => setConversations(data.conversations), [data.conversations])
  const known = useRef(conversations)
  known.current = conversations

  useEffect(() => {
    if (!socket) return
    const onActivity = (activity: {
      conversationId: string
      seq: number
      senderUserId: string
      lastMessageAt: string
      lastMessagePreview: string
    }) => {
      // A conversation this page has not seen (somebody just made contact): ask the server.
      if (!known.current.some((entry) => entry.id === activity.conversationId)) {
        revalidator.revalidate()
        return
      }
      setConversations((current) => {
        const entry = current.find((candidate) => candidate.id === activity.conversationId)
        // Gone meanwhile, older than what is shown, or told again (a retried send): no news.
        if (!entry || activity.seq <= entry.lastMessageSeq) return current
        const updated = {
          ...entry,
          lastMessageSeq: activity.seq,
          lastMessageAt: activity.lastMessageAt,
          lastMessagePreview: activity.lastMessagePreview,
          unread: entry.unread + (activity.senderUserId === data.userId ? 0 : 1),
        }
        return [updated, ...current.filter((other) => other !== entry)].sort(byActivity)
      })
    }
    // Read in another tab: the counts moved, the server knows by how much.
    const onRead = (receipt: { userId: string }) => {
      if (receipt.userId === data.userId) revalidator.revalidate()
    }
    socket.on('conversation:activity', onActivity)
    socket.on('message:read', onRead)
    return () => {
      socket.off('conversation:activity', onActivity)
      socket.off('message:read', onRead)
    }
  }, [socket, revalidator, data.userId])

  const timeZone = useViewerTimeZone()
  const time = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone,
  })
  return (
    <section
      className="mx-auto max-w-3xl px-4 py-10"
      data-connected={connected ? 'true' : undefined}
    >
      <h1 className="text-2xl font-bold">{t('chat.inbox.title')}</h1>
      <p className="mt-1 text-xs text-slate-600" data-testid="time-zone">
        {t('onboarding.chat.timeZone', {
          zone: zoneLabel(timeZone, locale === 'vi' ? 'vi-VN' : 'en-GB'),
        })}
      </p>
      {conversations.length === 0 ? (
        <p className="mt-4 text-slate-700">{t('chat.inbox.empty')}</p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200" data-testid="inbox">
          {conversations.map((entry) => (
            <li key={entry.id} data-testid="inbox-entry">
              <Link
                to={`/messages/${entry.id}`}
                className="flex items-start justify-between gap-4 px-2 py-3 hover:bg-slate-50"
              >
                <span className="flex min-w-0 items-start gap-3">
                  <OrganizationLogo name={entry.otherName} src={entry.otherLogoUrl} />
                  <span className="min-w-0">
                    <span className={`block ${entry.unread ? 'font-bold' : 'font-medium'}`}>
                      <bdi>{entry.otherName}</bdi>
                    </span>
                    {entry.otherLegalName ? (
                      <span className="block text-xs text-slate-600">
                        {t('onboarding.chat.legalName')}:{' '}
                        <bdi lang="vi">{entry.otherLegalName}</bdi>
                      </span>
                    ) : null}
                    <span className="block text-xs text-slate-600">
                      {t(`chat.context.${entry.kind}` as TranslationKey)}
                    </span>
                    <span className="block truncate text-sm text-slate-700">
                      {entry.lastMessagePreview ?? t('chat.inbox.noMessages')}
                    </span>
                  </span>
                </span>
                <span className="flex shrink-0 flex-col items-end gap-1 text-xs text-slate-600">
                  {entry.lastMessageAt ? time.format(new Date(entry.lastMessageAt)) : null}
                  {entry.unread ? (
                    <span className="rounded-full bg-blue-800 px-2 py-0.5 font-semibold text-white">
                      {t('chat.inbox.unread', { count: entry.unread })}
                    </span>
                  ) : null}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
