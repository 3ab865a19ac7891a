import crypto from 'node:crypto'
import { Types } from 'mongoose'
import type { Socket } from 'socket.io-client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { participantsOf } from '#app/utils/chat-pages.server.ts'
import { ChatTimeline } from '#app/utils/chat-timeline.ts'
import { requireConversationAccess } from '#app/utils/chat.server.ts'
import type { Ack, ChatMessage } from '#models/chat/realtime-events.ts'
import { openConversation } from '#models/chat/conversation.ts'
import { Message } from '#models/chat/message.ts'
import { unreadCounts } from '#models/chat/unread-counts.ts'
import { Session } from '#models/accounts/session.ts'
import { StoredFile } from '#models/files/stored-file.ts'
import { User } from '#models/accounts/user.ts'
import { useTestApp } from '#test/app-server.ts'
import { addMember, cookieFor, createAccount } from '#test/factories.ts'
import {
  ask,
  connectChatClient,
  data,
  errorCode,
  next,
  record,
  type ChatClient,
} from '#test/socket-client.ts'

const app = useTestApp()
const clients: Socket[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect()
})

async function connect(cookie?: string, options: { reconnection?: boolean } = {}) {
  const client = await connectChatClient(app.baseUrl, { cookie, ...options })
  clients.push(client)
  return client
}

async function connectAs(userId: Types.ObjectId, options?: { reconnection?: boolean }) {
  return connect(await cookieFor(userId), options)
}

const join = (client: ChatClient, conversationId: string) =>
  ask(client, 'conversation:join', { conversationId })

const send = (
  client: ChatClient,
  conversationId: string,
  body: string,
  clientId: string = crypto.randomUUID(),
) => ask(client, 'message:send', { conversationId, clientId, body })

/** A buyer and a supplier, each with an owner, and a profile-inquiry conversation between them. */
async function buyerAndSupplier() {
  const buyer = await createAccount('buyer')
  const supplier = await createAccount('supplier')
  const opened = await openConversation(
    { userId: buyer.userId, organizationId: buyer.organizationId },
    supplier.organizationId,
    { kind: 'profile-inquiry' },
  )
  if (!opened.ok) throw new Error(opened.error)
  return { buyer, supplier, conversationId: opened.conversation._id.toHexString() }
}

describe('chat: conversations', () => {
  it('opens one conversation per pair of organisations and context, even when raced', async () => {
    const buyer = await createAccount('buyer')
    const supplier = await createAccount('supplier')
    const colleague = await addMember(supplier.organizationId, 'member')
    const fromBuyer = { userId: buyer.userId, organizationId: buyer.organizationId }
    const fromSupplier = { userId: colleague.userId, organizationId: supplier.organizationId }
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () =>
        openConversation(fromBuyer, supplier.organizationId, { kind: 'profile-inquiry' }),
      ),
      openConversation(fromSupplier, buyer.organizationId, { kind: 'profile-inquiry' }),
    ])
    const ids = results.map((result) => (result.ok ? result.conversation.id : result.error))
    expect(new Set(ids).size).toBe(1)
    expect(results.filter((result) => result.ok && result.created)).toHaveLength(1)

    const rfq = await openConversation(fromBuyer, supplier.organizationId, {
      kind: 'rfq',
      refId: crypto.randomBytes(12).toString('hex'),
    })
    expect(rfq.ok && rfq.conversation.id).not.toBe(ids[0])
    expect(
      await openConversation(fromBuyer, buyer.organizationId, { kind: 'profile-inquiry' }),
    ).toEqual({ ok: false, error: 'chat.error.selfConversation' })
  })
})

