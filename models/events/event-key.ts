import { Schema } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'

/**
 * Small key documents whose `_id` is the key: a unique insert is the one atomic write FerretDB
 * 1.24 offers (decision 002). Used for the per-event lock, meeting cells
 * (`cell:${eventId}:${slot}:${table}`), a party's slot (`party:${eventId}:${slot}:${org}`) and
 * check-ins.
 */
const eventKeySchema = new Schema({
  _id: { type: String, required: true },
  at: { type: Date, required: true },
  ref: String,
})

export const EventKey = defineModel('EventKey', eventKeySchema)

/** Inserts the key; false when it is already taken. */
export async function claimKey(key: string, ref?: string): Promise<boolean> {
  try {
    await EventKey.create({ _id: key, at: new Date(), ref })
    return true
  } catch (error) {
    if (isDuplicateKeyServerError(error)) return false
    throw error
  }
}

export async function releaseKey(key: string): Promise<void> {
  await EventKey.deleteOne({ _id: key })
}

const LOCK_STALE_MS = 15_000
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `work` while holding the event's lock (a key document), so that the read-modify-write
 * of the event's index (capacity, waitlist order, caps, the schedule) is not interleaved with
 * another one. A lock left by a crashed process is taken over after 15 s.
 */
export async function withEventLock<T>(eventId: string, work: () => Promise<T>): Promise<T> {
  const key = `lock:${eventId}`
  for (let attempt = 0; ; attempt++) {
    if (await claimKey(key)) break
    const held = await EventKey.findById(key).lean()
    if (held && Date.now() - held.at.getTime() > LOCK_STALE_MS) {
      await EventKey.deleteOne({ _id: key, at: held.at })
      continue
    }
    if (attempt > 400) throw new Error(`event ${eventId} stayed locked`)
    await sleep(10 + Math.random() * 20)
  }
  try {
    return await work()
  } finally {
    await releaseKey(key)
  }
}
