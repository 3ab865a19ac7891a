import { clearFailures, recordFailure, throttleKey, throttleState } from '#models/login-throttle.ts'
import { verifyAgainstDummy, verifyPassword } from '#models/password.ts'
import { createSession, hashSecret, Session } from '#models/session.ts'
import { normalizeEmail, User } from '#models/user.ts'
import { needsSecondFactor } from './permissions.server.ts'
import { sessionCookieHeader, sessionIdFromRequest } from './session.server.ts'

export type SignInResult =
  | {
      ok: true
      cookie: string
      userId: string
      secondFactor?: '/login/two-factor' | '/account/two-factor'
    }
  | { ok: false; reason: 'auth.invalidCredentials' | 'auth.locked' }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Checks e-mail and password with throttling per account and per client address. The answer
 * is the same whether or not the account exists: same message, same work, same lock rules.
 */
export async function signIn(input: {
  email: string
  password: string
  request: Request
  clientIp: string
}): Promise<SignInResult> {
  const email = normalizeEmail(input.email)
  const state = await throttleState([
    throttleKey('account', email),
    throttleKey('address', input.clientIp),
  ])
  if (state.locked) return { ok: false, reason: 'auth.locked' }
  if (state.delayMs) await sleep(state.delayMs)

  const user = await User.findOne({ email })
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password)
  if (!user || !valid) {
    await recordFailure('account', email)
    await recordFailure('address', input.clientIp)
    return { ok: false, reason: 'auth.invalidCredentials' }
  }
  await clearFailures('account', email)

  // A fresh session id at every sign-in; the one the browser had (if any) is dropped.
  const previous = sessionIdFromRequest(input.request)
  if (previous) await Session.deleteOne({ idHash: hashSecret(previous) })
  const secondFactorNeeded = needsSecondFactor(user)
  const { sessionId } = await createSession({
    userId: user._id,
    secondFactorDone: !secondFactorNeeded,
    userAgent: input.request.headers.get('User-Agent'),
    ip: input.clientIp,
  })
  return {
    ok: true,
    cookie: sessionCookieHeader(sessionId, input.request),
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
  if (sessionId) await Session.deleteOne({ idHash: hashSecret(sessionId) })
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
  await Session.deleteMany({ _id: { $in: sessions.map((session) => session._id) } })
  for (const session of sessions) realtime.disconnectSession(session.idHash)
  return sessions.length
}
