import { Schema } from 'mongoose'
import { defineModel } from '../define-model.ts'

/**
 * The unread-messages e-mail a user got for a conversation, up to which message. The unique
 * (user, conversation, seq) index is the claim: when several app nodes run the notice worker at
 * the same moment, one insert goes through and only that node sends the mail (FerretDB 1.24 has
 * no atomic find-and-modify; a unique insert is refused for every caller but one).
 */
const chatNoticeSchema = new Schema({
  user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
  /** The newest unread message the notice covered; later ones may lead to the next notice. */
  seq: { type: Number, required: true },
  createdAt: { type: Date, required: true },
})
chatNoticeSchema.index({ user: 1, conversation: 1, seq: 1 }, { unique: true })
chatNoticeSchema.index({ conversation: 1 })

export const ChatNotice = defineModel('ChatNotice', chatNoticeSchema)
