import crypto from 'node:crypto'
import { Types } from 'mongoose'
import { describe, expect, it, vi } from 'vitest'
import { Conversation, type ChatMember } from '#models/chat/conversation.ts'
import { flushChatWrites } from '#models/chat/chat-writes.ts'
import { ConversationRead, markRead, readIdFor } from '#models/chat/conversation-read.ts'
import { Message, messageIdFor } from '#models/chat/message.ts'
import { sendMessage } from '#models/chat/send-message.ts'
import { unreadCounts } from '#models/chat/unread-counts.ts'
import { useTestDatabase } from '#test/database.ts'
import { addMember, createAccount, startConversation, storeMessage } from '#test/factories.ts'

// Real FerretDB: the seq numbering, group commit and retry handling are the database's
// unique indexes at work, not something a fake could show.
useTestDatabase()

async function pair() {
  const buyer = await createAccount('buyer')
  const supplier = await createAccount('supplier')
  const buyerMember: ChatMember = { userId: buyer.userId, organizationId: buyer.organizationId }
  const supplierMember: ChatMember = {
    userId: supplier.userId,
    organizationId: supplier.organizationId,
  }
  return { buyer, supplier, buyerMember, supplierMember }
}

const conversationOf = startConversation
const send = storeMessage

async function storedSeqs(conversationId: Types.ObjectId) {
  const messages = await Message.find({ conversation: conversationId }).select('seq').lean()
  return messages.map((message) => message.seq).sort((a, b) => a - b)
}

const oneTo = (count: number) => Array.from({ length: count }, (_, index) => index + 1)

/** A message written by "another app node": straight into the collection, past this process. */
async function insertElsewhere(conversationId: Types.ObjectId, sender: ChatMember, seqs: number[]) {
  await Message.insertMany(
    seqs.map((seq) => ({
      _id: messageIdFor(sender.userId, `elsewhere-${seq}-${crypto.randomUUID()}`),
      conversation: conversationId,
      seq,
      senderOrganization: sender.organizationId,
      senderUser: sender.userId,
      clientId: `elsewhere-${seq}`,
      body: `from another node ${seq}`,
    })),
  )
}

