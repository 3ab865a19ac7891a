import { Schema, type Types } from 'mongoose'
import { defineModel } from '../define-model.ts'

const auditLogSchema = new Schema({
  at: { type: Date, required: true, index: true },
  /** The staff user, or null for the command line. */
  actor: { type: Schema.Types.ObjectId, ref: 'User' },
  actorLabel: { type: String, required: true },
  action: { type: String, required: true },
  targetType: { type: String, required: true },
  targetId: { type: String, required: true },
  before: Schema.Types.Mixed,
  after: Schema.Types.Mixed,
  ip: String,
})

export const AuditLog = defineModel('AuditLog', auditLogSchema)

export async function recordAudit(entry: {
  actor?: Types.ObjectId
  actorLabel: string
  action: string
  targetType: string
  targetId: string
  before?: unknown
  after?: unknown
  ip?: string
}): Promise<void> {
  await AuditLog.create({ ...entry, at: new Date() })
}

/** The newest entries first, for the staff audit page. */
export async function recentAuditEntries(limit = 200) {
  const entries = await AuditLog.find().sort({ at: -1 }).limit(limit).lean()
  return entries.map((entry) => ({
    id: entry._id.toHexString(),
    at: entry.at,
    actorLabel: entry.actorLabel,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before as unknown,
    after: entry.after as unknown,
  }))
}
