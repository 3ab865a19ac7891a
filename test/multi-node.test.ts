import type { ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openConversation } from '#models/chat/conversation.ts'
import { currentLease } from '#models/operations/job-lease.ts'
import { saveProfileSection } from '#models/profiles/supplier-profile.ts'
import { useTestDatabase } from '#test/database.ts'
import { cookieFor, createAccount } from '#test/factories.ts'
import { startMeilisearchMock, type MeilisearchMock } from '#test/meilisearch-mock.ts'
import { spawnTracked, stopAllTracked, stopTracked } from '#test/processes.ts'
import { ask, connectChatClient, type ChatClient } from '#test/socket-client.ts'

/**
 * Two real app nodes (server/main.ts in child processes, production build) on one FerretDB,
 * one real redis-server and one Meilisearch stand-in (decision 016): jobs run once across the
 * nodes and move when a node dies, chat limits are shared, the embedded search engine is
 * refused with Redis, and /metrics answers.
 */
const projectRoot = path.resolve(import.meta.dirname, '..')
const METRICS_TOKEN = 'multi-node-metrics-token-0123456789'
const startTimeoutMs = 120_000
const { uri: databaseUri } = useTestDatabase()

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort()
  const child = spawnTracked(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start in 10 s')), 10_000)
    child.once('error', reject)
    child.once('exit', () => reject(new Error('redis-server exited before it was ready')))
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopTracked(child) }
}

interface AppNode {
  child: ChildProcess
  url: string
  exit: Promise<number | null>
  stderr: () => string
  /** Its log lines at warn level and above (shown when a check fails). */
  problems: string[]
}

/** The real server process; resolves once it listens (or rejects with what it printed). */
async function startNode(env: Record<string, string>): Promise<AppNode> {
  const child = spawnTracked('node', ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      SEED_DEMO: '0',
      BUILD_DIR: inject('buildDir'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const problems: string[] = []
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('node did not start')), startTimeoutMs)
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number; level?: number }
        if ((entry.level ?? 0) >= 40) problems.push(line)
        if (entry.msg?.startsWith('VSI Connect is listening')) {
          clearTimeout(timer)
          resolve(entry.port!)
        }
      } catch {
        // not a log line
      }
    })
    void exit.then((code) => {
      clearTimeout(timer)
      reject(new Error(`node exited with ${code} before listening:\n${stderr}`))
    })
  })
  return { child, url: `http://127.0.0.1:${port}`, exit, stderr: () => stderr, problems }
}

async function scrape(node: AppNode, token = METRICS_TOKEN): Promise<Response> {
  return fetch(`${node.url}/metrics`, { headers: { Authorization: `Bearer ${token}` } })
}

