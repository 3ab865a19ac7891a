import { Types } from 'mongoose'
import {
  MESSAGE_ATTACHMENTS_MAX,
  inquiryField,
  messageBodyField,
  type Inquiry,
} from '#models/chat/chat-schemas.ts'
import { StoredFile } from '../files/stored-file.ts'
import { inLane, readKey, summaryKey } from './chat-lanes.ts'
import { chatWriter, nextSeqHints, rememberNextSeq } from './chat-writes.ts'
import {
  Conversation,
  isParticipant,
  messagePreview,
  type ChatMember,
  type ConversationParticipants,
} from './conversation.ts'
import { ConversationRead } from './conversation-read.ts'
import { Message, messageIdFor, type MessageRecord } from './message.ts'
import { recordMessageSeqKeys } from './message-seq-key.ts'

/** The unique indexes must exist before the first write relies on them (cached after once). */
function chatIndexes() {
  return Promise.all([Message.init(), ConversationRead.init(), Conversation.init()])
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
  // `sentIn` lets the files route check a viewer by point reads (models/files/file-access.ts).
  for (const fileId of attachments) {
    await StoredFile.updateOne(
      { _id: fileId },
      { $set: { sentAt: message.createdAt }, $addToSet: { sentIn: conversation._id } },
    )
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
        organizations: conversation.organizations.map((id) => new Types.ObjectId(String(id))),
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
      // Stored but perhaps never acknowledged (its batch failed after the insert): its seq key
      // may be missing. Idempotent.
      await recordMessageSeqKeys([stored])
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
  // One point read each: `{ _id: { $in }, organization }` reads every file on FerretDB.
  const files = await Promise.all(
    unique.map((id) => StoredFile.findById(id, { organization: 1 }).lean()),
  )
  const owned = files.every((file) => file?.organization.equals(sender.organizationId))
  return owned ? unique : null
}
