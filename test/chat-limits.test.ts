import crypto from 'node:crypto'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { Conversation, openConversation } from '#models/chat/conversation.ts'
import { purgeUnsentAttachments } from '#models/maintenance.ts'
import { Message } from '#models/chat/message.ts'
import { Organization } from '#models/accounts/organization.ts'
import { StoredFile } from '#models/files/stored-file.ts'
import { useTestApp } from './app-server.ts'
import { addMember, cookieFor, createAccount } from './factories.ts'
import { TestBrowser } from './http.ts'
import { ask, connectChatClient } from './socket-client.ts'

/**
 * Issue 11, finding 4: one limit for a user's messages whatever the transport, a limit on new
 * conversations, and an upload quota per organisation.
 */

const app = useTestApp()

async function conversation() {
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

async function browserFor(userId: Parameters<typeof cookieFor>[0]) {
  const browser = new TestBrowser(app.baseUrl)
  browser.setCookie(await cookieFor(userId))
  return browser
}

describe('chat limits over plain HTTP', () => {
  it('refuses most of 40 parallel form posts: the socket’s limit of 20 at once holds', async () => {
    const { buyer, conversationId } = await conversation()
    const browser = await browserFor(buyer.userId)
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        browser.post(`/messages/${conversationId}`, {
          clientId: crypto.randomUUID(),
          body: `Tin nhắn số ${index}`,
        }),
      ),
    )
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(10)
    // 20 at once, plus what refills (2 a second) while the posts are answered.
    expect(await Message.countDocuments({ conversation: conversationId })).toBeLessThanOrEqual(30)
    const refused = responses.find((response) => response.status === 429)!
    expect(await refused.text()).toContain('Bạn gửi quá nhanh')
  }, 60_000)

  it('counts socket messages and form posts in one limit', async () => {
    const { buyer, conversationId } = await conversation()
    const cookie = await cookieFor(buyer.userId)
    const client = await connectChatClient(app.baseUrl, { cookie })
    try {
      const acks = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          ask(client, 'message:send', {
            conversationId,
            clientId: crypto.randomUUID(),
            body: `Qua socket ${index}`,
          }),
        ),
      )
      expect(acks.every((ack) => ack.ok)).toBe(true)
      const browser = new TestBrowser(app.baseUrl)
      browser.setCookie(cookie)
      const post = await browser.post(`/messages/${conversationId}`, {
        clientId: crypto.randomUUID(),
        body: 'Qua biểu mẫu',
      })
      expect(post.status).toBe(429)
    } finally {
      client.disconnect()
    }
  })

  it('limits how many conversations a user starts', async () => {
    const buyer = await createAccount('buyer')
    const browser = await browserFor(buyer.userId)
    const suppliers = await Promise.all(Array.from({ length: 10 }, () => createAccount('supplier')))
    const slugs = await Promise.all(
      suppliers.map(
        async (supplier) => (await Organization.findById(supplier.organizationId))!.slug,
      ),
    )
    const responses = await Promise.all(
      slugs.map((slug) =>
        browser.post(`/messages/new?supplier=${slug}`, {
          clientId: crypto.randomUUID(),
          body: 'Chào anh, bên em cần báo giá.',
        }),
      ),
    )
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 303).length).toBe(5)
    expect(statuses.filter((status) => status === 429).length).toBe(5)
    expect(await Conversation.countDocuments({ organizations: buyer.organizationId })).toBe(5)
  }, 60_000)

  it('caps chat uploads per organisation', async () => {
    const { buyer, conversationId } = await conversation()
    // Two colleagues, so the per-user message limit is not what stops them.
    const colleague = await addMember(buyer.organizationId, 'member')
    const browsers = [await browserFor(buyer.userId), await browserFor(colleague.userId)]
    const png = await sharp({
      create: { width: 8, height: 8, channels: 3, background: '#336699' },
    })
      .png()
      .toBuffer()
    const statuses: number[] = []
    for (let index = 0; index < 31; index++) {
      const form = new FormData()
      form.append('attachment', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'anh.png')
      const response = await browsers[index % 2]!.request(
        `/messages/${conversationId}/attachments`,
        { method: 'POST', body: form },
      )
      statuses.push(response.status)
      if (index === 30) {
        expect(await response.json()).toEqual({ ok: false, error: 'upload.quotaReached' })
      }
    }
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true)
    expect(statuses[30]).toBe(400)
    expect(
      await StoredFile.countDocuments({
        organization: buyer.organizationId,
        purpose: 'chat-attachment',
      }),
    ).toBe(30)
  }, 90_000)

  it('removes attachments uploaded but never sent, a day after upload', async () => {
    const { buyer, conversationId } = await conversation()
    const browser = await browserFor(buyer.userId)
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#993366' } })
      .png()
      .toBuffer()
    const ids: string[] = []
    for (let index = 0; index < 2; index++) {
      const form = new FormData()
      form.append('attachment', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'anh.png')
      const response = await browser.request(`/messages/${conversationId}/attachments`, {
        method: 'POST',
        body: form,
      })
      ids.push(((await response.json()) as { attachment: { id: string } }).attachment.id)
    }
    const client = await connectChatClient(app.baseUrl, { cookie: await cookieFor(buyer.userId) })
    try {
      const ack = await ask(client, 'message:send', {
        conversationId,
        clientId: crypto.randomUUID(),
        body: 'Bản vẽ đính kèm',
        attachmentIds: [ids[0]!],
      })
      expect(ack.ok).toBe(true)
    } finally {
      client.disconnect()
    }
    const removed: string[] = []
    const remove = async (file: { _id: { toHexString(): string } }) => {
      removed.push(file._id.toHexString())
      await StoredFile.deleteOne({ _id: file._id })
    }
    expect(await purgeUnsentAttachments(remove)).toBe(0)
    const tomorrow = new Date(Date.now() + 25 * 60 * 60 * 1000)
    expect(await purgeUnsentAttachments(remove, tomorrow)).toBeGreaterThanOrEqual(1)
    expect(removed).toContain(ids[1])
    expect(removed).not.toContain(ids[0])
    expect(await StoredFile.exists({ _id: ids[0] })).not.toBeNull()
  })
})
