import { Schema, Types } from 'mongoose'
import {
  conversationContextField,
  conversationKinds,
  MESSAGE_PREVIEW_LENGTH,
  type ConversationContext,
} from '#models/chat/chat-schemas.ts'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import { recordContact } from '../analytics/profile-analytics.ts'
import { Organization } from '../accounts/organization.ts'
import { recordInboxActivity } from './inbox-index.ts'
import {
  backfillConversationKeys as backfillKeys,
  conversationIdForPair,
  recordConversationKey,
} from './conversation-key.ts'
import type { BackfillOptions } from '../maintenance-marker.ts'

export {
  conversationKinds,
  type ConversationContext,
  type ConversationKind,
} from '#models/chat/chat-schemas.ts'

/** Who takes part in a chat: a signed-in user and the organisation they belong to. */
export interface ChatMember {
  userId: Types.ObjectId
  organizationId: Types.ObjectId
}

const conversationSchema = new Schema(
  {
    /** The two organisations; every member of either takes part. Never changes. */
    organizations: {
      type: [{ type: Schema.Types.ObjectId, ref: 'Organization' }],
      required: true,
      validate: (ids: Types.ObjectId[]) => ids.length === 2,
    },
    context: {
      kind: { type: String, enum: conversationKinds, required: true },
      refId: Schema.Types.ObjectId,
    },
    /**
     * One conversation per pair of organisations and context: the sorted organisation ids and
     * the context in one unique string (FerretDB has no partial indexes, and a compound index
     * over an array would not say "this pair").
     */
    pairKey: { type: String, required: true, unique: true },
    startedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    lastMessageAt: Date,
    lastMessagePreview: { type: String, maxlength: MESSAGE_PREVIEW_LENGTH },
    /** The seq of the message the preview shows; guards against an older one overwriting it. */
    lastMessageSeq: { type: Number, required: true, default: 0 },
  },
  { timestamps: true },
)
conversationSchema.index({ organizations: 1, lastMessageAt: -1 })

export const Conversation = defineModel('Conversation', conversationSchema)

/** What the membership check needs of a conversation: a document or a lean object will do. */
export interface ConversationParticipants {
  _id: Types.ObjectId
  organizations: ReadonlyArray<Types.ObjectId | string>
}

export function isParticipant(
  conversation: Pick<ConversationParticipants, 'organizations'>,
  organizationId: Types.ObjectId | string,
): boolean {
  const id = String(organizationId)
  return conversation.organizations.some((organization) => String(organization) === id)
}

export function conversationPairKey(
  a: Types.ObjectId | string,
  b: Types.ObjectId | string,
  context: ConversationContext,
): string {
  const [first, second] = [String(a), String(b)].sort()
  return `${first}:${second}:${context.kind}:${context.refId ?? '-'}`
}

export function messagePreview(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length > MESSAGE_PREVIEW_LENGTH
    ? `${flat.slice(0, MESSAGE_PREVIEW_LENGTH - 1)}…`
    : flat
}

export type OpenConversationError =
  'chat.error.invalid' | 'chat.error.selfConversation' | 'chat.error.organizationUnavailable'

/**
 * The conversation between the member's organisation and another one about this context: the
 * existing one, or a new one. Concurrent first contacts end in the same conversation: the
 * unique pair key lets one insert through and the others read it back.
 */
export async function openConversation(
  member: ChatMember,
  otherOrganizationId: Types.ObjectId | string,
  context: ConversationContext,
): Promise<
  | { ok: true; conversation: InstanceType<typeof Conversation>; created: boolean }
  | { ok: false; error: OpenConversationError }
> {
  const parsed = conversationContextField.safeParse(context)
  if (!parsed.success) return { ok: false, error: 'chat.error.invalid' }
  context = parsed.data
  if (!Types.ObjectId.isValid(otherOrganizationId)) {
    return { ok: false, error: 'chat.error.organizationUnavailable' }
  }
  const otherId = new Types.ObjectId(otherOrganizationId)
  if (otherId.equals(member.organizationId)) {
    return { ok: false, error: 'chat.error.selfConversation' }
  }
  const pairKey = conversationPairKey(member.organizationId, otherId, context)
  const existing = await conversationForPair(pairKey)
  if (existing) return { ok: true, conversation: existing, created: false }

  const other = await Organization.findById(otherId).select('status kind').lean()
  if (!other || other.status !== 'active') {
    return { ok: false, error: 'chat.error.organizationUnavailable' }
  }
  await Conversation.init()
  try {
    const conversation = await Conversation.create({
      organizations: [member.organizationId, otherId],
      context: {
        kind: context.kind,
        refId: context.refId ? new Types.ObjectId(context.refId) : undefined,
      },
      pairKey,
      startedBy: member.userId,
    })
    await recordConversationKey(pairKey, conversation._id)
    // In both inboxes from the start (a conversation opened without a message yet is listed
    // too, as the record's query lists it); its first message moves it up.
    await recordInboxActivity(conversation.organizations, {
      conversation: conversation._id,
      lastMessageAt: conversation.createdAt,
      lastMessageSeq: 0,
    })
    // Profile analytics: a contact for the supplier written to (a buffered count, no sender).
    if (other.kind === 'supplier') recordContact(otherId)
    return { ok: true, conversation, created: true }
  } catch (error) {
    if (!isDuplicateKeyServerError(error)) throw error
    // Another request created it at the same moment; its key may not be written yet.
    const winner = await Conversation.findOne({ pairKey })
    if (!winner) throw error
    await recordConversationKey(pairKey, winner._id)
    return { ok: true, conversation: winner, created: false }
  }
}

/** The organisation's conversations, most recent activity first (for the inbox). */
export function conversationsOf(organizationId: Types.ObjectId, limit = 50) {
  return Conversation.find({ organizations: organizationId })
    .sort({ lastMessageAt: -1, _id: -1 })
    .limit(limit)
}

/**
 * The conversation of a pair key, by its key document (a point read; decision 010), checked
 * against the record; from the record while the key backfill has not finished.
 */
async function conversationForPair(pairKey: string) {
  const id = await conversationIdForPair(pairKey, () =>
    Conversation.findOne({ pairKey }).select('_id').lean(),
  )
  if (!id) return null
  const conversation = await Conversation.findById(id)
  return conversation?.pairKey === pairKey ? conversation : null
}

/** Whether a conversation for this pair key exists already (reusing one costs no allowance). */
export async function conversationExists(pairKey: string): Promise<boolean> {
  return Boolean(await conversationForPair(pairKey))
}

/** The start-up backfill of the pair keys (models/chat/conversation-key.ts). */
export function backfillConversationKeys(options: BackfillOptions = {}): Promise<number> {
  return backfillKeys(
    Conversation.find({}, { pairKey: 1 })
      .lean<Array<{ _id: Types.ObjectId; pairKey: string }>>()
      .cursor(),
    options,
  )
}
