import type { Types } from 'mongoose'
import { beforeAll, describe, expect, it } from 'vitest'
import { inboxFor } from '#app/utils/chat-pages.server.ts'
import type { Actor } from '#app/utils/permissions.server.ts'
import { Organization } from '#models/accounts/organization.ts'
import {
  backfillUserSessionLists,
  createSession,
  deleteSessionByCookie,
  liveSessionsOf,
  USER_SESSION_LISTS_MARKER,
} from '#models/accounts/session.ts'
import {
  backfillInvitationLists,
  INVITATION_LISTS_MARKER,
  issueToken,
  openInvitationsOf,
} from '#models/accounts/token.ts'
import {
  backfillOrganizationMemberKeys,
  backfillUserEmailKeys,
  membersOf,
  ORGANIZATION_MEMBER_KEYS_MARKER,
  User,
} from '#models/accounts/user.ts'
import { flushChatWrites } from '#models/chat/chat-writes.ts'
import { markRead } from '#models/chat/conversation-read.ts'
import { backfillChatIndexes } from '#models/chat/inbox-index-backfill.ts'
import {
  backfillConversationKeys,
  conversationExists,
  conversationPairKey,
  openConversation,
} from '#models/chat/conversation.ts'
import { CONVERSATION_KEYS_MARKER, ConversationKey } from '#models/chat/conversation-key.ts'
import { CHAT_INDEX_MARKER } from '#models/chat/inbox-index.ts'
import { forgetMaintenanceDone, MaintenanceMarker } from '#models/maintenance-marker.ts'
import { useTestApp } from './app-server.ts'
import {
  addMember,
  cookieFor,
  createAccount,
  startConversation,
  storeMessage,
} from './factories.ts'
import { TestBrowser } from './http.ts'
import { ask, connectChatClient, data } from './socket-client.ts'
import { describeScans, recordQueries, scansOf } from './query-guard.ts'

/**
 * Decision 010, third session: the inbox, the security page's device list and the members page
 * read growing collections by `_id` only (key documents written on write, backfilled at
 * start-up), and show what the record's queries showed.
 */
const app = useTestApp()

let buyer: { userId: Types.ObjectId; organizationId: Types.ObjectId }
let supplier: { userId: Types.ObjectId; organizationId: Types.ObjectId; email: string }
let colleague: { userId: Types.ObjectId; email: string }
let firstConversationId = ''

async function forgetMarker(name: string) {
  await MaintenanceMarker.deleteOne({ _id: name })
  forgetMaintenanceDone(name)
}

async function actorOf(userId: Types.ObjectId): Promise<Actor> {
  const user = (await User.findById(userId))!
  const organization = (await Organization.findById(user.organization))!
  return { userId: userId.toHexString(), sessionIdHash: '', user, organization, complete: true }
}

beforeAll(async () => {
  const buyerAccount = await createAccount('buyer')
  buyer = { userId: buyerAccount.userId, organizationId: buyerAccount.organizationId }
  supplier = await createAccount('supplier')
  colleague = await addMember(supplier.organizationId, 'member')
  const other = await createAccount('buyer')
  const first = await startConversation(buyer, supplier.organizationId)
  const second = await startConversation(other, supplier.organizationId)
  firstConversationId = first._id.toHexString()
  // Opened without a message yet: listed too.
  await startConversation(buyer, supplier.organizationId)
  await storeMessage(first, buyer, 'Xin chào, chúng tôi cần báo giá dập kim loại.')
  const read = await storeMessage(first, buyer, 'Số lượng 10.000 chiếc mỗi tháng.')
  await storeMessage(second, other, 'Quote for wire harnesses, please.')
  await storeMessage(first, buyer, 'Và thời gian giao hàng?')
  await flushChatWrites()
  await markRead(supplier, first._id, read.message._id)
  await flushChatWrites()
  await issueToken({
    purpose: 'invitation',
    email: 'moi.vao@example.vn',
    organization: supplier.organizationId,
    role: 'member',
    invitedBy: supplier.userId,
  })
  await backfillUserEmailKeys()
}, 120_000)

