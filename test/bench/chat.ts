/**
 * `npm run bench:chat [-- --clients 1000 --rate 500 --seconds 20]`: chat delivery latency
 * through the full path (session-cookie auth at the handshake, zod validation, membership,
 * persistence on FerretDB, fan-out) against a bare Socket.IO relay (no auth, no database)
 * measured in the same run with the same clients. Loopback only; the FerretDB it starts and
 * its files are removed at the end.
 */
import { execFile, fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import path from 'node:path'
import { parseArgs, promisify } from 'node:util'
import mongoose, { Types } from 'mongoose'
import { Server } from 'socket.io'
import { sessionCookieHeader } from '#app/utils/session.server.ts'
import { Conversation, conversationPairKey } from '#models/chat/conversation.ts'
import { chatWritesBehind, flushChatWrites } from '#models/chat/chat-writes.ts'
import { ConversationRead } from '#models/chat/conversation-read.ts'
import { Message } from '#models/chat/message.ts'
import { MessageSeqKey } from '#models/chat/message-seq-key.ts'
import { Organization } from '#models/accounts/organization.ts'
import { createSession, Session } from '#models/accounts/session.ts'
import { User } from '#models/accounts/user.ts'
import { createEmbeddedEngine } from '#search/embedded-engine.ts'
import { createAppServer } from '#server/app.ts'
import type { ClientSeat, ClientsReport, LoadRequest } from './chat-clients.ts'
import { loadConfig } from '#server/config.ts'
import { connectMongoose, createDatabase } from '#server/database.ts'
import { ensureFerretdbBinary, FerretdbServer } from '#server/ferretdb.ts'
import { ensureIdIndexTool } from '#server/ferretdb-id-index.ts'
import { createLogger } from '#server/logger.ts'
import { createMailer } from '#server/mailer.ts'
import { createFileStore } from '#server/uploads.ts'

const projectRoot = path.resolve(import.meta.dirname, '..', '..')
const { values: flags } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '2' },
    // SQLite's WAL sync for FerretDB: full (FerretDB's default, the app's) or normal (018).
    synchronous: { type: 'string', default: 'full' },
  },
})
const clientCount = Math.max(2, Math.floor(Number(flags.clients) / 2) * 2)
const rate = Number(flags.rate)
const seconds = Number(flags.seconds)
const warmupSeconds = Number(flags.warmup)
const synchronous = flags.synchronous as 'full' | 'normal'
if (
  ![clientCount, rate, seconds, warmupSeconds].every(Number.isFinite) ||
  rate <= 0 ||
  (synchronous !== 'full' && synchronous !== 'normal')
) {
  process.stderr.write(
    'usage: npm run bench:chat -- --clients 1000 --rate 500 --seconds 20 [--synchronous normal]\n',
  )
  process.exit(2)
}
if (rate / clientCount > 2) {
  process.stderr.write(
    `note: ${rate} msg/s over ${clientCount} clients is above the per-user limit (2 msg/s); ` +
      'the full path will refuse some messages.\n',
  )
}

const logger = createLogger('error')
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vsi-bench-chat-'))
const cleanups: Array<() => Promise<unknown>> = []
async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error: unknown) => process.stderr.write(`cleanup: ${String(error)}\n`))
  }
  fs.rmSync(workDir, { recursive: true, force: true })
}
// It stops by itself: a hard limit well above the expected run time.
const deadline = setTimeout(
  () => {
    process.stderr.write('benchmark took too long; stopping\n')
    void cleanUp().finally(() => process.exit(1))
  },
  (2 * (seconds + warmupSeconds) + 300) * 1000,
)
deadline.unref()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)))
}

function log(line: string) {
  process.stdout.write(`${line}\n`)
}

