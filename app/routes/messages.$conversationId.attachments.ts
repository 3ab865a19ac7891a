import type { ActionFunctionArgs } from '@remix-run/node'
import type { TranslationKey } from '#models/i18n/index.ts'
import {
  attachmentView,
  readChatForm,
  requireConversationMember,
  saveChatAttachment,
} from '#app/utils/chat-pages.server.ts'

/**
 * Uploads one chat attachment (JSON answer), for the page with JavaScript: the file is stored
 * and checked like every upload, then a message sent over the socket references its id.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requireConversationMember(request, params.conversationId ?? '')
  const form = await readChatForm(request)
  const upload = form.get('attachment')
  if (!(upload instanceof File) || upload.size === 0) return refuse('upload.empty')
  if (!(await context.realtime.takeMessageToken(actor.userId))) {
    return Response.json({ ok: false, error: 'chat.error.rateLimited' }, { status: 429 })
  }
  const saved = await saveChatAttachment(context.services.files, actor, upload)
  if (!saved.ok) return refuse(saved.error)
  return Response.json({ ok: true, attachment: attachmentView(saved.file) })
}

function refuse(error: TranslationKey) {
  return Response.json({ ok: false, error }, { status: 400 })
}
