import { afterAll, beforeAll, inject } from 'vitest'
import { createAppServer, type AppServer } from '#server/app.ts'
import { loadConfig } from '#server/config.ts'
import { createDatabase } from '#server/database.ts'
import { createEmbeddedEngine } from '#search/embedded-engine.ts'
import { useTestDatabase } from './database.ts'
import { testLogger } from './logger.ts'

export interface RunningApp {
  server: AppServer
  baseUrl: string
}

/**
 * The real app (production build, Express, Socket.IO) on a random loopback port, backed by
 * this test file's own database. Use once per test file.
 */
export function useTestApp(): RunningApp {
  useTestDatabase()
  const running = {} as RunningApp
  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' })
    const server = await createAppServer({
      config,
      logger: testLogger,
      database: createDatabase('external', testLogger),
      services: { search: createEmbeddedEngine() },
      remix: { mode: 'production', buildDir: inject('buildDir') },
    })
    const port = await server.listen(0, '127.0.0.1')
    running.server = server
    running.baseUrl = `http://127.0.0.1:${port}`
  })
  afterAll(async () => {
    await running.server?.close({ timeoutMs: 2_000 })
  })
  return running
}
