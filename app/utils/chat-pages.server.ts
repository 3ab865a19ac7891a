import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import { Types } from 'mongoose'
import { checkFormShape, limitParts } from './form-limits.server.ts'
import type { AppServices } from '#app/load-context.ts'
import type { ChatMessage } from '#models/chat/realtime-events.ts'
import { Conversation, conversationsOf, isParticipant } from '#models/chat/conversation.ts'
import { inboxSnapshot } from '#models/chat/inbox-index.ts'
import { takeAllowance } from '#models/accounts/mail-throttle.ts'
import { logoKeysOf, Organization } from '#models/accounts/organization.ts'
import type { StoredFile } from '#models/files/stored-file.ts'
import type { Locale } from '#models/i18n/index.ts'
import { storedFilesByIds, supplierProfileOf } from '#models/profiles/supplier-listing.ts'
import { ORGANIZATION_MEMBER_KEYS_MARKER, User } from '#models/accounts/user.ts'
import { ConversationRead, readIdFor } from '#models/chat/conversation-read.ts'
import { maintenanceDone } from '#models/maintenance-marker.ts'
import { memberIdsOf } from '#models/accounts/organization-members.ts'
import { unreadBadgeTotal, unreadCounts, unreadFromSnapshot } from '#models/chat/unread-counts.ts'
import { toChatMessage, type Message } from '#models/chat/message.ts'
import { requireConversationAccess } from './chat.server.ts'
import type { Actor } from './permissions.server.ts'
import { readForm } from './request.server.ts'

/**
 * The /messages pages' access rule: requireConversationAccess, but somebody else's
 * conversation is answered like one that does not exist (404), so ids reveal nothing.
 */
export async function requireConversationMember(request: Request, conversationId: string) {
  try {
    return await requireConversationAccess(request, conversationId)
  } catch (error) {
    if (error instanceof Response && error.status === 403) {
      throw new Response('Not Found', { status: 404 })
    }
    throw error
  }
}

/** Where a form post goes once the message is stored (and announced through the load context). */
export function conversationLocation(conversationId: Types.ObjectId) {
  return `/messages/${conversationId.toHexString()}`
}

/** An attachment as the pages show it. */
export interface AttachmentView {
  id: string
  name: string
  href: string
  isImage: boolean
}

export function attachmentView(file: InstanceType<typeof StoredFile>): AttachmentView {
  return {
    id: file._id.toHexString(),
    name: file.originalName,
    href: `/files/${file.storageKey}`,
    isImage: file.mimeType.startsWith('image/'),
  }
}

export async function attachmentViews(
  messages: ReadonlyArray<ChatMessage>,
): Promise<Record<string, AttachmentView>> {
  const ids = [...new Set(messages.flatMap((message) => message.attachmentIds))]
  if (ids.length === 0) return {}
  // One point read per file (an `$in` reads the whole collection on FerretDB, decision 010).
  const files = await storedFilesByIds(ids.map((id) => new Types.ObjectId(id)))
  return Object.fromEntries(files.map((file) => [file._id.toHexString(), attachmentView(file)]))
}

/** A chat form: multipart when it carries a file (parts capped while they arrive), else plain. */
export async function readChatForm(request: Request): Promise<FormData> {
  const type = request.headers.get('Content-Type') ?? ''
  if (!type.startsWith('multipart/form-data')) return readForm(request)
  try {
    const form = await unstable_parseMultipartFormData(
      request,
      limitParts(unstable_createMemoryUploadHandler({ maxPartSize: 20 * 1024 * 1024 })),
    )
    checkFormShape(form)
    return form
  } catch (error) {
    if (error instanceof Response) throw error
    throw new Response('Bad Request', { status: 400 })
  }
}

/**
 * Chat uploads per organisation (issue 11, finding 4): a count in exact sliding windows. Each
 * file is at most 20 MB (server/uploads.ts), so this also bounds the bytes an organisation can
 * store in a day (decision 008).
 */
export const CHAT_UPLOAD_LIMITS = [
  { max: 30, windowMs: 60 * 60 * 1000 },
  { max: 100, windowMs: 24 * 60 * 60 * 1000 },
]

/** Stores a chat attachment of the actor's organisation, checked like every other upload. */
export async function saveChatAttachment(files: AppServices['files'], actor: Actor, upload: File) {
  const waitMs = await takeAllowance(
    `chat-uploads:${actor.organization._id.toHexString()}`,
    CHAT_UPLOAD_LIMITS,
  )
  if (waitMs > 0) return { ok: false as const, error: 'upload.quotaReached' as const }
  return files.save({
    organizationId: actor.organization._id,
    userId: actor.user._id,
    purpose: 'chat-attachment',
    originalName: upload.name,
    bytes: new Uint8Array(await upload.arrayBuffer()),
  })
}

/** Who is who in a conversation: names of the members of both organisations. */
export async function participantsOf(organizationIds: ReadonlyArray<Types.ObjectId>) {
  // Decision 010: by the organisations' member keys and a point read per member; until the
  // keys are backfilled, the record (a scan of users on the embedded database).
  const users = (await maintenanceDone(ORGANIZATION_MEMBER_KEYS_MARKER))
    ? (
        await Promise.all(
          organizationIds.map(async (organizationId) => {
            const ids = await memberIdsOf(organizationId)
            const found = await Promise.all(
              ids.map((id) => User.findById(id).select('name organization lastSeenAt').lean()),
            )
            return found.filter(
              (user): user is NonNullable<typeof user> =>
                user !== null && String(user.organization) === String(organizationId),
            )
          }),
        )
      ).flat()
    : await User.find({ organization: { $in: organizationIds } })
        .select('name organization lastSeenAt')
        .limit(500)
        .lean()
  return users.map((user) => ({
    id: user._id.toHexString(),
    name: user.name,
    organizationId: String(user.organization),
    lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
  }))
}

