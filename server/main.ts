import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { flushChatWrites } from '#models/chat/chat-writes.ts'
import { createSearchEngine } from '#search/index.ts'
import { createSearchSync } from '#search/sync.ts'
import { createIndexSnapshotStore } from '#search/index-snapshot.ts'
import { taxonomySearchSettings } from '#search/taxonomy-synonyms.ts'
import { createAppServer } from './app.ts'
import { stripeGatewayFromConfig } from './billing/stripe-gateway.ts'
import { createBillingWorker } from './billing/worker.ts'
import { createEventFeeCallbacks } from './billing/event-fee-callbacks.ts'
import { releaseExpiredHolds } from '#models/events/registration-payment.ts'
import { sendPromotionNotices } from '#models/events/hold-notices.ts'
import { webhookQueueLength } from '#models/billing/gateway-event.ts'
import { startProfileAnalyticsFlusher } from '#models/analytics/profile-analytics.ts'
import { startSearchLogFlusher } from '#models/analytics/search-log.ts'
import { createChatNotifier } from './chat-notifications.ts'
import { ConfigError, deploymentProblem, loadConfig, parseJobSchedule } from './config.ts'
import { startDatabase, type Database } from './database.ts'
import { EmbeddedDatabaseUnavailableError } from './ferretdb.ts'
import { registerPlatformJobs } from './jobs/platform-jobs.ts'
import { registerStaffImportJob } from './jobs/staff-import.ts'
import { createJobRunner } from './jobs/runner.ts'
import { createLogger } from './logger.ts'
import { jobMetrics, observeOutbox, setWebhookQueueLength, timedSearchEngine } from './metrics.ts'
import { createMailer } from './mailer.ts'
import { refreshKpiSnapshot } from '#models/staff/kpi.ts'
import {
  PROGRAMME_COUNTS_EVERY_MS,
  refreshProgrammeCounts,
} from '#models/staff/programme-counts.ts'
import { runSourcingDigest } from '#models/sourcing/alerts.ts'
import { runSavedSearchAlerts } from '#models/billing/saved-search-alerts.ts'
import { refreshResponseFigures } from '#models/sourcing/response-figures.ts'
import { runVerificationExpiry } from '#models/staff/verification.ts'
import { formatDemoAccounts, seedDemoIfEmpty } from './demo/seed.ts'
import { createFileStore } from './uploads.ts'
import { startStartupBackfills } from './startup-backfills.ts'
import { createSearchStartup } from './search-startup.ts'
import { SearchOutbox } from '#models/profiles/search-outbox.ts'
import { warmUpScheduler } from '#models/events/scheduler/warm-up.ts'

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
const refused = deploymentProblem(config)
if (refused) {
  process.stderr.write(`Refusing to start: ${refused}\n`)
  process.exit(1)
}

const logger = createLogger(config.LOG_LEVEL)

// What has started, stopped in reverse order on SIGTERM/SIGINT. The handlers are installed
// before anything starts: a signal during a long first start (build, FerretDB, demo data) still
// ends the process cleanly, with whatever it had started.
const started: Array<{ name: string; stop: () => Promise<void> | void }> = []
let shuttingDown = false
/** Run as soon as a shutdown begins, before anything is stopped. */
const atShutdownStart: Array<() => void> = []
async function shutdown(signal: string, exitCode = 0) {
  if (shuttingDown) return
  shuttingDown = true
  logger.info({ signal }, 'shutting down')
  // A signal to the process group reaches the embedded FerretDB too: it is not restarted now.
  for (const hook of atShutdownStart) hook()
  const forceExit = setTimeout(() => {
    logger.error('shutdown took longer than 20 s, exiting')
    process.exit(1)
  }, 20_000)
  forceExit.unref()
  try {
    for (const service of started.reverse()) await service.stop()
    logger.info('stopped cleanly')
    process.exit(exitCode)
  } catch (error) {
    logger.error({ err: error }, 'error during shutdown')
    process.exit(1)
  }
}
/**
 * A start-up step that fails because a signal stopped what it depends on (the database went
 * away mid-start) waits for the shutdown to end the process instead of crashing it; one that
 * ends after a signal goes no further either (nothing starts listening during a shutdown).
 */