const summary = (entries: Awaited<ReturnType<typeof inboxFor>>) =>
  entries
    .map((entry) => ({ ...entry, lastMessageAt: entry.lastMessageAt ? 'set' : null }))
    .sort((a, b) => a.id.localeCompare(b.id))

describe('signed-in pages read growing collections by _id only', () => {
  it('the inbox shows what the record showed, from the inbox index', async () => {
    const actor = await actorOf(supplier.userId)
    await forgetMarker(CHAT_INDEX_MARKER)
    const fromRecord = await inboxFor(actor, 'en')
    expect(fromRecord).toHaveLength(3)
    await backfillChatIndexes()
    const { result: fromIndex, queries } = await recordQueries(() => inboxFor(actor, 'en'))
    expect(describeScans(scansOf(queries))).toEqual([])
    expect(summary(fromIndex)).toEqual(summary(fromRecord))
    // Newest activity first, as before, for the conversations with messages.
    expect(fromIndex.slice(0, 2).map((entry) => entry.id)).toEqual(
      fromRecord.slice(0, 2).map((entry) => entry.id),
    )
    expect(fromIndex.map((entry) => entry.unread).sort()).toEqual([0, 1, 1])

    const browser = new TestBrowser(app.baseUrl)
    browser.setCookie(await cookieFor(supplier.userId))
    await backfillUserSessionLists()
    const { result: page, queries: pageQueries } = await recordQueries(async () => {
      const response = await browser.get('/messages')
      return { status: response.status, html: await response.text() }
    })
    expect(page.status).toBe(200)
    expect(page.html).toContain('data-testid="inbox-entry"')
    expect(describeScans(scansOf(pageQueries))).toEqual([])
  })

  it('the security page lists the same sessions, from the user session list', async () => {
    const browser = new TestBrowser(app.baseUrl)
    browser.setCookie(await cookieFor(colleague.userId))
    await cookieFor(colleague.userId)
    await forgetMarker(USER_SESSION_LISTS_MARKER)
    const fromRecord = await liveSessionsOf(colleague.userId)
    expect(fromRecord).toHaveLength(2)
    await backfillUserSessionLists()
    const { result: fromList, queries } = await recordQueries(() =>
      liveSessionsOf(colleague.userId),
    )
    expect(describeScans(scansOf(queries))).toEqual([])
    expect(fromList.map((session) => session.id)).toEqual(fromRecord.map((session) => session.id))

    // A session made now is listed at once; one signed out leaves the list.
    const extra = await createSession({ userId: colleague.userId, secondFactorDone: true })
    expect(await liveSessionsOf(colleague.userId)).toHaveLength(3)
    await deleteSessionByCookie(extra.sessionId)
    expect(await liveSessionsOf(colleague.userId)).toHaveLength(2)

    const { result: page, queries: pageQueries } = await recordQueries(async () => {
      const response = await browser.get('/account/security')
      return { status: response.status, html: await response.text() }
    })
    expect(page.status).toBe(200)
    expect(describeScans(scansOf(pageQueries))).toEqual([])
  })

  it('the members page lists the same members and invitations, from their keys', async () => {
    await forgetMarker(ORGANIZATION_MEMBER_KEYS_MARKER)
    await forgetMarker(INVITATION_LISTS_MARKER)
    const membersBefore = await membersOf(supplier.organizationId)
    const invitationsBefore = await openInvitationsOf(supplier.organizationId)
    expect(membersBefore).toHaveLength(2)
    expect(invitationsBefore).toHaveLength(1)
    await backfillOrganizationMemberKeys()
    await backfillInvitationLists()
    const { result, queries } = await recordQueries(async () => ({
      members: await membersOf(supplier.organizationId),
      invitations: await openInvitationsOf(supplier.organizationId),
    }))
    expect(describeScans(scansOf(queries))).toEqual([])
    expect(result.members.map((member) => member.id)).toEqual(
      membersBefore.map((member) => member.id),
    )
    expect(result.invitations.map((token) => token.id)).toEqual(
      invitationsBefore.map((token) => token.id),
    )

    const browser = new TestBrowser(app.baseUrl)
    browser.setCookie(await cookieFor(supplier.userId))
    const { result: page, queries: pageQueries } = await recordQueries(async () => {
      const response = await browser.get('/account/organization')
      return { status: response.status, html: await response.text() }
    })
    expect(page.status).toBe(200)
    expect(page.html).toContain(colleague.email)
    expect(page.html).toContain('moi.vao@example.vn')
    expect(describeScans(scansOf(pageQueries))).toEqual([])
  })

  it('the conversation page reads its messages by their seq keys', async () => {
    await backfillOrganizationMemberKeys()
    const browser = new TestBrowser(app.baseUrl)
    browser.setCookie(await cookieFor(supplier.userId))
    const { result: page, queries } = await recordQueries(async () => {
      const response = await browser.get(`/messages/${firstConversationId}`)
      return { status: response.status, html: await response.text() }
    })
    expect(page.status).toBe(200)
    expect(page.html).toContain('Xin chào, chúng tôi cần báo giá dập kim loại.')
    expect(page.html).toContain('Và thời gian giao hàng?')
    // Participants, "Seen", attachments, logos and the page of messages: point reads only.
    expect(describeScans(scansOf(queries))).toEqual([])
  })

  it('message:sync reads the messages by their seq keys', async () => {
    const client = await connectChatClient(app.baseUrl, {
      cookie: await cookieFor(supplier.userId),
    })
    try {
      const { result: synced, queries: syncQueries } = await recordQueries(async () => {
        const all = data(await ask(client, 'message:sync', { conversationId: firstConversationId }))
        const after = data(
          await ask(client, 'message:sync', {
            conversationId: firstConversationId,
            afterMessageId: all.messages[0]!.id,
            limit: 1,
          }),
        )
        return { all, after }
      })
      expect(synced.all.messages.map((message) => message.seq)).toEqual([1, 2, 3])
      expect(synced.all.hasMore).toBe(false)
      expect(synced.after.messages.map((message) => message.body)).toEqual([
        'Số lượng 10.000 chiếc mỗi tháng.',
      ])
      expect(synced.after.hasMore).toBe(true)
      expect(describeScans(scansOf(syncQueries))).toEqual([])
    } finally {
      client.disconnect()
    }
  })

  it('contacting a supplier again finds the conversation by its pair key, after the key backfill', async () => {
    const context = { kind: 'profile-inquiry' as const }
    const opened = await openConversation(buyer, supplier.organizationId, context)
    expect(opened.ok && opened.created).toBe(true)
    const pairKey = conversationPairKey(buyer.organizationId, supplier.organizationId, context)
    // A conversation from before the keys: its key is gone and the backfill has not run.
    await ConversationKey.deleteOne({ _id: pairKey })
    await forgetMarker(CONVERSATION_KEYS_MARKER)
    expect(await conversationExists(pairKey)).toBe(true)
    await ConversationKey.deleteOne({ _id: pairKey })
    expect(await backfillConversationKeys()).toBeGreaterThan(0)
    expect(await ConversationKey.findById(pairKey).lean()).toMatchObject({
      conversation: opened.ok ? opened.conversation._id : null,
    })

    const { result: again, queries } = await recordQueries(async () => ({
      exists: await conversationExists(pairKey),
      opened: await openConversation(buyer, supplier.organizationId, context),
      unknown: await conversationExists(`${pairKey}-not-there`),
    }))
    expect(again.exists).toBe(true)
    expect(again.unknown).toBe(false)
    expect(again.opened.ok && !again.opened.created).toBe(true)
    expect(
      again.opened.ok && opened.ok && again.opened.conversation._id.equals(opened.conversation._id),
    ).toBe(true)
    expect(describeScans(scansOf(queries))).toEqual([])
  })
})