/** The highest message any member of the other organisation has read (for "Seen"). */
export async function otherReadSeq(conversationId: Types.ObjectId, otherId: Types.ObjectId) {
  if (await maintenanceDone(ORGANIZATION_MEMBER_KEYS_MARKER)) {
    // Read positions have derived ids (conversation, user): one point read per member.
    const positions = await Promise.all(
      (await memberIdsOf(otherId)).map((userId) =>
        ConversationRead.findById(readIdFor(conversationId, userId)).select('lastReadSeq').lean(),
      ),
    )
    return Math.max(0, ...positions.map((position) => position?.lastReadSeq ?? 0))
  }
  const read = await ConversationRead.findOne({
    conversation: conversationId,
    organization: otherId,
  })
    .sort({ lastReadSeq: -1 })
    .select('lastReadSeq')
    .lean()
  return read?.lastReadSeq ?? 0
}

export function chatMessagesOf(messages: ReadonlyArray<InstanceType<typeof Message>>) {
  return messages.map(toChatMessage)
}

export interface InboxEntry {
  id: string
  /** The seq of the message the preview shows: a repeated activity event is not news. */
  lastMessageSeq: number
  kind: string
  otherName: string
  /** The registered name, when an English page leads with the trade name; else null. */
  otherLegalName: string | null
  /** The other organisation's logo (its 128 px variant), or null: the page shows initials. */
  otherLogoUrl: string | null
  lastMessageAt: string | null
  lastMessagePreview: string | null
  unread: number
}

/**
 * The actor's organisation's conversations, most recent first, with this user's unread counts.
 * English pages name the other side by its trade name (the organisation's, else its supplier
 * profile's: a point read by _id), as the conversation page does.
 */
export async function inboxFor(actor: Actor, locale: Locale = 'vi'): Promise<InboxEntry[]> {
  const organizationId = actor.organization._id
  // Decision 010: the organisation's inbox index names its recent conversations, each read by
  // `_id`; until the index has been backfilled, the record (a scan on the embedded database).
  const snapshot = await inboxSnapshot(organizationId, actor.user._id)
  const conversations = snapshot
    ? (
        await Promise.all(
          snapshot.recent.map((entry) => Conversation.findById(entry.conversation).lean()),
        )
      ).filter(
        (conversation): conversation is NonNullable<typeof conversation> =>
          conversation !== null && isParticipant(conversation, organizationId),
      )
    : await conversationsOf(organizationId, 100).lean()
  const otherIds = conversations.map(
    (conversation) =>
      conversation.organizations.find((id) => !id.equals(organizationId)) ?? organizationId,
  )
  const distinctOtherIds = [...new Map(otherIds.map((id) => [String(id), id])).values()]
  const [found, unread] = await Promise.all([
    Promise.all(
      distinctOtherIds.map((id) =>
        Organization.findById(id).select('name tradeName kind logo status').lean(),
      ),
    ),
    snapshot
      ? unreadFromSnapshot(actor.user._id, snapshot.readSeqs, conversations)
      : unreadCounts(
          actor.user._id,
          conversations.map(({ _id, lastMessageSeq }) => ({ _id, lastMessageSeq })),
        ),
  ])
  const organizations = found.filter(
    (organization): organization is NonNullable<typeof organization> => organization !== null,
  )
  const tradeNames = new Map(
    locale === 'en'
      ? await Promise.all(
          organizations.map(
            async (organization) =>
              [
                String(organization._id),
                organization.tradeName ||
                  (organization.kind === 'supplier'
                    ? (await supplierProfileOf(organization._id))?.tradeName
                    : '') ||
                  '',
              ] as const,
          ),
        )
      : [],
  )
  const names = new Map(
    organizations.map((organization) => [String(organization._id), organization.name]),
  )
  const logos = await logoKeysOf(organizations)
  return conversations.map((conversation, index) => ({
    id: conversation._id.toHexString(),
    lastMessageSeq: conversation.lastMessageSeq ?? 0,
    kind: conversation.context?.kind ?? 'profile-inquiry',
    otherName: tradeNames.get(String(otherIds[index])) || names.get(String(otherIds[index])) || '—',
    otherLegalName: tradeNames.get(String(otherIds[index]))
      ? (names.get(String(otherIds[index])) ?? null)
      : null,
    otherLogoUrl: logoUrl(logos.get(String(otherIds[index]))?.small),
    lastMessageAt: conversation.lastMessageAt?.toISOString() ?? null,
    lastMessagePreview: conversation.lastMessagePreview ?? null,
    unread: unread.get(conversation._id.toHexString()) ?? 0,
  }))
}

function logoUrl(storageKey: string | undefined): string | null {
  return storageKey ? `/files/${storageKey}` : null
}

/** Unread messages across the user's recent conversations, for the header badge. */
export function unreadTotal(actor: Actor): Promise<number> {
  return unreadBadgeTotal(actor.organization._id, actor.user._id)
}
