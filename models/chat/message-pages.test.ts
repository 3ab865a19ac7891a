import crypto from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ChatMember } from '#models/chat/conversation.ts'
import { Message, messageIdFor, messagesForSeqKeys } from '#models/chat/message.ts'
import { messagesAfter, messagesBefore, type MessagePage } from '#models/chat/message-pages.ts'
import {
  backfillMessageSeqKeys,
  MESSAGE_SEQ_KEYS_MARKER,
  MessageSeqKey,
  messageSeqKeyId,
  recordMessageSeqKeys,
} from '#models/chat/message-seq-key.ts'
import { sendMessage } from '#models/chat/send-message.ts'
import { forgetMaintenanceDone, MaintenanceMarker } from '#models/maintenance-marker.ts'
import { useTestDatabase } from '#test/database.ts'
import { createAccount, startConversation, storeMessage } from '#test/factories.ts'
import { describeScans, recordQueries, scansOf } from '#test/query-guard.ts'

// Real FerretDB: the keys are point reads there, and the record's query is the scan they replace.
useTestDatabase()

async function keysFromNowOn() {
  forgetMaintenanceDone(MESSAGE_SEQ_KEYS_MARKER)
  await backfillMessageSeqKeys(messagesForSeqKeys())
}

beforeEach(keysFromNowOn)

async function conversationWith(count: number) {
  const buyer = await createAccount('buyer')
  const supplier = await createAccount('supplier')
  const sender: ChatMember = { userId: buyer.userId, organizationId: buyer.organizationId }
  const conversation = await startConversation(sender, supplier.organizationId)
  for (let index = 1; index <= count; index++) {
    await storeMessage(conversation, sender, `tin ${index}`)
  }
  return { conversation, sender }
}

const seqsOf = (page: MessagePage | null) => page?.messages.map((message) => message.seq)

/** The pages the record's sorted queries give (the code before the keys), for comparison. */
async function fromRecord(work: () => Promise<MessagePage | null>) {
  await MaintenanceMarker.deleteOne({ _id: MESSAGE_SEQ_KEYS_MARKER })
  forgetMaintenanceDone(MESSAGE_SEQ_KEYS_MARKER)
  const page = await work()
  await keysFromNowOn()
  return page
}

