import crypto from 'node:crypto'
import http from 'node:http'
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type ErrorRequestHandler, type RequestHandler } from 'express'
import helmet from 'helmet'
import { pinoHttp } from 'pino-http'
import type { AppServices } from '#app/load-context.ts'
import type { Config } from './config.ts'
import type { Database } from './database.ts'
import { healthReport } from './health.ts'
import type { Logger } from './logger.ts'
import { Conversation } from '#models/chat/conversation.ts'
import { Message, toChatMessage } from '#models/chat/message.ts'
import { announceMessage, EVENT_LIMIT, MESSAGE_LIMIT, settlePresence } from './chat-events.ts'
import { createRouteNamer, metricsHandler, observeSockets, requestTimer } from './metrics.ts'
import { connectRedis } from './redis.ts'
import { createRateLimiter } from './token-bucket.ts'
import { createRealtimeServer, useRedisAdapter, type RealtimeServer } from './realtime.ts'
import { announceAgendaChange } from './agenda-events.ts'
import { canonicalRequests, createOriginPolicy } from './origins.ts'
import { stripeGatewayFromConfig } from './billing/stripe-gateway.ts'
import { stripeWebhookRouter } from './billing/webhook.ts'
import { limitRequestBodies, refuseLegacyDataRequests, rejectCrossSiteWrites } from './security.ts'

export interface AppServer {
  httpServer: http.Server
  io: RealtimeServer
  /** Resolves once the server listens; returns the port (useful with port 0). */
  listen(port: number, host: string): Promise<number>
  /** Graceful stop: refuse new connections, close sockets, let in-flight requests finish. */
  close(options?: { timeoutMs?: number }): Promise<void>
}

export type RemixMode = { mode: 'development' } | { mode: 'production'; buildDir: string }

