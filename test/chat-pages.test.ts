import crypto from 'node:crypto'
import type { Types } from 'mongoose'
import { describe, expect, it } from 'vitest'
import { Conversation, openConversation } from '#models/chat/conversation.ts'
import { Message } from '#models/chat/message.ts'
import { sendMessage } from '#models/chat/send-message.ts'
import { Organization } from '#models/accounts/organization.ts'
import { profileFor, SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { StoredFile } from '#models/files/stored-file.ts'
import { useTestApp } from '#test/app-server.ts'
import { addMember, cookieFor, createAccount } from '#test/factories.ts'
import { TestBrowser } from '#test/http.ts'

/** The chat pages over HTTP, as a browser without JavaScript uses them. */
const app = useTestApp()

const MINIMAL_PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'

async function browserFor(userId?: Types.ObjectId) {
  const browser = new TestBrowser(app.baseUrl)
  if (userId) browser.setCookie(await cookieFor(userId))
  return browser
}

async function namedAccount(kind: 'supplier' | 'buyer', name: string) {
  const account = await createAccount(kind)
  await Organization.updateOne({ _id: account.organizationId }, { $set: { name } })
  const { slug } = (await Organization.findById(account.organizationId).lean())!
  return { ...account, slug }
}

/** The hidden clientId the page rendered into its message form. */
function hiddenClientId(html: string): string {
  const match = /name="clientId" value="([0-9a-f-]{36})"/.exec(html)
  if (!match) throw new Error('no clientId field on the page')
  return match[1]!
}

async function contact(browser: TestBrowser, slug: string, fields: Record<string, string>) {
  return browser.post(`/messages/new?supplier=${slug}`, {
    clientId: crypto.randomUUID(),
    ...fields,
  })
}

function conversationIdOf(response: Response): string {
  expect(response.status).toBe(303)
  const match = /^\/messages\/([0-9a-f]{24})$/.exec(response.headers.get('location') ?? '')
  if (!match) throw new Error(`unexpected redirect: ${response.headers.get('location')}`)
  return match[1]!
}

function pdfForm(fields: Record<string, string>, fileName = 'bao-gia.pdf', bytes = MINIMAL_PDF) {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  form.append('attachment', new Blob([bytes], { type: 'application/pdf' }), fileName)
  return form
}

describe('contact supplier', () => {
  it('shows the form to other organisations and a sign-in link to visitors', async () => {
    const supplier = await namedAccount('supplier', 'Công ty Cơ khí Liên Hệ')
    const buyer = await createAccount('buyer')
    const page = `/suppliers/${supplier.slug}`

    const anonymous = await (await (await browserFor()).get(page)).text()
    expect(anonymous).toContain(
      `href="/login?${new URLSearchParams({ redirectTo: page }).toString().replace(/&/g, '&amp;')}"`,
    )
    expect(anonymous).not.toContain('/messages/new')

    const asBuyer = await (await (await browserFor(buyer.userId)).get(page)).text()
    expect(asBuyer).toContain(`action="/messages/new?supplier=${supplier.slug}"`)
    expect(asBuyer).toContain('Liên hệ nhà cung cấp')
    hiddenClientId(asBuyer)

    const asOwner = await (await (await browserFor(supplier.userId)).get(page)).text()
    expect(asOwner).not.toContain('/messages/new')
  })

  it('opens one conversation per pair and context, and reuses it on the next contact', async () => {
    const supplier = await namedAccount('supplier', 'Công ty Đúc Một Lần')
    const buyer = await createAccount('buyer')
    const colleague = await addMember(buyer.organizationId, 'member')

    const first = await contact(await browserFor(buyer.userId), supplier.slug, {
      body: 'Chúng tôi cần 5.000 chi tiết dập.',
      product: 'Giá đỡ thép',
      quantity: '5000 chiếc',
      targetDate: '2026-03-01',
    })
    const conversationId = conversationIdOf(first)
    const again = await contact(await browserFor(buyer.userId), supplier.slug, {
      body: 'Bổ sung bản vẽ sau.',
    })
    const fromColleague = await contact(await browserFor(colleague.userId), supplier.slug, {
      body: 'Tôi là đồng nghiệp.',
    })
    expect(conversationIdOf(again)).toBe(conversationId)
    expect(conversationIdOf(fromColleague)).toBe(conversationId)
    expect(
      await Conversation.countDocuments({
        organizations: { $all: [buyer.organizationId, supplier.organizationId] },
      }),
    ).toBe(1)

    const messages = await Message.find({ conversation: conversationId }).sort({ seq: 1 }).lean()
    expect(messages.map((message) => message.body)).toEqual([
      'Chúng tôi cần 5.000 chi tiết dập.',
      'Bổ sung bản vẽ sau.',
      'Tôi là đồng nghiệp.',
    ])
    expect(messages[0]!.inquiry).toEqual({
      product: 'Giá đỡ thép',
      quantity: '5000 chiếc',
      targetDate: '2026-03-01',
    })
    const page = await (await browserFor(supplier.userId)).get(`/messages/${conversationId}`)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toContain('Giá đỡ thép')
    expect(html).toContain('5000 chiếc')
  })

  it('refuses an inquiry without a product, and contacting one’s own organisation', async () => {
    const supplier = await namedAccount('supplier', 'Công ty Tự Liên Hệ')
    const buyer = await createAccount('buyer')
    const refused = await contact(await browserFor(buyer.userId), supplier.slug, {
      body: 'Số lượng thôi',
      quantity: '10',
    })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('Vui lòng ghi tên sản phẩm')
    const self = await contact(await browserFor(supplier.userId), supplier.slug, { body: 'Chào' })
    expect(self.status).toBe(403)
    expect(await Conversation.countDocuments({ organizations: supplier.organizationId })).toBe(0)
  })
})

describe('a conversation page', () => {
  async function conversation() {
    const supplier = await namedAccount('supplier', 'Công ty Khuôn Mẫu Trò Chuyện')
    const buyer = await namedAccount('buyer', 'Buyer Conversation GmbH')
    const opened = await openConversation(
      { userId: buyer.userId, organizationId: buyer.organizationId },
      supplier.organizationId,
      { kind: 'profile-inquiry' },
    )
    if (!opened.ok) throw new Error(opened.error)
    return { supplier, buyer, conversationId: opened.conversation._id.toHexString() }
  }

  it('is not found for anyone outside the two organisations, nor is posting to it', async () => {
    const { conversationId } = await conversation()
    const outsider = await createAccount('supplier')
    const browser = await browserFor(outsider.userId)
    expect((await browser.get(`/messages/${conversationId}`)).status).toBe(404)
    const post = await browser.post(`/messages/${conversationId}`, {
      clientId: crypto.randomUUID(),
      body: 'Tôi không thuộc cuộc trò chuyện này',
    })
    expect(post.status).toBe(404)
    expect((await browser.get('/messages/0123456789abcdef01234567')).status).toBe(404)
    expect(await Message.countDocuments({ conversation: conversationId })).toBe(0)
    const anonymous = await (await browserFor()).get(`/messages/${conversationId}`)
    expect(anonymous.status).toBe(302)
  })

  it('stores a form post once, even when it is submitted twice', async () => {
    const { buyer, supplier, conversationId } = await conversation()
    const browser = await browserFor(buyer.userId)
    const clientId = hiddenClientId(await (await browser.get(`/messages/${conversationId}`)).text())
    const fields = { clientId, body: 'Gửi hai lần, lưu một lần' }
    const [first, second] = [
      await browser.post(`/messages/${conversationId}`, fields),
      await browser.post(`/messages/${conversationId}`, fields),
    ]
    expect([first.status, second.status]).toEqual([303, 303])
    expect(second.headers.get('location')).toBe(first.headers.get('location'))
    expect(await Message.countDocuments({ conversation: conversationId })).toBe(1)

    const html = await (
      await (await browserFor(supplier.userId)).get(`/messages/${conversationId}`)
    ).text()
    expect(html.match(/data-testid="chat-message"/g)).toHaveLength(1)
    expect(html).toContain('Gửi hai lần, lưu một lần')
    expect(hiddenClientId(html)).not.toBe(clientId)
  })

  it('delivers a form post live to the other side, with no JavaScript on the sender', async () => {
    const { io } = await import('socket.io-client')
    const { buyer, supplier, conversationId } = await conversation()
    const supplierBrowser = await browserFor(supplier.userId)
    const socket = io(app.baseUrl, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { Cookie: supplierBrowser.cookieHeader() },
    })
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve)
        socket.once('connect_error', reject)
      })
      const joined = await socket
        .timeout(5_000)
        .emitWithAck('conversation:join', { conversationId })
      expect(joined.ok).toBe(true)
      const arrived = new Promise<{ body: string }>((resolve) =>
        socket.once('message:new', resolve),
      )
      const browser = await browserFor(buyer.userId)
      const clientId = hiddenClientId(
        await (await browser.get(`/messages/${conversationId}`)).text(),
      )
      expect(
        (await browser.post(`/messages/${conversationId}`, { clientId, body: 'Gửi bằng biểu mẫu' }))
          .status,
      ).toBe(303)
      expect((await arrived).body).toBe('Gửi bằng biểu mẫu')
    } finally {
      socket.disconnect()
    }
  })

  it('refuses an empty or oversized message and shows why', async () => {
    const { buyer, conversationId } = await conversation()
    const browser = await browserFor(buyer.userId)
    const empty = await browser.post(`/messages/${conversationId}`, {
      clientId: crypto.randomUUID(),
      body: '   ',
    })
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('Tin nhắn không được để trống.')
    const long = await browser.post(`/messages/${conversationId}`, {
      clientId: crypto.randomUUID(),
      body: 'a'.repeat(4001),
    })
    expect(long.status).toBe(400)
    expect(await long.text()).toContain('Tin nhắn dài tối đa 4.000 ký tự.')
    expect(await Message.countDocuments({ conversation: conversationId })).toBe(0)
  })

  it('shows links as text, http(s) addresses only as links that open apart', async () => {
    const { buyer, conversationId } = await conversation()
    const browser = await browserFor(buyer.userId)
    await browser.post(`/messages/${conversationId}`, {
      clientId: crypto.randomUUID(),
      body: 'Xem https://example.vn/ban-ve?a=1&b=2. Và javascript:alert(1) <b>đậm</b>',
    })
    const html = await (await browser.get(`/messages/${conversationId}`)).text()
    expect(html).toContain(
      '<a href="https://example.vn/ban-ve?a=1&amp;b=2" rel="nofollow noopener noreferrer" target="_blank"',
    )
    expect(html).not.toContain('href="javascript:')
    expect(html).toContain('&lt;b&gt;đậm&lt;/b&gt;')
  })

  it('pages the history newest first, with a link to older messages', async () => {
    const { buyer, conversationId } = await conversation()
    const parsed = await Conversation.findById(conversationId)
    for (let index = 1; index <= 35; index++) {
      const sent = await sendMessage({
        conversation: parsed!,
        sender: { userId: buyer.userId, organizationId: buyer.organizationId },
        clientId: crypto.randomUUID(),
        body: `Tin số ${index}.`,
      })
      if (!sent.ok) throw new Error(sent.error)
    }
    const browser = await browserFor(buyer.userId)
    const latest = await (await browser.get(`/messages/${conversationId}`)).text()
    expect(latest).toContain('Tin số 35.')
    expect(latest).toContain('Tin số 6.')
    expect(latest).not.toContain('Tin số 5.')
    const older = /href="\/messages\/[0-9a-f]{24}\?before=([0-9a-f]{24})"/.exec(latest)
    expect(older).not.toBeNull()
    const page = await (await browser.get(`/messages/${conversationId}?before=${older![1]}`)).text()
    expect(page).toContain('Tin số 1.')
    expect(page).toContain('Tin số 5.')
    expect(page).not.toContain('Tin số 6.')
  })
})

