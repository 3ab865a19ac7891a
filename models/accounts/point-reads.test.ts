import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '#test/database.ts'
import { createAccount } from '#test/factories.ts'
import { describeScans, recordQueries, scansOf } from '#test/query-guard.ts'
import { createSession, deleteSessionByCookie, findLiveSession } from './session.ts'
import { UserEmail } from './user-email.ts'
import { forgetMaintenanceDone, MaintenanceMarker } from '../maintenance-marker.ts'
import { backfillUserEmailKeys, findUserByEmail, User, USER_EMAIL_KEYS_MARKER } from './user.ts'

useTestDatabase()

/**
 * Decision 010: the session read on every signed-in request, and the account read at sign-in,
 * are point reads by `_id` on the embedded database (FerretDB reads a whole collection for any
 * other filter).
 */
describe('sessions and e-mail addresses are found by _id', () => {
  it('finds a live session by a point read, and only for the exact cookie value', async () => {
    const { userId } = await createAccount()
    const { sessionId } = await createSession({ userId, secondFactorDone: true })
    const { result, queries } = await recordQueries(() => findLiveSession(sessionId))
    expect(result?.user.equals(userId)).toBe(true)
    expect(describeScans(scansOf(queries))).toEqual([])
    expect(await findLiveSession(`${sessionId}x`)).toBeNull()
    expect(await findLiveSession('')).toBeNull()

    const { queries: signOut } = await recordQueries(() => deleteSessionByCookie(sessionId))
    expect(describeScans(scansOf(signOut))).toEqual([])
    expect(await findLiveSession(sessionId)).toBeNull()
  })

  it('finds an account by its address through the key, and not by an address it left', async () => {
    const { userId, email } = await createAccount()
    const { result, queries } = await recordQueries(() => findUserByEmail(email))
    expect(result?._id.equals(userId)).toBe(true)
    expect(describeScans(scansOf(queries))).toEqual([])

    // The address changes the way a save does: the old key stays behind and finds nothing.
    const user = await User.findById(userId)
    user!.email = `moved-${email}`
    await user!.save()
    expect((await findUserByEmail(`moved-${email}`))?._id.equals(userId)).toBe(true)
    expect(await UserEmail.exists({ _id: email })).toBeTruthy()
    await backfillUserEmailKeys()
    expect(await findUserByEmail(email)).toBeNull()
  })

  it('backfills keys for accounts written without them, after which no lookup scans', async () => {
    const { userId, email } = await createAccount()
    await UserEmail.deleteOne({ _id: email })
    await MaintenanceMarker.deleteOne({ _id: USER_EMAIL_KEYS_MARKER })
    forgetMaintenanceDone(USER_EMAIL_KEYS_MARKER)
    expect(await backfillUserEmailKeys()).toBeGreaterThan(0)
    expect(await UserEmail.exists({ _id: email })).toBeTruthy()
    const { result, queries } = await recordQueries(() => findUserByEmail(email))
    expect(result?._id.equals(userId)).toBe(true)
    const { result: nobody, queries: missQueries } = await recordQueries(() =>
      findUserByEmail('nobody-at-all@example.com'),
    )
    expect(nobody).toBeNull()
    expect(describeScans(scansOf([...queries, ...missQueries]))).toEqual([])
    // A second run finds the marker and writes nothing.
    expect(await backfillUserEmailKeys()).toBe(0)
  })
})