describe('storing messages', () => {
  it('numbers concurrent messages of one conversation 1…n without gaps or repeats', async () => {
    const { buyerMember, supplier, supplierMember } = await pair()
    const colleague = await addMember(supplier.organizationId, 'member')
    const colleagueMember = { userId: colleague.userId, organizationId: supplier.organizationId }
    const conversation = await conversationOf(buyerMember, supplier.organizationId)
    const senders = [buyerMember, supplierMember, colleagueMember]
    const results = await Promise.all(
      oneTo(45).map((index) => send(conversation, senders[index % 3]!, `Tin nhắn ${index}`)),
    )
    expect(results.map((result) => result.message.seq).sort((a, b) => a - b)).toEqual(oneTo(45))
    expect(await storedSeqs(conversation._id)).toEqual(oneTo(45))

    await flushChatWrites()
    const summary = await Conversation.findById(conversation._id).lean()
    const last = results.find((result) => result.message.seq === 45)!.message
    expect(summary).toMatchObject({ lastMessageSeq: 45, lastMessagePreview: last.body })
    expect(summary!.lastMessageAt!.getTime()).toBe(last.createdAt.getTime())
  })

  it('keeps each of many conversations gap-free when they are written side by side', async () => {
    const { buyerMember, supplier } = await pair()
    const conversations = await Promise.all(
      oneTo(12).map(() => conversationOf(buyerMember, supplier.organizationId)),
    )
    await Promise.all(
      conversations.flatMap((conversation) =>
        oneTo(6).map((index) => send(conversation, buyerMember, `Báo giá ${index}`)),
      ),
    )
    for (const conversation of conversations) {
      expect(await storedSeqs(conversation._id)).toEqual(oneTo(6))
    }
  })

  it('stores racing retries once and does not spend a seq on them', async () => {
    const { buyerMember, supplier } = await pair()
    const conversation = await conversationOf(buyerMember, supplier.organizationId)
    const clientId = crypto.randomUUID()
    const attempts = await Promise.all(
      oneTo(5).map(() => send(conversation, buyerMember, 'Gửi lại', clientId)),
    )
    const ids = new Set(attempts.map((attempt) => attempt.message._id.toHexString()))
    expect(ids.size).toBe(1)
    expect(attempts.filter((attempt) => !attempt.duplicate)).toHaveLength(1)
    expect(attempts.every((attempt) => attempt.message.seq === 1)).toBe(true)
    expect(attempts[0]!.message._id.equals(messageIdFor(buyerMember.userId, clientId))).toBe(true)

    // A retry after later messages: still the stored one; the next message follows on.
    await send(conversation, buyerMember, 'Tiếp theo')
    const late = await send(conversation, buyerMember, 'Gửi lại', clientId)
    expect(late).toMatchObject({ duplicate: true, message: { seq: 1 } })
    expect((await send(conversation, buyerMember, 'Sau cùng')).message.seq).toBe(3)
    expect(await storedSeqs(conversation._id)).toEqual([1, 2, 3])
  })

  it('refuses a clientId the sender already used in another conversation', async () => {
    const { buyerMember, supplier } = await pair()
    const first = await conversationOf(buyerMember, supplier.organizationId)
    const second = await conversationOf(buyerMember, supplier.organizationId)
    const clientId = crypto.randomUUID()
    await send(first, buyerMember, 'Một', clientId)
    const reused = await sendMessage({
      conversation: second,
      sender: buyerMember,
      clientId,
      body: 'Hai',
    })
    expect(reused).toEqual({ ok: false, error: 'chat.error.clientIdReused' })
    expect(await storedSeqs(second._id)).toEqual([])
  })

  it('follows on after messages another app node stored meanwhile', async () => {
    const { buyerMember, supplier, supplierMember } = await pair()
    const conversation = await conversationOf(buyerMember, supplier.organizationId)
    for (const index of oneTo(3)) await send(conversation, buyerMember, `Ở đây ${index}`)
    await insertElsewhere(conversation._id, supplierMember, [4, 5])
    expect((await send(conversation, buyerMember, 'Sau đó')).message.seq).toBe(6)
    expect(await storedSeqs(conversation._id)).toEqual(oneTo(6))
  })

  it('finds the next seq when the summary is far behind the stored messages', async () => {
    // As after a crash that lost the summaries written behind, or on a node that never saw
    // this conversation: more stored messages than the probes walk, so the slow lookup runs.
    const { buyerMember, supplier, supplierMember } = await pair()
    const conversation = await conversationOf(buyerMember, supplier.organizationId)
    await insertElsewhere(conversation._id, supplierMember, oneTo(20))
    expect((await send(conversation, buyerMember, 'Tin mới')).message.seq).toBe(21)
    expect(await storedSeqs(conversation._id)).toEqual(oneTo(21))
  })

  it('writes the inbox summary before returning when asked to (form posts)', async () => {
    const { buyerMember, supplier } = await pair()
    const conversation = await conversationOf(buyerMember, supplier.organizationId)
    for (const index of oneTo(3)) {
      const result = await sendMessage({
        conversation,
        sender: buyerMember,
        clientId: crypto.randomUUID(),
        body: `Biểu mẫu ${index}`,
        summaryBeforeReturn: true,
      })
      expect(result.ok).toBe(true)
      const summary = await Conversation.findById(conversation._id).lean()
      expect(summary).toMatchObject({
        lastMessageSeq: index,
        lastMessagePreview: `Biểu mẫu ${index}`,
      })
    }
  })

  it('derives the message id from sender and clientId, different per sender', () => {
    const a = new Types.ObjectId()
    const b = new Types.ObjectId()
    expect(messageIdFor(a, 'x').equals(messageIdFor(a, 'x'))).toBe(true)
    expect(messageIdFor(a, 'x').equals(messageIdFor(b, 'x'))).toBe(false)
    expect(messageIdFor(a, 'x').equals(messageIdFor(a, 'y'))).toBe(false)
  })
})

