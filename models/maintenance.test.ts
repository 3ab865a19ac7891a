import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '#test/database.ts'
import { createAccount } from '#test/factories.ts'
import { LoginThrottle, recordFailure } from './accounts/login-throttle.ts'
import { purgeExpired } from './maintenance.ts'
import { createSession, findLiveSession, Session } from './accounts/session.ts'
import { consumeToken, issueToken, OneTimeToken } from './accounts/token.ts'

useTestDatabase()

describe('expiry without TTL indexes', () => {
  it('refuses expired sessions and tokens on read, and purges them later', async () => {
    const { userId, email } = await createAccount()
    const live = await createSession({ userId, secondFactorDone: true })
    const stale = await createSession({ userId, secondFactorDone: true })
    const staleSession = await findLiveSession(stale.sessionId)
    await Session.updateOne(
      { _id: staleSession!._id },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    )
    expect(await findLiveSession(stale.sessionId)).toBeNull()
    expect(await findLiveSession(live.sessionId)).not.toBeNull()

    const token = await issueToken({ purpose: 'reset-password', email, user: userId })
    await OneTimeToken.updateMany(
      {},
      { $set: { expiresAt: new Date(Date.now() - 2 * 24 * 60 * 60 * 1000) } },
    )
    expect(await consumeToken('reset-password', token)).toBeNull()

    await recordFailure('address', '203.0.113.9', new Date(Date.now() - 60 * 60 * 1000))
    const purged = await purgeExpired()
    expect(purged.tokens).toBeGreaterThanOrEqual(1)
    expect(purged.throttles).toBe(1)
    expect(await OneTimeToken.countDocuments()).toBe(0)
    expect(await LoginThrottle.countDocuments()).toBe(0)
    expect(await findLiveSession(live.sessionId)).not.toBeNull()
  })

  it('lets a token be used once only, even by two concurrent requests', async () => {
    const { userId, email } = await createAccount()
    const token = await issueToken({ purpose: 'verify-email', email, user: userId })
    const results = await Promise.all([
      consumeToken('verify-email', token),
      consumeToken('verify-email', token),
    ])
    expect(results.filter(Boolean)).toHaveLength(1)
  })
})
