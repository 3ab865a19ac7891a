import { createHash } from 'node:crypto'
import { Schema, Types } from 'mongoose'
import {
  MESSAGE_ATTACHMENTS_MAX,
  MESSAGE_BODY_MAX_LENGTH,
  MESSAGE_PAGE_MAX,
  inquiryField,
  messageBodyField,
  type Inquiry,
} from '#app/utils/chat-schemas.ts'
import type { ChatMessage } from '#app/utils/realtime-events.ts'
import {
  Conversation,
  isParticipant,
  messagePreview,
  type ChatMember,
  type ConversationParticipants,
} from './conversation.ts'
import { ChatWriter } from './chat-writer.ts'
import { defineModel } from './define-model.ts'
import { isDuplicateKeyServerError } from './errors.ts'
import { StoredFile } from './stored-file.ts'
import { User } from './user.ts'

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
type MessageRecord = InstanceType<typeof Message>

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

/** The unique indexes must exist before the first write relies on them (cached after once). */
function chatIndexes() {
  return Promise.all([Message.init(), ConversationRead.init(), Conversation.init()])
}

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

export type SendMessageError =
  | 'chat.error.forbidden'
  | 'chat.error.invalid'
  | 'chat.error.bodyEmpty'
  | 'chat.error.bodyTooLong'
  | 'chat.error.attachmentInvalid'
  | 'chat.error.clientIdReused'

export interface SendMessageInput {
  conversation: ConversationParticipants
  sender: ChatMember
  clientId: string
  body: string
  attachmentIds?: ReadonlyArray<string | Types.ObjectId>
  /** The structured inquiry the first message of a conversation may carry. */
  inquiry?: Inquiry
  /**
   * Write the conversation's inbox summary before answering (form posts, whose next page is
   * read at once). Otherwise it is written behind (see ChatWriter).
   */
  summaryBeforeReturn?: boolean
}

/** Seq probes before the highest stored seq is read (a sorted query: a scan on FerretDB). */
const SEQ_PROBES = 8
const SEQ_ATTEMPTS = 40

/**
 * What the writer writes behind: a conversation's inbox summary, a sender's read position
 * (sending a message means having read the conversation up to it), and "last seen".
 */
type WrittenBehind =
  | { kind: 'conversation'; seq: number; at: Date; preview: string }
  | { kind: 'read'; seq: number; at: Date; position: ReadPosition }
  | { kind: 'seen'; seq: number; at: Date; userId: Types.ObjectId | string }

const summaryKey = (conversationId: Types.ObjectId | string) =>
  `conversation:${String(conversationId)}`
const readKey = (conversationId: Types.ObjectId | string, userId: Types.ObjectId | string) =>
  `read:${String(conversationId)}:${String(userId)}`

/**
 * One writer, one set of lanes and seq hints per process. The server (tsx) and the Remix
 * build each load this file, so the state lives on globalThis and both share it.
 */
interface ChatWriteState {
  writer: ChatWriter<WrittenBehind>
  nextSeqHints: Map<string, number>
  lanes: Map<string, Promise<unknown>>
}
const stateKey = Symbol.for('vsi-connect.chat-write-state')
const chatWriteState: ChatWriteState = ((globalThis as Record<symbol, unknown>)[stateKey] ??= {
  writer: createChatWriter(),
  nextSeqHints: new Map(),
  lanes: new Map(),
}) as ChatWriteState
const { writer: chatWriter, nextSeqHints, lanes } = chatWriteState

