import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMailer, type Mailer } from '#server/mailer.ts'
import type { AppServer } from '#server/app.ts'
import { LoginThrottle } from '#models/accounts/login-throttle.ts'
import { MailThrottle } from '#models/accounts/mail-throttle.ts'
import { Organization } from '#models/accounts/organization.ts'
import { startTestServer, useTestApp } from './app-server.ts'
import { cookieFor, createAccount, TEST_PASSWORD } from './factories.ts'
import { rawRequest } from './http.ts'
import { testLogger } from './logger.ts'
import { connectChatClient } from './socket-client.ts'

/**
 * Issue 11, finding 2: every absolute URL (mail links, canonical, hreflang, JSON-LD, redirects)
 * is built from the public origin, never from Host or an untrusted X-Forwarded-* header; in
 * production a request for another host is refused. Finding 5: writes and websockets from a
 * foreign origin (scheme included) are refused. Finding 11: Secure cookies and HSTS follow the
 * public origin's scheme.
 */

const app = useTestApp()

const EVIL = 'evil.example'
/** Headers an attacker can send, one set per case. */
const forgeries: Array<Record<string, string>> = [
  { Host: EVIL },
  { Host: `${EVIL}:8443` },
  { 'X-Forwarded-Host': `${EVIL}:8443`, 'X-Forwarded-Proto': 'https' },
  { Host: EVIL, 'X-Forwarded-Host': EVIL },
  { Forwarded: `host=${EVIL};proto=https` },
]

let supplierSlug = ''
let supplierEmail = ''

beforeAll(async () => {
  const supplier = await createAccount('supplier')
  supplierEmail = supplier.email
  supplierSlug = (await Organization.findById(supplier.organizationId))!.slug
})

/** Absolute http(s) URLs in a page or a mail, by the attribute or text they sit in. */
function absoluteUrls(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s"'<>\\]+/g)]
    .map((match) => match[0])
    .filter((url) => !url.startsWith('https://schema.org') && !url.startsWith('http://www.w3.org'))
}

describe('absolute URLs on the default start (no PUBLIC_URL, loopback)', () => {
  const port = () => new URL(app.baseUrl).port
  const allowedOrigins = () => [app.baseUrl, `http://localhost:${port()}`]

  for (const headers of forgeries) {
    const label = JSON.stringify(headers)

    it(`password-reset mail links ignore ${label}`, async () => {
      await MailThrottle.deleteMany({})
      const response = await rawRequest(app.baseUrl, '/forgot-password', {
        method: 'POST',
        headers,
        body: new URLSearchParams({ email: supplierEmail }).toString(),
      })
      expect(response.status).toBe(200)
      const mail = await app.lastMailTo(supplierEmail)
      const links = absoluteUrls(`${mail.text}\n${mail.html}`)
      expect(links.length).toBeGreaterThan(0)
      for (const link of links) {
        expect(link).not.toContain(EVIL)
        expect(allowedOrigins()).toContain(new URL(link).origin)
      }
    })

    it(`canonical, hreflang and JSON-LD of a supplier page ignore ${label}`, async () => {
      const response = await rawRequest(app.baseUrl, `/suppliers/${supplierSlug}`, { headers })
      expect(response.status).toBe(200)
      const canonical = /<link rel="canonical" href="([^"]+)"/.exec(response.body)?.[1]
      const hreflang = [...response.body.matchAll(/hrefLang="[^"]+" href="([^"]+)"/g)]
      const jsonLd = /<script type="application\/ld\+json"[^>]*>([^<]+)<\/script>/.exec(
        response.body,
      )?.[1]
      expect(canonical).toBeTruthy()
      expect(hreflang.length).toBe(3)
      expect((JSON.parse(jsonLd!) as { url: string }).url).toBe(canonical)
      for (const url of [canonical!, ...hreflang.map((match) => match[1]!)]) {
        expect(allowedOrigins()).toContain(new URL(url).origin)
      }
      expect(response.body).not.toContain(EVIL)
    })

    it(`redirects stay relative with ${label}`, async () => {
      await LoginThrottle.deleteMany({})
      const signIn = await rawRequest(app.baseUrl, '/login', {
        method: 'POST',
        headers,
        body: new URLSearchParams({
          email: supplierEmail,
          password: TEST_PASSWORD,
          redirectTo: '/account',
        }).toString(),
      })
      expect(signIn.status).toBe(302)
      expect(signIn.headers.location).toBe('/account')
      const toLogin = await rawRequest(app.baseUrl, '/account', { headers })
      expect(toLogin.headers.location).toMatch(/^\/login\?/)
    })
  }

  it('builds links for a non-loopback Host from localhost, not from that Host', async () => {
    // A plain start reached by a LAN address (or a forged Host) in development.
    const response = await rawRequest(app.baseUrl, '/', { headers: { Host: '192.168.1.20:3000' } })
    expect(response.status).toBe(200)
    expect(response.body).toContain(`hrefLang="en" href="http://localhost:${port()}/?lang=en"`)
  })
})

