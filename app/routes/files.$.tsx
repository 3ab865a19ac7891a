import type { LoaderFunctionArgs } from '@remix-run/node'
import { Readable } from 'node:stream'
import type { Types } from 'mongoose'
import { getActor, hasStaffRole } from '#app/utils/permissions.server.ts'
import { Conversation } from '#models/chat/conversation.ts'
import { Message } from '#models/chat/message.ts'
import { Organization } from '#models/accounts/organization.ts'
import { STORAGE_KEY_PATTERN, StoredFile } from '#models/files/stored-file.ts'

const PUBLIC_PURPOSES = new Set(['photo', 'product-image', 'catalogue', 'logo'])

/**
 * Serves an uploaded file by its generated key. Profile media of an active supplier is public;
 * certificate evidence and chat attachments only to the owning organisation and staff, and a
 * chat attachment also to the members of a conversation whose message references it.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const key = params['*'] ?? ''
  if (!STORAGE_KEY_PATTERN.test(key)) throw new Response('Not Found', { status: 404 })
  const file = await StoredFile.findOne({
    $or: [{ storageKey: key }, { 'variants.storageKey': key }],
  })
  if (!file) throw new Response('Not Found', { status: 404 })
  const owner = await Organization.findById(file.organization)
  const actor = await getActor(request)
  const isOwner = actor?.organization._id.equals(file.organization) ?? false
  const isStaff = actor ? hasStaffRole(actor) : false
  const isPublic = PUBLIC_PURPOSES.has(file.purpose) && owner?.status === 'active'
  const isChatParticipant =
    !isPublic && !isOwner && !isStaff && actor && file.purpose === 'chat-attachment'
      ? await sharedInConversationWith(file._id, actor.organization._id)
      : false
  if (!isPublic && !isOwner && !isStaff && !isChatParticipant) {
    throw new Response('Not Found', { status: 404 })
  }
  const opened = await context.services.files.open(key)
  if (!opened) throw new Response('Not Found', { status: 404 })
  const isPdf = opened.mimeType === 'application/pdf'
  return new Response(Readable.toWeb(opened.stream) as ReadableStream, {
    headers: {
      'Content-Type': opened.mimeType,
      'Content-Length': String(opened.size),
      // X-Content-Type-Options: nosniff comes from the server's security headers on every answer.
      // Keys are never reused: a file's bytes never change.
      'Cache-Control': isPublic ? 'public, max-age=31536000, immutable' : 'private, max-age=3600',
      // PDFs download rather than render inside our origin, and run nothing if opened.
      'Content-Disposition': isPdf
        ? `attachment; filename="file.pdf"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`
        : 'inline',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  })
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