function createChatWriter() {
  return new ChatWriter<WrittenBehind>({
    // ≤ 50 summary writes a second (~12% of the writer on FerretDB); coalesced beyond that.
    summarySpacingMs: 20,
    async insertMany(documents) {
      const failures = new Map<number, unknown>()
      try {
        await Message.collection.insertMany(documents, { ordered: false })
      } catch (error) {
        const writeErrors = (error as { writeErrors?: unknown }).writeErrors
        if (!Array.isArray(writeErrors) || writeErrors.length === 0) throw error
        for (const writeError of writeErrors as Array<{ index: number; code?: number }>) {
          failures.set(writeError.index, writeError)
        }
      }
      return failures
    },
    async writeSummary(_key, summary) {
      if (summary.kind === 'read') {
        await advanceReadPositionInLane(summary.position)
        return
      }
      if (summary.kind === 'seen') {
        await User.updateOne({ _id: summary.userId }, { $max: { lastSeenAt: summary.at } })
        return
      }
      // By _id only (the one filter FerretDB answers from an index); $max keeps the newest seq
      // and time when another node wrote a newer summary meanwhile.
      await Conversation.updateOne(
        { _id: _key.slice('conversation:'.length) },
        {
          $max: { lastMessageSeq: summary.seq, lastMessageAt: summary.at },
          $set: { lastMessagePreview: summary.preview },
        },
      )
    },
    isDuplicateKeyError: isDuplicateKeyServerError,
  })
}

/**
 * "Last seen" for a user whose last socket closed, written behind: a node that restarts closes
 * all its sockets at once, and a thousand concurrent updates would stall the message inserts
 * (SQLite's writers back off in sleeps).
 */
export function recordLastSeen(userId: Types.ObjectId | string, at: Date): Promise<void> {
  return chatWriter.touchSummary(`seen:${String(userId)}`, {
    kind: 'seen',
    seq: at.getTime(),
    at,
    userId,
  })
}

/** How many summaries and read positions wait to be written behind (bench:chat reports it). */
export function chatWritesBehind(): number {
  return chatWriter.pendingSummaries
}

/** Writes every pending message and inbox summary (graceful shutdown, tests). */
export function flushChatWrites(): Promise<void> {
  return chatWriter.flush()
}

/**
 * The next seq to try per conversation, in this process. Messages of one conversation are sent
 * one after another in this process (see `inLane`), so the hint is exact unless another app
 * node stored messages meanwhile or the process restarted; the unique (conversation, seq)
 * index catches both and the next number is tried.
 */
const SEQ_HINTS_MAX = 50_000

function rememberNextSeq(conversationId: string, seq: number) {
  nextSeqHints.delete(conversationId)
  if (nextSeqHints.size >= SEQ_HINTS_MAX) nextSeqHints.delete(nextSeqHints.keys().next().value!)
  nextSeqHints.set(conversationId, seq)
}

/** Runs tasks with the same key one after another (in this process), others side by side. */
function inLane<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = lanes.get(key) ?? Promise.resolve()
  const result = previous.then(task, task)
  const tail = result.then(
    () => undefined,
    () => undefined,
  )
  lanes.set(key, tail)
  void tail.then(() => {
    if (lanes.get(key) === tail) lanes.delete(key)
  })
  return result
}

/** The highest stored seq of a conversation, read the slow way (a scan on FerretDB). */
async function storedMaxSeq(conversationId: Types.ObjectId): Promise<number> {
  // A sort, not a $group with $max: FerretDB 1.24 has no $max accumulator.
  const top = await Message.findOne({ conversation: conversationId })
    .sort({ seq: -1 })
    .select('seq')
    .lean()
  return top?.seq ?? 0
}

/**
 * Stores a message once. A retry (same sender, same clientId), even one racing the first
 * attempt, gets the stored message back with `duplicate: true`. Inserts are group-committed
 * with other senders' (ChatWriter); the promise resolves once the message is stored.
 */
export async function sendMessage(
  input: SendMessageInput,
): Promise<
  { ok: true; message: MessageRecord; duplicate: boolean } | { ok: false; error: SendMessageError }
