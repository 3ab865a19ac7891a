import { Types } from 'mongoose'
import { Conversation, isParticipant, type ChatMember } from '#models/chat/conversation.ts'
import { forbidden, requireActor, type Actor } from './permissions.server.ts'

/** The chat member an actor is: themselves, in their organisation. */
export function chatMemberOf(actor: Actor): ChatMember {
  return { userId: actor.user._id, organizationId: actor.organization._id }
}

/**
 * For the /messages loaders and actions: the signed-in actor and a conversation their
 * organisation takes part in. Not signed in: redirect to sign-in; no such conversation: 404;
 * somebody else's conversation: 403 (the same rule the socket events apply).
 */
export async function requireConversationAccess(request: Request, conversationId: string) {
  const actor = await requireActor(request)
  if (!/^[0-9a-f]{24}$/.test(conversationId)) throw notFound()
  const conversation = await Conversation.findById(new Types.ObjectId(conversationId))
  if (!conversation) throw notFound()
  if (!isParticipant(conversation, actor.organization._id)) forbidden()
  return { actor, member: chatMemberOf(actor), conversation }
}

function notFound() {
  return new Response('Not Found', { status: 404 })
}
