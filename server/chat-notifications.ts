import type { Types } from 'mongoose'
import { translator, type Locale } from '#models/i18n/index.ts'
import { ChatNotice } from '#models/chat/chat-notice.ts'
import { Conversation } from '#models/chat/conversation.ts'
import { isDuplicateKeyServerError } from '#models/errors.ts'
import { flushChatWrites } from '#models/chat/chat-writes.ts'
import { ConversationRead } from '#models/chat/conversation-read.ts'
import { Message } from '#models/chat/message.ts'
import { Organization } from '#models/accounts/organization.ts'
import { User } from '#models/accounts/user.ts'
import type { Logger } from './logger.ts'
import type { MailMessage, Mailer } from './mailer.ts'

/** Unread messages older than this are not mailed about (and not scanned every round). */
const LOOKBACK_MS = 14 * 24 * 60 * 60 * 1000
const ROUND_INTERVAL_MS = 60 * 1000

export interface UnreadSummary {
  conversationId: string
  otherOrganizationName: string
  unread: number
}

/**
 * One e-mail for everything a user has not read, per conversation, in their language. Not one
 * per message.
 */
export function unreadMessagesEmail(input: {
  locale: Locale
  to: string
  name: string
  publicUrl: string
  conversations: UnreadSummary[]
}): MailMessage {
  const t = translator(input.locale)
  const total = input.conversations.reduce((sum, entry) => sum + entry.unread, 0)
  const lines = input.conversations.map((entry) => ({
    text: t('chat.notice.line', {
      organization: entry.otherOrganizationName,
      count: String(entry.unread),
    }),
    link: new URL(`/messages/${entry.conversationId}`, input.publicUrl).href,
  }))
  const intro = t('chat.notice.intro', { name: input.name })
  const action = t('chat.notice.action')
  const footer = t('email.footer')
  return {
    to: input.to,
    subject: t('chat.notice.subject', { count: String(total) }),
    text:
      `${intro}\n\n` +
      lines.map((line) => `- ${line.text}\n  ${action}: ${line.link}`).join('\n') +
      `\n\n${footer}\n`,
    html:
      `<p>${escapeHtml(intro)}</p><ul>` +
      lines
        .map(
          (line) =>
            `<li>${escapeHtml(line.text)} – ` +
            `<a href="${escapeHtml(line.link)}">${escapeHtml(action)}</a></li>`,
        )
        .join('') +
      `</ul><p style="color:#555">${escapeHtml(footer)}</p>`,
  }
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
}

interface DueConversation extends UnreadSummary {
  conversation: Types.ObjectId
  /** The newest unread message: the notice covers everything up to it. */
  seq: number
}

export interface ChatNotifier {
  /** One round at `now` (a parameter, so tests pass a fake time). Returns the mails sent. */
  runOnce(now?: Date): Promise<number>
  start(): void
  /** Stops the timer and waits for a round in flight. */
  stop(): Promise<void>
}

/**
 * The offline notice: a member with messages by others, unread for longer than
 * `notifyAfterMinutes`, gets one e-mail summarising their unread messages per conversation; not
 * again for a conversation until a newer message is unread that long. Only queries FerretDB 1.24
 * runs (no $lookup): conversations, members, read positions, notices and messages separately.
 */
