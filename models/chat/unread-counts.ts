import { Types } from 'mongoose'
import { readKey, summaryKey } from './chat-lanes.ts'
import { chatWriter } from './chat-writes.ts'
import { Conversation } from './conversation.ts'
import { ConversationRead } from './conversation-read.ts'
import { inboxSnapshot } from './inbox-index.ts'

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

/**
 * Unread messages across the user's recent conversations, for the header badge on every
 * signed-in page: two point reads of the inbox and read indexes (inbox-index.ts), plus what this
 * process has stored but not yet written behind. Before the indexes are backfilled, the same
 * count from the record (a scan of conversations on the embedded database).
 */
export async function unreadBadgeTotal(
  organizationId: Types.ObjectId,
  userId: Types.ObjectId,
): Promise<number> {
  const snapshot = await inboxSnapshot(organizationId, userId)
  if (!snapshot) return unreadTotalFromRecord(organizationId, userId)
  let total = 0
  for (const entry of snapshot.recent) {
    const key = entry.conversation.toHexString()
    const last = Math.max(entry.lastMessageSeq, chatWriter.latestSeq(summaryKey(key)) ?? 0)
    const read = Math.max(
      snapshot.readSeqs.get(key) ?? 0,
      chatWriter.latestSeq(readKey(key, userId)) ?? 0,
    )
    if (last > read) total += last - read
  }
  return total
}

/**
 * Unread messages per conversation from an inbox snapshot (the read index) for conversations
 * the caller has read by `_id`: the same count as `unreadCounts`, with no further query.
 */
export function unreadFromSnapshot(
  userId: Types.ObjectId,
  readSeqs: ReadonlyMap<string, number>,
  conversations: ReadonlyArray<{ _id: Types.ObjectId; lastMessageSeq?: number | null }>,
): Map<string, number> {
  const counts = new Map<string, number>()
  for (const conversation of conversations) {
    const key = conversation._id.toHexString()
    const last = Math.max(
      conversation.lastMessageSeq ?? 0,
      chatWriter.latestSeq(summaryKey(key)) ?? 0,
    )
    const read = Math.max(readSeqs.get(key) ?? 0, chatWriter.latestSeq(readKey(key, userId)) ?? 0)
    if (last > read) counts.set(key, last - read)
  }
  return counts
}

async function unreadTotalFromRecord(
  organizationId: Types.ObjectId,
  userId: Types.ObjectId,
): Promise<number> {
  const recent = await Conversation.find({
    organizations: organizationId,
    lastMessageAt: { $exists: true },
  })
    .sort({ lastMessageAt: -1 })
    .limit(100)
    .select('_id lastMessageSeq')
    .lean()
  let total = 0
  for (const count of (await unreadCounts(userId, recent)).values()) total += count
  return total
}
