import { currentTotpCode } from '#app/utils/totp.server.ts'
import { describe, expect, it } from 'vitest'
import { AuditLog } from '#models/staff/audit-log.ts'
import { MailThrottle } from '#models/accounts/mail-throttle.ts'
import { Organization } from '#models/accounts/organization.ts'
import { Session } from '#models/accounts/session.ts'
import { User } from '#models/accounts/user.ts'
import { useTestApp } from './app-server.ts'
import { cookieFor, createAccount, createStaff, TEST_PASSWORD, uniqueEmail } from './factories.ts'
import { TestBrowser } from './http.ts'

const app = useTestApp()

function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path}\\?token=[A-Za-z0-9_-]+`).exec(text)
  if (!match) throw new Error(`no ${path} link in: ${text}`)
  return new URL(match[0]).pathname + new URL(match[0]).search
}

const signUpFields = (overrides: Record<string, string> = {}) => ({
  kind: 'supplier',
  organizationName: 'Công ty Cổ phần Nhựa Bình Minh Thử',
  country: 'VN',
  taxCode: '0312345678',
  province: 'bac-ninh',
  name: 'Trần Thị Lan',
  email: uniqueEmail('lan'),
  password: 'mot-mat-khau-dai-01',
  ...overrides,
})

describe('sign-up, e-mail verification and sign-in', () => {
  it('creates the organisation and its owner, verifies the e-mail through the link, and signs in', async () => {
    const browser = new TestBrowser(app.baseUrl)
    const fields = signUpFields()
    const response = await browser.post('/signup', fields)
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/login?signedUp=1')
    // No session yet: the answer is the same as for an address that has an account.
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(await (await browser.get('/login?signedUp=1')).text()).toContain(
      'Vui lòng kiểm tra e-mail',
    )
    const user = await User.findOne({ email: fields.email })
    expect(user?.organizationRole).toBe('owner')
    expect(user?.emailVerifiedAt).toBeUndefined()
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/)
    const organization = await Organization.findById(user!.organization)
    expect(organization).toMatchObject({
      kind: 'supplier',
      taxCode: '0312345678',
      province: 'bac-ninh',
      country: 'VN',
    })

    const mail = await app.lastMailTo(fields.email)
    expect(mail.subject).toContain('Xác minh')
    const link = linkIn(mail.text, '/verify-email')
    expect((await browser.get(link)).status).toBe(200)
    expect((await User.findById(user!._id))?.emailVerifiedAt).toBeInstanceOf(Date)
    // Single use: the same link a second time is refused.
    expect((await browser.get(link)).status).toBe(400)
    await browser.post('/login', { email: fields.email, password: fields.password })

    const account = await browser.get('/account')
    expect(account.status).toBe(200)
    expect(await account.text()).toContain('Trần Thị Lan')
  })

  it('answers a sign-up with an existing e-mail as a new one, mails its owner, and stores nothing (issue 11, finding 8)', async () => {
    const existing = signUpFields({ taxCode: '0398765432' })
    expect((await new TestBrowser(app.baseUrl).post('/signup', existing)).status).toBe(302)
    const before = {
      users: await User.countDocuments(),
      organizations: await Organization.countDocuments(),
    }
    const fresh = await new TestBrowser(app.baseUrl).post(
      '/signup',
      signUpFields({ taxCode: '0311111112' }),
    )
    const sameEmail = await new TestBrowser(app.baseUrl).post(
      '/signup',
      signUpFields({ email: existing.email, taxCode: '0311111111', password: 'khac-hoan-toan-99' }),
    )
    expect(sameEmail.status).toBe(fresh.status)
    expect(sameEmail.headers.get('location')).toBe(fresh.headers.get('location'))
    expect(sameEmail.headers.get('set-cookie')).toBe(fresh.headers.get('set-cookie'))
    expect(await sameEmail.text()).toBe(await fresh.text())
    const mail = await app.lastMailTo(existing.email)
    expect(mail.subject).toContain('Có người đã thử đăng ký')
    expect(mail.text).toContain('/forgot-password')
    // An existing e-mail with an invalid password: the same 400 as for a new address.
    const invalidNew = await new TestBrowser(app.baseUrl).post(
      '/signup',
      signUpFields({ password: 'ngan', taxCode: '0311111113' }),
    )
    const invalidExisting = await new TestBrowser(app.baseUrl).post(
      '/signup',
      signUpFields({ email: existing.email, password: 'ngan', taxCode: '0311111114' }),
    )
    expect(invalidExisting.status).toBe(400)
    expect(invalidNew.status).toBe(400)
    expect(await invalidExisting.text()).not.toContain('E-mail này đã được dùng')

    const sameTaxCode = await new TestBrowser(app.baseUrl).post(
      '/signup',
      signUpFields({ taxCode: '0398765432' }),
    )
    // Tax codes are public (the business register): a taken one is still said so.
    expect(sameTaxCode.status).toBe(409)
    expect(await sameTaxCode.text()).toContain('Mã số thuế này đã được đăng ký.')

    expect({
      users: await User.countDocuments(),
      organizations: await Organization.countDocuments(),
    }).toEqual({ users: before.users + 1, organizations: before.organizations + 1 })
  })

  it('throttles sign-ups from one address', async () => {
    await MailThrottle.deleteMany({})
    const statuses: number[] = []
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await new TestBrowser(app.baseUrl).post(
        '/signup',
        signUpFields({ kind: 'buyer', country: 'DE', taxCode: '', province: '' }),
      )
      statuses.push(response.status)
    }
    expect(statuses).toEqual([302, 302, 302, 302, 302, 429])
    await MailThrottle.deleteMany({})
  })

  it('validates the tax code format and requires it for Vietnamese suppliers, in both languages', async () => {
    const browser = new TestBrowser(app.baseUrl)
    const bad = await browser.post('/signup', signUpFields({ taxCode: '12345' }))
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Mã số thuế gồm 10 chữ số')
    browser.setCookie('lang=en')
    const missing = await browser.post('/signup', signUpFields({ taxCode: '' }))
    expect(missing.status).toBe(400)
    expect(await missing.text()).toContain('Vietnamese companies must enter their tax code.')
    const branch = await browser.post('/signup', signUpFields({ taxCode: '0312345679-001' }))
    expect(branch.status).toBe(302)
  })

  it('gives one answer for a wrong password and an unknown account, then locks this browser and address out of the account', async () => {
    const { email } = await createAccount()
    const browser = new TestBrowser(app.baseUrl)
    const wrong = await browser.post('/login', { email, password: 'sai-mat-khau-123' })
    const unknown = await browser.post('/login', {
      email: uniqueEmail('nobody'),
      password: 'sai-mat-khau-123',
    })
    expect(wrong.status).toBe(400)
    expect(unknown.status).toBe(400)
    const message = 'E-mail hoặc mật khẩu không đúng.'
    expect(await wrong.text()).toContain(message)
    expect(await unknown.text()).toContain(message)

    // Five failures from this address and a browser that never signed in: locked for this pair,
    // even with the right password (test/sign-in-limits.test.ts: everyone else is not).
    for (let attempt = 0; attempt < 4; attempt++) {
      expect((await browser.post('/login', { email, password: 'sai-mat-khau-123' })).status).toBe(
        400,
      )
    }
    const locked = await browser.post('/login', { email, password: TEST_PASSWORD })
    expect(locked.status).toBe(429)
    expect(await locked.text()).toContain('Có quá nhiều lần thử không thành công')
    expect(await Session.countDocuments({ user: (await User.findOne({ email }))!._id })).toBe(0)
  })

  it('signs in with a fresh session id, and signs out everywhere', async () => {
    const { email, userId } = await createAccount()
    const first = new TestBrowser(app.baseUrl)
    first.setCookie('vsi_session=stale-value-from-before')
    const signedIn = await first.post('/login', {
      email,
      password: TEST_PASSWORD,
      redirectTo: '/account/security',
    })
    expect(signedIn.status).toBe(302)
    expect(signedIn.headers.get('location')).toBe('/account/security')
    const cookie = signedIn.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(
      /^vsi_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=/,
    )
    expect(cookie).not.toContain('stale-value')
    const second = new TestBrowser(app.baseUrl)
    await second.post('/login', { email, password: TEST_PASSWORD })
    expect(await Session.countDocuments({ user: userId })).toBe(2)

    const out = await first.post('/account/security', { intent: 'sign-out-everywhere' })
    expect(out.status).toBe(302)
    expect(await Session.countDocuments({ user: userId })).toBe(0)
    expect((await second.get('/account')).status).toBe(302)
  })

  it('refuses an off-site redirect after sign-in', async () => {
    const { email } = await createAccount()
    const response = await new TestBrowser(app.baseUrl).post('/login', {
      email,
      password: TEST_PASSWORD,
      redirectTo: 'https://evil.example/',
    })
    expect(response.headers.get('location')).toBe('/account')
  })

  it('signs in with a non-ASCII redirect target and sends the session cookie', async () => {
    // Issue 11, finding 7: this answered 500 after creating a session whose cookie never left.
    const { email, userId } = await createAccount()
    const browser = new TestBrowser(app.baseUrl)
    const response = await browser.post('/login', {
      email,
      password: TEST_PASSWORD,
      redirectTo: '/tìm-kiếm',
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/t%C3%ACm-ki%E1%BA%BFm')
    expect(response.headers.get('set-cookie')).toMatch(/^vsi_session=[^;]+/)
    expect(await Session.countDocuments({ user: userId })).toBe(1)
  })
})

describe('password reset', () => {
  it('sends a single-use link, sets the new password and ends every session', async () => {
    const { email, userId } = await createAccount()
    const other = new TestBrowser(app.baseUrl)
    await other.post('/login', { email, password: TEST_PASSWORD })
    const browser = new TestBrowser(app.baseUrl)
    const asked = await browser.post('/forgot-password', { email })
    expect(asked.status).toBe(200)
    const unknown = await browser.post('/forgot-password', { email: uniqueEmail('ghost') })
    expect(await unknown.text()).toContain('Nếu e-mail này có tài khoản')

    const link = linkIn((await app.lastMailTo(email)).text, '/reset-password')
    const token = new URLSearchParams(link.split('?')[1]).get('token')!
    expect((await browser.get(link)).status).toBe(200)
    const reset = await browser.post('/reset-password', {
      token,
      password: 'mat-khau-moi-hoan-toan',
    })
    expect(reset.status).toBe(302)
    expect(await Session.countDocuments({ user: userId })).toBe(0)
    expect(
      (await browser.post('/reset-password', { token, password: 'mot-lan-nua-thoi-nhe' })).status,
    ).toBe(400)
    expect(
      (await browser.post('/login', { email, password: 'mat-khau-moi-hoan-toan' })).status,
    ).toBe(302)
  })
})

describe('organisation members', () => {
  it('invites a colleague who joins with the link; roles and removal keep one owner', async () => {
    const owner = await createAccount()
    const browser = new TestBrowser(app.baseUrl)
    await browser.post('/login', { email: owner.email, password: TEST_PASSWORD })
    const colleague = uniqueEmail('colleague')
    const invited = await browser.post('/account/organization', {
      intent: 'invite',
      email: colleague,
      role: 'admin',
    })
    expect(invited.status).toBe(200)
    const link = linkIn((await app.lastMailTo(colleague)).text, '/invitations/accept')

    const joiner = new TestBrowser(app.baseUrl)
    expect(await (await joiner.get(link)).text()).toContain('Công ty TNHH Cơ khí Thử nghiệm')
    const token = new URLSearchParams(link.split('?')[1]).get('token')!
    const joined = await joiner.post('/invitations/accept', {
      token,
      name: 'Lê Văn Hùng',
      password: 'mat-khau-cua-hung-1',
    })
    expect(joined.status).toBe(302)
    const member = await User.findOne({ email: colleague })
    expect(member).toMatchObject({ organizationRole: 'admin', name: 'Lê Văn Hùng' })
    expect(member!.organization.toHexString()).toBe(owner.organizationId.toHexString())

    // The admin cannot demote or remove the owner; the owner cannot leave the firm ownerless.
    const ownerId = owner.userId.toHexString()
    const demote = await joiner.post('/account/organization', {
      intent: 'change-role',
      userId: ownerId,
      role: 'member',
    })
    expect(demote.status).toBe(403)
    const selfDemote = await browser.post('/account/organization', {
      intent: 'change-role',
      userId: ownerId,
      role: 'member',
    })
    expect(selfDemote.status).toBe(403)
    expect(await selfDemote.text()).toContain('Tổ chức phải luôn có ít nhất một chủ sở hữu.')
    expect((await User.findById(owner.userId))?.organizationRole).toBe('owner')

    const removed = await browser.post('/account/organization', {
      intent: 'remove',
      userId: member!._id.toHexString(),
    })
    expect(removed.status).toBe(200)
    expect(await User.exists({ email: colleague })).toBeNull()
    expect((await joiner.get('/account')).status).toBe(302)
  })

  it('does not let a member of another organisation touch members', async () => {
    const first = await createAccount()
    const second = await createAccount()
    const intruder = new TestBrowser(app.baseUrl)
    await intruder.post('/login', { email: second.email, password: TEST_PASSWORD })
    const response = await intruder.post('/account/organization', {
      intent: 'remove',
      userId: first.userId.toHexString(),
    })
    expect(response.status).toBe(403)
    expect(await User.exists({ _id: first.userId })).not.toBeNull()
  })
})

describe('programme staff', () => {
  it('cannot reuse a two-step code within its window (issue 11, finding 9)', async () => {
    const staff = await createStaff(['verifier'])
    const code = await currentTotpCode('JBSWY3DPEHPK3PXP')
    const first = new TestBrowser(app.baseUrl)
    await first.post('/login', { email: staff.email, password: TEST_PASSWORD })
    expect((await first.post('/login/two-factor', { code })).headers.get('location')).toBe(
      '/account',
    )
    // Someone who saw the code (over a shoulder, a phishing page) signs in with the password.
    const second = new TestBrowser(app.baseUrl)
    await second.post('/login', { email: staff.email, password: TEST_PASSWORD })
    const replayed = await second.post('/login/two-factor', { code })
    expect(replayed.status).toBe(400)
    expect((await second.get('/staff')).headers.get('location')).toBe('/login/two-factor')
  })

  it('cannot reuse the code that enabled two-step sign-in', async () => {
    const { email, userId } = await createAccount()
    const browser = new TestBrowser(app.baseUrl)
    await browser.post('/login', { email, password: TEST_PASSWORD })
    await browser.get('/account/two-factor')
    const pending = (await User.findById(userId))?.totp?.pendingSecret
    expect(pending).toBeTruthy()
    const code = await currentTotpCode(pending!)
    const enabled = await browser.post('/account/two-factor', { intent: 'enable', code })
    expect(enabled.status).toBeLessThan(400)
    expect((await User.findById(userId))?.totp?.secret).toBe(pending)
    const again = new TestBrowser(app.baseUrl)
    await again.post('/login', { email, password: TEST_PASSWORD })
    expect((await again.post('/login/two-factor', { code })).status).toBe(400)
  })

  it('must pass TOTP before any staff page, and their changes are audited', async () => {
    const staff = await createStaff(['admin'])
    const browser = new TestBrowser(app.baseUrl)
    const signedIn = await browser.post('/login', {
      email: staff.email,
      password: TEST_PASSWORD,
      redirectTo: '/staff',
    })
    expect(signedIn.headers.get('location')).toBe('/login/two-factor?redirectTo=%2Fstaff')
    expect((await browser.get('/staff')).headers.get('location')).toBe('/login/two-factor')
    expect((await browser.post('/login/two-factor', { code: '000000' })).status).toBe(400)
    const code = await currentTotpCode('JBSWY3DPEHPK3PXP')
    const passed = await browser.post('/login/two-factor', { code, redirectTo: '/staff' })
    expect(passed.headers.get('location')).toBe('/staff')
    expect((await browser.get('/staff')).status).toBe(200)

    // A wrong current password: refused, and the page opens with the error summary.
    const wrong = await browser.post('/account/security', {
      intent: 'change-password',
      currentPassword: 'not-the-password-1',
      newPassword: 'mat-khau-can-bo-moi-1',
    })
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toMatch(
      /<div[^>]*role="alert"[^>]*data-error-summary=""[^>]*>.*Mật khẩu hiện tại không đúng\./s,
    )
    await browser.post('/account/security', {
      intent: 'change-password',
      currentPassword: TEST_PASSWORD,
      newPassword: 'mat-khau-can-bo-moi-1',
    })
    const entry = await AuditLog.findOne({
      action: 'user.password.change',
      targetId: staff.userId.toHexString(),
    })
    expect(entry?.actorLabel).toBe(staff.email)
    expect((await browser.get('/staff/audit')).status).toBe(200)
  })
})

describe('two-step verification settings', () => {
  it('refuses a wrong code with the error summary, in the reader’s language, and enables nothing', async () => {
    const account = await createAccount()
    for (const [lang, message] of [
      ['vi', 'Mã không đúng hoặc đã hết hạn.'],
      ['en', 'The code is wrong or has expired.'],
    ] as const) {
      const browser = new TestBrowser(app.baseUrl)
      browser.setCookie(await cookieFor(account.userId))
      browser.setCookie(`lang=${lang}`)
      expect((await browser.get('/account/two-factor')).status).toBe(200)
      const wrong = await browser.post('/account/two-factor', { intent: 'enable', code: '000000' })
      expect(wrong.status).toBe(400)
      const page = await wrong.text()
      expect(page).toMatch(/<div[^>]*role="alert"[^>]*data-error-summary=""/)
      expect(page).toContain(message)
    }
    const user = await User.findById(account.userId).lean()
    expect(user?.totp?.enabledAt).toBeUndefined()
  })
})
