import { Schema } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { allowanceWait, takeAllowance } from './mail-throttle.ts'

/**
 * Failed two-step codes, counted per user. After SLOW_AFTER failures in the window each attempt
 * is slowed; after LOCK_AFTER the key is locked for LOCK_MS. Kept in the database so all app
 * nodes share it. (Passwords: the sign-in limits at the end of this file.)
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

/**
 * Sign-in limits (issue 11, finding 3), after OWASP's advice against lockout denial of service.
 * Failures are counted in exact sliding windows (`takeAllowance`, derived `_id`s, no `$inc`):
 * - from a browser with a device cookie of the account: per device; 10 in 15 minutes lock that
 *   device only;
 * - from anywhere else: per account and address pair (5 in 15 minutes lock that pair), and per
 *   account for all untrusted browsers together (20 in 15 minutes lock untrusted browsers out,
 *   never one with a device cookie of the account);
 * - per address: never a lock; after 10 failures in 15 minutes every attempt is slowed down.
 */
export const SIGN_IN_LIMITS: Record<
  'device' | 'pair' | 'untrusted' | 'address',
  ReadonlyArray<{ max: number; windowMs: number }>
> = {
  device: [{ max: 10, windowMs: THROTTLE_WINDOW_MS }],
  pair: [{ max: 5, windowMs: THROTTLE_WINDOW_MS }],
  untrusted: [{ max: 20, windowMs: THROTTLE_WINDOW_MS }],
  address: [{ max: 10, windowMs: THROTTLE_WINDOW_MS }],
}
export const SLOW_DOWN_MS = 1_500

export type SignInSource = { device: string } | { email: string; address: string }

const signInKeys = (
  source: SignInSource,
): Array<{ key: string; limits: (typeof SIGN_IN_LIMITS)['device'] }> =>
  'device' in source
    ? [{ key: `signin:device:${source.device}`, limits: SIGN_IN_LIMITS.device }]
    : [
        { key: `signin:pair:${source.email}\0${source.address}`, limits: SIGN_IN_LIMITS.pair },
        { key: `signin:untrusted:${source.email}`, limits: SIGN_IN_LIMITS.untrusted },
      ]

/** Whether an attempt from this source is refused before the password is even checked. */
export async function signInLocked(source: SignInSource): Promise<boolean> {
  const waits = await Promise.all(
    signInKeys(source).map(({ key, limits }) => allowanceWait(key, limits)),
  )
  return waits.some((wait) => wait > 0)
}

/** How long to hold an answer back for this address (0: not at all). */
export async function signInDelay(address: string): Promise<number> {
  return (await allowanceWait(`signin:address:${address}`, SIGN_IN_LIMITS.address)) > 0
    ? SLOW_DOWN_MS
    : 0
}

export async function recordSignInFailure(source: SignInSource, address: string): Promise<void> {
  const keys = signInKeys(source)
  if (!('device' in source))
    keys.push({ key: `signin:address:${address}`, limits: SIGN_IN_LIMITS.address })
  // A take past the limit is refused, which is all a lock needs: nothing more to record.
  for (const { key, limits } of keys) await takeAllowance(key, limits)
}
