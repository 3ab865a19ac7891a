import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { purgeExpired, purgeUnsentAttachments } from '#models/maintenance.ts'
import { flushChatWrites } from '#models/chat/chat-writes.ts'
import { createSearchEngine } from '#search/index.ts'
import { createSearchSync } from '#search/sync.ts'
import { taxonomySearchSettings } from '#search/taxonomy-synonyms.ts'
import { createAppServer } from './app.ts'
import { createChatNotifier } from './chat-notifications.ts'
import { ConfigError, loadConfig } from './config.ts'
import { startDatabase, type Database } from './database.ts'
import { EmbeddedDatabaseUnavailableError } from './ferretdb.ts'
import { createLogger } from './logger.ts'
import { createMailer } from './mailer.ts'
import { refreshKpiSnapshot } from '#models/staff/kpi.ts'
import { runVerificationExpiry } from '#models/staff/verification.ts'
import { formatDemoAccounts, seedDemoIfEmpty } from './demo/seed.ts'
import { createFileStore } from './uploads.ts'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const isDev = process.argv.includes('--dev')

// A local .env is optional; real environment variables win over it.
const envFile = path.join(projectRoot, '.env')
if (fs.existsSync(envFile)) process.loadEnvFile(envFile)

let config
try {
  config = loadConfig(process.env, projectRoot)
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`)
    process.exit(1)
  }
  throw error
}

const logger = createLogger(config.LOG_LEVEL)

// What has started, stopped in reverse order on SIGTERM/SIGINT. The handlers are installed
// before anything starts: a signal during a long first start (build, FerretDB, demo data) still
// ends the process cleanly, with whatever it had started.
const started: Array<{ name: string; stop: () => Promise<void> | void }> = []
let shuttingDown = false
async function shutdown(signal: string) {
  if (shuttingDown) return
  shuttingDown = true
  logger.info({ signal }, 'shutting down')
  const forceExit = setTimeout(() => {
    logger.error('shutdown took longer than 20 s, exiting')
    process.exit(1)
  }, 20_000)
  forceExit.unref()
  try {
    for (const service of started.reverse()) await service.stop()
    logger.info('stopped cleanly')
    process.exit(0)
  } catch (error) {
    logger.error({ err: error }, 'error during shutdown')
    process.exit(1)
  }
}
/**
 * A start-up step that fails because a signal stopped what it depends on (the database went
 * away mid-start) waits for the shutdown to end the process instead of crashing it.
 */
function startStep<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    if (shuttingDown) return new Promise<T>(() => {})
    throw error
  })
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('unhandledRejection', (reason) =>
  logger.error({ err: reason }, 'unhandled promise rejection'),
)
const buildDir = config.buildDir
if (!isDev && !fs.existsSync(path.join(buildDir, 'server', 'index.js'))) {
  logger.fatal('no production build found: run `npm run build` first, or `npm start`, which builds')
  process.exit(1)
}

let database: Database
try {
  database = await startDatabase(config, logger, projectRoot)
} catch (error) {
  if (error instanceof EmbeddedDatabaseUnavailableError) {
    process.stderr.write(`\n${error.message}\n\n`)
    process.exit(1)
  }
  logger.fatal({ err: error }, 'could not start the database')
  process.exit(1)
}
started.push({ name: 'database', stop: () => database.stop() })

// A fresh install (no organisations yet) gets demo data and accounts, unless SEED_DEMO=0.
if (config.SEED_DEMO !== '0') {
  const demoAccounts = await startStep(seedDemoIfEmpty({ logger })).catch((error: unknown) => {
    logger.error({ err: error }, 'seeding demo data failed')
    return []
  })
  if (demoAccounts.length > 0) process.stdout.write(formatDemoAccounts(demoAccounts))
}

const search = createSearchEngine({
  meiliHost: config.MEILI_HOST,
  meiliApiKey: config.MEILI_API_KEY,
})
// The embedded engine starts empty and is rebuilt from the database; then the sync worker keeps
// the index in step with every profile write (search/sync.ts).
await search.configure(taxonomySearchSettings()).catch((error: unknown) => {
  logger.error({ err: error }, 'configuring the search engine failed')
})
started.push({ name: 'search engine', stop: () => search.close() })
const searchSync = createSearchSync({ engine: search, logger })
if (search.kind === 'embedded') {
  const started = performance.now()
  const suppliers = await startStep(searchSync.reindexAll())
  const seconds = Math.round((performance.now() - started) / 100) / 10
  logger.info({ suppliers, seconds }, 'search index built from the database')
}
searchSync.start()
started.push({ name: 'search sync', stop: () => searchSync.stop() })
// Messages are stored before they are acknowledged; the inbox summaries are written behind and
// flushed once the server has stopped taking messages.
started.push({ name: 'chat writes', stop: () => flushChatWrites() })
const mailer = createMailer({
  smtpUrl: config.SMTP_URL,
  from: config.MAIL_FROM,
  outboxDir: path.join(config.dataDir, 'outbox'),
  logger,
})
const files = createFileStore({ rootDir: config.uploadDir })
const server = await startStep(
  createAppServer({
    config,
    logger,
    database,
    services: {
      search,
      mailer,
      files,
      developmentPages: !config.isProduction,
    },
    remix: isDev ? { mode: 'development' } : { mode: 'production', buildDir },
  }),
)
const port = await startStep(server.listen(config.PORT, config.HOST))
started.push({ name: 'http and socket server', stop: () => server.close() })
logger.info(
  {
    port,
    mode: isDev ? 'development' : 'production',
    database: database.kind,
    search: search.kind,
  },
  `VSI Connect is listening on http://localhost:${port}`,
)

