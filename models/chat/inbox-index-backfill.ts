import {
  maintenanceDone,
  markMaintenanceDone,
  type BackfillOptions,
} from '../maintenance-marker.ts'
import { Conversation } from './conversation.ts'
import { ConversationRead } from './conversation-read.ts'
import { CHAT_INDEX_MARKER, recordInboxActivity, recordReadSeq } from './inbox-index.ts'

/**
 * Builds both indexes from the conversations and read positions (one cursor each), for data
 * written before they existed; then records that they are complete. Run once, in the background.
 */
export async function backfillChatIndexes(
  options: BackfillOptions = {},
): Promise<{ conversations: number; reads: number }> {
  if (await maintenanceDone(CHAT_INDEX_MARKER)) return { conversations: 0, reads: 0 }
  options.signal?.throwIfAborted()
  options.onStart?.()
  let conversations = 0
  let reads = 0
  // Every conversation, those without a message yet too (listed by their start, as the inbox
  // lists a conversation from the moment it is opened).
  const cursor = Conversation.find(
    {},
    { organizations: 1, lastMessageAt: 1, lastMessageSeq: 1, createdAt: 1 },
  )
    .lean()
    .cursor()
  for await (const conversation of cursor) {
    // Stops between documents on shutdown; both indexes only move forward, so a later start
    // resumes by doing it again.
    options.signal?.throwIfAborted()
    const at = conversation.lastMessageAt ?? conversation.createdAt
    if (!at) continue
    await recordInboxActivity(conversation.organizations, {
      conversation: conversation._id,
      lastMessageAt: at,
      lastMessageSeq: conversation.lastMessageSeq ?? 0,
    })
    conversations += 1
    if (conversations % 500 === 0) options.onProgress?.(conversations)
  }
  const readCursor = ConversationRead.find({}, { conversation: 1, user: 1, lastReadSeq: 1 })
    .lean()
    .cursor()
  for await (const position of readCursor) {
    options.signal?.throwIfAborted()
    await recordReadSeq(position.user, position.conversation, position.lastReadSeq)
    reads += 1
  }
  await markMaintenanceDone(CHAT_INDEX_MARKER)
  return { conversations, reads }
}