describe('unread counts', () => {
  const countFor = async (user: ChatMember, conversationId: Types.ObjectId) =>
    (await unreadCounts(user.userId, [conversationId])).get(conversationId.toHexString()) ?? 0

  it("counts what others wrote after the read position; sending reads up to one's message", async () => {
    const { buyerMember, supplier, supplierMember } = await pair()
    const colleague = await addMember(supplier.organizationId, 'member')
    const colleagueMember = { userId: colleague.userId, organizationId: supplier.organizationId }
    const conversation = await conversationOf(buyerMember, supplier.organizationId)
    const sent: Awaited<ReturnType<typeof send>>[] = []
    for (const index of oneTo(3)) sent.push(await send(conversation, buyerMember, `Hỏi ${index}`))

    // Right after sending (summaries still written behind) and after they are written.
    for (const moment of ['before flush', 'after flush']) {
      expect({ moment, buyer: await countFor(buyerMember, conversation._id) }).toEqual({
        moment,
        buyer: 0,
      })
      expect(await countFor(supplierMember, conversation._id)).toBe(3)
      expect(await countFor(colleagueMember, conversation._id)).toBe(3)
      await flushChatWrites()
    }

    await markRead(supplierMember, conversation._id, sent[1]!.message._id)
    expect(await countFor(supplierMember, conversation._id)).toBe(1)
    // The supplier answers: that reads the rest for them; the buyer has one unread.
    await send(conversation, supplierMember, 'Trả lời')
    expect(await countFor(supplierMember, conversation._id)).toBe(0)
    expect(await countFor(buyerMember, conversation._id)).toBe(1)
    expect(await countFor(colleagueMember, conversation._id)).toBe(4)
    await flushChatWrites()
    const position = await ConversationRead.findById(
      readIdFor(conversation._id, supplierMember.userId),
    ).lean()
    expect(position).toMatchObject({ lastReadSeq: 4 })
  })

  it('never reads the messages collection to count', async () => {
    const { buyerMember, supplier, supplierMember } = await pair()
    const conversation = await conversationOf(buyerMember, supplier.organizationId)
    await send(conversation, buyerMember, 'Một')
    const find = vi.spyOn(Message, 'find')
    const aggregate = vi.spyOn(Message, 'aggregate')
    const count = vi.spyOn(Message, 'countDocuments')
    try {
      expect(await countFor(supplierMember, conversation._id)).toBe(1)
      expect(find).not.toHaveBeenCalled()
      expect(aggregate).not.toHaveBeenCalled()
      expect(count).not.toHaveBeenCalled()
    } finally {
      vi.restoreAllMocks()
    }
  })

  it('keeps the furthest read position when reads race, and moves positions stored before ids were derived', async () => {
    const { buyerMember, supplier, supplierMember } = await pair()
    const conversation = await conversationOf(buyerMember, supplier.organizationId)
    const sent: Awaited<ReturnType<typeof send>>[] = []
    for (const index of oneTo(6)) sent.push(await send(conversation, buyerMember, `Tin ${index}`))
    await Promise.all(
      [2, 5, 3, 4].map((index) =>
        markRead(supplierMember, conversation._id, sent[index]!.message._id),
      ),
    )
    const positions = await ConversationRead.find({
      conversation: conversation._id,
      user: supplierMember.userId,
    }).lean()
    expect(positions.map((position) => position.lastReadSeq)).toEqual([6])

    // A position with a random _id (as stored before): still moved forward, never duplicated.
    const other = await conversationOf(buyerMember, supplier.organizationId)
    const first = await send(other, buyerMember, 'Cũ')
    const later = await send(other, buyerMember, 'Mới')
    await ConversationRead.create({
      conversation: other._id,
      user: supplierMember.userId,
      organization: supplierMember.organizationId,
      lastReadMessage: first.message._id,
      lastReadSeq: 1,
      readAt: new Date(),
    })
    const moved = await markRead(supplierMember, other._id, later.message._id)
    expect(moved).toMatchObject({ advanced: true, lastReadSeq: 2 })
    const stored = await ConversationRead.find({
      conversation: other._id,
      user: supplierMember.userId,
    })
    expect(stored.map((position) => position.lastReadSeq)).toEqual([2])
  })
})
