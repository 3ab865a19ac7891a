import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { User } from '#models/accounts/user.ts'
import { sendPromotionNotices } from '#models/events/hold-notices.ts'
import { PaymentHold } from '#models/events/payment-hold.ts'
import { leaveEvent } from '#models/events/registration.ts'
import { releaseExpiredHolds } from '#models/events/registration-payment.ts'
import { createMailer, type Mailer } from '#server/mailer.ts'
import { useTestDatabase } from './database.ts'
import { addMember } from './factories.ts'
import { createPaidEvent, registerNewSupplier } from './events-fixtures.ts'
import { testLogger } from './logger.ts'

/**
 * A registration promoted from a paid event's waitlist: its owner and admins are e-mailed the
 * pay link and the end of the 30-minute hold, once, in their language (issue 19).
 */
useTestDatabase()

const ORIGIN = 'https://vsi.example'
const MINUTE = 60_000
let outboxDir: string
let mailer: Mailer

beforeAll(async () => {
  outboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-hold-notices-'))
  mailer = createMailer({ outboxDir, logger: testLogger })
})
afterAll(async () => {
  await fs.rm(outboxDir, { recursive: true, force: true })
})

const mailsTo = async (email: string) =>
  (await mailer.outbox!.list()).filter((entry) => entry.to === email)
const notify = () => sendPromotionNotices({ mailer, origin: ORIGIN })

describe('mail to a registrant promoted from a paid waitlist', () => {
  it('tells the owner and admins once, with the pay link and the hold, in their language', async () => {
    const event = await createPaidEvent(1, 300_000)
    const first = await registerNewSupplier(event.id)
    const second = await registerNewSupplier(event.id)
    const admin = await addMember(second.organizationId, 'admin')
    await User.updateOne({ _id: admin.userId }, { $set: { locale: 'en' } })
    const member = await addMember(second.organizationId, 'member')
    const third = await registerNewSupplier(event.id)

    // Registering straight into a paid place is not a promotion: no mail.
    expect(await notify()).toBe(0)
    expect(await mailsTo(first.email)).toEqual([])

    // The first withdraws: the second moves up and is told.
    expect((await leaveEvent(event.id, first.org, 'withdrawn')).ok).toBe(true)
    expect(await notify()).toBe(1)
    const hold = (await PaymentHold.findById(`${event.id}:${second.org}`).lean())!
    const [mail, ...more] = await mailsTo(second.email)
    expect(more).toEqual([])
    expect(mail!.subject).toContain('Đã có chỗ cho bạn tại Ngày kết nối có thu phí')
    expect(mail!.text).toContain(`${ORIGIN}/events/${event.slug}/pay`)
    expect(mail!.text).toContain('300.000')
    const until = new Intl.DateTimeFormat('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(hold.holdUntil)
    expect(mail!.text).toContain(until)
    const [english] = await mailsTo(admin.email)
    expect(english!.subject).toContain('A place is free for you at Paid matchmaking day')
    expect(english!.html).toContain(`href="${ORIGIN}/events/${event.slug}/pay"`)
    // A member who may not pay and did not register is not mailed.
    expect(await mailsTo(member.email)).toEqual([])
    // Again (the next minute, a second node): nothing more.
    expect(await notify()).toBe(0)
    expect(await mailsTo(second.email)).toHaveLength(1)

    // The second's hold expires: the third moves up and is told, through the job's release.
    await PaymentHold.updateOne(
      { _id: `${event.id}:${second.org}` },
      { $set: { holdUntil: new Date(Date.now() - MINUTE) } },
    )
    await releaseExpiredHolds(new Date())
    // A failed send gives the claim back: the next run tells them.
    const failing = { send: () => Promise.reject(new Error('SMTP down')) }
    await expect(sendPromotionNotices({ mailer: failing, origin: ORIGIN })).rejects.toThrow()
    expect(await notify()).toBe(1)
    expect(await mailsTo(third.email)).toHaveLength(1)
    expect(await mailsTo(second.email)).toHaveLength(1)
  })
})