describe('the inbox', () => {
  it('orders conversations by last activity and counts unread messages per user', async () => {
    const buyer = await namedAccount('buyer', 'Hộp Thư Buyer AG')
    const first = await namedAccount('supplier', 'Công ty Trả Lời Sau')
    const second = await namedAccount('supplier', 'Công ty Im Lặng')
    const toFirst = conversationIdOf(
      await contact(await browserFor(buyer.userId), first.slug, { body: 'Chào công ty thứ nhất' }),
    )
    const toSecond = conversationIdOf(
      await contact(await browserFor(buyer.userId), second.slug, { body: 'Chào công ty thứ hai' }),
    )
    // The first supplier answers twice: its conversation is now the most recent.
    const firstBrowser = await browserFor(first.userId)
    for (const body of ['Cảm ơn anh', 'Gửi báo giá kèm theo']) {
      await firstBrowser.post(`/messages/${toFirst}`, { clientId: crypto.randomUUID(), body })
    }

    const inbox = await (await browserFor(buyer.userId)).get('/messages')
    const html = await inbox.text()
    expect(inbox.status).toBe(200)
    const order = [...html.matchAll(/href="\/messages\/([0-9a-f]{24})"/g)].map((m) => m[1])
    expect(order).toEqual([toFirst, toSecond])
    expect(html).toContain('Công ty Trả Lời Sau')
    expect(html).toContain('Gửi báo giá kèm theo')
    expect(html).toContain('2 chưa đọc')
    expect(html).toMatch(/data-testid="unread-badge"[^>]*><span aria-hidden="true">2</)

    // Reading the conversation clears the count for this user only.
    await (await browserFor(buyer.userId)).get(`/messages/${toFirst}`)
    const after = await (await (await browserFor(buyer.userId)).get('/messages')).text()
    expect(after).not.toContain('chưa đọc')
    const secondInbox = await (await browserFor(second.userId)).get('/messages')
    expect(await secondInbox.text()).toContain('1 chưa đọc')
  })
})