describe('message pages by seq keys', () => {
  it('gives the pages the record gives, with point reads only', async () => {
    const { conversation } = await conversationWith(12)
    const id = conversation._id
    const third = await Message.findOne({ conversation: id, seq: 3 })
    const ninth = await Message.findOne({ conversation: id, seq: 9 })
    const reads = [
      () => messagesBefore(id, undefined, 5),
      () => messagesBefore(id, undefined, 30),
      () => messagesBefore(id, ninth!._id, 5),
      () => messagesBefore(id, third!._id, 5),
      () => messagesAfter(id, undefined, 5),
      () => messagesAfter(id, third!._id, 5),
      () => messagesAfter(id, ninth!._id, 3),
      () => messagesAfter(id, ninth!._id, 2),
      () => messagesAfter(id, undefined, 50),
    ]
    for (const read of reads) {
      const expected = await fromRecord(read)
      const { result, queries } = await recordQueries(read)
      expect(describeScans(scansOf(queries))).toEqual([])
      expect(seqsOf(result)).toEqual(seqsOf(expected))
      expect(result?.hasMore).toBe(expected?.hasMore)
      expect(result?.messages.map((message) => message.body)).toEqual(
        expected?.messages.map((message) => message.body),
      )
    }
    expect(seqsOf(await messagesBefore(id, undefined, 5))).toEqual([12, 11, 10, 9, 8])
    expect(seqsOf(await messagesAfter(id, ninth!._id, 3))).toEqual([10, 11, 12])
    // An anchor from another conversation is refused, as before.
    const other = await conversationWith(1)
    expect(await messagesBefore(other.conversation._id, ninth!._id)).toBeNull()
    expect(await messagesAfter(other.conversation._id, ninth!._id)).toBeNull()
  })

  it('writes a key with every stored message, before the sender is told', async () => {
    const { conversation } = await conversationWith(4)
    const keys = await MessageSeqKey.find({}).lean()
    const messages = await Message.find({ conversation: conversation._id }).lean()
    for (const message of messages) {
      const key = keys.find((entry) => entry._id === messageSeqKeyId(conversation._id, message.seq))
      expect(String(key?.message)).toBe(String(message._id))
    }
  })

  it('finds messages another node stored whose inbox summary is not written yet', async () => {
    const { conversation, sender } = await conversationWith(2)
    const elsewhere = [3, 4].map((seq) => ({
      _id: messageIdFor(sender.userId, `elsewhere-${seq}-${crypto.randomUUID()}`),
      conversation: conversation._id,
      seq,
      senderOrganization: sender.organizationId,
      senderUser: sender.userId,
      clientId: `elsewhere-${seq}`,
      body: `from another node ${seq}`,
      createdAt: new Date(),
    }))
    await Message.insertMany(elsewhere)
    await recordMessageSeqKeys(elsewhere)
    const { result, queries } = await recordQueries(() =>
      messagesBefore(conversation._id, undefined, 10),
    )
    expect(seqsOf(result)).toEqual([4, 3, 2, 1])
    expect(describeScans(scansOf(queries))).toEqual([])
  })

  it('reads a page with a missing key from the record, and writes the key', async () => {
    const { conversation, sender } = await conversationWith(5)
    await MessageSeqKey.deleteOne({ _id: messageSeqKeyId(conversation._id, 3) })
    const { result, queries } = await recordQueries(() =>
      messagesBefore(conversation._id, undefined, 10),
    )
    expect(seqsOf(result)).toEqual([5, 4, 3, 2, 1])
    expect(scansOf(queries).map((scan) => scan.collection)).toEqual(['messages'])
    expect(await MessageSeqKey.exists({ _id: messageSeqKeyId(conversation._id, 3) })).toBeTruthy()
    const again = await recordQueries(() => messagesBefore(conversation._id, undefined, 10))
    expect(describeScans(scansOf(again.queries))).toEqual([])

    // A message stored whose key was never written (its batch failed after the insert): the
    // sender's retry writes the key.
    const clientId = crypto.randomUUID()
    const first = await sendMessage({ conversation, sender, clientId, body: 'lần nữa' })
    if (!first.ok) throw new Error(first.error)
    await MessageSeqKey.deleteOne({ _id: messageSeqKeyId(conversation._id, first.message.seq) })
    const retry = await sendMessage({ conversation, sender, clientId, body: 'lần nữa' })
    expect(retry.ok && retry.duplicate).toBe(true)
    expect(
      await MessageSeqKey.exists({ _id: messageSeqKeyId(conversation._id, first.message.seq) }),
    ).toBeTruthy()
  })

  it('backfills the keys of older messages; until then pages are read from the record', async () => {
    const { conversation } = await conversationWith(6)
    await MessageSeqKey.deleteMany({})
    await MaintenanceMarker.deleteOne({ _id: MESSAGE_SEQ_KEYS_MARKER })
    forgetMaintenanceDone(MESSAGE_SEQ_KEYS_MARKER)
    const before = await recordQueries(() => messagesBefore(conversation._id, undefined, 4))
    expect(seqsOf(before.result)).toEqual([6, 5, 4, 3])
    expect(scansOf(before.queries).map((scan) => scan.collection)).toEqual(['messages'])
    // Read from the record, not healed: the backfill writes the keys.
    expect(await MessageSeqKey.countDocuments({})).toBe(0)

    const written = await backfillMessageSeqKeys(messagesForSeqKeys())
    expect(written).toBeGreaterThanOrEqual(6)
    expect(await MessageSeqKey.countDocuments({})).toBe(await Message.countDocuments({}))
    const after = await recordQueries(() => messagesBefore(conversation._id, undefined, 4))
    expect(seqsOf(after.result)).toEqual([6, 5, 4, 3])
    expect(describeScans(scansOf(after.queries))).toEqual([])
    // Done once: a second start writes nothing.
    expect(await backfillMessageSeqKeys(messagesForSeqKeys())).toBe(0)
  })
})
