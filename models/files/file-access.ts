import type { Types } from 'mongoose'
import { Organization } from '../accounts/organization.ts'
import { Conversation } from '../chat/conversation.ts'
import { Message } from '../chat/message.ts'
import { STORAGE_KEY_PATTERN, StoredFile } from './stored-file.ts'

const PUBLIC_PURPOSES = new Set(['photo', 'product-image', 'catalogue', 'logo'])

export interface FileViewer {
  organizationId: Types.ObjectId
  isStaff: boolean
}

/**
 * The stored file behind a generated key, when this viewer may see it (null otherwise, and for
 * unknown keys: the caller answers 404 either way). Profile media of an active supplier is
 * public; certificate evidence and chat attachments only to the owning organisation and
 * staff, and a chat attachment also to the members of a conversation whose message
 * references it.
 */
export async function fileForViewer(
  key: string,
  viewer: FileViewer | null,
): Promise<{ originalName: string; isPublic: boolean } | null> {
  if (!STORAGE_KEY_PATTERN.test(key)) return null
  const file = await StoredFile.findOne({
    $or: [{ storageKey: key }, { 'variants.storageKey': key }],
  })
  if (!file) return null
  const owner = await Organization.findById(file.organization).select('status').lean()
  const isOwner = viewer?.organizationId.equals(file.organization) ?? false
  // Sourcing drawings are under the buyer's NDA: only through the request's gated route
  // (/sourcing/:id/files/:fileId), or to the organisation that uploaded them; not to staff.
  const isStaff = (viewer?.isStaff ?? false) && file.purpose !== 'sourcing-attachment'
  const isPublic = PUBLIC_PURPOSES.has(file.purpose) && owner?.status === 'active'
  const isChatParticipant =
    !isPublic && !isOwner && !isStaff && viewer && file.purpose === 'chat-attachment'
      ? await sharedInConversationWith(file._id, viewer.organizationId)
      : false
  if (!isPublic && !isOwner && !isStaff && !isChatParticipant) return null
  return { originalName: file.originalName, isPublic }
}

/** Whether a message referencing the file was sent in a conversation the organisation is in. */
async function sharedInConversationWith(
  fileId: Types.ObjectId,
  organizationId: Types.ObjectId,
): Promise<boolean> {
  const conversationIds = await Message.distinct('conversation', { attachments: fileId })
  if (conversationIds.length === 0) return false
  return Boolean(
    await Conversation.exists({ _id: { $in: conversationIds }, organizations: organizationId }),
  )
}
