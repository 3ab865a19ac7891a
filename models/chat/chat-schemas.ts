import { z } from 'zod'
import type { TranslationKey } from '#models/i18n/index.ts'
import { cleanMultiline, hasVisibleText } from '../text-safety.ts'

/**
 * Chat payload rules, browser-safe: the socket events and the future no-JavaScript form posts
 * are checked by the same schemas. Messages are translation keys.
 */
const message = (key: TranslationKey) => ({ message: key })

export const MESSAGE_BODY_MAX_LENGTH = 4000
export const MESSAGE_ATTACHMENTS_MAX = 10
export const MESSAGE_PREVIEW_LENGTH = 140
/** The most messages one sync or history page returns. */
export const MESSAGE_PAGE_MAX = 200

export const conversationKinds = ['profile-inquiry', 'rfq', 'event-meeting'] as const
export type ConversationKind = (typeof conversationKinds)[number]

export const objectIdField = z
  .string(message('chat.error.invalid'))
  .regex(/^[0-9a-f]{24}$/, message('chat.error.invalid'))

/** NFC, no controls or bidi overrides, and not only invisible characters (text-safety.ts). */
export const messageBodyField = z
  .string(message('chat.error.bodyEmpty'))
  .overwrite(cleanMultiline)
  .trim()
  .min(1, message('chat.error.bodyEmpty'))
  .max(MESSAGE_BODY_MAX_LENGTH, message('chat.error.bodyTooLong'))
  .refine(hasVisibleText, message('chat.error.bodyEmpty'))

/** Made by the client for each message and reused on every retry of it. */
export const clientIdField = z.uuid(message('chat.error.clientId'))

/** The structured inquiry the first message of a conversation may carry. */
export const inquiryField = z.object({
  product: z
    .string(message('chat.error.invalid'))
    .trim()
    .min(1, message('chat.error.invalid'))
    .max(200, message('chat.error.invalid')),
  quantity: z.string(message('chat.error.invalid')).trim().max(100).optional(),
  /** A calendar date, YYYY-MM-DD. */
  targetDate: z.iso.date(message('chat.error.invalid')).optional(),
})
export type Inquiry = z.infer<typeof inquiryField>

export const conversationContextField = z.object({
  kind: z.enum(conversationKinds, message('chat.error.invalid')),
  /** The RFQ or event meeting the conversation is about; none for a profile inquiry. */
  refId: objectIdField.optional(),
})
export type ConversationContext = z.infer<typeof conversationContextField>

export const conversationRefPayload = z.object({ conversationId: objectIdField })

export const messageSendPayload = z.object({
  conversationId: objectIdField,
  clientId: clientIdField,
  body: messageBodyField,
  attachmentIds: z
    .array(objectIdField, message('chat.error.invalid'))
    .max(MESSAGE_ATTACHMENTS_MAX, message('chat.error.attachmentInvalid'))
    .optional(),
  inquiry: inquiryField.optional(),
})

export const messageSyncPayload = z.object({
  conversationId: objectIdField,
  /** The last message the client has without a gap; everything after it comes back. */
  afterMessageId: objectIdField.optional(),
  limit: z.int(message('chat.error.invalid')).min(1).max(MESSAGE_PAGE_MAX).optional(),
})

export const messageReadPayload = z.object({
  conversationId: objectIdField,
  messageId: objectIdField,
})
