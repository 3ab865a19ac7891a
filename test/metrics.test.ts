import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmbeddedEngine } from '#search/embedded-engine.ts'
import type { AppServer } from '#server/app.ts'
import { createMailer } from '#server/mailer.ts'
import { createRouteNamer, timedSearchEngine } from '#server/metrics.ts'
import { startTestServer } from '#test/app-server.ts'
import { useTestDatabase } from '#test/database.ts'
import { testLogger } from '#test/logger.ts'

const TOKEN = 'metrics-test-token-0123456789abcdef'

useTestDatabase()
let dir: string
const servers: Array<{ server: AppServer; baseUrl: string }> = []

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-test-metrics-'))
  const mailer = createMailer({ outboxDir: dir, logger: testLogger })
  for (const env of [{}, { METRICS_TOKEN: TOKEN }] as Array<Record<string, string>>) {
    servers.push(
      await startTestServer({
        env,
        mailer,
        filesDir: path.join(dir, 'uploads'),
        search: timedSearchEngine(createEmbeddedEngine()),
        developmentPages: false,
      }),
    )
  }
})

afterAll(async () => {
  await Promise.all(servers.map(({ server }) => server.close({ timeoutMs: 2_000 })))
  if (dir) await fs.rm(dir, { recursive: true, force: true })
})

describe('/metrics', () => {
  it('does not exist without METRICS_TOKEN', async () => {
    const [withoutToken] = servers
    const response = await fetch(`${withoutToken!.baseUrl}/metrics`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    })
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('vsi_')
  })

  it('answers only the configured bearer token', async () => {
    const [, withToken] = servers
    const url = `${withToken!.baseUrl}/metrics`
    for (const authorization of [
      undefined,
      'Bearer ',
      `Bearer ${TOKEN}x`,
      `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`,
      TOKEN,
    ]) {
      const response = await fetch(url, {
        headers: authorization === undefined ? {} : { Authorization: authorization },
      })
      expect(response.status, String(authorization)).toBe(401)
      expect(await response.text()).not.toContain('vsi_')
    }
    // A search page, then the scrape: latency by route and by search engine.
    const page = await fetch(`${withToken!.baseUrl}/suppliers?q=may`)
    expect(page.status).toBe(200)
    // Timed when the response has been sent in full.
    await page.text()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const response = await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const text = await response.text()
    // Label order is prom-client's: matched in any order.
    expect(text).toMatch(
      /vsi_http_request_duration_seconds_count\{[^}]*route="routes\/suppliers\._index"[^}]*\} [1-9]/,
    )
    expect(text).toMatch(
      /vsi_search_duration_seconds_count\{engine="embedded",outcome="ok"\} [1-9]/,
    )
    expect(text).toContain('vsi_webhook_queue_length 0')
  })
})

describe('route names for latency series', () => {
  const name = createRouteNamer({
    root: { id: 'root', path: '' },
    'routes/_index': { id: 'routes/_index', parentId: 'root', index: true },
    'routes/suppliers._index': {
      id: 'routes/suppliers._index',
      parentId: 'root',
      path: 'suppliers',
    },
    'routes/suppliers.$slug': {
      id: 'routes/suppliers.$slug',
      parentId: 'root',
      path: 'suppliers/:slug',
    },
    'routes/messages.$id': { id: 'routes/messages.$id', parentId: 'root', path: 'messages/:id?' },
    'routes/$': { id: 'routes/$', parentId: 'root', path: '*' },
  })

  it('names a URL by its route, never by its parameters', () => {
    expect(name('/')).toBe('routes/_index')
    expect(name('/suppliers')).toBe('routes/suppliers._index')
    expect(name('/suppliers/')).toBe('routes/suppliers._index')
    expect(name('/suppliers/cong-ty-abc')).toBe('routes/suppliers.$slug')
    expect(name('/messages')).toBe('routes/messages.$id')
    expect(name('/messages/0123456789abcdef01234567')).toBe('routes/messages.$id')
    expect(name('/no/such/page')).toBe('routes/$')
    expect(createRouteNamer(undefined)('/anything')).toBe('other')
  })
})