describe('chat over Socket.IO', () => {
  it('lets a buyer and a supplier exchange messages both ways, live, in every tab', async () => {
    const { buyer, supplier, conversationId } = await buyerAndSupplier()
    const buyerTab = await connectAs(buyer.userId)
    const buyerOtherTab = await connectAs(buyer.userId)
    const supplierClient = await connectAs(supplier.userId)
    const supplierInbox = await connectAs(supplier.userId) // has not opened the conversation
    for (const client of [buyerTab, buyerOtherTab, supplierClient]) {
      expect(data(await join(client, conversationId)).conversation.kind).toBe('profile-inquiry')
    }
    const buyerTabReceived = record(buyerTab, 'message:new')

    const atSupplier = next(supplierClient, 'message:new')
    const inOtherTab = next(buyerOtherTab, 'message:new')
    const inInbox = next(supplierInbox, 'conversation:activity')
    const sent = data(
      await ask(buyerTab, 'message:send', {
        conversationId,
        clientId: crypto.randomUUID(),
        body: '  Chào anh, bên em cần 5.000 chi tiết dập.  ',
        inquiry: { product: 'Giá đỡ dập', quantity: '5000 pcs', targetDate: '2026-03-01' },
      }),
    )
    expect(sent.duplicate).toBe(false)
    expect(sent.message).toMatchObject({
      conversationId,
      seq: 1,
      body: 'Chào anh, bên em cần 5.000 chi tiết dập.',
      senderUserId: buyer.userId.toHexString(),
      senderOrganizationId: buyer.organizationId.toHexString(),
      inquiry: { product: 'Giá đỡ dập', quantity: '5000 pcs', targetDate: '2026-03-01' },
    })
    expect(await atSupplier).toEqual(sent.message)
    expect(await inOtherTab).toEqual(sent.message)
    expect(await inInbox).toMatchObject({
      conversationId,
      messageId: sent.message.id,
      lastMessagePreview: 'Chào anh, bên em cần 5.000 chi tiết dập.',
    })

    const atBuyer = next(buyerTab, 'message:new')
    const reply = data(await send(supplierClient, conversationId, 'Dạ, bên em nhận được ạ.'))
    expect(reply.message.seq).toBe(2)
    expect(await atBuyer).toEqual(reply.message)
    // The sending tab gets its own message through the acknowledgement, not a second time.
    expect(buyerTabReceived.map((message) => message.id)).toEqual([reply.message.id])

    const history = await Message.find({ conversation: conversationId }).sort({ seq: 1 })
    expect(history.map((message) => message.body)).toEqual([
      'Chào anh, bên em cần 5.000 chi tiết dập.',
      'Dạ, bên em nhận được ạ.',
    ])
  })

  it('keeps non-members out of a conversation, by event and by HTTP', async () => {
    const { buyer, supplier, conversationId } = await buyerAndSupplier()
    const outsider = await createAccount('supplier')
    const supplierClient = await connectAs(supplier.userId)
    await join(supplierClient, conversationId)
    const supplierReceived = record(supplierClient, 'message:new')
    const intruder = await connectAs(outsider.userId)
    const intruderReceived = record(intruder, 'message:new')

    expect(errorCode(await join(intruder, conversationId))).toBe('conversation.forbidden')
    const refused = await send(intruder, conversationId, 'Xin báo giá')
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'conversation.forbidden',
        message: { vi: expect.any(String), en: expect.any(String) },
      },
    })
    const sync = await ask(intruder, 'message:sync', { conversationId })
    expect(errorCode(sync)).toBe('conversation.forbidden')
    const buyerClient = await connectAs(buyer.userId)
    const stored = data(await send(buyerClient, conversationId, 'Tin riêng'))
    const read = await ask(intruder, 'message:read', {
      conversationId,
      messageId: stored.message.id,
    })
    expect(errorCode(read)).toBe('conversation.forbidden')
    const typing = await ask(intruder, 'typing:start', { conversationId })
    expect(errorCode(typing)).toBe('conversation.notJoined')
    const unknown = crypto.randomBytes(12).toString('hex')
    expect(errorCode(await join(intruder, unknown))).toBe('conversation.notFound')

    // The buyer's message reached the supplier and not the outsider.
    await expect.poll(() => supplierReceived.length).toBe(1)
    expect(intruderReceived).toEqual([])
    expect(await Message.countDocuments({ conversation: conversationId })).toBe(1)

    const anonymous = await connect()
    const ref = { conversationId }
    const message = { conversationId, clientId: crypto.randomUUID(), body: 'hi' }
    const answers = await Promise.all([
      ask(anonymous, 'conversation:join', ref),
      ask(anonymous, 'conversation:leave', ref),
      ask(anonymous, 'message:send', message),
      ask(anonymous, 'message:sync', ref),
      ask(anonymous, 'message:read', { ...ref, messageId: stored.message.id }),
      ask(anonymous, 'typing:start', ref),
      ask(anonymous, 'typing:stop', ref),
    ])
    expect(answers.map(errorCode)).toEqual(Array(7).fill('auth.required'))

    // The HTTP check the /messages pages will use.
    const request = async (cookie: string | null, id = conversationId) => {
      const headers = cookie ? { Cookie: cookie } : undefined
      try {
        const access = await requireConversationAccess(
          new Request(`http://localhost/messages/${id}`, { headers }),
          id,
        )
        return access.conversation.id as string
      } catch (thrown) {
        if (!(thrown instanceof Response)) throw thrown
        return thrown.status
      }
    }
    expect(await request(await cookieFor(buyer.userId))).toBe(conversationId)
    const colleague = await addMember(supplier.organizationId, 'member')
    expect(await request(await cookieFor(colleague.userId))).toBe(conversationId)
    expect(await request(await cookieFor(outsider.userId))).toBe(403)
    expect(await request(await cookieFor(buyer.userId), unknown)).toBe(404)
    expect(await request(await cookieFor(buyer.userId), 'not-an-id')).toBe(404)
    expect(await request(null)).toBe(302)
  })

  it('stores a retried message once and answers every retry with the same message', async () => {
    const { buyer, supplier, conversationId } = await buyerAndSupplier()
    const tab = await connectAs(buyer.userId)
    const otherTab = await connectAs(buyer.userId)
    const supplierClient = await connectAs(supplier.userId)
    await join(supplierClient, conversationId)
    const delivered = record(supplierClient, 'message:new')

    const clientId = crypto.randomUUID()
    const first = data(await send(tab, conversationId, 'Báo giá giúp em', clientId))
    const again = data(await send(tab, conversationId, 'Báo giá giúp em', clientId))
    expect(first.duplicate).toBe(false)
    expect(again).toEqual({ message: first.message, duplicate: true })

    // Retries racing each other, from two tabs (one user), with a message of the supplier's
    // landing in between.
    const racedId = crypto.randomUUID()
    const raced = await Promise.all([
      ...Array.from({ length: 4 }, () => send(tab, conversationId, 'Gửi lại', racedId)),
      ...Array.from({ length: 4 }, () => send(otherTab, conversationId, 'Gửi lại', racedId)),
      send(supplierClient, conversationId, 'Tin của nhà cung cấp'),
    ])
    const racedMessages = raced.slice(0, 8).map((ack) => data(ack).message)
    expect(new Set(racedMessages.map((message) => message.id)).size).toBe(1)
    expect(raced.slice(0, 8).filter((ack) => !data(ack).duplicate)).toHaveLength(1)
    expect(await Message.countDocuments({ senderUser: buyer.userId, clientId: racedId })).toBe(1)
    expect(await Message.countDocuments({ conversation: conversationId })).toBe(3)
    const seqs = (await Message.find({ conversation: conversationId }).sort({ seq: 1 })).map(
      (message) => message.seq,
    )
    expect(seqs).toEqual([1, 2, 3])

    // The supplier may see a retry's message more than once; the timeline keeps one.
    await expect
      .poll(() => delivered.some((message) => message.id === racedMessages[0]!.id))
      .toBe(true)
    const timeline = new ChatTimeline()
    timeline.add(delivered)
    expect(timeline.messages.filter((message) => message.clientId === racedId)).toHaveLength(1)

    // A client id belongs to one message: reusing it elsewhere is refused, not merged.
    const elsewhere = await openConversation(
      { userId: buyer.userId, organizationId: buyer.organizationId },
      supplier.organizationId,
      { kind: 'rfq', refId: crypto.randomBytes(12).toString('hex') },
    )
    if (!elsewhere.ok) throw new Error(elsewhere.error)
    const reused = await send(tab, elsewhere.conversation.id as string, 'Khác', clientId)
    expect(reused).toMatchObject({ ok: false, error: { code: 'message.clientIdReused' } })
  })

  it('gives a client that was away every message it missed through message:sync, once', async () => {
    const { buyer, supplier, conversationId } = await buyerAndSupplier()
    const buyerClient = await connectAs(buyer.userId)
    const colleague = await addMember(buyer.organizationId, 'member')
    const colleagueClient = await connectAs(colleague.userId)
    let supplierClient = await connectAs(supplier.userId)
    await join(supplierClient, conversationId)
    const timeline = new ChatTimeline()
    supplierClient.on('message:new', (message) => timeline.add([message]))

    for (const body of ['một', 'hai', 'ba']) await send(buyerClient, conversationId, body)
    await expect.poll(() => timeline.messages.length).toBe(3)

    supplierClient.disconnect()
    // Two senders at once while the supplier is away.
    const whileAway = await Promise.all(
      ['bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'].map((body, index) =>
        send(index % 2 ? colleagueClient : buyerClient, conversationId, body),
      ),
    )
    const missed = whileAway.map((ack) => data(ack).message.id)

    supplierClient = await connectAs(supplier.userId)
    await join(supplierClient, conversationId)
    const synced: ChatMessage[] = []
    for (let hasMore = true; hasMore;) {
      const page = data(
        await ask(supplierClient, 'message:sync', {
          conversationId,
          afterMessageId: synced.at(-1)?.id ?? timeline.syncCursor,
          limit: 3,
        }),
      )
      synced.push(...page.messages)
      hasMore = page.hasMore
    }
    expect(synced.map((message) => message.id).sort()).toEqual([...missed].sort())
    expect(synced.map((message) => message.seq)).toEqual([4, 5, 6, 7, 8, 9, 10])
    expect(timeline.add(synced)).toHaveLength(7)
    expect(timeline.messages.map((message) => message.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])

    const unknownCursor = await ask(supplierClient, 'message:sync', {
      conversationId,
      afterMessageId: crypto.randomBytes(12).toString('hex'),
    })
    expect(errorCode(unknownCursor)).toBe('message.notFound')
  })

  it('loses nothing across a dropped connection: the client reconnects by itself and syncs', async () => {
    const { buyer, supplier, conversationId } = await buyerAndSupplier()
    const buyerClient = await connectAs(buyer.userId)
    const supplierClient = await connectAs(supplier.userId, { reconnection: true })
    await join(supplierClient, conversationId)
    const timeline = new ChatTimeline()
    supplierClient.on('message:new', (message) => timeline.add([message]))
    await send(buyerClient, conversationId, 'trước')
    await expect.poll(() => timeline.messages.length).toBe(1)

    const reconnected = new Promise<void>((resolve) =>
      supplierClient.io.once('reconnect', () => resolve()),
    )
    supplierClient.io.engine.close() // the network drops; the client reconnects by itself
    for (const body of ['a', 'b', 'c', 'd']) data(await send(buyerClient, conversationId, body))
    await reconnected
    await join(supplierClient, conversationId)
    const page = data(
      await ask(supplierClient, 'message:sync', {
        conversationId,
        afterMessageId: timeline.syncCursor,
      }),
    )
    timeline.add(page.messages)
    expect(timeline.messages.map((message) => message.body)).toEqual(['trước', 'a', 'b', 'c', 'd'])
  })

  it('does not restore the rooms of a session that ended while the connection was down', async () => {
    const { buyer, supplier, conversationId } = await buyerAndSupplier()
    const buyerClient = await connectAs(buyer.userId)
    const supplierClient = await connectAs(supplier.userId, { reconnection: true })
    await join(supplierClient, conversationId)
    const received = record(supplierClient, 'message:new')
    // Had Socket.IO's connection-state recovery been on, it would resume from this broadcast
    // (without running the auth middleware again).
    await send(buyerClient, conversationId, 'Trước khi đăng xuất')
    await expect.poll(() => received.length).toBe(1)

    await Session.deleteMany({ user: supplier.userId }) // signed out elsewhere, socket offline
    const reconnected = new Promise<void>((resolve) => supplierClient.once('connect', resolve))
    supplierClient.io.engine.close()
    await reconnected
    const [server] = await app.server.io.in(supplierClient.id!).fetchSockets()
    expect(server?.data).toEqual({})
    expect([...(server?.rooms ?? [])]).toEqual([supplierClient.id])

    await send(buyerClient, conversationId, 'Sau khi đăng xuất')
    const answer = await ask(supplierClient, 'message:sync', { conversationId })
    expect(errorCode(answer)).toBe('auth.required')
    expect(received.map((message) => message.body)).toEqual(['Trước khi đăng xuất'])
  })

  it('refuses malformed, too long and oversized events without harming the connection', async () => {
    const { buyer, supplier, conversationId } = await buyerAndSupplier()
    const client = await connectAs(buyer.userId, { reconnection: true })
    const bystander = await connectAs(supplier.userId)
    await join(bystander, conversationId)
    const untyped = client as unknown as Socket
    const socketId = client.id

    const malformed: unknown[] = [
      'garbage',
      null,
      42,
      [conversationId],
      { conversationId: { $gt: '' }, clientId: crypto.randomUUID(), body: 'x' },
      { conversationId, clientId: 'not-a-uuid', body: 'x' },
      { conversationId, body: 'x' },
      { conversationId, clientId: crypto.randomUUID(), body: 7 },
      { conversationId, clientId: crypto.randomUUID(), body: '   \n  ' },
      { conversationId, clientId: crypto.randomUUID(), body: 'x', attachmentIds: 'all' },
    ]
    for (const payload of malformed) {
      const ack = (await untyped
        .timeout(5_000)
        .emitWithAck('message:send', payload)) as Ack<unknown>
      expect(errorCode(ack), JSON.stringify(payload)).toBe('validation.failed')
    }
    // No acknowledgement asked for, unknown events, extra arguments: ignored.
    untyped.emit('message:send', { conversationId })
    untyped.emit('conversation:join')
    untyped.emit('no-such:event', { a: 1 })
    untyped.emit('message:sync', { conversationId }, 'extra', () => {})

    const tooLong = await send(client, conversationId, 'ạ'.repeat(4001))
    expect(tooLong).toEqual({
      ok: false,
      error: {
        code: 'validation.failed',
        field: 'body',
        message: {
          vi: 'Tin nhắn dài tối đa 4.000 ký tự.',
          en: 'A message can be at most 4,000 characters long.',
        },
      },
    })
    expect(data(await send(client, conversationId, 'ạ'.repeat(4000))).message.body).toHaveLength(
      4000,
    )
    expect(client.id).toBe(socketId)

    // Someone else's file as an attachment is refused.
    const file = await StoredFile.create({
      organization: supplier.organizationId,
      uploadedBy: supplier.userId,
      purpose: 'chat-attachment',
      originalName: 'bang-gia.pdf',
      mimeType: 'application/pdf',
      size: 100,
      storageKey: `ab/cd/${crypto.randomBytes(16).toString('hex')}.pdf`,
    })
    const foreign = await ask(client, 'message:send', {
      conversationId,
      clientId: crypto.randomUUID(),
      body: 'Tệp',
      attachmentIds: [file.id as string],
    })
    expect(foreign).toMatchObject({
      ok: false,
      error: { code: 'validation.failed', field: 'attachmentIds' },
    })
    const own = data(
      await ask(bystander, 'message:send', {
        conversationId,
        clientId: crypto.randomUUID(),
        body: 'Bảng giá đính kèm',
        attachmentIds: [file.id as string],
      }),
    )
    expect(own.message.attachmentIds).toEqual([file.id])

    // Over the 64 KB frame cap: the server closes that transport; the client reconnects and
    // carries on; nobody else notices; nothing was stored.
    const closed = new Promise<string>((resolve) => client.once('disconnect', resolve))
    const reconnected = new Promise<void>((resolve) => client.io.once('reconnect', () => resolve()))
    client.emit(
      'message:send',
      {
        conversationId,
        clientId: crypto.randomUUID(),
        body: 'x'.repeat(70 * 1024),
      },
      () => {},
    )
    expect(await closed).toBe('transport close')
    await reconnected
    expect(bystander.connected).toBe(true)
    expect(data(await send(client, conversationId, 'Vẫn gửi được')).message.seq).toBe(3)
    expect(data(await send(bystander, conversationId, 'Vẫn nhận được')).message.seq).toBe(4)
    expect(await Message.countDocuments({ conversation: conversationId })).toBe(4)
  })

  it('answers rate.limited beyond 20 messages in a burst', async () => {
    const { buyer, conversationId } = await buyerAndSupplier()
    const client = await connectAs(buyer.userId)
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, index) => send(client, conversationId, `Tin ${index}`)),
    )
    const codes = answers.map((ack) => (ack.ok ? 'ok' : ack.error.code))
    expect(codes.filter((code) => code === 'ok')).toHaveLength(20)
    expect(codes.filter((code) => code === 'rate.limited')).toHaveLength(5)
    expect(await Message.countDocuments({ conversation: conversationId })).toBe(20)
    const limited = answers.find((ack) => !ack.ok)
    expect(limited).toMatchObject({ error: { message: { en: expect.stringMatching(/too fast/) } } })
    // Another user is not held back by this one.
    const other = await addMember(buyer.organizationId, 'member')
    expect((await send(await connectAs(other.userId), conversationId, 'Tôi vẫn gửi được')).ok).toBe(
      true,
    )
  })

  it('keeps read positions per user, sends receipts and counts unread messages', async () => {
    const { buyer, supplier, conversationId } = await buyerAndSupplier()
    const colleague = await addMember(supplier.organizationId, 'member')
    const buyerClient = await connectAs(buyer.userId)
    await join(buyerClient, conversationId)
    const receipts = record(buyerClient, 'message:read')
    const sent = []
    for (const body of ['1', '2', '3'])
      sent.push(data(await send(buyerClient, conversationId, body)).message)

    const supplierClient = await connectAs(supplier.userId)
    const joined = data(await join(supplierClient, conversationId))
    expect(joined).toMatchObject({ unread: 3, lastReadMessageId: null })
    expect(joined.onlineUserIds).toContain(buyer.userId.toHexString())

    const receipt = next(buyerClient, 'message:read')
    const read = await ask(supplierClient, 'message:read', {
      conversationId,
      messageId: sent[1]!.id,
    })
    expect(data(read)).toEqual({ conversationId, lastReadMessageId: sent[1]!.id, unread: 1 })
    expect(await receipt).toMatchObject({
      conversationId,
      userId: supplier.userId.toHexString(),
      organizationId: supplier.organizationId.toHexString(),
      messageId: sent[1]!.id,
      seq: 2,
    })

    // A late receipt for an older message does not move the position back.
    const older = await ask(supplierClient, 'message:read', {
      conversationId,
      messageId: sent[0]!.id,
    })
    expect(data(older)).toEqual({ conversationId, lastReadMessageId: sent[1]!.id, unread: 1 })

    const other = await buyerAndSupplier()
    const otherMessage = data(
      await send(await connectAs(other.buyer.userId), other.conversationId, 'khác'),
    ).message
    const wrong = await ask(supplierClient, 'message:read', {
      conversationId,
      messageId: otherMessage.id,
    })
    expect(errorCode(wrong)).toBe('message.notFound')

    // Per user: the colleague has read nothing; the sender has nothing unread of their own.
    const conversation = sent[0]!.conversationId
    const counts = async (userId: Types.ObjectId) =>
      (await unreadCounts(userId, [new Types.ObjectId(conversation)])).get(conversation) ?? 0
    expect(await counts(colleague.userId)).toBe(3)
    expect(await counts(supplier.userId)).toBe(1)
    expect(await counts(buyer.userId)).toBe(0)
    await send(supplierClient, conversationId, 'Trả lời')
    expect(await counts(buyer.userId)).toBe(1)
    expect(receipts).toHaveLength(1)
  })

  it('shows typing to the other participants only, and presence as users come and go', async () => {
    const { buyer, supplier, conversationId } = await buyerAndSupplier()
    const colleague = await addMember(supplier.organizationId, 'member')
    const outsider = await createAccount('supplier')
    const buyerTab = await connectAs(buyer.userId)
    const buyerOtherTab = await connectAs(buyer.userId)
    const supplierClient = await connectAs(supplier.userId)
    const colleagueClient = await connectAs(colleague.userId)
    const intruder = await connectAs(outsider.userId)
    for (const client of [buyerTab, buyerOtherTab, supplierClient, colleagueClient]) {
      data(await join(client, conversationId))
    }
    await join(intruder, conversationId)
    const typingSeen = new Map(
      [buyerTab, buyerOtherTab, supplierClient, colleagueClient, intruder].map((client) => [
        client,
        record(client, 'typing:update'),
      ]),
    )

    expect(data(await ask(buyerTab, 'typing:start', { conversationId }))).toBe(null)
    expect(data(await ask(buyerTab, 'typing:stop', { conversationId }))).toBe(null)
    // A message sent afterwards arrives after any typing event would have: a barrier.
    const barriers = [buyerOtherTab, supplierClient, colleagueClient].map((client) =>
      next(client, 'message:new'),
    )
    await send(buyerTab, conversationId, 'xong')
    await Promise.all(barriers)
    const typing = { conversationId, userId: buyer.userId.toHexString() }
    expect(typingSeen.get(supplierClient)).toEqual([
      { ...typing, typing: true },
      { ...typing, typing: false },
    ])
    expect(typingSeen.get(colleagueClient)).toEqual(typingSeen.get(supplierClient))
    expect(typingSeen.get(buyerTab)).toEqual([])
    expect(typingSeen.get(buyerOtherTab)).toEqual([])
    expect(typingSeen.get(intruder)).toEqual([])

    // Presence: the supplier's last socket leaves; the others in the room hear it.
    const offline = next(buyerTab, 'presence:update')
    supplierClient.disconnect()
    const wentOffline = await offline
    expect(wentOffline).toMatchObject({ userId: supplier.userId.toHexString(), online: false })
    // "Last seen" is stored with the same time, for pages loaded later.
    await vi.waitFor(async () => {
      const stored = await User.findById(supplier.userId).select('lastSeenAt').lean()
      expect(stored?.lastSeenAt?.toISOString()).toBe(wentOffline.at)
    })
    const people = await participantsOf([supplier.organizationId])
    expect(people.find((person) => person.id === supplier.userId.toHexString())).toMatchObject({
      lastSeenAt: wentOffline.at,
    })
    expect(people.find((person) => person.id === colleague.userId.toHexString())).toMatchObject({
      lastSeenAt: null,
    })
    const online = next(buyerTab, 'presence:update')
    const back = await connectAs(supplier.userId)
    await join(back, conversationId)
    expect(await online).toMatchObject({ userId: supplier.userId.toHexString(), online: true })
  })
})
