import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { currentTotpCode } from '#app/utils/totp.server.ts'
import { recordSignInFailure } from '#models/accounts/login-throttle.ts'
import { createMailer } from '#server/mailer.ts'
import type { AppServer } from '#server/app.ts'
import { startTestServer, useTestApp } from './app-server.ts'
import { createAccount, createStaff, TEST_PASSWORD, uniqueEmail } from './factories.ts'
import { TestBrowser } from './http.ts'
import { testLogger } from './logger.ts'

/**
 * Issue 11, finding 3: failures must not let anyone lock anyone out. A browser that signed in to
 * the account before keeps getting in; other browsers are limited per account and address, and
 * an address is slowed down, never locked. Client addresses come from X-Forwarded-For, through a
 * second server that trusts one proxy.
 */

useTestApp()

let proxied: { server: AppServer; baseUrl: string }
let outboxDir = ''

beforeAll(async () => {
  outboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-test-sign-in-'))
  proxied = await startTestServer({
    env: { TRUST_PROXY: '1' },
    mailer: createMailer({ outboxDir, logger: testLogger }),
    filesDir: path.join(outboxDir, 'uploads'),
    developmentPages: false,
  })
})
afterAll(async () => {
  await proxied.server.close({ timeoutMs: 2_000 })
  await fs.rm(outboxDir, { recursive: true, force: true })
})

/** A browser behind the trusted proxy, seen as coming from `address`. */
function browserAt(address: string) {
  const browser = new TestBrowser(proxied.baseUrl)
  const request = browser.request.bind(browser)
  browser.request = (target, init = {}) => {
    const headers = new Headers(init.headers)
    headers.set('X-Forwarded-For', address)
    return request(target, { ...init, headers })
  }
  return browser
}

const WRONG = 'sai-mat-khau-123'

describe('sign-in limits', () => {
  it('never locks a staff member out of a browser they signed in from, whatever fails elsewhere', async () => {
    const staff = await createStaff(['admin'])
    const own = browserAt('198.51.100.7')
    expect((await own.post('/login', { email: staff.email, password: TEST_PASSWORD })).status).toBe(
      302,
    )
    expect(own.cookieHeader()).toMatch(/vsi_device=[A-Za-z0-9_-]{43}/)
    await own.post('/logout', {})

    // An attacker fails 20 times from four addresses: every per-account count is reached.
    for (let index = 0; index < 4; index++) {
      const attacker = browserAt(`203.0.113.${index + 1}`)
      for (let attempt = 0; attempt < 5; attempt++) {
        const response = await attacker.post('/login', { email: staff.email, password: WRONG })
        expect(response.status).toBe(400)
      }
      // That address is now locked out of this account, even with the right password.
      const locked = await attacker.post('/login', { email: staff.email, password: TEST_PASSWORD })
      expect(locked.status).toBe(429)
    }
    // A browser that never signed in, from a fresh address: untrusted browsers are locked out.
    const stranger = browserAt('192.0.2.50')
    expect(
      (await stranger.post('/login', { email: staff.email, password: TEST_PASSWORD })).status,
    ).toBe(429)
    // The staff member's own browser is not.
    const back = await own.post('/login', { email: staff.email, password: TEST_PASSWORD })
    expect(back.status).toBe(302)
    expect(back.headers.get('location')).toBe('/login/two-factor?redirectTo=%2Faccount')
    const code = await currentTotpCode('JBSWY3DPEHPK3PXP')
    expect((await own.post('/login/two-factor', { code })).headers.get('location')).toBe('/account')
  }, 60_000)

  it('locks a pair of account and address, not the account: the owner elsewhere signs in', async () => {
    const { email } = await createAccount()
    const attacker = browserAt('203.0.113.77')
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await attacker.post('/login', { email, password: WRONG })).status).toBe(400)
    }
    expect((await attacker.post('/login', { email, password: TEST_PASSWORD })).status).toBe(429)
    const owner = browserAt('198.51.100.20')
    expect((await owner.post('/login', { email, password: TEST_PASSWORD })).status).toBe(302)
  })

  it('slows an address with 30 failures down, but does not lock other accounts from it', async () => {
    const address = '203.0.113.200'
    // 30 failures against 30 accounts from one address (an office, or a guesser).
    for (let index = 0; index < 30; index++) {
      const email = uniqueEmail('guess')
      await recordSignInFailure({ email, address }, address)
    }
    const { email } = await createAccount()
    const colleague = browserAt(address)
    const started = performance.now()
    const response = await colleague.post('/login', { email, password: TEST_PASSWORD })
    expect(response.status).toBe(302)
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_400)
  })

  it('locks a device cookie after its own failures, only for that device', async () => {
    const { email } = await createAccount()
    const shared = browserAt('198.51.100.30')
    expect((await shared.post('/login', { email, password: TEST_PASSWORD })).status).toBe(302)
    await shared.post('/logout', {})
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await shared.post('/login', { email, password: WRONG })).status).toBe(400)
    }
    expect((await shared.post('/login', { email, password: TEST_PASSWORD })).status).toBe(429)
    expect(
      (await browserAt('198.51.100.31').post('/login', { email, password: TEST_PASSWORD })).status,
    ).toBe(302)
  }, 60_000)
})
