import { createHash } from 'node:crypto'
import { Schema, Types } from 'mongoose'
import { MESSAGE_BODY_MAX_LENGTH } from '#models/chat/chat-schemas.ts'
import type { ChatMessage } from '#models/chat/realtime-events.ts'
import { defineModel } from '../define-model.ts'

const inquirySchema = new Schema(
  {
    product: { type: String, required: true, trim: true, maxlength: 200 },
    quantity: { type: String, trim: true, maxlength: 100 },
    targetDate: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
  },
  { _id: false },
)

const messageSchema = new Schema({
  conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
  /**
   * 1, 2, 3… per conversation in the order messages were stored, without gaps. Paging and sync
   * go by seq, not by _id: ObjectIds are made by the driver before the insert (seconds, a
   * per-process random, a counter), so with two app nodes, or two inserts in flight, a message
   * with a smaller _id can be stored after one with a larger _id, and a client that synced
   * "after the larger" would never see it. The unique (conversation, seq) index hands out each
   * number once; FerretDB 1.24 has no atomic counter (`$inc` loses updates under concurrency).
   */
  seq: { type: Number, required: true, min: 1 },
  senderOrganization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
  senderUser: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  /** Made by the client, reused on every retry: the _id is derived from it (messageIdFor). */
  clientId: { type: String, required: true, maxlength: 36 },
  body: { type: String, required: true, trim: true, maxlength: MESSAGE_BODY_MAX_LENGTH },
  attachments: {
    type: [{ type: Schema.Types.ObjectId, ref: 'StoredFile' }],
    default: undefined,
  },
  inquiry: { type: inquirySchema, default: undefined },
  createdAt: { type: Date, required: true, default: Date.now },
})
messageSchema.index({ conversation: 1, seq: 1 }, { unique: true })

export const Message = defineModel('Message', messageSchema)
export type MessageRecord = InstanceType<typeof Message>

/**
 * A message's _id is derived from (sender, clientId): the client's retry of a message is the
 * same _id, refused by the primary key, and "was this stored already?" is a lookup by _id.
 * FerretDB 1.24 (SQLite) answers only `{ _id }` filters from an index and scans the collection
 * for every other filter (~400 ms at 20,000 messages, measured), so the retry check must not
 * be a query on (senderUser, clientId). 96 bits of SHA-256 keep ids of different senders apart.
 */
export function messageIdFor(senderUserId: Types.ObjectId | string, clientId: string) {
  const digest = createHash('sha256')
    .update(`${String(senderUserId)}\0${clientId}`)
    .digest()
  return new Types.ObjectId(digest.subarray(0, 12))
}

/**
 * The message's seq when it belongs to this conversation. Looked up by _id alone and checked
 * here: FerretDB 1.24 uses an index only for a filter that is exactly `{ _id }`.
 */
export async function messageIn(
  conversationId: Types.ObjectId,
  messageId: Types.ObjectId | string,
) {
  const message = await Message.findById(messageId).select('conversation seq').lean()
  return message && conversationId.equals(message.conversation) ? message : null
}

/** The wire shape of a stored message (socket events, JSON loaders). */
export function toChatMessage(message: MessageRecord): ChatMessage {
  return {
    id: message._id.toHexString(),
    conversationId: message.conversation.toHexString(),
    seq: message.seq,
    clientId: message.clientId,
    senderUserId: message.senderUser.toHexString(),
    senderOrganizationId: message.senderOrganization.toHexString(),
    body: message.body,
    attachmentIds: (message.attachments ?? []).map((id) => id.toHexString()),
    ...(message.inquiry
      ? {
          inquiry: {
            product: message.inquiry.product,
            ...(message.inquiry.quantity ? { quantity: message.inquiry.quantity } : {}),
            ...(message.inquiry.targetDate ? { targetDate: message.inquiry.targetDate } : {}),
          },
        }
      : {}),
    createdAt: message.createdAt.toISOString(),
  }
}

/**
 * The conversation of the message this sender already stored under this clientId, or null (a
 * resubmitted form). By _id, derived from sender and clientId: FerretDB answers only that from
 * an index.
 */
export async function findSentMessage(senderUserId: Types.ObjectId | string, clientId: string) {
  return Message.findById(messageIdFor(senderUserId, clientId)).select('conversation').lean()
}

/** The start-up backfill of the seq keys (models/chat/message-seq-key.ts): one cursor. */
export function messagesForSeqKeys() {
  return Message.find({}, { conversation: 1, seq: 1 })
    .lean<Array<{ _id: Types.ObjectId; conversation: Types.ObjectId; seq: number }>>()
    .cursor()
}
