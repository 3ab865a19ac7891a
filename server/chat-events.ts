import { Types } from 'mongoose'
import type { Socket } from 'socket.io'
import type { z } from 'zod'
import { bilingual, dictionaries, type TranslationKey } from '#models/i18n/index.ts'
import {
  conversationRefPayload,
  messageReadPayload,
  messageSendPayload,
  messageSyncPayload,
} from '#models/chat/chat-schemas.ts'
import type {
  Ack,
  AckError,
  ChatMessage,
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '#models/chat/realtime-events.ts'
import {
  Conversation,
  isParticipant,
  messagePreview,
  type ChatMember,
  type ConversationParticipants,
} from '#models/chat/conversation.ts'
import { recordLastSeen } from '#models/chat/chat-writes.ts'
import { markRead, readPositionOf } from '#models/chat/conversation-read.ts'
import { toChatMessage } from '#models/chat/message.ts'
import { messagesAfter } from '#models/chat/message-pages.ts'
import { sendMessage, type SendMessageError } from '#models/chat/send-message.ts'
import { unreadCounts } from '#models/chat/unread-counts.ts'
import { User } from '#models/accounts/user.ts'
import type { Logger } from './logger.ts'
import type { RealtimeServer } from './realtime.ts'
import { countChatMessage } from './metrics.ts'
import type { RateLimiter } from './token-bucket.ts'

type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>

export interface ChatDeps {
  logger: Logger
  /** Messages per user: 20 at once, then 2 a second (20 per 10 s). */
  messageLimiter: RateLimiter
  /** Every other chat event per user (joins, syncs, receipts, typing). */
  eventLimiter: RateLimiter
  /** A conversation's two organisations never change, so they are remembered per process. */
  participants: ParticipantCache
}

/** A user's messages and uploads, by socket or form: 20 at once, then 2 a second. */
export const MESSAGE_LIMIT = { capacity: 20, refillPerSecond: 2 }
/** Every other chat event per user. */
export const EVENT_LIMIT = { capacity: 120, refillPerSecond: 20 }

/** Created once per Socket.IO server; shared by every socket's handlers. */
export function createChatDeps(options: {
  logger: Logger
  /** Shared with the form posts (server/app.ts): one limit per user whatever the transport. */
  messageLimiter: RateLimiter
  eventLimiter: RateLimiter
}): ChatDeps {
  return {
    logger: options.logger.child({ component: 'chat' }),
    messageLimiter: options.messageLimiter,
    eventLimiter: options.eventLimiter,
    participants: new ParticipantCache(),
  }
}

export class ParticipantCache {
  private readonly known = new Map<string, ConversationParticipants>()
  constructor(private readonly maxSize = 10_000) {}

  async get(conversationId: string): Promise<ConversationParticipants | null> {
    const cached = this.known.get(conversationId)
    if (cached) return cached
    const found = await Conversation.findById(conversationId).select('organizations').lean()
    if (!found) return null
    const participants = { _id: found._id, organizations: found.organizations }
    if (this.known.size >= this.maxSize) this.known.delete(this.known.keys().next().value!)
    this.known.set(conversationId, participants)
    return participants
  }
}

export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`
export const organizationRoom = (organizationId: string) => `organization:${organizationId}`
const userRoom = (userId: string) => `user:${userId}`

function failure(
  code: string,
  key: TranslationKey,
  field?: string,
): { ok: false; error: AckError } {
  return { ok: false, error: { code, message: bilingual(key), ...(field ? { field } : {}) } }
}

const authRequired = () => failure('auth.required', 'chat.error.authRequired')
const rateLimited = () => failure('rate.limited', 'chat.error.rateLimited')
const notFound = () => failure('conversation.notFound', 'chat.error.notFound')
const forbidden = () => failure('conversation.forbidden', 'chat.error.forbidden')
const messageNotFound = () => failure('message.notFound', 'chat.error.messageNotFound')

function isTranslationKey(text: string): text is TranslationKey {
  return Object.hasOwn(dictionaries.vi, text)
}

function validationFailure(error: z.ZodError): { ok: false; error: AckError } {
  const issue = error.issues[0]
  const key = issue && isTranslationKey(issue.message) ? issue.message : 'chat.error.invalid'
  return failure('validation.failed', key, issue?.path.join('.') || undefined)
}

const sendErrors: Record<SendMessageError, () => { ok: false; error: AckError }> = {
  'chat.error.forbidden': forbidden,
  'chat.error.invalid': () => failure('validation.failed', 'chat.error.invalid', 'inquiry'),
  'chat.error.bodyEmpty': () => failure('validation.failed', 'chat.error.bodyEmpty', 'body'),
  'chat.error.bodyTooLong': () => failure('validation.failed', 'chat.error.bodyTooLong', 'body'),
  'chat.error.attachmentInvalid': () =>
    failure('validation.failed', 'chat.error.attachmentInvalid', 'attachmentIds'),
  'chat.error.clientIdReused': () =>
    failure('message.clientIdReused', 'chat.error.clientIdReused', 'clientId'),
}

/**
 * The chat events of one socket. Every event is answered (when the client asked for an
 * answer): anonymous sockets get `auth.required`, then the per-user rate limit, then the zod
 * schema, then the membership check, and only then the work.
 */
/**
 * Tells the conversation's room and both organisations' inboxes about a stored message. Used by
 * the socket handler and by form posts (through the load context), so a message sent without
 * JavaScript reaches the other side live too. A retry announces again; clients keep one copy
 * per id.
 */
export function announceMessage(
  io: RealtimeServer,
  organizationIds: string[],
  message: ChatMessage,
  body: string,
  exceptSocketId?: string,
): void {
  countChatMessage()
  const room = io.to(conversationRoom(message.conversationId))
  ;(exceptSocketId ? room.except(exceptSocketId) : room).emit('message:new', message)
  io.to(organizationIds.map((id) => organizationRoom(id))).emit('conversation:activity', {
    conversationId: message.conversationId,
    messageId: message.id,
    seq: message.seq,
    senderUserId: message.senderUserId,
    lastMessageAt: message.createdAt,
    lastMessagePreview: messagePreview(body),
  })
}

export function registerChatEvents(
  io: RealtimeServer,
  socket: RealtimeSocket,
  deps: ChatDeps,
): void {
  const { logger } = deps
  const { userId, organizationId } = socket.data
  const member: ChatMember | null =
    userId && organizationId
      ? { userId: new Types.ObjectId(userId), organizationId: new Types.ObjectId(organizationId) }
      : null

  function on<Schema extends z.ZodType, Result>(
    event: keyof ClientToServerEvents,
    schema: Schema,
    limiter: RateLimiter,
    run: (payload: z.output<Schema>, member: ChatMember) => Promise<Ack<Result>>,
  ) {
    socket.on(event, (payload: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (response: Ack<Result>) => void) : null
      const answer = (response: Ack<Result>) => reply?.(response)
      if (!member) return answer(authRequired())
      // Shared by every app node when REDIS_URL is set (server/token-bucket.ts).
      limiter
        .take(userId!)
        .then(async (allowed) => {
          if (!allowed) return answer(rateLimited())
          const parsed = schema.safeParse(payload)
          if (!parsed.success) return answer(validationFailure(parsed.error))
          answer(await run(parsed.data, member))
        })
        .catch((error: unknown) => {
          logger.error({ err: error, event, userId }, 'chat event failed')
          answer(failure('server.error', 'chat.error.server'))
        })
    })
  }

  /** The conversation when this member's organisation takes part in it, else the error. */
  async function memberConversation(
    conversationId: string,
    organization: Types.ObjectId,
  ): Promise<ConversationParticipants | { ok: false; error: AckError }> {
    const conversation = await deps.participants.get(conversationId)
    if (!conversation) return notFound()
    if (!isParticipant(conversation, organization)) return forbidden()
    return conversation
  }

  on('conversation:join', conversationRefPayload, deps.eventLimiter, async (payload, member) => {
    // Checked on every join against the database as it is now, not the handshake's view.
    const [user, conversation] = await Promise.all([
      User.findById(member.userId).select('organization').lean(),
      Conversation.findById(payload.conversationId)
        .select('organizations context lastMessageSeq')
        .lean(),
    ])
    if (!user) return authRequired()
    if (!conversation) return notFound()
    if (!isParticipant(conversation, user.organization)) return forbidden()
    const room = conversationRoom(payload.conversationId)
    await socket.join(room)
    const [position, unread, inRoom] = await Promise.all([
      readPositionOf(member.userId, conversation._id),
      unreadCounts(member.userId, [conversation]),
      io.in(room).fetchSockets(),
    ])
    socket
      .to(room)
      .except(userRoom(userId!))
      .emit('presence:update', { userId: userId!, online: true, at: new Date().toISOString() })
    return {
      ok: true,
      data: {
        conversation: {
          id: payload.conversationId,
          kind: conversation.context!.kind,
          organizationIds: conversation.organizations.map(String),
        },
        onlineUserIds: [
          ...new Set(inRoom.flatMap((other) => (other.data.userId ? [other.data.userId] : []))),
        ],
        lastReadMessageId: position ? position.lastReadMessage.toHexString() : null,
        unread: unread.get(payload.conversationId) ?? 0,
      },
    }
  })

  on('conversation:leave', conversationRefPayload, deps.eventLimiter, async (payload) => {
    await socket.leave(conversationRoom(payload.conversationId))
    return { ok: true, data: { conversationId: payload.conversationId } }
  })

  on('message:send', messageSendPayload, deps.messageLimiter, async (payload, member) => {
    const conversation = await memberConversation(payload.conversationId, member.organizationId)
    if ('ok' in conversation) return conversation
    const result = await sendMessage({
      conversation,
      sender: member,
      clientId: payload.clientId,
      body: payload.body,
      attachmentIds: payload.attachmentIds,
      inquiry: payload.inquiry,
    })
    if (!result.ok) return sendErrors[result.error]()
    const message = toChatMessage(result.message)
    announceMessage(
      io,
      conversation.organizations.map(String),
      message,
      result.message.body,
      socket.id,
    )
    return { ok: true, data: { message, duplicate: result.duplicate } }
  })

  on('message:sync', messageSyncPayload, deps.eventLimiter, async (payload, member) => {
    const conversation = await memberConversation(payload.conversationId, member.organizationId)
    if ('ok' in conversation) return conversation
    const page = await messagesAfter(conversation._id, payload.afterMessageId, payload.limit)
    if (!page) return messageNotFound()
    return { ok: true, data: { messages: page.messages.map(toChatMessage), hasMore: page.hasMore } }
  })

  on('message:read', messageReadPayload, deps.eventLimiter, async (payload, member) => {
    const conversation = await memberConversation(payload.conversationId, member.organizationId)
    if ('ok' in conversation) return conversation
    const read = await markRead(member, conversation._id, payload.messageId)
    if (!read) return messageNotFound()
    const lastReadMessageId = read.lastReadMessageId.toHexString()
    if (read.advanced) {
      // The other participants see the receipt; the reader's other tabs update their counts.
      io.to([conversationRoom(payload.conversationId), userRoom(userId!)]).emit('message:read', {
        conversationId: payload.conversationId,
        userId: userId!,
        organizationId: organizationId!,
        messageId: lastReadMessageId,
        seq: read.lastReadSeq,
        at: read.readAt.toISOString(),
      })
    }
    const unread = await unreadCounts(member.userId, [conversation._id])
    return {
      ok: true,
      data: {
        conversationId: payload.conversationId,
        lastReadMessageId,
        unread: unread.get(payload.conversationId) ?? 0,
      },
    }
  })

  for (const [event, typing] of [
    ['typing:start', true],
    ['typing:stop', false],
  ] as const) {
    on(event, conversationRefPayload, deps.eventLimiter, async (payload) => {
      // Only from a socket that joined the room, so the membership check is the join's.
      const room = conversationRoom(payload.conversationId)
      if (!socket.rooms.has(room)) {
        return failure('conversation.notJoined', 'chat.error.notJoined')
      }
      socket
        .to(room)
        .except(userRoom(userId!))
        .emit('typing:update', { conversationId: payload.conversationId, userId: userId!, typing })
      return { ok: true, data: null }
    })
  }

  if (!member) return
  void socket.join(organizationRoom(organizationId!))
  trackPresence(io, socket, logger)
}

// Presence work started by a disconnect, per server: closing waits for it before the Redis
// connections go (a broadcast on a closed client is an unhandled rejection in the adapter).
const presenceWork = new WeakMap<RealtimeServer, Set<Promise<void>>>()

/** Waits for the presence updates that disconnects have started (called when closing). */
export async function settlePresence(io: RealtimeServer): Promise<void> {
  await Promise.allSettled([...(presenceWork.get(io) ?? [])])
}

/** Online when a socket joins a conversation room; offline when the user's last socket goes. */
function trackPresence(io: RealtimeServer, socket: RealtimeSocket, logger: Logger) {
  let pending = presenceWork.get(io)
  if (!pending) presenceWork.set(io, (pending = new Set()))
  const work = pending
  const userId = socket.data.userId!
  let roomsAtExit: string[] = []
  socket.on('disconnecting', () => {
    roomsAtExit = [...socket.rooms].filter((room) => room.startsWith('conversation:'))
  })
  socket.on('disconnect', () => {
    if (roomsAtExit.length === 0) return
    const update = io
      .in(userRoom(userId))
      .fetchSockets()
      .then(async (stillOpen) => {
        if (stillOpen.length > 0) return
        const at = new Date()
        io.to(roomsAtExit).emit('presence:update', { userId, online: false, at: at.toISOString() })
        // "Last seen" for pages loaded later (written behind, with the chat's other writes).
        await recordLastSeen(userId, at)
      })
      .catch((error: unknown) => logger.warn({ err: error, userId }, 'presence not sent'))
    work.add(update)
    void update.finally(() => work.delete(update))
  })
}
