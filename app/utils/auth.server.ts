import type { Types } from 'mongoose'
import {
  recordSignInFailure,
  signInDelay,
  signInLocked,
  type SignInSource,
} from '#models/accounts/login-throttle.ts'
import { verifyAgainstDummy, verifyPassword } from '#models/accounts/password.ts'
import { createSession, deleteSessionByCookie, Session } from '#models/accounts/session.ts'
import {
  DEVICE_COOKIE,
  issueDeviceToken,
  trustedDeviceOf,
} from '#models/accounts/trusted-device.ts'
import { findUserByEmail, normalizeEmail } from '#models/accounts/user.ts'
import { needsSecondFactor } from './permissions.server.ts'
import {
  deviceCookieHeader,
  readCookie,
  sessionCookieHeader,
  sessionIdFromRequest,
} from './session.server.ts'

export type SignInResult =
  | {
      ok: true
      /** The session cookie and the device cookie. */
      cookies: string[]
      userId: string
      secondFactor?: '/login/two-factor' | '/account/two-factor'
    }
  | { ok: false; reason: 'auth.invalidCredentials' | 'auth.locked' }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Checks e-mail and password under the sign-in limits (models/login-throttle.ts): a browser that
 * has signed in to the account before (device cookie) is never locked out by failures from
 * elsewhere; other browsers are limited per account and address, and slowed down per address.
 * The answer is the same whether or not the account exists: same message, same work.
 */
export async function signIn(input: {
  email: string
  password: string
  request: Request
  clientIp: string
}): Promise<SignInResult> {
  const email = normalizeEmail(input.email)
  const user = await findUserByEmail(email)
  const deviceToken = readCookie(input.request.headers.get('Cookie'), DEVICE_COOKIE)
  const device = await trustedDeviceOf(deviceToken, user?._id)
  const source: SignInSource = device ? { device } : { email, address: input.clientIp }
  if (await signInLocked(source)) return { ok: false, reason: 'auth.locked' }
  if (!device) {
    const delayMs = await signInDelay(input.clientIp)
    if (delayMs) await sleep(delayMs)
  }

  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password)
  if (!user || !valid) {
    await recordSignInFailure(source, input.clientIp)
    return { ok: false, reason: 'auth.invalidCredentials' }
  }

  // A fresh session id at every sign-in; the one the browser had (if any) is dropped.
  const previous = sessionIdFromRequest(input.request)
  if (previous) await deleteSessionByCookie(previous)
  const secondFactorNeeded = needsSecondFactor(user)
  const { sessionId } = await createSession({
    userId: user._id,
    secondFactorDone: !secondFactorNeeded,
    userAgent: input.request.headers.get('User-Agent'),
    ip: input.clientIp,
  })
  const newDevice = await issueDeviceToken(user._id, device ? deviceToken : undefined)
  return {
    ok: true,
    cookies: [
      sessionCookieHeader(sessionId, input.request),
      deviceCookieHeader(newDevice, input.request),
    ],
    userId: user._id.toHexString(),
    secondFactor: secondFactorNeeded
      ? user.totp?.secret
        ? '/login/two-factor'
        : '/account/two-factor'
      : undefined,
  }
}

export async function signOut(request: Request): Promise<void> {
  const sessionId = sessionIdFromRequest(request)
  if (sessionId) await deleteSessionByCookie(sessionId)
}

export async function signOutEverywhere(userId: string): Promise<void> {
  await Session.deleteMany({ user: userId })
}

/** Deletes sessions and closes the sockets that were opened with them. */
export async function endSessions(
  filter: Record<string, unknown>,
  realtime: { disconnectSession(sessionIdHash: string): void },
): Promise<number> {
  const sessions = await Session.find(filter, { idHash: 1 })
  if (!sessions.length) return 0
  // One point delete each: `{ _id: { $in } }` would read the whole collection again on FerretDB.
  await Promise.all(sessions.map((session) => Session.deleteOne({ _id: session._id })))
  for (const session of sessions) realtime.disconnectSession(session.idHash)
  return sessions.length
}

/** Ends one of the user's sessions by its id (point reads, decision 010); false when not theirs. */
export async function endSessionOf(
  userId: Types.ObjectId,
  sessionId: string,
  realtime: { disconnectSession(sessionIdHash: string): void },
): Promise<boolean> {
  const session = await Session.findById(sessionId, { user: 1, idHash: 1 }).lean()
  if (!session?.user.equals(userId)) return false
  await Session.deleteOne({ _id: session._id })
  realtime.disconnectSession(session.idHash)
  return true
}
