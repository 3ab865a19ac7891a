import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { markRead } from '#models/chat/conversation-read.ts'
import { Organization } from '#models/accounts/organization.ts'
import { createChatNotifier } from '#server/chat-notifications.ts'
import { createMailer, type Mailer } from '#server/mailer.ts'
import { useTestDatabase } from '#test/database.ts'
import { addMember, createAccount, startConversation, storeMessage } from '#test/factories.ts'
import { testLogger } from '#test/logger.ts'

useTestDatabase()
let outboxDir: string
let mailer: Mailer
beforeAll(async () => {
  outboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-test-chat-notice-'))
  mailer = createMailer({ outboxDir, logger: testLogger })
})
afterAll(async () => {
  if (outboxDir) await fs.rm(outboxDir, { recursive: true, force: true })
})

const minutes = (count: number) => count * 60 * 1000
const later = (from: number, count: number) => new Date(from + minutes(count))

function notifier() {
  return createChatNotifier({
    mailer,
    logger: testLogger,
    publicUrl: 'https://vsi.example.vn',
    notifyAfterMinutes: 15,
  })
}

async function mailsTo(email: string) {
  return (await mailer.outbox!.list()).filter((entry) => entry.to === email)
}

const conversationBetween = startConversation
const say = async (...args: Parameters<typeof storeMessage>) =>
  (await storeMessage(...args)).message

describe('the unread-messages e-mail', () => {
  it('sends one summary per member for many messages, never for read ones, never twice', async () => {
    const buyer = await createAccount('buyer')
    const supplier = await createAccount('supplier')
    const colleague = await addMember(supplier.organizationId, 'member')
    await Organization.updateOne(
      { _id: buyer.organizationId },
      { $set: { name: 'Acme Sourcing GmbH' } },
    )
    const buyerMember = { userId: buyer.userId, organizationId: buyer.organizationId }
    const supplierMember = { userId: supplier.userId, organizationId: supplier.organizationId }
    const first = await conversationBetween(buyerMember, supplier.organizationId)
    const second = await conversationBetween(buyerMember, supplier.organizationId)
    const start = Date.now()
    for (let index = 0; index < 5; index++) await say(first, buyerMember, `Câu hỏi ${index}`)
    for (let index = 0; index < 2; index++) await say(second, buyerMember, `RFQ ${index}`)
    // The colleague reads everything at once: no mail for them.
    const lastOfFirst = await say(first, buyerMember, 'Còn một câu nữa')
    const lastOfSecond = await say(second, buyerMember, 'Và một RFQ nữa')
    await markRead(
      { userId: colleague.userId, organizationId: supplier.organizationId },
      first._id,
      lastOfFirst._id,
    )
    await markRead(
      { userId: colleague.userId, organizationId: supplier.organizationId },
      second._id,
      lastOfSecond._id,
    )

    const worker = notifier()
    // Not yet: the messages have been unread for 5 minutes only.
    expect(await worker.runOnce(later(start, 5))).toBe(0)

    // Two nodes running the round at the same moment send the mail once.
    const [sentByA, sentByB] = await Promise.all([
      worker.runOnce(later(start, 16)),
      notifier().runOnce(later(start, 16)),
    ])
    expect(sentByA + sentByB).toBe(1)
    const [mail, ...more] = await mailsTo(supplier.email)
    expect(more).toEqual([])
    expect(mail!.subject).toBe('Bạn có 9 tin nhắn chưa đọc trên VSI Connect')
    expect(mail!.text).toContain('Acme Sourcing GmbH: 6 tin nhắn chưa đọc')
    expect(mail!.text).toContain('Acme Sourcing GmbH: 3 tin nhắn chưa đọc')
    expect(mail!.text).toContain(`https://vsi.example.vn/messages/${first.id}`)
    expect(mail!.text).toContain(`https://vsi.example.vn/messages/${second.id}`)
    expect(mail!.html).toContain(`href="https://vsi.example.vn/messages/${first.id}"`)
    expect(await mailsTo(colleague.email)).toEqual([])
    // The sender has nothing unread: their own messages do not count.
    expect(await mailsTo(buyer.email)).toEqual([])

    // Not again, however many rounds pass, while nothing new arrives.
    expect(await worker.runOnce(later(start, 17))).toBe(0)
    expect(await worker.runOnce(later(start, 120))).toBe(0)

    // A new message, once it has waited long enough, brings a new notice: only about the
    // conversation with news, and for the colleague too (it is unread for them).
    const newsAt = Date.now()
    await say(first, buyerMember, 'Anh chị đã xem báo giá chưa?')
    expect(await worker.runOnce(later(newsAt, 10))).toBe(0)
    expect(await worker.runOnce(later(newsAt, 16))).toBe(2)
    const [newest] = await mailsTo(supplier.email)
    expect(newest!.id).not.toBe(mail!.id)
    expect(newest!.text).toContain('Acme Sourcing GmbH: 7 tin nhắn chưa đọc')
    expect(newest!.text).not.toContain(second.id)
    const [forColleague] = await mailsTo(colleague.email)
    expect(forColleague!.subject).toBe('Bạn có 1 tin nhắn chưa đọc trên VSI Connect')

    // Read before the time is up: no mail for the buyer (only the supplier's colleague, for
    // whom the reply is unread).
    const replyAt = Date.now()
    const reply = await say(first, supplierMember, 'Đã xem, chúng tôi sẽ trả lời trong hôm nay.')
    await markRead(buyerMember, first._id, reply._id)
    expect(await worker.runOnce(later(replyAt, 30))).toBe(1)
    expect(await mailsTo(buyer.email)).toEqual([])
    expect(await mailsTo(colleague.email)).toHaveLength(2)
  })

  it('writes in the member’s language', async () => {
    const buyer = await createAccount('buyer')
    const supplier = await createAccount('supplier')
    const buyerMember = { userId: buyer.userId, organizationId: buyer.organizationId }
    const conversation = await conversationBetween(buyerMember, supplier.organizationId)
    const { User } = await import('#models/accounts/user.ts')
    await User.updateOne({ _id: supplier.userId }, { $set: { locale: 'en' } })
    const start = Date.now()
    await say(conversation, buyerMember, 'Hello')
    expect(await notifier().runOnce(later(start, 16))).toBeGreaterThanOrEqual(1)
    const [mail] = await mailsTo(supplier.email)
    expect(mail!.subject).toBe('Unread messages on VSI Connect (1)')
    expect(mail!.text).toContain(`Test Buyer GmbH: 1 unread`)
  })
})
