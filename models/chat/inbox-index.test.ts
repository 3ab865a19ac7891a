import { describe, expect, it } from 'vitest'
import type { ChatMember } from '#models/chat/conversation.ts'
import { flushChatWrites } from '#models/chat/chat-writes.ts'
import { markRead } from '#models/chat/conversation-read.ts'
import { unreadBadgeTotal } from '#models/chat/unread-counts.ts'
import { useTestDatabase } from '#test/database.ts'
import { addMember, createAccount, startConversation, storeMessage } from '#test/factories.ts'
import { describeScans, recordQueries, scansOf } from '#test/query-guard.ts'
import { forgetMaintenanceDone, MaintenanceMarker } from '../maintenance-marker.ts'
import { backfillChatIndexes } from './inbox-index-backfill.ts'
import { CHAT_INDEX_MARKER, InboxIndex, ReadIndex } from './inbox-index.ts'

useTestDatabase()

async function members() {
  const buyer = await createAccount('buyer')
  const supplier = await createAccount('supplier')
  const colleague = await addMember(supplier.organizationId, 'member')
  const member = (account: {
    userId: ChatMember['userId']
    organizationId: ChatMember['organizationId']
  }) => ({
    userId: account.userId,
    organizationId: account.organizationId,
  })
  return {
    buyer: member(buyer),
    supplier: member(supplier),
    colleague: { userId: colleague.userId, organizationId: supplier.organizationId },
  }
}

async function forgetIndexes() {
  await Promise.all([
    InboxIndex.deleteMany({}),
    ReadIndex.deleteMany({}),
    MaintenanceMarker.deleteOne({ _id: CHAT_INDEX_MARKER }),
  ])
  forgetMaintenanceDone(CHAT_INDEX_MARKER)
}

describe('the unread badge from the inbox and read indexes', () => {
  it('counts what the record counts, before and after the backfill, with point reads only', async () => {
    const { buyer, supplier, colleague } = await members()
    const first = await startConversation(buyer, supplier.organizationId)
    const second = await startConversation(buyer, supplier.organizationId)
    await storeMessage(first, buyer, 'Xin chào, chúng tôi cần báo giá dập kim loại.')
    await storeMessage(first, buyer, 'Số lượng 10.000 chiếc mỗi tháng.')
    const last = await storeMessage(second, buyer, 'And a second part, please.')
    await flushChatWrites()

    // Before the backfill: counted from the record.
    await forgetIndexes()
    expect(await unreadBadgeTotal(supplier.organizationId, supplier.userId)).toBe(3)

    expect(await backfillChatIndexes()).toMatchObject({ conversations: 2 })
    const { result, queries } = await recordQueries(() =>
      unreadBadgeTotal(supplier.organizationId, supplier.userId),
    )
    expect(result).toBe(3)
    expect(describeScans(scansOf(queries))).toEqual([])
    expect(await unreadBadgeTotal(buyer.organizationId, buyer.userId)).toBe(0)

    // Reading moves one member's count, not a colleague's.
    await markRead(supplier, second._id, last.message._id)
    expect(await unreadBadgeTotal(supplier.organizationId, supplier.userId)).toBe(2)
    expect(await unreadBadgeTotal(colleague.organizationId, colleague.userId)).toBe(3)

    // New messages and replies after the backfill go into the indexes as they are written.
    await storeMessage(second, buyer, 'One more question.')
    await storeMessage(first, supplier, 'Chúng tôi sẽ gửi báo giá trong hôm nay.')
    await flushChatWrites()
    expect(await unreadBadgeTotal(supplier.organizationId, supplier.userId)).toBe(1)
    expect(await unreadBadgeTotal(buyer.organizationId, buyer.userId)).toBe(1)
    expect(await unreadBadgeTotal(colleague.organizationId, colleague.userId)).toBe(5)
    const inbox = await InboxIndex.findById(supplier.organizationId).lean()
    expect(inbox?.recent.map((entry) => String(entry.conversation))).toEqual([
      String(first._id),
      String(second._id),
    ])
  })

  it('a second backfill finds the marker and does nothing', async () => {
    await backfillChatIndexes()
    expect(await backfillChatIndexes()).toEqual({ conversations: 0, reads: 0 })
  })
})