> {
  const { conversation, sender } = input
  if (!isParticipant(conversation, sender.organizationId)) {
    return { ok: false, error: 'chat.error.forbidden' }
  }
  const body = messageBodyField.safeParse(input.body)
  if (!body.success) return { ok: false, error: body.error.issues[0]!.message as SendMessageError }
  const inquiry = input.inquiry === undefined ? undefined : inquiryField.safeParse(input.inquiry)
  if (inquiry && !inquiry.success) return { ok: false, error: 'chat.error.invalid' }
  const attachments = await ownAttachments(sender, input.attachmentIds ?? [])
  if (!attachments) return { ok: false, error: 'chat.error.attachmentInvalid' }
  await chatIndexes()

  const conversationId = String(conversation._id)
  const result = await inLane(conversationId, () =>
    storeInSequence(conversation._id, {
      _id: messageIdFor(sender.userId, input.clientId),
      senderOrganization: sender.organizationId,
      senderUser: sender.userId,
      clientId: input.clientId,
      body: body.data,
      attachments: attachments.length ? attachments : undefined,
      inquiry: inquiry?.data,
    }),
  )
  // A retry's message was summarised when it was first stored; a newer one may be since.
  if (!result.ok || result.duplicate) return result
  const { message } = result
  // Sent files are kept; uploaded ones never sent expire (purgeUnsentAttachments). By _id each.
  for (const fileId of attachments) {
    await StoredFile.updateOne({ _id: fileId }, { $set: { sentAt: message.createdAt } })
  }
  const immediate = { immediate: input.summaryBeforeReturn }
  const written = Promise.all([
    chatWriter.touchSummary(
      summaryKey(conversation._id),
      {
        kind: 'conversation',
        seq: message.seq,
        at: message.createdAt,
        preview: messagePreview(message.body),
      },
      immediate,
    ),
    chatWriter.touchSummary(
      readKey(conversation._id, sender.userId),
      {
        kind: 'read',
        seq: message.seq,
        at: message.createdAt,
        position: {
          conversation: conversation._id,
          user: sender.userId,
          organization: sender.organizationId,
          lastReadMessage: message._id,
          lastReadSeq: message.seq,
          readAt: message.createdAt,
        },
      },
      immediate,
    ),
  ])
  if (input.summaryBeforeReturn) await written
  return result
}

async function storeInSequence(
  conversationId: Types.ObjectId,
  fields: {
    _id: Types.ObjectId
    senderOrganization: Types.ObjectId
    senderUser: Types.ObjectId
    clientId: string
    body: string
    attachments?: Types.ObjectId[]
    inquiry?: Inquiry
  },
): Promise<
  | { ok: true; message: MessageRecord; duplicate: boolean }
  | { ok: false; error: 'chat.error.clientIdReused' }
> {
  const key = String(conversationId)
  let candidate = nextSeqHints.get(key)
  if (candidate === undefined) {
    // The summary's seq (a primary-key read) may lag behind by what was written behind or
    // lost in a crash: the probes below walk forward from it.
    const current = await Conversation.findById(conversationId).select('lastMessageSeq').lean()
    candidate = ((current as { lastMessageSeq?: number } | null)?.lastMessageSeq ?? 0) + 1
  }
  for (let attempt = 0; attempt < SEQ_ATTEMPTS; attempt++) {
    const message = new Message({ ...fields, conversation: conversationId, seq: candidate })
    // The batch goes to the driver directly: the schema's rules are checked here.
    await message.validate()
    const { outcome } = await chatWriter.insert(message.toObject({ depopulate: true }))
    if (outcome === 'stored') {
      rememberNextSeq(key, candidate + 1)
      return { ok: true, message, duplicate: false }
    }
    // Refused: either this message is stored already (a retry) or the seq is taken.
    const stored = await Message.findById(fields._id)
    if (stored) {
      if (!stored.conversation.equals(conversationId)) {
        return { ok: false, error: 'chat.error.clientIdReused' }
      }
      return { ok: true, message: stored, duplicate: true }
    }
    candidate += 1
    if (attempt + 1 === SEQ_PROBES)
      candidate = Math.max(candidate, (await storedMaxSeq(conversationId)) + 1)
    rememberNextSeq(key, candidate)
  }
  throw new Error(`no free message seq in conversation ${key}`)
}