export async function createAppServer(options: {
  config: Config
  logger: Logger
  database: Database
  services: AppServices
  remix: RemixMode
}): Promise<AppServer> {
  const { config, logger, database } = options
  // Billing: the gateway given (tests), or Stripe when its keys are configured, or none.
  const services: AppServices = {
    ...options.services,
    billing: {
      quoteCaps: {
        free: config.QUOTE_MONTHLY_CAP_FREE,
        premium: config.QUOTE_MONTHLY_CAP_PREMIUM,
      },
      ...(options.services.billing ?? { gateway: stripeGatewayFromConfig(config) }),
    },
  }
  const isDevelopment = options.remix.mode === 'development'
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.TRUST_PROXY)
  const origins = createOriginPolicy(config)
  const httpsOrigin = origins.configured?.startsWith('https:') ?? false

  let draining = false
  app.use((_request, response, next) => {
    // Decided when the answer is written, not when the request arrived: a request that was in
    // flight when shutdown began is answered and then its connection closes.
    const writeHead = response.writeHead
    response.writeHead = function (this: typeof response, ...args: Parameters<typeof writeHead>) {
      if (draining && !this.headersSent) this.setHeader('Connection', 'close')
      // A body the action stopped reading (a multipart form refused part-way) stays paused: the
      // next request on this keep-alive connection would never be read. Close it instead.
      if (!this.req.complete && !this.headersSent) this.setHeader('Connection', 'close')
      return writeHead.apply(this, args)
    } as typeof writeHead
    next()
  })

  // Latency by route for every request; /metrics only with METRICS_TOKEN (server/metrics.ts).
  let routeName = (_path: string) => 'remix'
  app.use(requestTimer(() => routeName))
  app.get('/metrics', metricsHandler(config.METRICS_TOKEN))

  // Liveness: the process answers (readiness, with the database and the search index: /healthz).
  app.get('/livez', (_request, response) => {
    response.set('Cache-Control', 'no-store').json({ status: 'live' })
  })
  app.get('/healthz', async (_request, response) => {
    const report = await healthReport({ database, search: services.search })
    response
      .status(report.status === 'ok' ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(report)
  })

  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (request) => request.url?.startsWith('/assets/') ?? false },
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500
          ? 'error'
          : response.statusCode >= 400
            ? 'warn'
            : 'info',
    }),
  )
  // Stripe's webhook: raw body, before every body parser and the browser-oriented checks (Stripe
  // is not a browser and signs what it sends).
  app.use(stripeWebhookRouter({ gateway: services.billing!.gateway, logger }))
  app.use(canonicalRequests(origins))
  app.use(compression())
  app.use((_request, response, next) => {
    response.locals.cspNonce = crypto.randomBytes(16).toString('base64')
    next()
  })
  app.use(
    helmet({
      referrerPolicy: { policy: 'same-origin' },
      crossOriginEmbedderPolicy: false,
      // Only when the public origin is https: a plain-HTTP start (a LAN address) must not tell
      // browsers to insist on https for that host.
      strictTransportSecurity: httpsOrigin,
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'connect-src': ["'self'", ...(isDevelopment ? ['ws:'] : [])],
          'img-src': ["'self'", 'data:', 'blob:'],
          'script-src': [
            "'strict-dynamic'",
            "'self'",
            (_request, response) => `'nonce-${(response as express.Response).locals.cspNonce}'`,
          ],
          'script-src-attr': ["'none'"],
          'form-action': ["'self'"],
          // Pages are served over http://localhost in development and on embedded defaults.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  )
  app.use(refuseLegacyDataRequests())
  app.use(
    rejectCrossSiteWrites({
      // Computed by canonicalRequests before it rewrote the Host.
      allowedOrigins: (request) => (request.res?.locals.allowedOrigins as string[]) ?? [],
    }),
  )
  // Form posts are small; file uploads get the largest cap of the upload rules (PDFs).
  app.use(
    limitRequestBodies({
      maxBytes: 256 * 1024,
      // The largest file each route takes (server/uploads.ts) plus room for the form around it.
      uploads: [
        { path: /^\/supplier-profile\/media\/?$/, maxBytes: 21 * 1024 * 1024 },
        // A conversation id only: /messages/new takes no files and keeps the general cap.
        { path: /^\/messages\/[0-9a-f]{24}(\/attachments)?\/?$/, maxBytes: 21 * 1024 * 1024 },
        { path: /^\/account\/organization\/?$/, maxBytes: 3 * 1024 * 1024 },
        // Supplier lists (models/staff/import-file.ts: 10 MB); a 200 MB file is refused here.
        { path: /^\/staff\/imports\/?$/, maxBytes: 11 * 1024 * 1024 },
      ],
    }),
  )

  const httpServer = http.createServer(app)
  // Several app nodes share the chat limits through Redis (REDIS_URL); one node keeps them here.
  const limitsRedis = config.REDIS_URL
    ? await connectRedis(config.REDIS_URL, { logger, purpose: 'rate limits' })
    : undefined
  const shared = limitsRedis && {
    redis: limitsRedis.client,
    onError: (error: unknown) =>
      logger.error({ err: error }, 'shared rate limits unavailable: counting on this node'),
  }
  const messageLimiter = createRateLimiter('chat-message', MESSAGE_LIMIT, shared)
  const eventLimiter = createRateLimiter('chat-event', EVENT_LIMIT, shared)
  const io = createRealtimeServer(httpServer, { logger, origins, messageLimiter, eventLimiter })
  observeSockets(() => io.engine.clientsCount)
  // Several app nodes: rooms span nodes through Redis. Connected before the server listens.
  const closeRedis = config.REDIS_URL
    ? await useRedisAdapter(io, config.REDIS_URL, { logger })
    : undefined

  let getBuild: () => Promise<ServerBuild>
  let closeVite: (() => Promise<void>) | undefined
  if (options.remix.mode === 'development') {
    const vite = await import('vite')
    const viteServer = await vite.createServer({ server: { middlewareMode: true } })
    closeVite = () => viteServer.close()
    app.use(viteServer.middlewares)
    getBuild = () => viteServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
  } else {
    const { buildDir } = options.remix
    // Hashed file names never change content: cache them for a year. Everything else briefly.
    app.use(
      '/assets',
      express.static(path.join(buildDir, 'client', 'assets'), { immutable: true, maxAge: '1y' }),
    )
    app.use(express.static(path.join(buildDir, 'client'), { maxAge: '1h' }))
    const build = (await import(path.join(buildDir, 'server', 'index.js'))) as ServerBuild
    getBuild = async () => build
    routeName = createRouteNamer(build.routes)
  }

  const remixHandler: RequestHandler = createRequestHandler({
    build: getBuild,
    mode: isDevelopment ? 'development' : 'production',
    getLoadContext: (request, response) => ({
      cspNonce: response.locals.cspNonce as string,
      logger: (request as unknown as { log: Logger }).log ?? logger,
      clientIp: request.ip ?? request.socket.remoteAddress ?? 'unknown',
      publicOrigin: response.locals.publicOrigin as string,
      services,
      realtime: {
        takeMessageToken: (userId: string) => messageLimiter.take(userId),
        disconnectUser: (userId: string) => io.in(`user:${userId}`).disconnectSockets(true),
        disconnectSession: (sessionIdHash: string) =>
          io.in(`session:${sessionIdHash}`).disconnectSockets(true),
        announceMessage: async (messageId: string) => {
          const stored = await Message.findById(messageId)
          const conversation = stored ? await Conversation.findById(stored.conversation) : null
          if (!stored || !conversation) return
          announceMessage(
            io,
            conversation.organizations.map(String),
            toChatMessage(stored),
            stored.body,
          )
        },
        announceAgendaChange: (parties, change) => announceAgendaChange(io, parties, change),
      },
    }),
  })
  app.all('*', remixHandler)

  const onError: ErrorRequestHandler = (error, request, response, _next) => {
    const status =
      typeof error?.status === 'number' && error.status >= 400 && error.status < 500
        ? error.status
        : 500
    if (status >= 500) logger.error({ err: error, url: request.url }, 'request failed')
    if (response.headersSent) return response.end()
    response
      .status(status)
      .type('text/plain; charset=utf-8')
      .send(
        status >= 500
          ? 'Lỗi máy chủ, vui lòng thử lại sau. / Server error, please try again later.'
          : 'Yêu cầu không hợp lệ. / Bad request.',
      )
  }
  app.use(onError)

  // Slow-loris protection; keep-alive slightly above common load-balancer idle timeouts.
  httpServer.headersTimeout = 20_000
  httpServer.requestTimeout = 60_000
  httpServer.keepAliveTimeout = 65_000

  return {
    httpServer,
    io,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject)
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject)
          const address = httpServer.address()
          resolve(typeof address === 'object' && address ? address.port : port)
        })
      })
    },
    async close({ timeoutMs = 10_000 } = {}) {
      draining = true
      // Requests in flight finish and are answered with Connection: close; idle keep-alive
      // connections are closed at once (http.Server#close); whatever is still open after the
      // timeout is cut.
      const cut = setTimeout(() => httpServer.closeAllConnections(), timeoutMs)
      // Disconnects every socket, then closes the HTTP server and waits for it.
      await new Promise<void>((resolve) => io.close(() => resolve()))
      clearTimeout(cut)
      await settlePresence(io)
      await closeRedis?.()
      await limitsRedis?.close()
      await closeVite?.()
    },
  }
}
