import { Schema } from 'mongoose'
import { defineModel } from '../define-model.ts'

/**
 * Failed sign-ins, counted per account (e-mail, whether or not it exists) and per client
 * address. After SLOW_AFTER failures in the window each attempt is slowed; after LOCK_AFTER the
 * key is locked for LOCK_MS. Kept in the database so all app nodes share it.
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000
export const SLOW_AFTER = 3
export const LOCK_AFTER = { account: 8, address: 30 } as const
export const LOCK_MS = 15 * 60 * 1000

const loginThrottleSchema = new Schema({
  key: { type: String, required: true, unique: true },
  failures: { type: Number, required: true },
  windowStartedAt: { type: Date, required: true },
  lockedUntil: Date,
})

export const LoginThrottle = defineModel('LoginThrottle', loginThrottleSchema)

export type ThrottleKind = keyof typeof LOCK_AFTER

export function throttleKey(kind: ThrottleKind, value: string): string {
  return `${kind}:${value}`
}

export interface ThrottleState {
  locked: boolean
  /** How long to hold the answer back, growing with each failure past SLOW_AFTER. */
  delayMs: number
}

export async function throttleState(keys: string[], now = new Date()): Promise<ThrottleState> {
  const entries = await LoginThrottle.find({ key: { $in: keys } })
  let locked = false
  let failures = 0
  for (const entry of entries) {
    if (entry.lockedUntil && entry.lockedUntil > now) locked = true
    if (now.getTime() - entry.windowStartedAt.getTime() < THROTTLE_WINDOW_MS) {
      failures = Math.max(failures, entry.failures)
    }
  }
  const delayMs =
    failures > SLOW_AFTER ? Math.min(3_000, 250 * 2 ** (failures - SLOW_AFTER - 1)) : 0
  return { locked, delayMs }
}

export async function recordFailure(
  kind: ThrottleKind,
  value: string,
  now = new Date(),
): Promise<void> {
  const key = throttleKey(kind, value)
  const existing = await LoginThrottle.findOne({ key })
  if (!existing || now.getTime() - existing.windowStartedAt.getTime() >= THROTTLE_WINDOW_MS) {
    await LoginThrottle.updateOne(
      { key },
      { $set: { failures: 1, windowStartedAt: now, lockedUntil: existing?.lockedUntil } },
      { upsert: true },
    )
    return
  }
  const updated = await LoginThrottle.findOneAndUpdate(
    { key },
    { $inc: { failures: 1 } },
    { returnDocument: 'after' },
  )
  if (updated && updated.failures >= LOCK_AFTER[kind]) {
    await LoginThrottle.updateOne(
      { key },
      {
        $set: { lockedUntil: new Date(now.getTime() + LOCK_MS), failures: 0, windowStartedAt: now },
      },
    )
  }
}

export async function clearFailures(kind: ThrottleKind, value: string): Promise<void> {
  await LoginThrottle.deleteOne({
    key: throttleKey(kind, value),
    $or: [{ lockedUntil: null }, { lockedUntil: { $lte: new Date() } }],
  })
}
