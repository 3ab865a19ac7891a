import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, inject } from 'vitest'
import { createMailer, type Mailer, type OutboxEntry } from '#server/mailer.ts'
import { createFileStore } from '#server/uploads.ts'
import { createAppServer, type AppServer } from '#server/app.ts'
import { loadConfig } from '#server/config.ts'
import { createDatabase } from '#server/database.ts'
import type { Logger } from '#server/logger.ts'
import { createEmbeddedEngine } from '#search/embedded-engine.ts'
import { messagesForSeqKeys } from '#models/chat/message.ts'
import { backfillMessageSeqKeys, MESSAGE_SEQ_KEYS_MARKER } from '#models/chat/message-seq-key.ts'
import { forgetMaintenanceDone } from '#models/maintenance-marker.ts'
import type { SearchEngine } from '#search/engine.ts'
import { useTestDatabase } from './database.ts'
import { testLogger } from './logger.ts'

export interface RunningApp {
  server: AppServer
  baseUrl: string
  mailer: Mailer
  /** The app's search engine: tests put documents into it directly. */
  search: SearchEngine
  /** The newest mail sent to this address (throws when there is none). */
  lastMailTo(email: string): Promise<OutboxEntry>
}

/**
 * One app server on the test build, on a random loopback port, on the database Mongoose is
 * connected to. For tests that need several (two nodes, two environments); otherwise useTestApp.
 */
export async function startTestServer(options: {
  env?: Record<string, string>
  mailer: Mailer
  filesDir: string
  search?: SearchEngine
  /** Whether the search index is complete (server/search-startup.ts); default: true. */
  searchComplete?: () => boolean
  developmentPages: boolean
  /** A logger of the test's own, to read what the server logs. */
  logger?: Logger
}): Promise<{ server: AppServer; baseUrl: string }> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.env })
  const server = await createAppServer({
    config,
    logger: options.logger ?? testLogger,
    database: createDatabase('external', testLogger),
    services: {
      search: options.search ?? createEmbeddedEngine(),
      ...(options.searchComplete ? { searchComplete: options.searchComplete } : {}),
      mailer: options.mailer,
      files: createFileStore({ rootDir: options.filesDir }),
      developmentPages: options.developmentPages,
    },
    remix: { mode: 'production', buildDir: inject('buildDir') },
  })
  const port = await server.listen(0, '127.0.0.1')
  return { server, baseUrl: `http://127.0.0.1:${port}` }
}

/**
 * The real app (production build, Express, Socket.IO) on a random loopback port, backed by
 * this test file's own database. Use once per test file.
 */
export function useTestApp(): RunningApp {
  useTestDatabase()
  const running = {} as RunningApp
  let outboxDir: string | undefined
  beforeAll(async () => {
    outboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-test-outbox-'))
    running.mailer = createMailer({ outboxDir, logger: testLogger })
    running.search = createEmbeddedEngine()
    running.lastMailTo = async (email) => {
      const entries = (await running.mailer.outbox!.list()).filter((entry) => entry.to === email)
      if (!entries[0]) throw new Error(`no mail to ${email}`)
      return entries[0]
    }
    // A new database, as on a fresh install: the seq keys' start-up backfill finds no message
    // and records that pages may be read by keys (server/startup-backfills.ts).
    forgetMaintenanceDone(MESSAGE_SEQ_KEYS_MARKER)
    await backfillMessageSeqKeys(messagesForSeqKeys())
    const started = await startTestServer({
      mailer: running.mailer,
      search: running.search,
      filesDir: path.join(outboxDir, 'uploads'),
      developmentPages: true,
    })
    running.server = started.server
    running.baseUrl = started.baseUrl
  })
  afterAll(async () => {
    await running.server?.close({ timeoutMs: 2_000 })
    if (outboxDir) await fs.rm(outboxDir, { recursive: true, force: true })
  })
  return running
}