describe('names on English pages', () => {
  it('lead with the trade name in the inbox and the conversation title, the legal name labelled beneath', async () => {
    const supplier = await namedAccount('supplier', 'Công ty TNHH Cơ khí Chính Xác Tên Riêng')
    // The trade name the supplier wrote in its profile (the organisation has none of its own).
    await profileFor(supplier.organizationId)
    await SupplierProfile.updateOne(
      { _id: supplier.organizationId },
      { $set: { tradeName: 'Precision Works Tenrieng' } },
    )
    const buyer = await namedAccount('buyer', 'Trade Name Buyer KK')
    const conversationId = conversationIdOf(
      await contact(await browserFor(buyer.userId), supplier.slug, { body: 'Hello' }),
    )
    const english = await browserFor(buyer.userId)
    english.setCookie('lang=en')
    const inbox = await (await english.get('/messages')).text()
    const trade = inbox.indexOf('Precision Works Tenrieng')
    const legal = inbox.indexOf('Công ty TNHH Cơ khí Chính Xác Tên Riêng')
    expect(trade).toBeGreaterThan(0)
    expect(legal).toBeGreaterThan(trade)
    expect(inbox.slice(trade, legal)).toContain('Registered name')
    const conversation = await (await english.get(`/messages/${conversationId}`)).text()
    expect(conversation).toMatch(/<h1[^>]*>[^<]*Precision Works Tenrieng/)
    expect(conversation).toContain('Registered name')
    expect(conversation).toContain('<bdi lang="vi">Công ty TNHH Cơ khí Chính Xác Tên Riêng</bdi>')

    // Vietnamese pages keep the registered name, with no second line.
    const vietnamese = await (await (await browserFor(buyer.userId)).get('/messages')).text()
    expect(vietnamese).toContain('Công ty TNHH Cơ khí Chính Xác Tên Riêng')
    expect(vietnamese).not.toContain('Precision Works Tenrieng')
    expect(vietnamese).not.toContain('Tên đăng ký')
  })
})