/** The value of one series (`name{labels}`) in a scrape; 0 when absent. */
async function metric(node: AppNode, series: string): Promise<number> {
  const text = await (await scrape(node)).text()
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `))
  return line ? Number(line.slice(series.length + 1)) : 0
}

let redis: Awaited<ReturnType<typeof startRedis>> | undefined
let meili: MeilisearchMock | undefined
let dataDir: string
const nodes: AppNode[] = []
const clients: ChatClient[] = []
/** What the run measured, printed at the end (the figures quoted in decision 016). */
const figures: Record<string, number> = {}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-test-multi-node-'))
  redis = await startRedis()
  meili = await startMeilisearchMock()
  const env = (name: string) => ({
    DATA_DIR: path.join(dataDir, name),
    MONGODB_URI: databaseUri,
    REDIS_URL: redis!.url,
    MEILI_HOST: meili!.url,
    METRICS_TOKEN,
    // A short interval and lease for one real job, so that a window and a takeover fit a test.
    JOB_SCHEDULE: 'purge-expired=2s/6s',
  })
  nodes.push(...(await Promise.all([startNode(env('a')), startNode(env('b'))])))
}, 2 * startTimeoutMs)

afterAll(async () => {
  console.info('multi-node figures', figures)
  for (const client of clients) client.disconnect()
  await Promise.all(nodes.map((node) => stopTracked(node.child)))
  await redis?.stop()
  await meili?.close()
  await stopAllTracked()
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true })
})

describe('several app nodes', () => {
  it('refuses the embedded search engine when REDIS_URL says there are several nodes', async () => {
    await expect(
      startNode({ DATA_DIR: path.join(dataDir, 'refused'), REDIS_URL: redis!.url }),
    ).rejects.toThrow(/exited with 1[\s\S]*MEILI_HOST/)
  })

  it('drains a profile change once, into the index every node reads', async () => {
    const [, nodeB] = nodes as [AppNode, AppNode]
    const supplier = await createAccount('supplier')
    const id = supplier.organizationId.toHexString()
    const savedAt = Date.now()
    // A profile write as the editor makes it (the change and its search marker in one write),
    // with what the search bar asks for: a sector and a process.
    await saveProfileSection(supplier.organizationId, 'capabilities', {
      sectors: ['automotive'],
      processes: ['cnc-milling'],
    })
    // Bound: the search-outbox job runs every second on whichever node holds it.
    await expect
      .poll(() => meili!.documents.has(id), {
        timeout: 10_000,
        interval: 100,
        message: `not indexed; node problems:\n${nodes.flatMap((node) => node.problems).join('\n')}`,
      })
      .toBe(true)
    const indexedAfterMs = Date.now() - savedAt
    expect(indexedAfterMs).toBeLessThan(10_000)
    figures.indexedAfterMs = indexedAfterMs
    const upserts = meili!.requests.filter(
      (request) =>
        request.method === 'POST' &&
        request.path.endsWith('/documents') &&
        JSON.stringify(request.body).includes(id),
    )
    // Once per change: two nodes draining the same marker would send the same document twice.
    // (A second, different upsert is a later change of the same organisation, such as the
    // organisation write that follows sign-up, and is allowed.)
    expect(upserts.length).toBeGreaterThanOrEqual(1)
    const bodies = upserts.map((request) => JSON.stringify(request.body))
    expect(new Set(bodies).size).toBe(bodies.length)
    // Node B searches that same index.
    const before = meili!.requests.filter((request) => request.path === '/multi-search').length
    const response = await fetch(`${nodeB.url}/suppliers?q=co+khi`)
    expect(response.status).toBe(200)
    expect(
      meili!.requests.filter((request) => request.path === '/multi-search').length,
    ).toBeGreaterThan(before)
    expect(
      await metric(nodeB, 'vsi_search_duration_seconds_count{engine="meilisearch",outcome="ok"}'),
    ).toBeGreaterThan(0)
  })

  it('holds a chat rate limit across the two nodes', async () => {
    const [nodeA, nodeB] = nodes as [AppNode, AppNode]
    const buyer = await createAccount('buyer')
    const supplier = await createAccount('supplier')
    const opened = await openConversation(
      { userId: buyer.userId, organizationId: buyer.organizationId },
      supplier.organizationId,
      { kind: 'profile-inquiry' },
    )
    if (!opened.ok) throw new Error(opened.error)
    const conversationId = opened.conversation._id.toHexString()
    const cookie = await cookieFor(buyer.userId)
    const onA = await connectChatClient(nodeA.url, { cookie })
    const onB = await connectChatClient(nodeB.url, { cookie })
    clients.push(onA, onB)
    // 40 messages at once, 20 through each node: each node alone would allow all of them
    // (20 at once, then 2 a second per user); shared, the user gets about 20.
    const started = Date.now()
    const acks = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        ask(index % 2 === 0 ? onA : onB, 'message:send', {
          conversationId,
          clientId: crypto.randomUUID(),
          body: `Tin nhắn ${index}`,
        }),
      ),
    )
    const seconds = (Date.now() - started) / 1000
    const accepted = acks.filter((ack) => ack.ok).length
    const limited = acks.filter((ack) => !ack.ok && ack.error.code === 'rate.limited').length
    Object.assign(figures, { chatAccepted: accepted, chatLimited: limited, chatSeconds: seconds })
    expect(accepted + limited).toBe(40)
    expect(accepted).toBeGreaterThanOrEqual(20)
    expect(accepted).toBeLessThanOrEqual(20 + Math.ceil(seconds * 2) + 1)
    expect(accepted).toBeLessThan(40)
  })

  it('answers /metrics with the listed series, and only with the token', async () => {
    const [nodeA, nodeB] = nodes as [AppNode, AppNode]
    expect((await fetch(`${nodeA.url}/metrics`)).status).toBe(401)
    expect((await scrape(nodeA, 'wrong-token-wrong-token-wrong')).status).toBe(401)
    const response = await scrape(nodeA)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    // Each job runs on one of the two nodes: the series are looked for in both scrapes.
    const text = (await response.text()) + (await (await scrape(nodeB)).text())
    for (const series of [
      'vsi_http_request_duration_seconds_bucket{',
      'vsi_socket_connections ',
      'vsi_chat_messages_total ',
      'vsi_search_duration_seconds',
      'vsi_job_runs_total{job="search-outbox",outcome="success"}',
      'vsi_search_outbox_backlog ',
      'vsi_webhook_queue_length 0',
    ]) {
      expect(text, series).toContain(series)
    }
    // Requests are labelled by the Remix route, not by URL (node B served the search page).
    expect(await (await scrape(nodeB)).text()).toMatch(
      /vsi_http_request_duration_seconds_count\{[^}]*route="routes\/suppliers\._index"/,
    )
  })

  it('runs a periodic job once per interval with both nodes up, and again after its holder is killed', async () => {
    const runs = 'vsi_job_runs_total{job="purge-expired",outcome="success"}'
    const held = 'vsi_job_lease_held{job="purge-expired"}'
    const count = () => Promise.all(nodes.map((node) => metric(node, runs)))
    const before = await count()
    const windowStart = Date.now()
    await new Promise((resolve) => setTimeout(resolve, 8_000))
    const after = await count()
    const windows = (Date.now() - windowStart) / 2_000
    const deltas = after.map((value, index) => value - before[index]!)
    const total = deltas[0]! + deltas[1]!
    Object.assign(figures, { jobWindows: windows, jobRunsA: deltas[0], jobRunsB: deltas[1] })
    // Every 2 s on one node: about 4 runs; every node on its own would make about 8.
    // (A loaded machine delays ticks: at least 2.)
    expect(total).toBeGreaterThanOrEqual(2)
    expect(total).toBeLessThanOrEqual(Math.ceil(windows) + 1)
    expect(deltas.filter((delta) => delta > 0)).toHaveLength(1)
    const holding = await Promise.all(nodes.map((node) => metric(node, held)))
    expect(holding.sort()).toEqual([0, 1])

    // Kill the holder outright (no shutdown, no release): the other node takes the lease
    // once it expires (6 s) and keeps the job running.
    const holderIndex = deltas[0]! > 0 ? 0 : 1
    const holder = nodes[holderIndex]!
    const survivor = nodes[1 - holderIndex]!
    const leaseBefore = await currentLease('purge-expired', 1)
    holder.child.kill('SIGKILL')
    await holder.exit
    nodes.splice(holderIndex, 1)
    const survivorRuns = await metric(survivor, runs)
    const killedAt = Date.now()
    await expect
      .poll(() => metric(survivor, runs), { timeout: 20_000, interval: 250 })
      .toBeGreaterThan(survivorRuns)
    const takeoverMs = Date.now() - killedAt
    figures.takeoverMs = takeoverMs
    expect(takeoverMs).toBeLessThan(20_000)
    const leaseAfter = await currentLease('purge-expired', leaseBefore!.generation)
    expect(leaseAfter!.generation).toBeGreaterThan(leaseBefore!.generation)
    expect(leaseAfter!.node).not.toBe(leaseBefore!.node)
    expect(await metric(survivor, held)).toBe(1)
  }, 60_000)
})
