/**
 * Message pages (the conversation page, `message:sync`) by seq, read through the seq keys
 * (models/chat/message-seq-key.ts): a page is up to N key reads and N message reads, all by
 * `_id`, instead of a sorted range query, which FerretDB 1.24 answers by reading the whole
 * messages collection (decision 010). Where a key is missing (before the backfill has
 * finished, or a message stored but never acknowledged) the page is read from the record and
 * its keys are written.
 */
import { Types } from 'mongoose'
import { MESSAGE_PAGE_MAX } from '#models/chat/chat-schemas.ts'
import { maintenanceDone } from '../maintenance-marker.ts'
import { summaryKey } from './chat-lanes.ts'
import { chatWriter, nextSeqHints } from './chat-writes.ts'
import { Conversation } from './conversation.ts'
import { Message, messageIn, type MessageRecord } from './message.ts'
import {
  MESSAGE_SEQ_KEYS_MARKER,
  messageIdsBySeq,
  recordMessageSeqKeys,
  seqKeyExists,
} from './message-seq-key.ts'

export interface MessagePage {
  messages: MessageRecord[]
  hasMore: boolean
}

/** Past the known last seq, keys are probed one by one; beyond this many, the record is read. */
const TOP_PROBES_MAX = 32

function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? 50), 1), MESSAGE_PAGE_MAX)
}

async function anchorSeq(
  conversationId: Types.ObjectId,
  messageId: Types.ObjectId | string,
): Promise<number | null> {
  if (!Types.ObjectId.isValid(messageId)) return null
  const anchor = await messageIn(conversationId, messageId)
  return anchor?.seq ?? null
}

/**
 * The highest stored seq of a conversation, or null when it cannot be told by keys. From the
 * inbox summary (written behind, so it may lag) and what this process stored or is storing;
 * then keys past it are probed, for messages stored by another node (or before a restart)
 * whose summary is not written yet. One probe read when nothing is newer.
 */
async function lastSeqByKeys(conversationId: Types.ObjectId): Promise<number | null> {
  const key = String(conversationId)
  const summary = await Conversation.findById(conversationId).select('lastMessageSeq').lean()
  let last = Math.max(
    (summary as { lastMessageSeq?: number } | null)?.lastMessageSeq ?? 0,
    chatWriter.latestSeq(summaryKey(conversationId)) ?? 0,
    (nextSeqHints.get(key) ?? 1) - 1,
  )
  for (let probe = 0; probe < TOP_PROBES_MAX; probe++) {
    if (!(await seqKeyExists(conversationId, last + 1))) return last
    last += 1
  }
  return null
}

/** The messages for seqs `from`…`to`, oldest first; null when a key or a message is missing. */
async function keyedRange(
  conversationId: Types.ObjectId,
  from: number,
  to: number,
): Promise<MessageRecord[] | null> {
  const ids = await messageIdsBySeq(conversationId, from, to)
  if (!ids) return null
  const messages = await Promise.all(ids.map((id) => Message.findById(id)))
  if (messages.some((message) => !message)) return null
  return messages as MessageRecord[]
}

/** Keys are used once the backfill has written them for older messages. */
function keysComplete() {
  return maintenanceDone(MESSAGE_SEQ_KEYS_MARKER)
}

/**
 * A page the keys could not answer although the backfill has finished (a message stored but
 * never acknowledged, or its key lost): read from the record, and its keys written for next
 * time. Before the backfill has finished, it writes them.
 */
async function healed(found: MessageRecord[], keyed: boolean): Promise<MessageRecord[]> {
  if (keyed) await recordMessageSeqKeys(found)
  return found
}

/**
 * Everything after a message, oldest first (what a client missed while away); from the start
 * without one. Null when the message is not in this conversation. While `hasMore`, ask again
 * after the last message returned.
 */
export async function messagesAfter(
  conversationId: Types.ObjectId,
  afterMessageId: Types.ObjectId | string | undefined,
  limit?: number,
): Promise<MessagePage | null> {
  const after = afterMessageId === undefined ? 0 : await anchorSeq(conversationId, afterMessageId)
  if (after === null) return null
  const size = pageLimit(limit)
  const keyed = await keysComplete()
  if (keyed) {
    const last = await lastSeqByKeys(conversationId)
    if (last !== null) {
      const to = Math.min(after + size, last)
      const messages = await keyedRange(conversationId, after + 1, to)
      if (messages) return { messages, hasMore: to < last }
    }
  }
  const found = await Message.find({ conversation: conversationId, seq: { $gt: after } })
    .sort({ seq: 1 })
    .limit(size + 1)
  return { messages: await healed(found.slice(0, size), keyed), hasMore: found.length > size }
}

/**
 * History pages, newest first: the latest messages without a message id, else the ones before
 * it (scrolling back). Null when the message is not in this conversation.
 */
export async function messagesBefore(
  conversationId: Types.ObjectId,
  beforeMessageId: Types.ObjectId | string | undefined,
  limit?: number,
): Promise<MessagePage | null> {
  const before =
    beforeMessageId === undefined ? null : await anchorSeq(conversationId, beforeMessageId)
  if (beforeMessageId !== undefined && before === null) return null
  const size = pageLimit(limit)
  const keyed = await keysComplete()
  if (keyed) {
    // Seqs are 1, 2, 3… without gaps, and messages are never deleted: the page is a range.
    const top = before === null ? await lastSeqByKeys(conversationId) : before - 1
    if (top !== null) {
      const from = Math.max(1, top - size + 1)
      const messages = await keyedRange(conversationId, from, top)
      if (messages) return { messages: messages.reverse(), hasMore: from > 1 }
    }
  }
  const found = await Message.find({
    conversation: conversationId,
    ...(before === null ? {} : { seq: { $lt: before } }),
  })
    .sort({ seq: -1 })
    .limit(size + 1)
  return { messages: await healed(found.slice(0, size), keyed), hasMore: found.length > size }
}
