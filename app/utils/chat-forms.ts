import { z } from 'zod'
import type { TranslationKey } from '#models/i18n/index.ts'
import {
  clientIdField,
  inquiryField,
  messageBodyField,
  type Inquiry,
} from '#models/chat/chat-schemas.ts'

/**
 * The chat forms that work without JavaScript (browser-safe, shared by the page and its action).
 * The clientId is a hidden field made when the page was rendered, so a form submitted twice is
 * stored once.
 */
const message = (key: TranslationKey) => ({ message: key })

export const messageFormSchema = z.object({
  clientId: clientIdField,
  body: messageBodyField,
})

export const contactFormSchema = messageFormSchema
  .extend({
    product: inquiryField.shape.product.optional(),
    quantity: z.string().trim().max(100, message('chat.error.invalid')).optional(),
    targetDate: z.iso.date(message('chat.error.invalid')).optional(),
  })
  .refine((form) => form.product || (!form.quantity && !form.targetDate), {
    ...message('chat.inquiry.productRequired'),
    path: ['product'],
  })

/** The structured inquiry of a contact form: only when a product was named. */
export function inquiryOf(form: z.output<typeof contactFormSchema>): Inquiry | undefined {
  if (!form.product) return undefined
  return {
    product: form.product,
    ...(form.quantity ? { quantity: form.quantity } : {}),
    ...(form.targetDate ? { targetDate: form.targetDate } : {}),
  }
}

/** A v4 UUID, also outside secure contexts (plain http), where crypto.randomUUID is missing. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