/** The attachment ids as ObjectIds when every one is a file of the sender's organisation. */
async function ownAttachments(
  sender: ChatMember,
  ids: ReadonlyArray<string | Types.ObjectId>,
): Promise<Types.ObjectId[] | null> {
  if (ids.length === 0) return []
  if (ids.length > MESSAGE_ATTACHMENTS_MAX) return null
  if (!ids.every((id) => Types.ObjectId.isValid(id))) return null
  const unique = [...new Set(ids.map(String))].map((id) => new Types.ObjectId(id))
  const owned = await StoredFile.countDocuments({
    _id: { $in: unique },
    organization: sender.organizationId,
  })
  return owned === unique.length ? unique : null
}

function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? 50), 1), MESSAGE_PAGE_MAX)
}

/**
 * The message's seq when it belongs to this conversation. Looked up by _id alone and checked
 * here: FerretDB 1.24 uses an index only for a filter that is exactly `{ _id }`.
 */
async function messageIn(conversationId: Types.ObjectId, messageId: Types.ObjectId | string) {
  const message = await Message.findById(messageId).select('conversation seq').lean()
  return message && conversationId.equals(message.conversation) ? message : null
}

async function anchorSeq(
  conversationId: Types.ObjectId,
  messageId: Types.ObjectId | string,
): Promise<number | null> {
  if (!Types.ObjectId.isValid(messageId)) return null
  const anchor = await messageIn(conversationId, messageId)
  return anchor?.seq ?? null
}

export interface MessagePage {
  messages: MessageRecord[]
  hasMore: boolean
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
  const found = await Message.find({ conversation: conversationId, seq: { $gt: after } })
    .sort({ seq: 1 })
    .limit(size + 1)
  return { messages: found.slice(0, size), hasMore: found.length > size }
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
  const found = await Message.find({
    conversation: conversationId,
    ...(before === null ? {} : { seq: { $lt: before } }),
  })
    .sort({ seq: -1 })
    .limit(size + 1)
  return { messages: found.slice(0, size), hasMore: found.length > size }
}

interface ReadPosition {
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
  await chatIndexes()
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
function advanceReadPositionInLane(position: ReadPosition) {
  return inLane(readKey(position.conversation, position.user), () => advanceReadPosition(position))
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

/**
 * Unread messages per conversation for one user: the conversation's last seq minus the user's
 * read position. Exact because sending a message moves the sender's read position to it, so
 * nothing after the position is the user's own. Reads only conversations and read positions,
 * never the messages (a scan of the largest collection on FerretDB), and adds what this
 * process has stored but not yet written behind. Conversations with none are left out.
 */
export async function unreadCounts(
  userId: Types.ObjectId,
  conversations: ReadonlyArray<
    Types.ObjectId | { _id: Types.ObjectId; lastMessageSeq?: number | null }
  >,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  if (conversations.length === 0) return counts
  const ids = conversations.map((entry) => (entry instanceof Types.ObjectId ? entry : entry._id))
  const known = new Map<string, number>()
  for (const entry of conversations) {
    if (!(entry instanceof Types.ObjectId) && typeof entry.lastMessageSeq === 'number') {
      known.set(String(entry._id), entry.lastMessageSeq)
    }
  }
  const missing = ids.filter((id) => !known.has(String(id)))
  const [positions, summaries] = await Promise.all([
    ConversationRead.find({ user: userId, conversation: { $in: ids } })
      .select('conversation lastReadSeq')
      .lean(),
    missing.length
      ? Conversation.find({ _id: { $in: missing } })
          .select('lastMessageSeq')
          .lean()
      : Promise.resolve([]),
  ])
  for (const summary of summaries) {
    known.set(String(summary._id), (summary as { lastMessageSeq?: number }).lastMessageSeq ?? 0)
  }
  const readSeq = new Map(positions.map((p) => [String(p.conversation), p.lastReadSeq]))
  for (const id of ids) {
    const key = String(id)
    const last = Math.max(known.get(key) ?? 0, chatWriter.latestSeq(summaryKey(key)) ?? 0)
    const read = Math.max(readSeq.get(key) ?? 0, chatWriter.latestSeq(readKey(key, userId)) ?? 0)
    if (last > read) counts.set(key, last - read)
  }
  return counts
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
