import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmbeddedEngine } from '#search/embedded-engine.ts'
import { startTestServer } from '#test/app-server.ts'
import { useTestDatabase } from '#test/database.ts'
import { testLogger } from '#test/logger.ts'
import { createMailer } from './mailer.ts'
import { createSearchStartup } from './search-startup.ts'

useTestDatabase()

// The server listens before the embedded index is restored or rebuilt (server/main.ts): until
// it is complete, health checks say "starting" and searches say their results may be partial.
describe('a server whose search index is still being built', () => {
  const startup = createSearchStartup(createEmbeddedEngine(), 'rebuilding')
  let baseUrl = ''
  let stop = async () => {}
  let dir = ''
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-search-startup-'))
    const started = await startTestServer({
      mailer: createMailer({ outboxDir: path.join(dir, 'outbox'), logger: testLogger }),
      filesDir: path.join(dir, 'uploads'),
      developmentPages: false,
      search: startup.engine,
      searchComplete: () => startup.complete,
    })
    baseUrl = started.baseUrl
    stop = () => started.server.close()
  })
  afterAll(async () => {
    await stop()
    await fs.rm(dir, { recursive: true, force: true })
  })

  it('is live, not ready, and says so on its pages until the index is complete', async () => {
    const live = await fetch(`${baseUrl}/livez`)
    expect(live.status).toBe(200)
    expect(await live.json()).toEqual({ status: 'live' })

    const starting = await fetch(`${baseUrl}/healthz`)
    expect(starting.status).toBe(503)
    expect(await starting.json()).toMatchObject({
      status: 'starting',
      database: { state: 'up' },
      search: { state: 'starting', kind: 'embedded', detail: 'rebuilding: 0 suppliers indexed' },
    })
    const partial = (await (await fetch(`${baseUrl}/api/suppliers?q=ep+nhua`)).json()) as {
      incomplete?: boolean
    }
    expect(partial.incomplete).toBe(true)
    const page = await fetch(`${baseUrl}/suppliers?q=ep+nhua`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Chỉ mục tìm kiếm đang được dựng lại')
    const english = await fetch(`${baseUrl}/suppliers?q=ep+nhua`, {
      headers: { Cookie: 'lang=en', 'Accept-Language': 'en' },
    })
    expect(await english.text()).toContain('The search index is being rebuilt')

    startup.setPhase('ready')
    const ready = await fetch(`${baseUrl}/healthz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({ status: 'ok', search: { state: 'up' } })
    const complete = (await (await fetch(`${baseUrl}/api/suppliers?q=ep+nhua`)).json()) as {
      incomplete?: boolean
    }
    expect(complete).not.toHaveProperty('incomplete')
    expect(await (await fetch(`${baseUrl}/suppliers?q=ep+nhua`)).text()).not.toContain(
      'Chỉ mục tìm kiếm đang được dựng lại',
    )
  })
})