// Unread chat messages: one summary e-mail per member after CHAT_NOTIFY_AFTER_MINUTES.
const chatNotifier = createChatNotifier({
  mailer,
  logger,
  publicUrl: config.PUBLIC_URL ?? `http://localhost:${port}`,
  notifyAfterMinutes: config.CHAT_NOTIFY_AFTER_MINUTES,
})
chatNotifier.start()
started.push({ name: 'chat notifier', stop: () => chatNotifier.stop() })

// Expired sessions, tokens and sign-in counters (no TTL indexes on FerretDB): purge hourly.
const purgeTimer = setInterval(
  () => {
    purgeExpired().then(
      (purged) => logger.debug(purged, 'expired records purged'),
      (error: unknown) => logger.error({ err: error }, 'purging expired records failed'),
    )
    purgeUnsentAttachments((file) => files.remove(file)).then(
      (removed) => logger.debug({ removed }, 'unsent chat attachments removed'),
      (error: unknown) => logger.error({ err: error }, 'removing unsent attachments failed'),
    )
  },
  60 * 60 * 1000,
)
purgeTimer.unref()
started.push({ name: 'purge timer', stop: () => clearInterval(purgeTimer) })

// Staff console (issue 17): KPI snapshot and verification expiry/reminders, at start and daily.
const staffJobs = () => {
  refreshKpiSnapshot().then(
    ({ id }) => logger.debug({ id }, 'KPI snapshot refreshed'),
    (error: unknown) => logger.error({ err: error }, 'refreshing the KPI snapshot failed'),
  )
  runVerificationExpiry({
    mailer,
    origin: config.PUBLIC_URL ?? `http://localhost:${port}`,
  }).then(
    (result) => logger.debug(result, 'verification expiry checked'),
    (error: unknown) => logger.error({ err: error }, 'verification expiry failed'),
  )
}
staffJobs()
const staffJobsTimer = setInterval(staffJobs, 24 * 60 * 60 * 1000)
staffJobsTimer.unref()
started.push({ name: 'staff jobs timer', stop: () => clearInterval(staffJobsTimer) })