export function createChatNotifier(options: {
  mailer: Mailer
  logger: Logger
  publicUrl: string
  notifyAfterMinutes: number
}): ChatNotifier {
  const logger = options.logger.child({ component: 'chat-notifications' })
  const notifyAfterMs = options.notifyAfterMinutes * 60 * 1000
  let timer: NodeJS.Timeout | undefined
  let running: Promise<number> | undefined

  async function runOnce(now = new Date()): Promise<number> {
    const cutoff = now.getTime() - notifyAfterMs
    const since = new Date(now.getTime() - LOOKBACK_MS)
    // This node's inbox summaries are written behind (seconds); the round reads them.
    await flushChatWrites()
    const conversations = await Conversation.find({ lastMessageAt: { $gt: since } })
      .select('organizations')
      .lean()
    if (conversations.length === 0) return 0
    const conversationIds = conversations.map((conversation) => conversation._id)
    const organizationIds = [...new Set(conversations.flatMap((c) => c.organizations.map(String)))]
    const [members, organizations, reads, notices] = await Promise.all([
      User.find({ organization: { $in: organizationIds }, emailVerifiedAt: { $ne: null } })
        .select('email name locale organization')
        .lean(),
      Organization.find({ _id: { $in: organizationIds }, status: 'active' })
        .select('name')
        .lean(),
      ConversationRead.find({ conversation: { $in: conversationIds } })
        .select('conversation user lastReadSeq')
        .lean(),
      ChatNotice.find({ conversation: { $in: conversationIds } })
        .select('conversation user seq')
        .lean(),
    ])
    const key = (user: unknown, conversation: unknown) => `${String(user)}:${String(conversation)}`
    const readSeq = new Map(
      reads.map((read) => [key(read.user, read.conversation), read.lastReadSeq]),
    )
    const notifiedSeq = new Map<string, number>()
    for (const notice of notices) {
      const k = key(notice.user, notice.conversation)
      notifiedSeq.set(k, Math.max(notifiedSeq.get(k) ?? 0, notice.seq))
    }
    const organizationName = new Map(organizations.map((o) => [String(o._id), o.name]))

    // Only messages someone may not have read: after the lowest read position of the members.
    const membersOf = (conversation: (typeof conversations)[number]) =>
      members.filter((member) =>
        conversation.organizations.some((o) => String(o) === String(member.organization)),
      )
    const messages = await Message.find({
      createdAt: { $gt: since },
      $or: conversations.map((conversation) => ({
        conversation: conversation._id,
        seq: {
          $gt: Math.min(
            ...membersOf(conversation).map((m) => readSeq.get(key(m._id, conversation._id)) ?? 0),
            Number.MAX_SAFE_INTEGER,
          ),
        },
      })),
    })
      .select('conversation seq senderUser createdAt')
      .lean()
    const messagesOf = new Map<string, typeof messages>()
    for (const message of messages) {
      const list = messagesOf.get(String(message.conversation)) ?? []
      list.push(message)
      messagesOf.set(String(message.conversation), list)
    }

    let sent = 0
    for (const member of members) {
      const due: DueConversation[] = []
      for (const conversation of conversations) {
        const own = String(member.organization)
        if (!conversation.organizations.some((o) => String(o) === own)) continue
        const other = conversation.organizations.find((o) => String(o) !== own)
        const otherName = organizationName.get(String(other))
        if (!otherName || !organizationName.has(own)) continue
        const k = key(member._id, conversation._id)
        const read = readSeq.get(k) ?? 0
        const notified = notifiedSeq.get(k) ?? 0
        const unread = (messagesOf.get(String(conversation._id)) ?? []).filter(
          (message) => message.seq > read && !message.senderUser.equals(member._id),
        )
        const waitedLongEnough = unread.some(
          (message) => message.seq > notified && message.createdAt.getTime() <= cutoff,
        )
        if (!waitedLongEnough) continue
        due.push({
          conversation: conversation._id,
          conversationId: conversation._id.toHexString(),
          otherOrganizationName: otherName,
          unread: unread.length,
          seq: Math.max(...unread.map((message) => message.seq)),
        })
      }
      if (due.length === 0) continue
      const claimed = await claim(member._id, due, now)
      if (claimed.length === 0) continue
      try {
        await options.mailer.send(
          unreadMessagesEmail({
            locale: member.locale,
            to: member.email,
            name: member.name,
            publicUrl: options.publicUrl,
            conversations: claimed,
          }),
        )
        sent++
      } catch (error) {
        // Give the claims back, so the next round tries again.
        logger.error({ err: error, userId: String(member._id) }, 'unread-messages mail not sent')
        await ChatNotice.deleteMany({
          $or: claimed.map((entry) => ({
            user: member._id,
            conversation: entry.conversation,
            seq: entry.seq,
          })),
        })
        continue
      }
      // Older notices of these conversations are superseded by the new one.
      await ChatNotice.deleteMany({
        $or: claimed.map((entry) => ({
          user: member._id,
          conversation: entry.conversation,
          seq: { $lt: entry.seq },
        })),
      })
    }
    if (sent > 0) logger.info({ sent }, 'unread-messages mails sent')
    return sent
  }

  /**
   * Claims the notices in a fixed order (by conversation id). Losing the first claim means
   * another node is mailing this user now: leave the user to it. A later loss drops only that
   * conversation.
   */
  async function claim(
    user: Types.ObjectId,
    due: DueConversation[],
    now: Date,
  ): Promise<DueConversation[]> {
    await ChatNotice.init()
    const claimed: DueConversation[] = []
    for (const entry of due.sort((a, b) => a.conversationId.localeCompare(b.conversationId))) {
      try {
        await ChatNotice.create({
          user,
          conversation: entry.conversation,
          seq: entry.seq,
          createdAt: now,
        })
        claimed.push(entry)
      } catch (error) {
        if (!isDuplicateKeyServerError(error)) throw error
        if (claimed.length === 0) return []
      }
    }
    return claimed
  }

  function round() {
    if (running) return
    running = runOnce()
      .catch((error: unknown) => {
        logger.error({ err: error }, 'unread-messages round failed')
        return 0
      })
      .finally(() => (running = undefined))
  }

  return {
    runOnce,
    start() {
      if (timer) return
      timer = setInterval(round, Math.min(ROUND_INTERVAL_MS, notifyAfterMs))
      timer.unref()
    },
    async stop() {
      clearInterval(timer)
      timer = undefined
      await running
    },
  }
}
