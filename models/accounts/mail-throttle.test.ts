import crypto from 'node:crypto'
import { Types } from 'mongoose'
import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '#test/database.ts'
import { purgeExpired } from '../maintenance.ts'
import { MAIL_LIMITS, MailThrottle, takeMailAllowance } from './mail-throttle.ts'

useTestDatabase()

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE

const unique = (prefix: string) => `${prefix}-${crypto.randomBytes(4).toString('hex')}`
const address = () => `${unique('hop-thu')}@example.vn`
/** A requester of its own for each take, so only the recipient's limits apply. */
const anyone = () => unique('203.0.113')
const at = (start: Date, offsetMs: number) => new Date(start.getTime() + offsetMs)

describe('mail limits per recipient', () => {
  it('allows 3 mails per address and purpose in 15 minutes, then says how long to wait', async () => {
    const recipient = address()
    const start = new Date('2026-03-02T08:00:00Z')
    const take = (now: Date, purpose: 'reset-password' | 'verify-email' = 'reset-password') =>
      takeMailAllowance({ purpose, recipient, requester: anyone(), now })

    expect(await take(start)).toEqual({ allowed: true })
    expect(await take(at(start, 1 * MINUTE))).toEqual({ allowed: true })
    expect(await take(at(start, 5 * MINUTE))).toEqual({ allowed: true })
    expect(await take(at(start, 6 * MINUTE))).toEqual({
      allowed: false,
      limitedBy: 'recipient',
      retryAfterSeconds: 9 * 60,
    })
    // Other purposes and other addresses have limits of their own.
    expect(await take(at(start, 6 * MINUTE), 'verify-email')).toEqual({ allowed: true })
    expect(
      await takeMailAllowance({
        purpose: 'reset-password',
        recipient: address(),
        requester: anyone(),
        now: at(start, 6 * MINUTE),
      }),
    ).toEqual({ allowed: true })
    // The address is compared as the account stores it: trimmed, lower case.
    expect(
      await takeMailAllowance({
        purpose: 'reset-password',
        recipient: ` ${recipient.toUpperCase()} `,
        requester: anyone(),
        now: at(start, 6 * MINUTE),
      }),
    ).toMatchObject({ allowed: false })
  })

  it('lets mails through again as the window slides, up to 10 in 24 hours', async () => {
    const recipient = address()
    const start = new Date('2026-03-02T08:00:00Z')
    const take = (offsetMs: number) =>
      takeMailAllowance({
        purpose: 'verify-email',
        recipient,
        requester: anyone(),
        now: at(start, offsetMs),
      })
    for (let i = 0; i < 3; i++) expect(await take(i * MINUTE)).toEqual({ allowed: true })
    expect(await take(14 * MINUTE)).toMatchObject({ allowed: false })
    // A sliding window: the first mail leaves it at 15:00, the second at 16:00.
    expect(await take(15 * MINUTE)).toEqual({ allowed: true })
    expect(await take(15 * MINUTE + 30_000)).toEqual({
      allowed: false,
      limitedBy: 'recipient',
      retryAfterSeconds: 30,
    })
    expect(await take(16 * MINUTE)).toEqual({ allowed: true })
    expect(await take(17 * MINUTE)).toEqual({ allowed: true })

    // 6 sent so far; 4 more spread out make 10 within 24 hours.
    for (const minutes of [40, 60, 80, 100]) {
      expect(await take(minutes * MINUTE)).toEqual({ allowed: true })
    }
    expect(await take(5 * HOUR)).toEqual({
      allowed: false,
      limitedBy: 'recipient',
      retryAfterSeconds: (24 - 5) * 60 * 60,
    })
    expect(await take(24 * HOUR - 1000)).toMatchObject({ allowed: false })
    expect(await take(24 * HOUR)).toEqual({ allowed: true })
  })

  it('keeps counting when the head document is lost: the entries are what counts', async () => {
    const recipient = address()
    const now = new Date('2026-03-02T08:00:00Z')
    const take = () =>
      takeMailAllowance({ purpose: 'change-email', recipient, requester: anyone(), now })
    for (let i = 0; i < 3; i++) expect(await take()).toEqual({ allowed: true })
    // Heads are the only documents with `next`.
    await MailThrottle.deleteMany({ next: { $exists: true } })
    expect(await take()).toMatchObject({ allowed: false, limitedBy: 'recipient' })
  })
})

