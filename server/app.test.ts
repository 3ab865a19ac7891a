import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { io as connectClient, type Socket } from 'socket.io-client'
import { describe, expect, it } from 'vitest'
import type { ClientToServerEvents, ServerToClientEvents } from '#models/chat/realtime-events.ts'
import { startTestServer, useTestApp } from '#test/app-server.ts'
import { testLogger } from '#test/logger.ts'
import { createMailer } from './mailer.ts'

const app = useTestApp()

describe('HTTP server', () => {
  it('serves the home page in Vietnamese by default, with a nonce-based CSP', async () => {
    const response = await fetch(`${app.baseUrl}/`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toMatch(/<html lang="vi"/)
    expect(html).toContain('Tìm nhà cung cấp linh kiện, phụ tùng và vật liệu tại Việt Nam')
    expect(html).toContain('hrefLang="en" href="http://127.0.0.1:')
    const csp = response.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(html).toContain(`<script nonce="${nonce}"`)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('serves English for ?lang=en and remembers it in a cookie', async () => {
    const response = await fetch(`${app.baseUrl}/about?lang=en`)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('About the Supporting Industry Development Programme')
    expect(response.headers.get('set-cookie')).toMatch(/^lang=en;.*HttpOnly/)
  })

  it('switches language through a plain form post and redirects back', async () => {
    const response = await fetch(`${app.baseUrl}/language`, {
      method: 'POST',
      body: new URLSearchParams({ lang: 'en', redirectTo: '/about' }),
      redirect: 'manual',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/about')
    const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? ''
    expect(cookie).toBe('lang=en')
    const page = await fetch(`${app.baseUrl}/about`, { headers: { cookie } })
    const html = await page.text()
    expect(html).toMatch(/<html lang="en"/)
    expect(html).toContain('About the Supporting Industry Development Programme')
  })

  it('refuses an unknown language and an off-site redirect', async () => {
    const bad = await fetch(`${app.baseUrl}/language`, {
      method: 'POST',
      body: new URLSearchParams({ lang: 'fr' }),
      redirect: 'manual',
    })
    expect(bad.status).toBe(400)
    expect(bad.headers.get('set-cookie')).toBeNull()
    const offsite = await fetch(`${app.baseUrl}/language`, {
      method: 'POST',
      body: new URLSearchParams({ lang: 'en', redirectTo: '//evil.example/' }),
      redirect: 'manual',
    })
    expect(offsite.headers.get('location')).toBe('/')
  })

  it('redirects to a non-ASCII target percent-encoded, and off-site tricks to the default', async () => {
    // Issue 11, finding 7: these answered 500 (a Location header carries ASCII only).
    const cases: Array<[string, string]> = [
      ['/。x', '/%E3%80%82x'],
      [
        '/tìm-kiếm?q=dập khuôn#kết-quả',
        '/t%C3%ACm-ki%E1%BA%BFm?q=d%E1%BA%ADp%20khu%C3%B4n#k%E1%BA%BFt-qu%E1%BA%A3',
      ],
      ['/x/..//evil.example', '/'],
      ['/\u0009/evil.example', '/'],
      ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ]
    for (const [redirectTo, location] of cases) {
      const response = await fetch(`${app.baseUrl}/language`, {
        method: 'POST',
        body: new URLSearchParams({ lang: 'en', redirectTo }),
        redirect: 'manual',
      })
      expect(response.status, redirectTo).toBe(303)
      expect(response.headers.get('location'), redirectTo).toBe(location)
    }
  })

  it('refuses a cross-site form post', async () => {
    const response = await fetch(`${app.baseUrl}/language`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
      body: new URLSearchParams({ lang: 'en' }),
      redirect: 'manual',
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  it('never sends NUL bytes in Vietnamese pages (React 18 streaming bug)', async () => {
    for (const path of ['/', '/about', '/signup', '/login']) {
      const bytes = new Uint8Array(await (await fetch(`${app.baseUrl}${path}`)).arrayBuffer())
      expect(bytes.includes(0), path).toBe(false)
    }
  })

  it('answers unknown pages with a localised 404', async () => {
    const response = await fetch(`${app.baseUrl}/no-such-page`)
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('Không tìm thấy trang')
  })

  it('reports the database and the search engine on /healthz', async () => {
    const response = await fetch(`${app.baseUrl}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      status: 'ok',
      database: { state: 'up' },
      search: { state: 'up', kind: 'embedded' },
    })
  })

  it('serves hashed assets with a one-year immutable cache', async () => {
    const html = await (await fetch(`${app.baseUrl}/`)).text()
    const asset = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1]
    expect(asset).toBeTruthy()
    const response = await fetch(`${app.baseUrl}${asset}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })
})

describe('Socket.IO', () => {
  it('connects over a real socket and acknowledges system:ping', async () => {
    const client: Socket<ServerToClientEvents, ClientToServerEvents> = connectClient(app.baseUrl, {
      transports: ['websocket'],
      reconnection: false,
    })
    try {
      await new Promise<void>((resolve, reject) => {
        client.once('connect', resolve)
        client.once('connect_error', reject)
      })
      const ack = await client.timeout(2_000).emitWithAck('system:ping', {})
      expect(ack.ok).toBe(true)
      if (ack.ok) expect(Date.parse(ack.data.serverTime)).not.toBeNaN()
    } finally {
      client.disconnect()
    }
  })
})

describe('log levels (issue 11, finding 11)', () => {
  it('logs requests an anonymous client got wrong below error level', async () => {
    const lines: Array<{ level: number; msg: string }> = []
    const logger = pino(
      { level: 'debug' },
      {
        write: (line: string) =>
          void lines.push(JSON.parse(line) as { level: number; msg: string }),
      },
    )
    const outboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-test-log-'))
    const { server, baseUrl } = await startTestServer({
      mailer: createMailer({ outboxDir, logger: testLogger }),
      filesDir: path.join(outboxDir, 'uploads'),
      developmentPages: false,
      logger,
    })
    try {
      const requests: Array<[string, string]> = [
        ['OPTIONS', '/login'],
        ['PROPFIND', '/'],
        ['PATCH', '/about'],
        ['GET', '/?_data=routes/no-such-route'],
        ['GET', '/about?_data=root'],
        ['GET', '/no-such-page?_data=routes/$'],
      ]
      for (const [method, target] of requests) {
        const response = await fetch(`${baseUrl}${target}`, { method })
        expect(response.status, `${method} ${target}`).toBeLessThan(500)
        await response.arrayBuffer()
      }
      // pino's error level is 50.
      expect(lines.filter((line) => line.level >= 50)).toEqual([])
    } finally {
      await server.close({ timeoutMs: 2_000 })
      await fs.rm(outboxDir, { recursive: true, force: true })
    }
  })
})
