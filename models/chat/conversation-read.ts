import { createHash } from 'node:crypto'
import { Schema, Types } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import type { ChatMember } from './conversation.ts'
import { inLane, readKey } from './chat-lanes.ts'
import { recordReadSeq } from './inbox-index.ts'
import { messageIn } from './message.ts'

/** Per user and conversation: the last message they have read. */
const conversationReadSchema = new Schema({
  conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
  user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  organization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
  lastReadMessage: { type: Schema.Types.ObjectId, ref: 'Message', required: true },
  lastReadSeq: { type: Number, required: true },
  readAt: { type: Date, required: true },
})
conversationReadSchema.index({ conversation: 1, user: 1 }, { unique: true })
conversationReadSchema.index({ user: 1 })

export const ConversationRead = defineModel('ConversationRead', conversationReadSchema)

/** The unique (conversation, user) index must exist before the first write relies on it. */
function readIndexes() {
  return ConversationRead.init()
}

export interface ReadPosition {
  conversation: Types.ObjectId
  user: Types.ObjectId
  organization: Types.ObjectId
  lastReadMessage: Types.ObjectId
  lastReadSeq: number
  readAt: Date
}

/** A read position's _id, derived from (conversation, user): written by _id (see messageIdFor). */
export function readIdFor(
  conversationId: Types.ObjectId | string,
  userId: Types.ObjectId | string,
) {
  const digest = createHash('sha256')
    .update(`read\0${String(conversationId)}\0${String(userId)}`)
    .digest()
  return new Types.ObjectId(digest.subarray(0, 12))
}

/**
 * Moves a read position forward, never back. Returns whether it moved and the position as it
 * is now. Created by its derived _id; moved with a guard on the seq (atomic on MongoDB).
 */
async function advanceReadPosition(position: ReadPosition): Promise<{
  advanced: boolean
  current: Omit<ReadPosition, 'conversation' | 'user' | 'organization'>
}> {
  await readIndexes()
  const _id = readIdFor(position.conversation, position.user)
  const existing = await ConversationRead.findById(_id).lean()
  if (!existing) {
    try {
      await ConversationRead.create({ _id, ...position })
      return { advanced: true, current: position }
    } catch (error) {
      if (!isDuplicateKeyServerError(error)) throw error
      // Created meanwhile, or stored before ids were derived: moved by its pair below.
    }
  } else if (existing.lastReadSeq >= position.lastReadSeq) {
    return { advanced: false, current: existing }
  }
  const { conversation, user, lastReadMessage, lastReadSeq, readAt } = position
  const moved = existing
    ? // By _id alone (FerretDB scans for any other filter); $max keeps the seq from moving back
      // if another node moved it meanwhile. In this process the lane orders the moves.
      await ConversationRead.updateOne(
        { _id },
        { $max: { lastReadSeq, readAt }, $set: { lastReadMessage } },
      )
    : await ConversationRead.updateOne(
        { conversation, user, lastReadSeq: { $lt: lastReadSeq } },
        { $set: { lastReadMessage, lastReadSeq, readAt } },
      )
  if (moved.modifiedCount > 0) return { advanced: true, current: position }
  const current = await ConversationRead.findOne({ conversation, user }).lean()
  return { advanced: false, current: current ?? position }
}

/**
 * One position change at a time per user and conversation in this process: FerretDB's guarded
 * update reads then writes, so two racing moves (two tabs, a send and a read) could otherwise
 * leave the older one. Across app nodes the guard is what protects (atomic on MongoDB).
 */
export function advanceReadPositionInLane(position: ReadPosition) {
  return inLane(readKey(position.conversation, position.user), async () => {
    const result = await advanceReadPosition(position)
    if (result.advanced) {
      await recordReadSeq(position.user, position.conversation, result.current.lastReadSeq)
    }
    return result
  })
}

/**
 * Records that the member read the conversation up to this message. Never moves backwards
 * (a late receipt for an older message changes nothing). Null when the message is not in the
 * conversation. `advanced` says whether the read position moved, i.e. a receipt is news.
 */
export async function markRead(
  member: ChatMember,
  conversationId: Types.ObjectId,
  messageId: Types.ObjectId | string,
): Promise<{
  advanced: boolean
  lastReadMessageId: Types.ObjectId
  lastReadSeq: number
  readAt: Date
} | null> {
  if (!Types.ObjectId.isValid(messageId)) return null
  const message = await messageIn(conversationId, messageId)
  if (!message) return null
  // A position written behind for this user's own sending is written first, so it cannot
  // overtake this one later.
  const { advanced, current } = await advanceReadPositionInLane({
    conversation: conversationId,
    user: member.userId,
    organization: member.organizationId,
    lastReadMessage: message._id,
    lastReadSeq: message.seq,
    readAt: new Date(),
  })
  return {
    advanced,
    lastReadMessageId: current.lastReadMessage,
    lastReadSeq: current.lastReadSeq,
    readAt: current.readAt,
  }
}

export function readPositionOf(userId: Types.ObjectId, conversationId: Types.ObjectId) {
  return ConversationRead.findOne({ conversation: conversationId, user: userId }).lean()
}
