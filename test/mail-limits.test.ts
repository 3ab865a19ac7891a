import { describe, expect, it } from 'vitest'
import { OneTimeToken } from '#models/accounts/token.ts'
import { User } from '#models/accounts/user.ts'
import { useTestApp } from './app-server.ts'
import { cookieFor, createAccount, TEST_PASSWORD, uniqueEmail } from './factories.ts'
import { TestBrowser } from './http.ts'

/**
 * Over HTTP, from one client address (127.0.0.1): keep this file's anonymous posts well under
 * the 20 an hour one address may ask for, or the requester limit would mask what is tested.
 */
const app = useTestApp()

async function mailsTo(email: string) {
  return (await app.mailer.outbox!.list()).filter((entry) => entry.to === email)
}

/** The page without what differs on every response (the CSP nonce). */
async function comparable(response: Response) {
  const body = await response.text()
  return { status: response.status, body: body.replace(/nonce="[^"]*"/g, 'nonce=""') }
}

async function unverifiedAccount() {
  const account = await createAccount()
  await User.updateOne({ _id: account.userId }, { $unset: { emailVerifiedAt: 1 } })
  const browser = new TestBrowser(app.baseUrl)
  browser.setCookie(await cookieFor(account.userId))
  return { ...account, browser }
}

describe('forgot password', () => {
  it('sends 3 mails for 5 requests about one address, with the same answer to all 5', async () => {
    const { email } = await createAccount()
    const browser = new TestBrowser(app.baseUrl)
    const answers = []
    for (let i = 0; i < 5; i++)
      answers.push(await comparable(await browser.post('/forgot-password', { email })))

    expect(await mailsTo(email)).toHaveLength(3)
    expect(answers[0]!.status).toBe(200)
    expect(answers[0]!.body).toContain('Nếu e-mail này có tài khoản')
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0])

    // An address without an account gets the same answer, limited or not.
    const ghost = uniqueEmail('ghost')
    for (let i = 0; i < 4; i++) {
      expect(await comparable(await browser.post('/forgot-password', { email: ghost }))).toEqual(
        answers[0],
      )
    }
    expect(await mailsTo(ghost)).toHaveLength(0)
  })

  it('does not hold back the mail to another address', async () => {
    const limited = await createAccount()
    const other = await createAccount()
    const browser = new TestBrowser(app.baseUrl)
    for (let i = 0; i < 4; i++) await browser.post('/forgot-password', { email: limited.email })
    expect(await mailsTo(limited.email)).toHaveLength(3)

    expect((await browser.post('/forgot-password', { email: other.email })).status).toBe(200)
    expect(await mailsTo(other.email)).toHaveLength(1)
  })
})

describe('resend verification', () => {
  it('answers 429 in the reader’s language beyond the limit, and sends nothing', async () => {
    const { email, userId, browser } = await unverifiedAccount()
    for (let i = 0; i < 3; i++) {
      const sent = await browser.post('/account?index', { intent: 'resend-verification' })
      expect(sent.status).toBe(200)
    }
    expect(await mailsTo(email)).toHaveLength(3)
    const tokens = await OneTimeToken.countDocuments({ user: userId })

    const vi = await browser.post('/account?index', { intent: 'resend-verification' })
    expect(vi.status).toBe(429)
    expect(Number(vi.headers.get('retry-after'))).toBeGreaterThan(0)
    const viPage = await vi.text()
    expect(viPage).toContain('Đã có quá nhiều e-mail được yêu cầu gửi trong thời gian ngắn')
    expect(viPage).toMatch(/Bạn có thể thử lại sau khoảng \d+ phút\./)

    browser.setCookie('lang=en')
    const en = await browser.post('/account?index', { intent: 'resend-verification' })
    expect(en.status).toBe(429)
    const enPage = await en.text()
    expect(enPage).toContain('Too many e-mails have been requested in a short time')
    expect(enPage).toMatch(/You can try again in about \d+ minutes\./)

    expect(await mailsTo(email)).toHaveLength(3)
    expect(await OneTimeToken.countDocuments({ user: userId })).toBe(tokens)
    expect((await User.findById(userId))?.emailVerifiedAt).toBeUndefined()
  })
})

describe('change of e-mail address', () => {
  it('answers 429 beyond the limit, alike for a free address and one in use', async () => {
    const { userId, browser } = await unverifiedAccount()
    const free = uniqueEmail('moi')
    const inUse = (await createAccount()).email
    const ask = (newEmail: string) =>
      browser.post('/account/security', {
        intent: 'change-email',
        newEmail,
        currentPassword: TEST_PASSWORD,
      })
    for (let i = 0; i < 3; i++) {
      expect((await ask(free)).status).toBe(200)
      expect((await ask(inUse)).status).toBe(200)
    }
    expect(await mailsTo(free)).toHaveLength(3)
    expect(await mailsTo(inUse)).toHaveLength(0)
    const tokens = await OneTimeToken.countDocuments({ user: userId, purpose: 'change-email' })

    for (const newEmail of [free, inUse]) {
      const limited = await ask(newEmail)
      expect(limited.status).toBe(429)
      expect(await limited.text()).toContain(
        'Đã có quá nhiều e-mail được yêu cầu gửi trong thời gian ngắn',
      )
    }
    expect(await mailsTo(free)).toHaveLength(3)
    expect(await OneTimeToken.countDocuments({ user: userId, purpose: 'change-email' })).toBe(
      tokens,
    )

    // Another address is not held back.
    const another = uniqueEmail('khac')
    expect((await ask(another)).status).toBe(200)
    expect(await mailsTo(another)).toHaveLength(1)
  })
})

describe('invitations', () => {
  it('sends at most 3 invitations to one address in 15 minutes, then answers 429', async () => {
    const owner = await createAccount()
    const browser = new TestBrowser(app.baseUrl)
    browser.setCookie(await cookieFor(owner.userId))
    const invited = uniqueEmail('invitee')
    const statuses: number[] = []
    let last = ''
    for (let i = 0; i < 4; i++) {
      const response = await browser.post('/account/organization', {
        intent: 'invite',
        email: invited,
        role: 'member',
      })
      statuses.push(response.status)
      last = await response.text()
    }
    expect(statuses).toEqual([200, 200, 200, 429])
    expect(last).toContain('quá nhiều e-mail được yêu cầu gửi')
    expect(await mailsTo(invited)).toHaveLength(3)
    expect(await OneTimeToken.countDocuments({ purpose: 'invitation', email: invited })).toBe(3)
  })
})
