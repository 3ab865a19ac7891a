import { createHash } from 'node:crypto'
import { Schema, Types } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import type { TokenPurpose } from './token.ts'
import { normalizeEmail } from './user.ts'

/**
 * Limits on the e-mails that anyone can make the app send (password reset, verification,
 * change of address, invitations), so that it cannot be used to flood a mailbox:
 *
 * - per recipient address and purpose: at most 3 mails in any 15 minutes (a person who lost
 *   the first mail can ask twice more) and 10 in any 24 hours (a slow, steady flood stops too);
 * - per requester (the user when signed in, otherwise the client's IP address), across
 *   purposes: at most 20 in any hour, so one client cannot spread a flood over many addresses.
 *
 * The requester is counted first: a request it lets through counts against it even when the
 * recipient's limit then refuses the mail, so probing many limited addresses costs the client.
 * Kept in the database so that all app nodes share the counts.
 */
export const MAIL_LIMITS = {
  recipient: [
    { max: 3, windowMs: 15 * 60 * 1000 },
    { max: 10, windowMs: 24 * 60 * 60 * 1000 },
  ],
  requester: [{ max: 20, windowMs: 60 * 60 * 1000 }],
} as const satisfies Record<string, readonly MailLimit[]>

export interface MailLimit {
  max: number
  windowMs: number
}

export type MailPurpose = TokenPurpose

export type MailAllowance =
  | { allowed: true }
  | { allowed: false; limitedBy: 'recipient' | 'requester'; retryAfterSeconds: number }

/**
 * Each key (recipient and purpose, or requester) has a log of numbered entries, one per mail
 * allowed, and a head that remembers the next number. Entry n may be taken only if entry
 * n - max of every limit is older than that limit's window: a sliding window, exact.
 *
 * Why not a counter: on FerretDB 1.24 `$inc` loses updates under concurrency and updates are a
 * read followed by a write (docs/decisions/002-ferretdb.md). Here the one atomic step is the
 * insert of an entry with an `_id` derived from (key, n): of concurrent takers of number n the
 * primary key lets one through, the others move on to n + 1 and check the limits again. Every
 * lookup is by `_id`, the only filter FerretDB answers from an index (007-chat-writes.md).
 * Documents carry `expiresAt`; `purgeExpired` (models/maintenance.ts) removes them.
 */
