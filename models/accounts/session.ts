import crypto from 'node:crypto'
import { Schema, Types } from 'mongoose'
import { defineModel } from '../define-model.ts'
import {
  maintenanceDone,
  markMaintenanceDone,
  type BackfillOptions,
} from '../maintenance-marker.ts'
import { inLane } from '../chat/chat-lanes.ts'

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

/**
 * A key document per user listing the ids of their sessions (`_id` = the user's id), so the
 * security page's device list is point reads (decision 010): FerretDB on SQLite would read the
 * whole session collection for `{ user }`. Added to when a session is made (and again when a
 * session is touched, which heals an entry lost to two nodes writing the list at once), pruned
 * of sessions gone when read. Revocation does not depend on it: "sign out everywhere" deletes
 * by user. Built for sessions made before it by a one-off backfill at start-up; until then the
 * list is read from the record.
 */
const userSessionListSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    sessions: { type: [Schema.Types.ObjectId], default: [] },
  },
  { versionKey: false },
)
export const UserSessionList = defineModel('UserSessionList', userSessionListSchema)
export const USER_SESSION_LISTS_MARKER = 'user-session-lists'

function listSession(userId: Types.ObjectId, sessionId: Types.ObjectId): Promise<unknown> {
  return inLane(`session-list:${userId.toHexString()}`, () =>
    UserSessionList.updateOne(
      { _id: userId },
      { $addToSet: { sessions: sessionId } },
      { upsert: true },
    ),
  )
}

function unlistSessions(userId: Types.ObjectId, sessionIds: Types.ObjectId[]): Promise<unknown> {
  return inLane(`session-list:${userId.toHexString()}`, async () => {
    const list = await UserSessionList.findById(userId).lean()
    if (!list) return
    const kept = list.sessions.filter((id) => !sessionIds.some((gone) => gone.equals(id)))
    await UserSessionList.updateOne({ _id: userId }, { $set: { sessions: kept } })
  })
}

/** Lists every existing session in its user's list (one cursor), then records it is done. */
export async function backfillUserSessionLists(options: BackfillOptions = {}): Promise<number> {
  if (await maintenanceDone(USER_SESSION_LISTS_MARKER)) return 0
  options.signal?.throwIfAborted()
  options.onStart?.()
  let listed = 0
  for await (const session of Session.find({}, { user: 1 }).lean().cursor()) {
    // Stops between sessions on shutdown; $addToSet makes a later start resume harmlessly.
    options.signal?.throwIfAborted()
    await listSession(session.user, session._id)
    listed += 1
    if (listed % 500 === 0) options.onProgress?.(listed)
  }
  await markMaintenanceDone(USER_SESSION_LISTS_MARKER)
  return listed
}

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
  await listSession(input.userId, sessionObjectId(idHash))
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
    await listSession(session.user, session._id)
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
  if (!(await maintenanceDone(USER_SESSION_LISTS_MARKER))) {
    return Session.find({ user: userId, expiresAt: { $gt: new Date() } }).sort({ lastSeenAt: -1 })
  }
  const list = await UserSessionList.findById(userId).lean()
  const ids = list?.sessions ?? []
  const found = await Promise.all(ids.map((id) => Session.findById(id)))
  const now = Date.now()
  const live = found.filter(
    (session): session is NonNullable<typeof session> =>
      session !== null && session.user.equals(userId) && session.expiresAt.getTime() > now,
  )
  const gone = ids.filter((id) => !live.some((session) => session._id.equals(id)))
  if (gone.length > 0) await unlistSessions(userId, gone)
  return live.sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime())
}
