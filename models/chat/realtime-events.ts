/**
 * Socket.IO events, typed in both directions and named `entity:verb`.
 * Every client event is answered through an acknowledgement carrying a result or an error.
 */
import type { z } from 'zod'
import type {
  ConversationKind,
  conversationRefPayload,
  messageReadPayload,
  messageSendPayload,
  messageSyncPayload,
} from './chat-schemas.ts'

export interface LocalisedMessage {
  vi: string
  en: string
}

export interface AckError {
  /** Stable, for code: `auth.required`, `rate.limited`, `validation.failed`, `conversation.forbidden`… */
  code: string
  message: LocalisedMessage
  /** For `validation.failed`: the payload field at fault (`body`, `clientId`…). */
  field?: string
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError }

/** A stored chat message as it travels to clients. */
export interface ChatMessage {
  id: string
  conversationId: string
  /**
   * 1, 2, 3… per conversation, without gaps, in the order the messages were stored. A client
   * that sees a gap has missed a message and asks `message:sync` from the last one before it.
   */
  seq: number
  clientId: string
  senderUserId: string
  senderOrganizationId: string
  body: string
  attachmentIds: string[]
  inquiry?: { product: string; quantity?: string; targetDate?: string }
  createdAt: string
}

export interface ChatConversationSummary {
  id: string
  kind: ConversationKind
  organizationIds: string[]
}

export interface ReadReceipt {
  conversationId: string
  userId: string
  organizationId: string
  messageId: string
  seq: number
  at: string
}

type Handler<Payload, Result> = (payload: Payload, ack: (response: Ack<Result>) => void) => void

export interface ClientToServerEvents {
  'system:ping': Handler<unknown, { serverTime: string }>
  /** Membership is checked on every join. Answers who of the room is online and what is unread. */
  'conversation:join': Handler<
    z.input<typeof conversationRefPayload>,
    {
      conversation: ChatConversationSummary
      onlineUserIds: string[]
      lastReadMessageId: string | null
      unread: number
    }
  >
  'conversation:leave': Handler<z.input<typeof conversationRefPayload>, { conversationId: string }>
  /** Stored before the answer; a retry with the same clientId answers the same message. */
  'message:send': Handler<
    z.input<typeof messageSendPayload>,
    { message: ChatMessage; duplicate: boolean }
  >
  /** Messages after `afterMessageId`, oldest first; ask again from the last one while hasMore. */
  'message:sync': Handler<
    z.input<typeof messageSyncPayload>,
    { messages: ChatMessage[]; hasMore: boolean }
  >
  'message:read': Handler<
    z.input<typeof messageReadPayload>,
    { conversationId: string; lastReadMessageId: string; unread: number }
  >
  'typing:start': Handler<z.input<typeof conversationRefPayload>, null>
  'typing:stop': Handler<z.input<typeof conversationRefPayload>, null>
  /** Events (issue 16): a delegate's agenda page follows its participant's changes. */
  'agenda:join': Handler<{ eventId: string }, { eventId: string }>
  'agenda:leave': Handler<{ eventId: string }, { eventId: string }>
}

/** A change the organiser made to a published meeting, sent to its two participants only. */
export interface AgendaChange {
  eventId: string
  meetingId: string
  kind: 'moved' | 'cancelled' | 'status' | 'added'
  slot: number
  table: number
  status: string
  at: string
}

export interface ServerToClientEvents {
  'system:notice': (notice: { message: LocalisedMessage }) => void
  /** To the conversation room, except the sending socket (which has the acknowledgement). */
  'message:new': (message: ChatMessage) => void
  'message:read': (receipt: ReadReceipt) => void
  /** To the other users in the conversation room; never stored. */
  'typing:update': (typing: { conversationId: string; userId: string; typing: boolean }) => void
  'presence:update': (presence: { userId: string; online: boolean; at: string }) => void
  /** To every member of both organisations, for the inbox (order, preview, unread counts). */
  'conversation:activity': (activity: {
    conversationId: string
    messageId: string
    seq: number
    senderUserId: string
    lastMessageAt: string
    lastMessagePreview: string
  }) => void
  /** To staff admins: the progress of a supplier-list import (models/staff/import.ts). */
  'import:progress': (progress: {
    importId: string
    state: string
    rowsDone: number
    rowCount: number
  }) => void
  /** To the agenda rooms of the meeting's two participants (server/agenda-events.ts). */
  'agenda:changed': (change: AgendaChange) => void
}

export type InterServerEvents = Record<string, never>

export interface SocketData {
  userId?: string
  /** The signed-in user's organisation at the handshake (removal from it disconnects them). */
  organizationId?: string
  /** The SHA-256 of the session id, so signing out one session closes only its sockets. */
  sessionIdHash?: string
  /** Staff admin at the handshake: joins the room of import progress. */
  staffAdmin?: boolean
}
