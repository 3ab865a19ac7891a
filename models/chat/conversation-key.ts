import { Schema, Types } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import {
  maintenanceDone,
  markMaintenanceDone,
  type BackfillOptions,
} from '../maintenance-marker.ts'

/**
 * A key document per conversation: `_id` = its pair key (the two organisations and the
 * context, models/chat/conversation.ts), naming the conversation. "Is there a conversation for
 * this pair already?" is asked on every "contact this supplier" and sourcing invitation, and on
 * FerretDB 1.24 `Conversation.findOne({ pairKey })` reads the whole (growing) collection
 * (decision 010); by this key it is one point read. Written when a conversation is created, and
 * once for older conversations by the start-up backfill (until it has finished, callers fall
 * back to the record).
 */
const conversationKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    conversation: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false },
)
export const ConversationKey = defineModel('ConversationKey', conversationKeySchema)
export const CONVERSATION_KEYS_MARKER = 'conversation-keys'

/**
 * Records the pair key of a conversation (idempotent). Two racing upserts of one key can both
 * try the insert on FerretDB; the loser's duplicate-key error means the key is written.
 */
export async function recordConversationKey(
  pairKey: string,
  conversationId: Types.ObjectId,
): Promise<void> {
  try {
    await ConversationKey.updateOne(
      { _id: pairKey },
      { $set: { conversation: conversationId } },
      { upsert: true },
    )
  } catch (error) {
    if (!isDuplicateKeyServerError(error)) throw error
  }
}

/**
 * The conversation id for a pair key: from its key document; while the backfill has not
 * finished, from the record (and the key is written then). Null when there is none.
 */
export async function conversationIdForPair(
  pairKey: string,
  fromRecord: () => Promise<{ _id: Types.ObjectId } | null>,
): Promise<Types.ObjectId | null> {
  const key = await ConversationKey.findById(pairKey).lean()
  if (key) return new Types.ObjectId(String(key.conversation))
  if (await maintenanceDone(CONVERSATION_KEYS_MARKER)) return null
  const found = await fromRecord()
  if (found) await recordConversationKey(pairKey, found._id)
  return found?._id ?? null
}

/** Writes the key of every conversation (one cursor), then records that it is done. */
export async function backfillConversationKeys(
  conversations: AsyncIterable<{ _id: Types.ObjectId; pairKey: string }>,
  options: BackfillOptions = {},
): Promise<number> {
  if (await maintenanceDone(CONVERSATION_KEYS_MARKER)) return 0
  options.signal?.throwIfAborted()
  options.onStart?.()
  let written = 0
  for await (const conversation of conversations) {
    options.signal?.throwIfAborted()
    await recordConversationKey(conversation.pairKey, conversation._id)
    written += 1
    if (written % 500 === 0) options.onProgress?.(written)
  }
  await markMaintenanceDone(CONVERSATION_KEYS_MARKER)
  return written
}
