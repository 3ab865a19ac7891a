import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppServer } from '#server/app.ts'
import { loadConfig } from '#server/config.ts'
import { createMailer, type Mailer } from '#server/mailer.ts'
import { startTestServer } from './app-server.ts'
import { useTestDatabase } from './database.ts'
import { testLogger } from './logger.ts'

useTestDatabase()

const SUBJECT = 'Thư thử nghiệm của hộp thư đi'

/**
 * The mail outbox page shows every link the app mailed (password resets, invitations): it must
 * not exist in production. Two servers on one outbox holding one mail, configured as
 * server/main.ts does (`developmentPages: !config.isProduction`): development and production.
 */
let outboxDir: string
let mailer: Mailer
const servers: Record<'development' | 'production', { server?: AppServer; baseUrl: string }> = {
  development: { baseUrl: '' },
  production: { baseUrl: '' },
}

beforeAll(async () => {
  outboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-test-dev-pages-'))
  mailer = createMailer({ outboxDir, logger: testLogger })
  await mailer.send({ to: 'nguoi-nhan@example.vn', subject: SUBJECT, text: 'x', html: '<p>x</p>' })
  for (const nodeEnv of ['development', 'production'] as const) {
    // Pages for development are on exactly when the environment is not production, as in
    // server/main.ts.
    const env = { NODE_ENV: nodeEnv, PUBLIC_URL: 'https://vsi.example.vn' }
    const config = loadConfig({ ...env, LOG_LEVEL: 'silent' })
    const { server, baseUrl } = await startTestServer({
      env,
      mailer,
      filesDir: path.join(outboxDir, 'uploads'),
      developmentPages: !config.isProduction,
    })
    servers[nodeEnv] = { server, baseUrl }
  }
})

afterAll(async () => {
  await Promise.all(
    Object.values(servers).map((entry) => entry.server?.close({ timeoutMs: 2_000 })),
  )
  if (outboxDir) await fs.rm(outboxDir, { recursive: true, force: true })
})

describe('development pages', () => {
  it('show the mail outbox in development', async () => {
    const response = await fetch(`${servers.development.baseUrl}/dev/outbox`)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain(SUBJECT)
  })

  it('answer 404 for the mail outbox in production, and show none of it', async () => {
    expect((await mailer.outbox!.list()).map((entry) => entry.subject)).toEqual([SUBJECT])
    // `?_data=` requests are refused before Remix (400, server/security.ts); `.data` is how
    // single fetch asks for a loader's data.
    for (const [path, status] of [
      ['/dev/outbox', 404],
      ['/dev/outbox.data', 404],
      ['/dev/outbox?_data=routes%2Fdev.outbox', 400],
    ] as const) {
      const response = await fetch(`${servers.production.baseUrl}${path}`)
      expect(response.status, path).toBe(status)
      expect(await response.text(), path).not.toContain(SUBJECT)
    }
  })
})
