import { Schema, Types } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import {
  maintenanceDone,
  markMaintenanceDone,
  type BackfillOptions,
} from '../maintenance-marker.ts'

/**
 * A key document per message: `_id` = "<conversation id>:<seq>", naming the message. Pages and
 * sync go by seq (gap-free per conversation, decision 007), and on FerretDB 1.24
 * `Message.find({ conversation, seq: range }).sort()` reads the whole messages collection
 * (decision 010); by these keys a page is point reads. Written by the chat writer in the same
 * loop step as the messages, before their senders are told they are stored (so an acknowledged
 * message always has its key; a retry of one stored but not acknowledged writes it), and once
 * for older messages by the start-up backfill.
 */
const messageSeqKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    message: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false },
)
export const MessageSeqKey = defineModel('MessageSeqKey', messageSeqKeySchema)
export const MESSAGE_SEQ_KEYS_MARKER = 'message-seq-keys'

export const messageSeqKeyId = (conversationId: Types.ObjectId | string, seq: number) =>
  `${String(conversationId)}:${seq}`

export interface SeqKeyed {
  _id: Types.ObjectId
  conversation: Types.ObjectId
  seq: number
}

/**
 * Writes the keys of stored messages in one unordered insert. A key that exists already (the
 * backfill, a retry, a healed page got there first) names the same message: seqs are handed
 * out once per conversation by the messages' unique (conversation, seq) index.
 */
export async function recordMessageSeqKeys(messages: ReadonlyArray<SeqKeyed>): Promise<void> {
  if (messages.length === 0) return
  const keys = messages.map((message) => ({
    _id: messageSeqKeyId(message.conversation, message.seq),
    message: message._id,
  }))
  try {
    // The driver directly: one round trip, no document hydration (as the chat writer's messages).
    await MessageSeqKey.collection.insertMany(
      keys as unknown as Parameters<typeof MessageSeqKey.collection.insertMany>[0],
      {
        ordered: false,
      },
    )
  } catch (error) {
    const writeErrors = (error as { writeErrors?: unknown }).writeErrors
    const errors = Array.isArray(writeErrors) ? (writeErrors as unknown[]) : [error]
    if (!errors.every((writeError) => isDuplicateKeyServerError(writeError))) throw error
  }
}

/**
 * The message ids for seqs `from`…`to` of a conversation, in seq order; null when any key is
 * missing (a message from before the backfill finished, or one never acknowledged).
 */
export async function messageIdsBySeq(
  conversationId: Types.ObjectId,
  from: number,
  to: number,
): Promise<Types.ObjectId[] | null> {
  if (to < from) return []
  const seqs = Array.from({ length: to - from + 1 }, (_, index) => from + index)
  // In parallel: each is a primary-key read, and the pages are at most MESSAGE_PAGE_MAX long.
  const keys = await Promise.all(
    seqs.map((seq) => MessageSeqKey.findById(messageSeqKeyId(conversationId, seq)).lean()),
  )
  if (keys.some((key) => !key)) return null
  return keys.map((key) => new Types.ObjectId(String(key!.message)))
}

/** Whether the message with this seq has a key (the page's probe past the known last seq). */
export async function seqKeyExists(conversationId: Types.ObjectId, seq: number) {
  return Boolean(await MessageSeqKey.exists({ _id: messageSeqKeyId(conversationId, seq) }))
}

/**
 * Writes the key of every message (one cursor, inserts of 500), then records that it is done.
 * Until then pages read the record.
 */
export async function backfillMessageSeqKeys(
  messages: AsyncIterable<SeqKeyed>,
  options: BackfillOptions = {},
): Promise<number> {
  if (await maintenanceDone(MESSAGE_SEQ_KEYS_MARKER)) return 0
  options.signal?.throwIfAborted()
  options.onStart?.()
  let written = 0
  let batch: SeqKeyed[] = []
  const write = async () => {
    options.signal?.throwIfAborted()
    await recordMessageSeqKeys(batch)
    written += batch.length
    batch = []
    options.onProgress?.(written)
  }
  for await (const message of messages) {
    batch.push(message)
    if (batch.length === 500) await write()
  }
  if (batch.length > 0) await write()
  await markMaintenanceDone(MESSAGE_SEQ_KEYS_MARKER)
  return written
}
