import crypto from 'node:crypto'
import type { RequestHandler } from 'express'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { SearchEngine } from '#search/engine.ts'
import type { JobRunObserver } from './jobs/runner.ts'

/**
 * Prometheus metrics of this app node (prom-client), served at `/metrics` when METRICS_TOKEN is
 * set (docs/deploy.md). One registry per process: each node is scraped on its own, and the
 * series are summed across nodes by the query (`sum by (job) (rate(...))`).
 *
 * Other modules record through the functions below; a gauge another feature owns (the webhook
 * queue) is set with `setWebhookQueueLength` and stays 0 until then.
 */
export const registry = new Registry()
collectDefaultMetrics({ register: registry, prefix: 'vsi_process_' })

const httpDuration = new Histogram({
  name: 'vsi_http_request_duration_seconds',
  help: 'HTTP request latency by route (the Remix route id, or a fixed name), method and status class',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
})

const socketConnections = new Gauge({
  name: 'vsi_socket_connections',
  help: 'Socket.IO connections open on this node',
  registers: [registry],
  collect() {
    this.set(socketCount())
  },
})
let socketCount: () => number = () => 0

const chatMessages = new Counter({
  name: 'vsi_chat_messages_total',
  help: 'Chat messages stored and announced by this node (rate() gives messages per second)',
  registers: [registry],
})

const searchDuration = new Histogram({
  name: 'vsi_search_duration_seconds',
  help: 'Search latency by engine (embedded or meilisearch) and outcome',
  labelNames: ['engine', 'outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
})

const jobRuns = new Counter({
  name: 'vsi_job_runs_total',
  help: 'Background job runs on this node, by job and outcome (success or failure)',
  labelNames: ['job', 'outcome'] as const,
  registers: [registry],
})

const jobDuration = new Histogram({
  name: 'vsi_job_duration_seconds',
  help: 'Background job run time on this node',
  labelNames: ['job'] as const,
  buckets: [0.01, 0.05, 0.25, 1, 5, 15, 60, 300, 1200],
  registers: [registry],
})

const jobLeaseHeld = new Gauge({
  name: 'vsi_job_lease_held',
  help: '1 while this node holds the job lease (exactly one node per job should)',
  labelNames: ['job'] as const,
  registers: [registry],
})

const outboxBacklog = new Gauge({
  name: 'vsi_search_outbox_backlog',
  help: 'Profile changes waiting to be indexed (search outbox entries)',
  registers: [registry],
  async collect() {
    this.set(await outboxCount().catch(() => -1))
  },
})
let outboxCount: () => Promise<number> = async () => 0

const webhookQueue = new Gauge({
  name: 'vsi_webhook_queue_length',
  help: 'Payment webhook events received and not yet processed',
  registers: [registry],
})
webhookQueue.set(0)

export const jobMetrics: JobRunObserver = {
  ran(job, outcome, seconds) {
    jobRuns.inc({ job, outcome })
    jobDuration.observe({ job }, seconds)
  },
  holding(job, held) {
    jobLeaseHeld.set({ job }, held ? 1 : 0)
  },
}

export function countChatMessage(): void {
  chatMessages.inc()
}

export function setWebhookQueueLength(length: number): void {
  webhookQueue.set(length)
}

export function observeSockets(count: () => number): void {
  socketCount = count
}

export function observeOutbox(count: () => Promise<number>): void {
  outboxCount = count
  // Referenced so the gauge is registered even before the first scrape.
  void outboxBacklog
  void socketConnections
}

/** The engine with its searches timed. */
export function timedSearchEngine(engine: SearchEngine): SearchEngine {
  const search: SearchEngine['search'] = async (query) => {
    const end = searchDuration.startTimer({ engine: engine.kind })
    try {
      const result = await engine.search(query)
      end({ outcome: 'ok' })
      return result
    } catch (error) {
      end({ outcome: 'error' })
      throw error
    }
  }
  return new Proxy(engine, {
    get(target, property, receiver) {
      if (property === 'search') return search
      const value = Reflect.get(target, property, receiver) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

interface RouteEntry {
  id: string
  path?: string
  parentId?: string
  index?: boolean
}

/**
 * Names a request by the Remix route that serves it ("routes/suppliers.$slug"), so that the
 * latency series stay few whatever the URLs; paths outside the app are "other".
 */
export function createRouteNamer(
  routes: Record<string, RouteEntry | undefined> | undefined,
): (path: string) => string {
  const patterns: Array<{ id: string; regex: RegExp; weight: number }> = []
  const fullPath = (route: RouteEntry): string => {
    const parent = route.parentId ? routes?.[route.parentId] : undefined
    const own = route.path ?? ''
    return parent ? `${fullPath(parent)}/${own}` : own
  }
  // Layouts (routes with children) answer no URL of their own: their index route does.
  const parents = new Set(Object.values(routes ?? {}).map((route) => route?.parentId))
  for (const route of Object.values(routes ?? {})) {
    if (!route || parents.has(route.id) || (route.path === undefined && !route.index)) continue
    const segments = fullPath(route).split('/').filter(Boolean)
    const source = segments
      .map((segment) => {
        if (segment === '*') return '(?:/.*)?'
        const optional = segment.endsWith('?')
        const bare = optional ? segment.slice(0, -1) : segment
        const part = bare.startsWith(':')
          ? '/[^/]+'
          : `/${bare.replace(/[.+^${}()|[\]\\]/g, '\\$&')}`
        return optional ? `(?:${part})?` : part
      })
      .join('')
    const weight = segments.reduce(
      (sum, segment) => sum + (segment === '*' ? -1 : segment.startsWith(':') ? 2 : 3),
      0,
    )
    patterns.push({ id: route.id, regex: new RegExp(`^${source}/?$`, 'i'), weight })
  }
  patterns.sort((a, b) => b.weight - a.weight)
  return (path) => patterns.find((pattern) => pattern.regex.test(path))?.id ?? 'other'
}

/** Times every request; `name` labels it (fixed names first: assets, health, metrics, sockets). */
export function requestTimer(name: () => (path: string) => string): RequestHandler {
  return (request, response, next) => {
    const end = httpDuration.startTimer({ method: request.method })
    response.once('finish', () => {
      const path = request.path
      const route = path.startsWith('/assets/')
        ? 'assets'
        : path.startsWith('/socket.io/')
          ? 'socket.io'
          : path === '/healthz' || path === '/livez' || path === '/metrics'
            ? path.slice(1)
            : name()(path)
      end({ route, status: `${Math.floor(response.statusCode / 100)}xx` })
    })
    next()
  }
}

/**
 * `/metrics`: 404 unless METRICS_TOKEN is set (nothing tells a visitor it exists), 401 without
 * `Authorization: Bearer <token>`; compared in constant time.
 */
export function metricsHandler(token: string | undefined): RequestHandler {
  const expected = token ? crypto.createHash('sha256').update(token).digest() : undefined
  return (request, response, next) => {
    if (!expected) return next()
    const given = /^Bearer (.+)$/.exec(request.get('authorization') ?? '')?.[1] ?? ''
    const digest = crypto.createHash('sha256').update(given).digest()
    if (!crypto.timingSafeEqual(digest, expected)) {
      response
        .status(401)
        .set('WWW-Authenticate', 'Bearer')
        .set('Cache-Control', 'no-store')
        .type('text/plain')
        .send('Unauthorized')
      return
    }
    registry
      .metrics()
      .then(
        (text) => response.set('Cache-Control', 'no-store').type(registry.contentType).send(text),
        next,
      )
  }
}