/** The production build the app serves: ./build when present, else a throwaway one. */
async function remixBuild(): Promise<string> {
  const existing = path.join(projectRoot, 'build')
  if (fs.existsSync(path.join(existing, 'server', 'index.js'))) return existing
  // Inside the project, so the build's server code finds node_modules (as the tests' build).
  const buildDir = path.join(projectRoot, '.cache', `bench-chat-build-${process.pid}`)
  cleanups.push(async () => fs.rmSync(buildDir, { recursive: true, force: true }))
  log('building the app (no ./build found)…')
  await promisify(execFile)('npx', ['remix', 'vite:build'], {
    cwd: projectRoot,
    env: { ...process.env, BUILD_DIR: buildDir },
    maxBuffer: 64 * 1024 * 1024,
  })
  return buildDir
}

/** Pairs of a buyer and a supplier organisation, one user each, and their conversation. */
async function seed(pairs: number): Promise<ClientSeat[]> {
  await Promise.all([
    Organization.init(),
    User.init(),
    Session.init(),
    Conversation.init(),
    Message.init(),
    MessageSeqKey.init(),
    ConversationRead.init(),
    mongoose.connection.db!.createCollection('bench_relay'),
  ])
  const organizations = Array.from({ length: pairs * 2 }, (_, index) => {
    const _id = new Types.ObjectId()
    const kind = index % 2 === 0 ? 'buyer' : 'supplier'
    return {
      _id,
      kind,
      name: `Bench ${kind} ${index}`,
      slug: `bench-${kind}-${index}`,
      country: kind === 'buyer' ? 'DE' : 'VN',
      taxCodeKey: `none:${_id.toHexString()}`,
      status: 'active',
    }
  })
  await Organization.insertMany(organizations, { lean: true })
  const users = organizations.map((organization, index) => ({
    _id: new Types.ObjectId(),
    // Sessions are made directly below: no password is ever checked (no argon2 cost).
    email: `bench-${index}@example.vn`,
    passwordHash: 'bench-no-password',
    name: `Bench user ${index}`,
    locale: 'vi',
    organization: organization._id,
    organizationRole: 'owner',
    emailVerifiedAt: new Date(),
  }))
  await User.insertMany(users, { lean: true })
  const conversations = Array.from({ length: pairs }, (_, pair) => {
    const [buyer, supplier] = [organizations[pair * 2]!, organizations[pair * 2 + 1]!]
    return {
      _id: new Types.ObjectId(),
      organizations: [buyer._id, supplier._id],
      context: { kind: 'profile-inquiry' },
      pairKey: conversationPairKey(buyer._id, supplier._id, { kind: 'profile-inquiry' }),
      startedBy: users[pair * 2]!._id,
      lastMessageSeq: 0,
    }
  })
  await Conversation.insertMany(conversations, { lean: true })
  const seats: ClientSeat[] = []
  for (let index = 0; index < users.length; index += 50) {
    const batch = users.slice(index, index + 50)
    const sessions = await Promise.all(
      batch.map((user) => createSession({ userId: user._id, secondFactorDone: true })),
    )
    sessions.forEach(({ sessionId }, offset) => {
      seats.push({
        cookie: sessionCookieHeader(sessionId, null).split(';')[0]!,
        conversationId: conversations[Math.floor((index + offset) / 2)]!._id.toHexString(),
      })
    })
  }
  return seats
}

/**
 * The baseline: Socket.IO alone, relaying to the room as the chat does, no auth, no database.
 * With `persist`, each message is first inserted on its own into the same FerretDB (no
 * validation, no batching, no fan-out to inboxes): the floor any stored-before-acknowledged
 * chat pays on this database.
 */
async function startBareRelay(
  persist = false,
): Promise<{ url: string; io: Server; close(): Promise<void> }> {
  const relayed = mongoose.connection.db!.collection('bench_relay')
  const httpServer = http.createServer()
  const io = new Server(httpServer, { maxHttpBufferSize: 64 * 1024, serveClient: false })
  io.on('connection', (socket) => {
    socket.on('conversation:join', (payload: { conversationId: string }, ack: unknown) => {
      void socket.join(`conversation:${payload.conversationId}`)
      if (typeof ack === 'function') ack({ ok: true, data: null })
    })
    socket.on('message:send', (payload: { conversationId: string }, ack: unknown) => {
      const relay = () => {
        socket.to(`conversation:${payload.conversationId}`).emit('message:new', payload)
        if (typeof ack === 'function') ack({ ok: true, data: null })
      }
      if (!persist) return relay()
      relayed.insertOne({ ...payload, at: new Date() }).then(relay, (error: unknown) => {
        if (typeof ack === 'function') ack({ ok: false, error: String(error) })
      })
    })
  })
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  const { port } = httpServer.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    io,
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  }
}