describe('mail limits per requester', () => {
  it('allows 20 mails an hour to one requester across purposes and addresses', async () => {
    const requester = anyone()
    const start = new Date('2026-03-02T08:00:00Z')
    const purposes = ['reset-password', 'verify-email', 'change-email', 'invitation'] as const
    for (let i = 0; i < MAIL_LIMITS.requester[0].max; i++) {
      const allowance = await takeMailAllowance({
        purpose: purposes[i % purposes.length]!,
        recipient: address(),
        requester,
        now: at(start, i * MINUTE),
      })
      expect(allowance, `mail ${i + 1}`).toEqual({ allowed: true })
    }
    const refusedRecipient = address()
    expect(
      await takeMailAllowance({
        purpose: 'invitation',
        recipient: refusedRecipient,
        requester,
        now: at(start, 30 * MINUTE),
      }),
    ).toEqual({ allowed: false, limitedBy: 'requester', retryAfterSeconds: 30 * 60 })
    // Another requester is not held back, and the refusal cost the recipient nothing.
    for (let i = 0; i < 3; i++) {
      expect(
        await takeMailAllowance({
          purpose: 'invitation',
          recipient: refusedRecipient,
          requester: anyone(),
          now: at(start, 30 * MINUTE),
        }),
      ).toEqual({ allowed: true })
    }
    expect(
      await takeMailAllowance({
        purpose: 'invitation',
        recipient: address(),
        requester,
        now: at(start, HOUR),
      }),
    ).toEqual({ allowed: true })
  })

  it('counts a user id the same whether it comes as an ObjectId or as its hex string', async () => {
    const userId = new Types.ObjectId()
    const now = new Date('2026-03-02T08:00:00Z')
    for (let i = 0; i < 20; i++) {
      const requester = i % 2 ? userId : userId.toHexString()
      await takeMailAllowance({ purpose: 'invitation', recipient: address(), requester, now })
    }
    expect(
      await takeMailAllowance({
        purpose: 'invitation',
        recipient: address(),
        requester: userId,
        now,
      }),
    ).toMatchObject({ allowed: false, limitedBy: 'requester' })
  })
})

describe('concurrent requests', () => {
  it('never allow more than 3 mails to one address, 20 requests at once', async () => {
    const recipient = address()
    const now = new Date('2026-03-02T08:00:00Z')
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        takeMailAllowance({ purpose: 'reset-password', recipient, requester: anyone(), now }),
      ),
    )
    expect(results.filter((result) => result.allowed)).toHaveLength(3)
    expect(
      await takeMailAllowance({ purpose: 'reset-password', recipient, requester: anyone(), now }),
    ).toMatchObject({ allowed: false })
  })

  it('never allow a requester more than 20 mails an hour, 20 requests at once', async () => {
    const requester = anyone()
    const now = new Date('2026-03-02T08:00:00Z')
    const take = () =>
      takeMailAllowance({ purpose: 'invitation', recipient: address(), requester, now })
    for (let i = 0; i < 15; i++) expect(await take()).toEqual({ allowed: true })
    const results = await Promise.all(Array.from({ length: 20 }, take))
    expect(results.filter((result) => result.allowed)).toHaveLength(5)
  })
})

describe('expiry', () => {
  it('purges what no longer counts and keeps what still does', async () => {
    // Only this test's documents, so the count below is exact.
    await MailThrottle.deleteMany({})
    const old = address()
    const recent = address()
    const now = new Date()
    for (let i = 0; i < 3; i++) {
      await takeMailAllowance({
        purpose: 'reset-password',
        recipient: old,
        requester: anyone(),
        now: at(now, -25 * HOUR),
      })
      await takeMailAllowance({
        purpose: 'reset-password',
        recipient: recent,
        requester: anyone(),
        now: at(now, -MINUTE),
      })
    }
    const before = await MailThrottle.countDocuments()
    const purged = await purgeExpired(now)
    // The old address's 3 entries and head, and the 3 requesters' entries and heads of an hour.
    expect(purged.mailThrottles).toBe(4 + 3 * 2)
    expect(await MailThrottle.countDocuments()).toBe(before - purged.mailThrottles)
    expect(
      await takeMailAllowance({
        purpose: 'reset-password',
        recipient: recent,
        requester: anyone(),
        now,
      }),
    ).toMatchObject({ allowed: false, limitedBy: 'recipient' })
    expect(
      await takeMailAllowance({
        purpose: 'reset-password',
        recipient: old,
        requester: anyone(),
        now,
      }),
    ).toEqual({ allowed: true })
  })
})