function startStep<T>(work: Promise<T>): Promise<T> {
  return work.then(
    (value) => (shuttingDown ? new Promise<T>(() => {}) : value),
    (error: unknown) => {
      if (shuttingDown) return new Promise<T>(() => {})
      throw error
    },
  )
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
atShutdownStart.push(() => database.beginShutdown())

// A fresh install (no organisations yet) gets demo data and accounts, unless SEED_DEMO=0.
if (config.SEED_DEMO !== '0') {
  const demoAccounts = await startStep(seedDemoIfEmpty({ logger })).catch((error: unknown) => {
    logger.error({ err: error }, 'seeding demo data failed')
    return []
  })
  if (demoAccounts.length > 0) process.stdout.write(formatDemoAccounts(demoAccounts))
}

// Key documents for data written before they existed (e-mail, member and tax-code keys, the
// chat's inbox and read indexes): built once, in the background (until then, the paths that
// read them fall back to the record). A signal stops them between batches; the next start resumes.
const backfills = startStartupBackfills(logger)
started.push({ name: 'start-up backfills', stop: () => backfills.stop() })

// Searches are timed by engine for /metrics (server/metrics.ts).
const search = timedSearchEngine(
  createSearchEngine({ meiliHost: config.MEILI_HOST, meiliApiKey: config.MEILI_API_KEY }),
)
// The embedded engine starts empty and is rebuilt from the database; then the search-outbox job
// keeps the index in step with every profile write (search/sync.ts).
await search.configure(taxonomySearchSettings()).catch((error: unknown) => {
  logger.error({ err: error }, 'configuring the search engine failed')
})
started.push({ name: 'search engine', stop: () => search.close() })
// The embedded engine keeps its documents on disk (a snapshot and a journal, decision 017): a
// start loads them and the outbox drains what came after; without a usable snapshot (first
// start, corrupt, older version) the index is rebuilt from the database, which writes one.
const searchSnapshot =
  search.kind === 'embedded'
    ? createIndexSnapshotStore(path.join(config.dataDir, 'search-index'))
    : undefined
// The embedded index is restored or rebuilt after the server listens (a rebuild at 100,000
// suppliers takes minutes): until then /healthz says "starting" (503) and searches answer from
// what is indexed so far, saying so (server/search-startup.ts).
const searchStartup = createSearchStartup(
  search,
  search.kind === 'embedded' ? 'restoring' : 'ready',
)
const searchSync = createSearchSync({
  engine: searchStartup.engine,
  logger,
  snapshot: searchSnapshot,
})
// Queued before any job can drain the outbox: the sync runs one step at a time, in order.
const searchPrepared =
  search.kind === 'embedded' ? prepareSearchIndex() : Promise.resolve(undefined)
async function prepareSearchIndex() {
  const began = performance.now()
  const seconds = () => Math.round((performance.now() - began) / 100) / 10
  const prepared = await searchSync.prepare((reason) => {
    searchStartup.setPhase('rebuilding')
    logger.info({ reason }, 'search index snapshot not used: rebuilding')
  })
  searchStartup.setPhase('ready')
  if (prepared.restored) {
    const { documents, journalRecords } = prepared
    logger.info(
      { suppliers: documents, journalRecords, seconds: seconds() },
      'search index loaded from its snapshot',
    )
  } else {
    logger.info(
      { suppliers: prepared.rebuilt, seconds: seconds() },
      'search index built from the database',
    )
  }
}
// A failure that outlives the rebuild's retries ends the process (a supervisor starts it again);
// during a shutdown the database going away is expected.
searchPrepared.catch((error: unknown) => {
  if (shuttingDown) return
  logger.fatal({ err: error }, 'preparing the search index failed')
  void shutdown('search index failure', 1)
})
observeOutbox(() => SearchOutbox.estimatedDocumentCount())

// Background jobs run on one node at a time, under a lease in the database (server/jobs/,
// docs/jobs.md). Each feature registers its jobs with `jobs.registerJob` in its start step;
// they start ticking once the server listens, and stop before it closes.
const jobs = createJobRunner({
  logger,
  schedule: parseJobSchedule(config.JOB_SCHEDULE) ?? {},
  sweepDelayMs: config.JOB_SWEEP_DELAY,
  observer: jobMetrics,
})
// Messages are stored before they are acknowledged; the inbox summaries are written behind and
// flushed once the server has stopped taking messages.
started.push({ name: 'chat writes', stop: () => flushChatWrites() })
// Profile analytics are counted in memory on request paths and written every few seconds, and
// once more after the server has stopped (models/analytics/profile-analytics.ts).
const profileAnalytics = startProfileAnalyticsFlusher((error) =>
  logger.error({ err: error }, 'writing profile analytics failed'),
)
started.push({ name: 'profile analytics', stop: () => profileAnalytics.stop() })
// The search log (KPIs: searches per week, queries without results), the same way
// (models/analytics/search-log.ts).
const searchLog = startSearchLogFlusher((error) =>
  logger.error({ err: error }, 'writing the search log failed'),
)
started.push({ name: 'search log', stop: () => searchLog.stop() })
const mailer = createMailer({
  smtpUrl: config.SMTP_URL,
  from: config.MAIL_FROM,
  outboxDir: path.join(config.dataDir, 'outbox'),
  logger,
})
const files = createFileStore({ rootDir: config.uploadDir })
// Payments: Stripe when its keys are set. The worker applies stored webhook events (with retries)
// and ends plans whose period or grace has run out; without keys it still ends staff grants.
const billingGateway = stripeGatewayFromConfig(config)
const billingWorker = createBillingWorker({
  gateway: billingGateway ?? { lookupKeyOf: () => undefined },
  logger,
  // Paid event registrations: a paid fee confirms the place once; a late one is refunded.
  eventFees: createEventFeeCallbacks({ gateway: billingGateway, logger }),
})
// Both run as jobs under a lease (each try of an event is claimed by a unique insert as well).
jobs.registerJob({
  name: 'billing-webhook-queue',
  everyMs: 1000,
  leaseMs: 5 * 60 * 1000,
  async run() {
    const result = await billingWorker.drainOnce()
    setWebhookQueueLength(await webhookQueueLength())
    return result
  },
})
jobs.registerJob({
  name: 'billing-entitlement-sweep',
  everyMs: 5 * 60 * 1000,
  run: () => billingWorker.sweep(),
})
// Places held 30 minutes for an event fee: expired holds are released, the waitlist moves up,
// and their checkouts are expired so they can no longer be paid; registrants promoted from the
// waitlist are e-mailed the pay link (docs/jobs.md).
jobs.registerJob({
  name: 'events-payment-holds',
  everyMs: 60_000,
  async run({ signal }) {
    for (const released of await releaseExpiredHolds(new Date(), signal)) {
      if (!billingGateway || !released.checkoutId) continue
      await billingGateway
        .expireCheckout(released.checkoutId)
        .catch((error: unknown) =>
          logger.warn({ err: error, checkout: released.checkoutId }, 'expiring a checkout failed'),
        )
    }
    await sendPromotionNotices({
      mailer,
      origin: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
      signal,
    })
  },
})
const server = await startStep(
  createAppServer({
    config,
    logger,
    database,
    services: {
      search: searchStartup.engine,
      searchComplete: () => searchStartup.complete,
      mailer,
      files,
      developmentPages: !config.isProduction,
      billing: { gateway: billingGateway },
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
// The meeting scheduler's first call in a process runs mostly in V8's unoptimised tiers (decision
// 012, third session): warm it up once, off the start-up path, in production only (tests and
// development start many servers).
if (config.isProduction)
  setTimeout(() => {
    const ms = warmUpScheduler()
    logger.info({ cpuMs: Math.round(ms) }, 'meeting scheduler warmed up')
  }, 2_000).unref()

// Unread chat messages: one summary e-mail per member after CHAT_NOTIFY_AFTER_MINUTES.
const chatNotifier = createChatNotifier({
  mailer,
  logger,
  publicUrl: config.PUBLIC_URL ?? `http://localhost:${port}`,
  notifyAfterMinutes: config.CHAT_NOTIFY_AFTER_MINUTES,
})

// The search outbox drain, reconcile and certificate sweep, the unread-mail notifier, and the
// hourly purges of what has expired (no TTL indexes on FerretDB): docs/jobs.md.
registerPlatformJobs(jobs, {
  searchSync,
  chatNotifier,
  files,
  notifyAfterMinutes: config.CHAT_NOTIFY_AFTER_MINUTES,
})
// Staff console: the KPI snapshot and verification expiry and reminders (docs/jobs.md).
jobs.registerJob({
  name: 'staff-kpi-snapshot',
  everyMs: 24 * 60 * 60 * 1000,
  run: () => refreshKpiSnapshot(),
})
// The staff home page's figures (a recount; the page reads the stored result).
jobs.registerJob({
  name: 'staff-programme-counts',
  everyMs: PROGRAMME_COUNTS_EVERY_MS,
  run: () => refreshProgrammeCounts(),
})
jobs.registerJob({
  name: 'staff-verification-expiry',
  everyMs: 24 * 60 * 60 * 1000,
  run: () =>
    runVerificationExpiry({ mailer, origin: config.PUBLIC_URL ?? `http://localhost:${port}` }),
})
// Supplier-list imports (dry runs and imports) queued by staff admins, progress over Socket.IO.
registerStaffImportJob(jobs, {
  mailer,
  origin: config.PUBLIC_URL ?? `http://localhost:${port}`,
  io: server.io,
})
// Sourcing: the suppliers' daily digest of new matching requests (docs/jobs.md, docs/sourcing.md).
jobs.registerJob({
  name: 'sourcing-daily-digest',
  everyMs: 24 * 60 * 60 * 1000,
  run: ({ signal }) =>
    runSourcingDigest({
      mailer,
      origin: config.PUBLIC_URL ?? `http://localhost:${port}`,
      signal,
    }),
})
// Sourcing: each organisation's share of conversations answered within a day (matching reason).
jobs.registerJob({
  name: 'sourcing-response-figures',
  everyMs: 24 * 60 * 60 * 1000,
  run: ({ signal }) => refreshResponseFigures(new Date(), signal),
})
// Billing: Buyer Pro's daily alerts of new suppliers matching saved searches (docs/jobs.md).
jobs.registerJob({
  name: 'billing-saved-search-alerts',
  everyMs: 24 * 60 * 60 * 1000,
  // After the index is complete: an incomplete one would leave suppliers out of the alerts.
  run: async ({ signal }) =>
    runSavedSearchAlerts({
      engine: await searchPrepared.then(() => search),
      mailer,
      origin: config.PUBLIC_URL ?? `http://localhost:${port}`,
      signal,
    }),
})
jobs.start()
started.push({ name: 'background jobs', stop: () => jobs.stop() })
logger.info({ node: jobs.node }, 'background jobs started')