describe('a production start with PUBLIC_URL', () => {
  let outboxDir = ''
  let mailer: Mailer
  const servers: AppServer[] = []
  const start = async (env: Record<string, string>) => {
    const started = await startTestServer({
      env: { NODE_ENV: 'production', ...env },
      mailer,
      filesDir: path.join(outboxDir, 'uploads'),
      developmentPages: false,
    })
    servers.push(started.server)
    return started.baseUrl
  }
  let https = ''
  let behindProxy = ''
  let plainLan = ''

  beforeAll(async () => {
    outboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-test-hosts-'))
    mailer = createMailer({ outboxDir, logger: testLogger })
    https = await start({ PUBLIC_URL: 'https://vsi.example.vn' })
    behindProxy = await start({ PUBLIC_URL: 'https://vsi.example.vn', TRUST_PROXY: '1' })
    plainLan = await start({ PUBLIC_URL: 'http://192.168.1.20:3000' })
  })
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close({ timeoutMs: 2_000 })))
    await fs.rm(outboxDir, { recursive: true, force: true })
  })

  it('refuses a request for another host, directly or through a trusted proxy', async () => {
    for (const headers of [{ Host: EVIL }, { Host: `${EVIL}:443` }]) {
      const response = await rawRequest(https, '/login', { headers })
      expect(response.status, JSON.stringify(headers)).toBe(400)
      expect(response.body).toContain('This host is not served here')
    }
    const proxied = await rawRequest(behindProxy, '/login', {
      headers: { Host: 'vsi.example.vn', 'X-Forwarded-Host': EVIL },
    })
    expect(proxied.status).toBe(400)
  })

  it('serves its own host and builds every absolute URL from PUBLIC_URL', async () => {
    for (const [baseUrl, headers] of [
      [https, { Host: 'vsi.example.vn' }],
      // X-Forwarded-* from an untrusted client: ignored (the port too).
      [https, { Host: 'vsi.example.vn', 'X-Forwarded-Host': 'vsi.example.vn:8443' }],
      [behindProxy, { Host: '10.0.0.5', 'X-Forwarded-Host': 'vsi.example.vn' }],
    ] as const) {
      const response = await rawRequest(baseUrl, `/suppliers/${supplierSlug}`, { headers })
      expect(response.status, JSON.stringify(headers)).toBe(200)
      for (const url of absoluteUrls(response.body)) {
        expect(new URL(url).origin, url).toBe('https://vsi.example.vn')
      }
      expect(response.body).toContain(
        `<link rel="canonical" href="https://vsi.example.vn/suppliers/${supplierSlug}"/>`,
      )
    }
  })

  it('sends HSTS and Secure cookies when the public origin is https', async () => {
    await LoginThrottle.deleteMany({})
    const response = await rawRequest(https, '/login', {
      method: 'POST',
      headers: { Host: 'vsi.example.vn' },
      body: new URLSearchParams({ email: supplierEmail, password: TEST_PASSWORD }).toString(),
    })
    expect(response.status).toBe(302)
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/)
    expect(String(response.headers['set-cookie'])).toMatch(/vsi_session=[^;]+;.*Secure/)
  })

  it('sends neither on a plain-HTTP public origin (a LAN start), so signing in works there', async () => {
    await LoginThrottle.deleteMany({})
    const response = await rawRequest(plainLan, '/login', {
      method: 'POST',
      headers: { Host: '192.168.1.20:3000', Origin: 'http://192.168.1.20:3000' },
      body: new URLSearchParams({ email: supplierEmail, password: TEST_PASSWORD }).toString(),
    })
    expect(response.status).toBe(302)
    expect(response.headers['strict-transport-security']).toBeUndefined()
    expect(String(response.headers['set-cookie'])).toMatch(/vsi_session=[^;]+/)
    expect(String(response.headers['set-cookie'])).not.toMatch(/Secure/)
  })

  it('refuses writes from the same host over another scheme', async () => {
    const response = await rawRequest(https, '/language', {
      method: 'POST',
      headers: { Host: 'vsi.example.vn', Origin: 'http://vsi.example.vn' },
      body: 'lang=en',
    })
    expect(response.status).toBe(403)
    const same = await rawRequest(https, '/language', {
      method: 'POST',
      headers: { Host: 'vsi.example.vn', Origin: 'https://vsi.example.vn' },
      body: 'lang=en',
    })
    expect(same.status).toBe(303)
  })
})

describe('Socket.IO handshake origin', () => {
  it('refuses a foreign Origin even with a signed-in cookie, and accepts the app’s own', async () => {
    const { userId } = await createAccount('buyer')
    const cookie = await cookieFor(userId)
    for (const origin of [`http://${EVIL}`, `https://${new URL(app.baseUrl).host}`, 'null']) {
      await expect(
        connectChatClientWithOrigin(app.baseUrl, cookie, origin),
        origin,
      ).rejects.toThrow()
    }
    const own = await connectChatClientWithOrigin(app.baseUrl, cookie, app.baseUrl)
    own.disconnect()
  })
})

function connectChatClientWithOrigin(baseUrl: string, cookie: string, origin: string) {
  return connectChatClient(baseUrl, { cookie, headers: { Origin: origin } })
}
