import { Schema, Types } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { maintenanceDone } from '../maintenance-marker.ts'
import { inLane } from './chat-lanes.ts'

/**
 * What the header's unread badge needs, in two point reads instead of a scan of conversations
 * and read positions (decision 010; FerretDB on SQLite answers only `{ _id }` from an index):
 *
 * - per organisation, its most recently active conversations with their last seq (InboxIndex,
 *   `_id` = organisation id), written behind with each conversation's summary;
 * - per user, the read position in each conversation (ReadIndex, `_id` = user id), moved
 *   whenever a read position moves.
 *
 * Both are copies: the conversations and read positions stay the record; a one-off backfill
 * builds the copies for data written before they existed, and until it has finished the badge
 * reads the record. Each copy is updated in one lane per document in this process; another app
 * node writing the same document at the same moment can leave an entry one message behind until
 * its next message or read (never ahead: seqs only move up).
 */
const INBOX_SIZE = 100
export const CHAT_INDEX_MARKER = 'chat-inbox-index'

const inboxEntrySchema = new Schema(
  {
    conversation: { type: Schema.Types.ObjectId, required: true },
    lastMessageAt: { type: Date, required: true },
    lastMessageSeq: { type: Number, required: true },
  },
  { _id: false },
)
const inboxIndexSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    recent: { type: [inboxEntrySchema], default: [] },
  },
  { versionKey: false },
)
export const InboxIndex = defineModel('InboxIndex', inboxIndexSchema)

const readIndexSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    /** Conversation id (hex) → the highest seq this user has read in it. */
    seqs: { type: Map, of: Number, default: {} },
  },
  { versionKey: false },
)
export const ReadIndex = defineModel('ReadIndex', readIndexSchema)

export interface InboxActivity {
  conversation: Types.ObjectId
  lastMessageAt: Date
  lastMessageSeq: number
}

type InboxEntry = InboxActivity

function mergeEntries(entries: InboxEntry[], activity: InboxEntry): InboxEntry[] {
  const existing = entries.find((entry) => entry.conversation.equals(activity.conversation))
  if (existing && existing.lastMessageSeq >= activity.lastMessageSeq) return entries
  const others = entries.filter((entry) => !entry.conversation.equals(activity.conversation))
  return [activity, ...others]
    .sort((a, b) => b.lastMessageAt.getTime() - a.lastMessageAt.getTime())
    .slice(0, INBOX_SIZE)
}

/** Records a conversation's newest message in both organisations' inbox indexes. */
export async function recordInboxActivity(
  organizations: ReadonlyArray<Types.ObjectId | string>,
  activity: InboxActivity,
): Promise<void> {
  await Promise.all(
    organizations.map((organization) =>
      inLane(`inbox:${String(organization)}`, async () => {
        const _id = new Types.ObjectId(String(organization))
        const index = await InboxIndex.findById(_id).lean()
        const recent = mergeEntries(index?.recent ?? [], activity)
        if (index && recent === index.recent) return
        await InboxIndex.replaceOne({ _id }, { _id, recent }, { upsert: true })
      }),
    ),
  )
}

/** Records a moved read position in the user's read index (seqs only move up). */
export function recordReadSeq(
  userId: Types.ObjectId | string,
  conversationId: Types.ObjectId | string,
  seq: number,
): Promise<void> {
  return inLane(`read-index:${String(userId)}`, async () => {
    await ReadIndex.updateOne(
      { _id: new Types.ObjectId(String(userId)) },
      { $max: { [`seqs.${String(conversationId)}`]: seq } },
      { upsert: true },
    )
  })
}

export interface RecentConversation {
  conversation: Types.ObjectId
  lastMessageSeq: number
}

/**
 * The organisation's recently active conversations and this user's read seqs, by two point
 * reads; null until the backfill has finished (the caller then reads the record).
 */
export async function inboxSnapshot(
  organizationId: Types.ObjectId,
  userId: Types.ObjectId,
): Promise<{ recent: RecentConversation[]; readSeqs: Map<string, number> } | null> {
  if (!(await maintenanceDone(CHAT_INDEX_MARKER))) return null
  const [inbox, reads] = await Promise.all([
    InboxIndex.findById(organizationId).lean(),
    ReadIndex.findById(userId).lean(),
  ])
  const seqs = (reads?.seqs ?? {}) as Record<string, number> | Map<string, number>
  const readSeqs = seqs instanceof Map ? seqs : new Map(Object.entries(seqs))
  return { recent: inbox?.recent ?? [], readSeqs }
}