describe('chat attachments', () => {
  async function setup() {
    const supplier = await namedAccount('supplier', 'Công ty Nhận Tệp')
    const supplierColleague = await addMember(supplier.organizationId, 'member')
    const buyer = await namedAccount('buyer', 'Attachment Buyer Ltd')
    const outsider = await createAccount('supplier')
    const conversationId = conversationIdOf(
      await contact(await browserFor(buyer.userId), supplier.slug, { body: 'Gửi bản vẽ' }),
    )
    return { supplier, supplierColleague, buyer, outsider, conversationId }
  }

  it('refuses a file that is not what its name and type claim', async () => {
    const { buyer, conversationId } = await setup()
    const browser = await browserFor(buyer.userId)
    const disguised = new FormData()
    disguised.append(
      'attachment',
      new Blob(['MZ\u0090\u0000 this is a program, not a picture'], { type: 'image/png' }),
      'ban-ve.png',
    )
    const upload = await browser.request(`/messages/${conversationId}/attachments`, {
      method: 'POST',
      body: disguised,
    })
    expect(upload.status).toBe(400)
    expect(await upload.json()).toEqual({ ok: false, error: 'upload.wrongType' })

    const viaForm = await browser.request(`/messages/${conversationId}`, {
      method: 'POST',
      body: pdfForm(
        { clientId: crypto.randomUUID(), body: 'Kèm tệp giả' },
        'ban-ve.pdf',
        '<html><script>alert(1)</script></html>',
      ),
    })
    expect(viaForm.status).toBe(400)
    expect(await StoredFile.countDocuments({ organization: buyer.organizationId })).toBe(0)
    expect(await Message.countDocuments({ conversation: conversationId })).toBe(1)
  })

  it('takes attachments of real size (megabytes) over the general 256 KB body cap', async () => {
    const { buyer, conversationId } = await setup()
    const buyerBrowser = await browserFor(buyer.userId)
    // A 3 MB PDF (the cap for chat PDFs is 20 MB): the body limit lets multipart posts to the
    // upload routes through, the route's own per-purpose caps then apply.
    const padding = Buffer.alloc(3 * 1024 * 1024, 0x20)
    const bigPdf = Buffer.concat([Buffer.from(MINIMAL_PDF), Buffer.from('\n%'), padding])
    const form = new FormData()
    form.append('attachment', new Blob([bigPdf], { type: 'application/pdf' }), 'catalogue.pdf')
    const upload = await buyerBrowser.request(`/messages/${conversationId}/attachments`, {
      method: 'POST',
      body: form,
    })
    expect(upload.status).toBe(200)
    const { attachment } = (await upload.json()) as { attachment: { id: string } }
    expect((await StoredFile.findById(attachment.id))!.size).toBeGreaterThan(3 * 1024 * 1024)

    // Anything else as large on the same route is still refused before it is read.
    const urlencoded = await buyerBrowser.request(`/messages/${conversationId}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `clientId=${crypto.randomUUID()}&body=${'a'.repeat(300 * 1024)}`,
    })
    expect(urlencoded.status).toBe(413)

    // The contact form takes no files: a big multipart body there is refused before it is read.
    const contact = new FormData()
    contact.append('body', 'x'.repeat(300 * 1024))
    const bigContact = await buyerBrowser.request('/messages/new?supplier=any', {
      method: 'POST',
      body: contact,
    })
    expect(bigContact.status).toBe(413)
  })

  it('lets the participants download an attachment, and nobody else', async () => {
    const { supplier, supplierColleague, buyer, outsider, conversationId } = await setup()
    const buyerBrowser = await browserFor(buyer.userId)
    const upload = await buyerBrowser.request(`/messages/${conversationId}/attachments`, {
      method: 'POST',
      body: (() => {
        const form = new FormData()
        form.append('attachment', new Blob([MINIMAL_PDF], { type: 'application/pdf' }), 'rfq.pdf')
        return form
      })(),
    })
    expect(upload.status).toBe(200)
    const { attachment } = (await upload.json()) as { attachment: { id: string; href: string } }
    // Uploaded, not yet in a message: only the buyer's organisation may open it.
    expect((await (await browserFor(supplier.userId)).get(attachment.href)).status).toBe(404)

    const posted = await buyerBrowser.request(`/messages/${conversationId}`, {
      method: 'POST',
      body: pdfForm({ clientId: crypto.randomUUID(), body: 'Bản vẽ đính kèm' }, 'ban-ve.pdf'),
    })
    expect(posted.status).toBe(303)
    const message = await Message.findOne({ conversation: conversationId, body: 'Bản vẽ đính kèm' })
    const file = await StoredFile.findById(message!.attachments![0])
    expect(file!.purpose).toBe('chat-attachment')
    const href = `/files/${file!.storageKey}`

    const page = await (
      await browserFor(supplierColleague.userId)
    ).get(`/messages/${conversationId}`)
    expect(await page.text()).toContain(`href="${href}"`)
    for (const userId of [buyer.userId, supplier.userId, supplierColleague.userId]) {
      const download = await (await browserFor(userId)).get(href)
      expect(download.status).toBe(200)
      expect(download.headers.get('content-type')).toBe('application/pdf')
      await download.arrayBuffer()
    }
    expect((await (await browserFor(outsider.userId)).get(href)).status).toBe(404)
    expect((await (await browserFor()).get(href)).status).toBe(404)
  })
})
