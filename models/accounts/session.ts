import crypto from 'node:crypto'
import { Schema, Types } from 'mongoose'
import { defineModel } from '../define-model.ts'

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000
const TOUCH_INTERVAL_MS = 5 * 60 * 1000

const sessionSchema = new Schema({
  /** SHA-256 of the cookie value: a copy of the database does not hand out live sessions. */
  idHash: { type: String, required: true, unique: true },
  user: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
  createdAt: { type: Date, required: true },
  lastSeenAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true, index: true },
  /** False until the second factor is given, for accounts that use TOTP (all staff). */
  secondFactorDone: { type: Boolean, required: true },
  userAgent: { type: String, maxlength: 300 },
  ip: { type: String, maxlength: 64 },
})

export const Session = defineModel('Session', sessionSchema)

export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex')
}

/**
 * A session's `_id` is derived from the hash of its cookie value (its first 96 bits), so the
 * lookup on every signed-in request is a point read by `_id`: the only filter the embedded
 * database (FerretDB on SQLite) answers without reading the whole collection. The full hash is
 * still compared after the read.
 */
export function sessionObjectId(idHash: string): Types.ObjectId {
  return new Types.ObjectId(idHash.slice(0, 24))
}

export async function createSession(input: {
  userId: Types.ObjectId
  secondFactorDone: boolean
  userAgent?: string | null
  ip?: string | null
}): Promise<{ sessionId: string; expiresAt: Date }> {
  const sessionId = crypto.randomBytes(32).toString('base64url')
  const now = new Date()
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS)
  const idHash = hashSecret(sessionId)
  await Session.create({
    _id: sessionObjectId(idHash),
    idHash,
    user: input.userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    secondFactorDone: input.secondFactorDone,
    userAgent: input.userAgent?.slice(0, 300),
    ip: input.ip?.slice(0, 64),
  })
  return { sessionId, expiresAt }
}

/** The live session for a cookie value, or null. Expiry is checked here (no TTL indexes). */
export async function findLiveSession(sessionId: string) {
  if (!sessionId || sessionId.length > 100) return null
  const idHash = hashSecret(sessionId)
  const session = await Session.findById(sessionObjectId(idHash))
  if (!session || session.idHash !== idHash) return null
  const now = Date.now()
  if (session.expiresAt.getTime() <= now) {
    await Session.deleteOne({ _id: session._id })
    return null
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await Session.updateOne({ _id: session._id }, { $set: { lastSeenAt: new Date(now) } })
  }
  return session
}

/** Marks the session signed in in full, once the second factor (TOTP) is given. */
export async function markSecondFactorDone(sessionIdHash: string) {
  await Session.updateOne(
    { _id: sessionObjectId(sessionIdHash) },
    { $set: { secondFactorDone: true } },
  )
}

/** Ends the session whose cookie value is given (sign-out, or the old cookie at sign-in). */
export async function deleteSessionByCookie(sessionId: string) {
  if (!sessionId || sessionId.length > 100) return
  await Session.deleteOne({ _id: sessionObjectId(hashSecret(sessionId)) })
}

/** The user's unexpired sessions, most recently used first (the security page's device list). */
export async function liveSessionsOf(userId: Types.ObjectId) {
  return Session.find({
    user: userId,
    expiresAt: { $gt: new Date() },
  }).sort({ lastSeenAt: -1 })
}
