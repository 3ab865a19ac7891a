import { Schema, Types } from 'mongoose'
import { Conversation } from '../chat/conversation.ts'
import { Message } from '../chat/message.ts'
import { defineModel } from '../define-model.ts'
import { findSupplierCard } from '../profiles/supplier-card.ts'
import { SupplierProfile } from '../profiles/supplier-profile.ts'

/**
 * How quickly an organisation answers (issue 18, "answers within a day"): of the conversations
 * another organisation started with it, the share it answered within 24 hours. One small
 * document per organisation (`_id` = the organisation), written by a daily job that streams
 * the chat once (messages, then conversations: one cursor each, as the KPI snapshot does);
 * request paths read it by `_id` only. A supplier's figure is also carried in its search document
 * (search/supplier-document.ts): the job marks a supplier for search when its figure changes, and
 * the sourcing matcher scores candidates from their documents without reading this.
 *
 * A conversation counts once it is answered or a day old: a question asked an hour ago is
 * not yet a late answer.
 */
const responseFigureSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    conversations: { type: Number, required: true },
    answeredWithinDay: { type: Number, required: true },
    computedAt: { type: Date, required: true },
  },
  { versionKey: false },
)
export const ResponseFigure = defineModel('ResponseFigure', responseFigureSchema)

const DAY_MS = 24 * 60 * 60 * 1000

/** The organisation's figure, when it has one (one point read). */
export async function responseFigureOf(
  organizationId: Types.ObjectId | string,
): Promise<{ share: number; conversations: number } | null> {
  const figure = await ResponseFigure.findById(organizationId).lean()
  if (!figure || figure.conversations <= 0) return null
  return {
    share: figure.answeredWithinDay / figure.conversations,
    conversations: figure.conversations,
  }
}

/** What one conversation says about its answering side (pure, for the job and its tests). */
export function answerOf(
  thread: { startedBy: string; startedAt: Date; earliestBy: ReadonlyMap<string, Date> },
  organizations: readonly string[],
  now: Date,
): { responder: string; counted: boolean; withinDay: boolean } | null {
  const responder = organizations.find((id) => id !== thread.startedBy)
  if (!responder) return null
  const answeredAt = thread.earliestBy.get(responder)
  const waited = (answeredAt ?? now).getTime() - thread.startedAt.getTime()
  const counted = Boolean(answeredAt) || now.getTime() - thread.startedAt.getTime() >= DAY_MS
  return { responder, counted, withinDay: Boolean(answeredAt) && waited <= DAY_MS }
}

/** The daily job: recomputes every organisation's figure from the chat. */
export async function refreshResponseFigures(
  now = new Date(),
  signal?: AbortSignal,
): Promise<number> {
  const threads = new Map<
    string,
    { first?: { sender: string; at: Date }; earliestBy: Map<string, Date> }
  >()
  for await (const message of Message.find({})
    .select('conversation seq senderOrganization createdAt')
    .lean()
    .cursor()) {
    if (signal?.aborted) return 0
    const key = message.conversation.toHexString()
    const sender = message.senderOrganization.toHexString()
    let thread = threads.get(key)
    if (!thread) threads.set(key, (thread = { earliestBy: new Map() }))
    if (message.seq === 1) thread.first = { sender, at: message.createdAt }
    const known = thread.earliestBy.get(sender)
    if (!known || message.createdAt < known) thread.earliestBy.set(sender, message.createdAt)
  }
  const totals = new Map<string, { conversations: number; answeredWithinDay: number }>()
  for await (const conversation of Conversation.find({}).select('organizations').lean().cursor()) {
    if (signal?.aborted) return 0
    const thread = threads.get(conversation._id.toHexString())
    if (!thread?.first) continue
    const answer = answerOf(
      { startedBy: thread.first.sender, startedAt: thread.first.at, earliestBy: thread.earliestBy },
      conversation.organizations.map(String),
      now,
    )
    if (!answer?.counted) continue
    const total = totals.get(answer.responder) ?? { conversations: 0, answeredWithinDay: 0 }
    total.conversations += 1
    if (answer.withinDay) total.answeredWithinDay += 1
    totals.set(answer.responder, total)
  }
  for (const [organization, total] of totals) {
    if (signal?.aborted) return 0
    const before = await ResponseFigure.findById(organization).lean()
    await ResponseFigure.replaceOne(
      { _id: organization },
      { _id: organization, ...total, computedAt: now },
      { upsert: true },
    )
    if (
      before?.conversations !== total.conversations ||
      before.answeredWithinDay !== total.answeredWithinDay
    ) {
      await markSupplierForSearch(new Types.ObjectId(organization))
    }
  }
  return totals.size
}

/** All figures, one cursor: for the search index rebuild (search/sync.ts). */
export async function allResponseFigures(): Promise<
  Map<string, { share: number; conversations: number }>
> {
  const figures = new Map<string, { share: number; conversations: number }>()
  for await (const figure of ResponseFigure.find({}).lean().cursor()) {
    if (figure.conversations > 0) {
      figures.set(String(figure._id), {
        share: figure.answeredWithinDay / figure.conversations,
        conversations: figure.conversations,
      })
    }
  }
  return figures
}

/**
 * Re-indexes the supplier (its search document carries the figure), by point writes: the
 * profile by its derived id, else by the id its card remembers; a buyer has neither. Not a
 * change of the profile: its version (`updatedAt`) stays.
 */
async function markSupplierForSearch(organizationId: Types.ObjectId): Promise<void> {
  const mark = { $set: { 'search.pendingSince': new Date() } }
  const byId = await SupplierProfile.updateOne({ _id: organizationId }, mark, { timestamps: false })
  if (byId.matchedCount > 0) return
  const card = await findSupplierCard(organizationId)
  if (card) await SupplierProfile.updateOne({ _id: card.profile }, mark, { timestamps: false })
}
