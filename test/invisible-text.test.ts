import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openConversation } from '#models/chat/conversation.ts'
import { Message } from '#models/chat/message.ts'
import { Organization } from '#models/accounts/organization.ts'
import { User } from '#models/accounts/user.ts'
import { MailThrottle } from '#models/accounts/mail-throttle.ts'
import { useTestApp } from './app-server.ts'
import { cookieFor, createAccount, uniqueEmail } from './factories.ts'
import { TestBrowser } from './http.ts'
import { ask, connectChatClient } from './socket-client.ts'

/**
 * Issue 11, finding 10: invisible and deceptive text. Text is NFC, without controls or
 * bidirectional overrides, never only invisible characters; names are isolated in the page.
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
  return { buyer, conversationId: opened.conversation._id.toHexString() }
}

const INVISIBLE_BODIES = [
  '\u200B',
  '\u200B\u200B \u200C',
  '\u0000',
  '\u0000\u0001\n',
  '\u202E',
  '\uFEFF\u2060',
]

describe('chat bodies', () => {
  it('refuses a form post of only invisible characters or controls, and stores nothing', async () => {
    const { buyer, conversationId } = await conversation()
    const browser = new TestBrowser(app.baseUrl)
    browser.setCookie(await cookieFor(buyer.userId))
    for (const body of INVISIBLE_BODIES) {
      const response = await browser.post(`/messages/${conversationId}`, {
        clientId: crypto.randomUUID(),
        body,
      })
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(await response.text()).toContain('Tin nhắn')
    }
    expect(await Message.countDocuments({ conversation: conversationId })).toBe(0)
  })

  it('refuses the same over the socket, and stores visible text without controls or overrides, in NFC', async () => {
    const { buyer, conversationId } = await conversation()
    const client = await connectChatClient(app.baseUrl, { cookie: await cookieFor(buyer.userId) })
    try {
      for (const body of INVISIBLE_BODIES) {
        const ack = await ask(client, 'message:send', {
          conversationId,
          clientId: crypto.randomUUID(),
          body,
        })
        expect(ack.ok, JSON.stringify(body)).toBe(false)
      }
      const ack = await ask(client, 'message:send', {
        conversationId,
        clientId: crypto.randomUUID(),
        // "Việt" decomposed, a NUL, and a right-to-left override.
        body: 'Vie\u0302\u0323t\u0000 invoice\u202Efdp.exe',
      })
      expect(ack.ok).toBe(true)
      const stored = await Message.findOne({ conversation: conversationId })
      expect(stored?.body).toBe('Việt invoicefdp.exe')
    } finally {
      client.disconnect()
    }
  })
})

describe('names', () => {
  const signUp = (overrides: Record<string, string>) =>
    new TestBrowser(app.baseUrl).post('/signup', {
      kind: 'buyer',
      organizationName: 'Harbour Trading GmbH',
      country: 'DE',
      name: 'Anna Schmidt',
      email: uniqueEmail('names'),
      password: 'mot-mat-khau-dai-01',
      ...overrides,
    })

  it('refuses organisation and person names of zero-width characters', async () => {
    const before = await Organization.countDocuments()
    for (const overrides of <Array<Record<string, string>>>[
      { organizationName: '\u200B\u200B\u200B' },
      { organizationName: '\u200D\u2060\uFEFF' },
      { name: '\u200B\u200B\u200B' },
      { name: '\u202E\u202E' },
    ]) {
      const response = await signUp(overrides)
      expect(response.status, JSON.stringify(overrides)).toBe(400)
    }
    expect(await Organization.countDocuments()).toBe(before)
  })

  it('drops a right-to-left override from an organisation name and isolates names in the page', async () => {
    await MailThrottle.deleteMany({})
    const email = uniqueEmail('rtl')
    expect((await signUp({ email, organizationName: 'invoice\u202Efdp.exe' })).status).toBe(302)
    const user = await User.findOne({ email })
    const organization = await Organization.findById(user!.organization)
    expect(organization?.name).toBe('invoicefdp.exe')
    const browser = new TestBrowser(app.baseUrl)
    browser.setCookie(await cookieFor(user!._id))
    const page = await (await browser.get('/account')).text()
    expect(page).toContain('<bdi>invoicefdp.exe</bdi>')
  })
})
