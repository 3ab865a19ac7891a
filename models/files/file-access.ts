import type { Types } from 'mongoose'
import { Organization } from '../accounts/organization.ts'
import { Conversation } from '../chat/conversation.ts'
import { Message } from '../chat/message.ts'
import { maintenanceDone } from '../maintenance-marker.ts'
import { FILE_CONVERSATIONS_MARKER, LEGACY_FILE_KEYS_MARKER, LegacyFileKey } from './file-keys.ts'
import {
  STORAGE_KEY_PATTERN,
  StoredFile,
  storageKeysOf,
  storedFileIdOfKey,
  type StoredFileKeys,
} from './stored-file.ts'

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
  const file = await storedFileOfKey(key)
  if (!file) return null
  const owner = await Organization.findById(file.organization).select('status').lean()
  const isOwner = viewer?.organizationId.equals(file.organization) ?? false
  // Sourcing drawings are under the buyer's NDA: only through the request's gated route
  // (/sourcing/:id/files/:fileId), or to the organisation that uploaded them; not to staff.
  const isStaff = (viewer?.isStaff ?? false) && file.purpose !== 'sourcing-attachment'
  const isPublic = PUBLIC_PURPOSES.has(file.purpose) && owner?.status === 'active'
  const isChatParticipant =
    !isPublic && !isOwner && !isStaff && viewer && file.purpose === 'chat-attachment'
      ? await sharedInConversationWith(file, viewer.organizationId)
      : false
  if (!isPublic && !isOwner && !isStaff && !isChatParticipant) return null
  return { originalName: file.originalName, isPublic }
}

/**
 * The stored file one of whose keys this is, by point reads (decision 010): by the id the key
 * is named after, else (files stored before) through its key document once those are written,
 * else by the record (a scan, until the start-up backfill has finished).
 */
async function storedFileOfKey(key: string) {
  const holds = (file: StoredFileKeys) => storageKeysOf(file).includes(key)
  const derived = await StoredFile.findById(storedFileIdOfKey(key))
  if (derived && holds(derived)) return derived
  if (!(await maintenanceDone(LEGACY_FILE_KEYS_MARKER))) {
    return StoredFile.findOne({ $or: [{ storageKey: key }, { 'variants.storageKey': key }] })
  }
  const legacy = await LegacyFileKey.findById(key).lean()
  if (!legacy) return null
  const file = await StoredFile.findById(legacy.file)
  return file && holds(file) ? file : null
}

/** Whether a message carrying the file was sent in a conversation the organisation is in. */
async function sharedInConversationWith(
  file: { _id: Types.ObjectId; sentIn?: Types.ObjectId[] | null },
  organizationId: Types.ObjectId,
): Promise<boolean> {
  let conversationIds: unknown[] | null | undefined = file.sentIn
  if (!conversationIds?.length && !(await maintenanceDone(FILE_CONVERSATIONS_MARKER))) {
    // Sent before `sentIn` was recorded, and not backfilled yet: ask the messages (a scan).
    conversationIds = await Message.distinct('conversation', { attachments: file._id })
  }
  if (!conversationIds?.length) return false
  const conversations = await Promise.all(
    conversationIds.map((id) => Conversation.findById(id, { organizations: 1 }).lean()),
  )
  return conversations.some((conversation) =>
    conversation?.organizations.some((member) => organizationId.equals(member)),
  )
}