interface PhaseResult {
  connected: number
  serverClients: number
  latencies: number[]
  sent: number
  acked: number
  ackErrors: number
  measuredSeconds: number
}

/** Runs the clients in their own process against one server. */
function runClients(url: string, seats: ClientSeat[], serverClients: () => number) {
  return new Promise<PhaseResult>((resolve, reject) => {
    const child: ChildProcess = fork(path.join(import.meta.dirname, 'chat-clients.ts'), [], {
      execArgv: ['--import', 'tsx'],
      cwd: projectRoot,
    })
    cleanups.push(async () => child.exitCode === null && child.kill())
    let connected = 0
    let atLoad = 0
    child.on('message', (message: ClientsReport) => {
      if (message.type === 'connected') {
        connected = message.connected
        atLoad = serverClients()
        log(`  ${connected} clients connected and joined; sending…`)
      } else if (message.type === 'failed') {
        reject(new Error(message.message))
      } else {
        resolve({ connected, serverClients: atLoad, ...message })
      }
    })
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`client process exited with ${code}`))
    })
    const request: LoadRequest = { url, seats, rate, seconds, warmupSeconds }
    child.send(request)
  })
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!
}

function summary(result: PhaseResult) {
  const sorted = [...result.latencies].sort((a, b) => a - b)
  return {
    connected: `${result.connected} (server: ${result.serverClients})`,
    sentDelivered: `${result.sent} / ${result.latencies.length}`,
    ackErrors: String(result.ackErrors),
    perSecond: (result.latencies.length / result.measuredSeconds).toFixed(1),
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
  }
}

