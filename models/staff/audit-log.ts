import { Schema, type Types } from 'mongoose'
import { inLane } from '../chat/chat-lanes.ts'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'

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

/**
 * The order of the log, for the staff audit page (decision 010): every entry also takes the
 * next number in a sequence of small slot documents (`_id` = 1, 2, 3, … → the entry's id), and
 * a head document remembers the highest number taken. The newest 200 entries are then 200 slot
 * reads and 200 entry reads, all by `_id`, where `find().sort({ at: -1 }).limit(200)` reads the
 * whole log on FerretDB. A number is taken by a unique insert (the next free one after the
 * head; two nodes cannot take the same), the head moves with `$max`, and a reader steps past a
 * head left behind by a crash. Until 200 entries have numbers, the page reads the log as before.
 */
const auditSlotSchema = new Schema(
  {
    _id: { type: Number, required: true },
    entry: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false },
)
export const AuditLogSlot = defineModel('AuditLogSlot', auditSlotSchema)
const auditHeadSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
  },
  { versionKey: false },
)
export const AuditLogHead = defineModel('AuditLogHead', auditHeadSchema)
const HEAD = 'head'

/** The highest slot number taken: the head, then past it while the next slot exists. */
async function lastSlot(): Promise<number> {
  let seq = (await AuditLogHead.findById(HEAD).lean())?.seq ?? 0
  while (await AuditLogSlot.exists({ _id: seq + 1 })) seq += 1
  return seq
}

/** Takes the next free number for the entry: a unique insert after the head, then `$max`. */
async function numberEntry(entryId: Types.ObjectId): Promise<void> {
  let seq = (await AuditLogHead.findById(HEAD).lean())?.seq ?? 0
  for (;;) {
    seq += 1
    try {
      await AuditLogSlot.create({ _id: seq, entry: entryId })
      break
    } catch (error) {
      // Taken by another node (or a head left behind by a crash): the next one.
      if (!isDuplicateKeyServerError(error)) throw error
    }
  }
  await AuditLogHead.updateOne({ _id: HEAD }, { $max: { seq } }, { upsert: true })
}

/**
 * Records an entry. With an `_id` (an idempotency key, e.g. a webhook's), an entry already
 * recorded under it is left alone and `false` returned.
 */
export function recordAudit(entry: {
  _id?: Types.ObjectId
  actor?: Types.ObjectId
  actorLabel: string
  action: string
  targetType: string
  targetId: string
  before?: unknown
  after?: unknown
  ip?: string
}): Promise<boolean> {
  // One entry at a time per process, its time taken in turn: numbers follow the times, and
  // concurrent entries do not race each other for a number.
  return inLane('audit-log', async () => {
    let created
    try {
      created = await AuditLog.create({ ...entry, at: new Date() })
    } catch (error) {
      if (entry._id && isDuplicateKeyServerError(error)) return false
      throw error
    }
    await numberEntry(created._id)
    return true
  })
}

type AuditEntryRecord = {
  _id: Types.ObjectId
  at: Date
  actorLabel: string
  action: string
  targetType: string
  targetId: string
  before?: unknown
  after?: unknown
}

/** The newest entries first, for the staff audit page (point reads; see AuditLogSlot). */
export async function recentAuditEntries(limit = 200) {
  const last = await lastSlot()
  let entries: AuditEntryRecord[]
  if (last < limit) {
    // Fewer numbered entries than a page: the log may hold older, unnumbered ones (a scan).
    entries = await AuditLog.find().sort({ at: -1 }).limit(limit).lean<AuditEntryRecord[]>()
  } else {
    const numbers = Array.from({ length: limit }, (_, k) => last - k)
    const slots = await Promise.all(numbers.map((seq) => AuditLogSlot.findById(seq).lean()))
    const found = await Promise.all(
      slots.map((slot) => (slot ? AuditLog.findById(slot.entry).lean<AuditEntryRecord>() : null)),
    )
    entries = found.filter((entry): entry is AuditEntryRecord => entry !== null)
  }
  return entries.map((entry) => ({
    id: entry._id.toHexString(),
    at: entry.at,
    actorLabel: entry.actorLabel,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before,
    after: entry.after,
  }))
}