const mailThrottleSchema = new Schema(
  {
    /** Entries: when the mail was allowed. */
    at: Date,
    /** Head: the number the next entry will probably get (a hint; entries are the truth). */
    next: Number,
    /** When nothing in this document counts any more: after the key's longest window. */
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
)

export const MailThrottle = defineModel('MailThrottle', mailThrottleSchema)

/** 96 bits of SHA-256: keys are never stored, so the addresses are not kept in clear. */
function documentId(key: string, part: string): Types.ObjectId {
  const digest = createHash('sha256').update(`${key}\0${part}`).digest()
  return new Types.ObjectId(digest.subarray(0, 12))
}

const headId = (key: string) => documentId(key, 'head')
const entryId = (key: string, seq: number) => documentId(key, `entry:${seq}`)

/** A head that lags (concurrent writes) costs one lookup per number; this bounds the walk. */
const MAX_STEPS = 500

/**
 * Takes one allowance from a key's log: `0` when taken, otherwise how many milliseconds to wait
 * until the oldest entry that blocks it leaves its window.
 */
async function takeFromLog(key: string, limits: readonly MailLimit[], now: Date): Promise<number> {
  if (limits.length === 0) return 0
  const keepMs = Math.max(...limits.map((limit) => limit.windowMs))
  const expiresAt = new Date(now.getTime() + keepMs)
  const head = await MailThrottle.findById(headId(key), { next: 1 }).lean()
  let seq = head?.next ?? 0
  for (let step = 0; step < MAX_STEPS; step++) {
    if (await MailThrottle.exists({ _id: entryId(key, seq) })) {
      seq++
      continue
    }
    const waitMs = await waitBeforeEntry(key, seq, limits, now)
    if (waitMs > 0) return waitMs
    try {
      await MailThrottle.create({ _id: entryId(key, seq), at: now, expiresAt })
    } catch (error) {
      // Another request took this number first: try the next one, limits checked again.
      if (isDuplicateKeyServerError(error)) {
        seq++
        continue
      }
      throw error
    }
    await advanceHead(key, seq + 1, expiresAt)
    return 0
  }
  throw new Error(`mail throttle: no free entry after ${MAX_STEPS} steps`)
}

async function waitBeforeEntry(
  key: string,
  seq: number,
  limits: readonly MailLimit[],
  now: Date,
): Promise<number> {
  const waits = await Promise.all(
    limits.map(async (limit) => {
      const blocking = seq - limit.max
      if (blocking < 0) return 0
      const entry = await MailThrottle.findById(entryId(key, blocking), { at: 1 }).lean()
      // Missing: purged, which happens only after the longest window has passed.
      if (!entry?.at) return 0
      return Math.max(0, entry.at.getTime() + limit.windowMs - now.getTime())
    }),
  )
  return Math.max(0, ...waits)
}

async function advanceHead(key: string, next: number, expiresAt: Date): Promise<void> {
  try {
    await MailThrottle.updateOne(
      { _id: headId(key) },
      { $max: { next, expiresAt } },
      { upsert: true },
    )
  } catch (error) {
    // Two first takes upserted the head at once; the other one's hint is as good as ours.
    if (!isDuplicateKeyServerError(error)) throw error
  }
}

/**
 * The same exact sliding window for any other limit (sign-ups, chat posts, new conversations):
 * `key` must carry its own prefix so it never meets a mail key. `0` when one is taken,
 * otherwise how many milliseconds until one frees up.
 */
export function takeAllowance(
  key: string,
  limits: readonly MailLimit[],
  now = new Date(),
): Promise<number> {
  return takeFromLog(key, limits, now)
}

/** How long until `key` may take one more (0: it may now), without taking it. */
export async function allowanceWait(
  key: string,
  limits: readonly MailLimit[],
  now = new Date(),
): Promise<number> {
  if (limits.length === 0) return 0
  const head = await MailThrottle.findById(headId(key), { next: 1 }).lean()
  let seq = head?.next ?? 0
  for (let step = 0; step < MAX_STEPS; step++) {
    if (!(await MailThrottle.exists({ _id: entryId(key, seq) }))) break
    seq++
  }
  return waitBeforeEntry(key, seq, limits, now)
}

export function recipientKey(purpose: MailPurpose, recipient: string): string {
  return `recipient:${purpose}:${normalizeEmail(recipient)}`
}

export function requesterKey(requester: string | Types.ObjectId): string {
  return `requester:${String(requester)}`
}

/**
 * Asks whether one more mail may be sent, and counts it if so. `requester` is the signed-in
 * user's id, or the client's IP address for anonymous requests. Call it right before sending;
 * an allowance that is taken is spent even if the caller then decides not to send.
 */
export async function takeMailAllowance(input: {
  purpose: MailPurpose
  recipient: string
  requester: string | Types.ObjectId
  now?: Date
}): Promise<MailAllowance> {
  const now = input.now ?? new Date()
  const requesterWait = await takeFromLog(requesterKey(input.requester), MAIL_LIMITS.requester, now)
  if (requesterWait > 0) return refused('requester', requesterWait)
  const recipientWait = await takeFromLog(
    recipientKey(input.purpose, input.recipient),
    MAIL_LIMITS.recipient,
    now,
  )
  if (recipientWait > 0) return refused('recipient', recipientWait)
  return { allowed: true }
}

function refused(limitedBy: 'recipient' | 'requester', waitMs: number): MailAllowance {
  return { allowed: false, limitedBy, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) }
}
