import { maintenanceDone, markMaintenanceDone } from '../maintenance-marker.ts'
import { Conversation } from './conversation.ts'
import { ConversationRead } from './conversation-read.ts'
import { CHAT_INDEX_MARKER, recordInboxActivity, recordReadSeq } from './inbox-index.ts'

/**
 * Builds both indexes from the conversations and read positions (one cursor each), for data
 * written before they existed; then records that they are complete. Run once, in the background.
 */
export async function backfillChatIndexes(): Promise<{ conversations: number; reads: number }> {
  if (await maintenanceDone(CHAT_INDEX_MARKER)) return { conversations: 0, reads: 0 }
  let conversations = 0
  let reads = 0
  const cursor = Conversation.find(
    { lastMessageAt: { $exists: true } },
    { organizations: 1, lastMessageAt: 1, lastMessageSeq: 1 },
  )
    .lean()
    .cursor()
  for await (const conversation of cursor) {
    if (!conversation.lastMessageAt) continue
    await recordInboxActivity(conversation.organizations, {
      conversation: conversation._id,
      lastMessageAt: conversation.lastMessageAt,
      lastMessageSeq: conversation.lastMessageSeq ?? 0,
    })
    conversations += 1
  }
  const readCursor = ConversationRead.find({}, { conversation: 1, user: 1, lastReadSeq: 1 })
    .lean()
    .cursor()
  for await (const position of readCursor) {
    await recordReadSeq(position.user, position.conversation, position.lastReadSeq)
    reads += 1
  }
  await markMaintenanceDone(CHAT_INDEX_MARKER)
  return { conversations, reads }
}