async function main() {
  const started = performance.now()
  const [binary, buildDir, idIndexTool] = await Promise.all([
    ensureFerretdbBinary({ projectRoot, logger }),
    remixBuild(),
    ensureIdIndexTool({ projectRoot, logger }),
  ])
  // As the app starts it (server/database.ts): with the `_id` indexes FerretDB 1.24 misses.
  const ferretdb = await FerretdbServer.start({
    binary,
    logger,
    storage: { kind: 'disk', dir: path.join(workDir, 'ferretdb'), synchronous },
    idIndexTool,
  })
  cleanups.push(() => ferretdb.stop())
  await connectMongoose(ferretdb.uri('bench_chat'))
  cleanups.push(() => mongoose.disconnect())

  log(`seeding ${clientCount} users in ${clientCount / 2} pairs…`)
  const seats = await seed(clientCount / 2)
  // The collections exist now: their `_id` indexes, as the app's minute timer would add them.
  await ferretdb.addIdIndexes()

  const app = await createAppServer({
    config: loadConfig({ NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'error' }),
    logger,
    database: createDatabase('external', logger),
    services: {
      search: createEmbeddedEngine(),
      mailer: createMailer({ outboxDir: path.join(workDir, 'outbox'), logger }),
      files: createFileStore({ rootDir: path.join(workDir, 'uploads') }),
      developmentPages: false,
    },
    remix: { mode: 'production', buildDir },
  })
  const appPort = await app.listen(0, '127.0.0.1')
  cleanups.push(() => app.close({ timeoutMs: 2_000 }))

  // The baseline first: a full path that falls behind leaves the database busy for a while.
  const bare = await startBareRelay()
  cleanups.push(() => bare.close())
  log(`bare relay: ${clientCount} clients without cookies, ${rate} msg/s for ${seconds} s`)
  const bareSeats = seats.map((seat) => ({ conversationId: seat.conversationId }))
  const baseline = await runClients(bare.url, bareSeats, () => bare.io.engine.clientsCount)

  const stored = await startBareRelay(true)
  cleanups.push(() => stored.close())
  log(`relay + one insert per message: the same clients, ${rate} msg/s for ${seconds} s`)
  const storedRelay = await runClients(stored.url, bareSeats, () => stored.io.engine.clientsCount)

  log(`full path: the same clients signed in (+${warmupSeconds} s warm-up each)`)
  // The app server runs in this process: how long its event loop was kept from answering.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 })
  loopDelay.enable()
  const full = await runClients(
    `http://127.0.0.1:${appPort}`,
    seats,
    () => app.io.engine.clientsCount,
  )
  loopDelay.disable()

  // What the full path left to write behind (inbox summaries, senders' read positions).
  const behind = chatWritesBehind()
  const flushStarted = performance.now()
  await flushChatWrites()
  const flushMs = performance.now() - flushStarted

  const rows = [summary(full), summary(baseline), summary(storedRelay)] as const
  const ms = (value: number) => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(1)} ms`)
  const table: Array<[string, string, string, string]> = [
    ['', 'full path', 'bare relay', 'relay + insert'],
  ]
  const row = (label: string, pick: (r: (typeof rows)[number]) => string) =>
    table.push([label, pick(rows[0]), pick(rows[1]), pick(rows[2])])
  row('connected clients', (r) => r.connected)
  row('sent / delivered (measured)', (r) => r.sentDelivered)
  row('acknowledgement errors', (r) => r.ackErrors)
  row('messages/s delivered', (r) => r.perSecond)
  row('p50 delivery', (r) => ms(r.p50))
  row('p95 delivery', (r) => ms(r.p95))
  row('p99 delivery', (r) => ms(r.p99))
  row('max delivery', (r) => ms(r.max))
  log('')
  log(
    `chat delivery, ${clientCount} clients in ${clientCount / 2} pairs, ${rate} msg/s for ` +
      `${seconds} s; SQLite synchronous=${synchronous}; ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
  )
  for (const [label, ...cells] of table) {
    log(`${label.padEnd(30)}${cells.map((cell) => cell.padStart(22)).join('')}`)
  }
  const ratio = rows[0].p99 / rows[1].p99
  log('')
  log(`full path: ${full.acked} messages acknowledged as stored (warm-up included)`)
  log(
    `p99 full/bare: ${ratio.toFixed(2)}× (target ≤ 3×); p99 full: ${ms(rows[0].p99)} ` +
      `(target ≤ 50 ms at 500 msg/s); connected: ${full.serverClients} (target 1,000)`,
  )
  log(
    `p99 full/(relay + insert): ${(rows[0].p99 / rows[2].p99).toFixed(2)}× — what auth, ` +
      'validation, membership, seq numbering and inbox fan-out add to storing a message',
  )
  // Issue 13's chat targets, judged here so that a run says by itself whether it met them.
  const verdict = (met: boolean) => (met ? 'ok' : 'MISSED')
  const floorRatio = rows[0].p99 / rows[2].p99
  const everyMessage = full.latencies.length > 0 && full.ackErrors === 0
  log(
    `target full path p99 ≤ 50 ms: ${verdict(everyMessage && rows[0].p99 <= 50)} ` +
      `(${ms(rows[0].p99)}${everyMessage ? '' : `, ${full.ackErrors} acknowledgement errors`})`,
  )
  log(
    `target full path p99 ≤ 2× relay + insert p99: ${verdict(everyMessage && floorRatio <= 2)} ` +
      `(${floorRatio.toFixed(2)}×: ${ms(rows[0].p99)} against ${ms(rows[2].p99)})`,
  )
  log(
    `app event-loop delay during the full path: p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, ` +
      `max ${(loopDelay.max / 1e6).toFixed(1)} ms`,
  )
  log(
    `written behind at the end of the load: ${behind} inbox summaries and read positions, ` +
      `flushed in ${flushMs.toFixed(0)} ms`,
  )
  log(`run took ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

main()
  .then(
    () => cleanUp(),
    async (error: unknown) => {
      process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : error}\n`)
      await cleanUp()
      process.exitCode = 1
    },
  )
  .finally(() => clearTimeout(deadline))
