import type { Server as HttpServer } from 'node:http'
import { createAdapter } from '@socket.io/redis-adapter'
import { createClient } from 'redis'
import { Server } from 'socket.io'
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '#models/chat/realtime-events.ts'
import { actorFromCookieHeader } from '#app/utils/permissions.server.ts'
import { registerAgendaEvents } from './agenda-events.ts'
import { createChatDeps, registerChatEvents } from './chat-events.ts'
import type { Logger } from './logger.ts'
import type { OriginPolicy } from './origins.ts'
import type { RateLimiter } from './token-bucket.ts'
import { isAllowedOrigin } from './security.ts'

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>

/** The Socket.IO server on the app's HTTP server; created from its dependencies so tests can drive it. */
export function createRealtimeServer(
  httpServer: HttpServer,
  deps: {
    logger: Logger
    origins: OriginPolicy
    messageLimiter: RateLimiter
    eventLimiter: RateLimiter
  },
): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    // The handshake's Origin must be one of the app's, as for HTTP writes (server/security.ts):
    // a page elsewhere could otherwise open a socket with the visitor's cookie. Clients that
    // send no Origin (not browsers) pass, as curl does for HTTP.
    allowRequest: (request, callback) => {
      const origin = request.headers.origin
      if (!deps.origins.hostAllowed(request)) return callback('host not served', false)
      if (origin === undefined) return callback(null, true)
      callback(null, isAllowedOrigin(origin, deps.origins.allowedOrigins(request)))
    },
    // Small frames only: chat messages and notices. Uploads go over HTTP.
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    // No connection-state recovery: it restores a dropped socket's rooms and user and replays
    // missed events without running the auth middleware again (skipMiddlewares defaults to
    // true), so a session ended meanwhile would keep reading; and the Redis adapter does not
    // support it. Clients catch up with `message:sync` instead.
  })
  const logger = deps.logger.child({ component: 'realtime' })
  const chat = createChatDeps({
    logger: deps.logger,
    messageLimiter: deps.messageLimiter,
    eventLimiter: deps.eventLimiter,
  })

  // Authentication from the session cookie at the handshake: never a token in the URL.
  io.use((socket, next) => {
    actorFromCookieHeader(socket.request.headers.cookie).then(
      (actor) => {
        if (actor?.complete) {
          socket.data.userId = actor.userId
          socket.data.organizationId = actor.organization._id.toHexString()
          socket.data.sessionIdHash = actor.sessionIdHash
          socket.data.staffAdmin = actor.user.staffRoles?.includes('admin') ?? false
        }
        next()
      },
      (error: unknown) => {
        logger.error({ err: error }, 'socket authentication failed')
        next(new Error('authentication unavailable'))
      },
    )
  })

  io.on('connection', (socket) => {
    logger.debug({ socketId: socket.id, userId: socket.data.userId }, 'socket connected')
    if (socket.data.userId) {
      void socket.join([`user:${socket.data.userId}`, `session:${socket.data.sessionIdHash}`])
      if (socket.data.staffAdmin) void socket.join('staff:admin')
    }
    socket.on('system:ping', (_payload, ack) => {
      if (typeof ack !== 'function') return
      ack({ ok: true, data: { serverTime: new Date().toISOString() } })
    })
    registerChatEvents(io, socket, chat)
    registerAgendaEvents(socket, { logger, eventLimiter: deps.eventLimiter })
    socket.on('disconnect', (reason) =>
      logger.debug({ socketId: socket.id, reason }, 'socket disconnected'),
    )
  })
  return io
}

/**
 * Shares rooms between app nodes through Redis (REDIS_URL): a broadcast, `fetchSockets()` and
 * `disconnectSockets()` reach the sockets of every node. Resolves once both Redis connections
 * are up; the returned function closes them (after `io.close()`).
 */
export async function useRedisAdapter(
  io: RealtimeServer,
  redisUrl: string,
  deps: { logger: Logger },
): Promise<() => Promise<void>> {
  const logger = deps.logger.child({ component: 'realtime-redis' })
  const publisher = createClient({ url: redisUrl })
  const subscriber = publisher.duplicate()
  // Without a listener an 'error' event would end the process; the client reconnects by itself.
  for (const client of [publisher, subscriber]) {
    client.on('error', (error: unknown) => logger.error({ err: error }, 'redis connection error'))
  }
  await Promise.all([publisher.connect(), subscriber.connect()])
  io.adapter(createAdapter(publisher, subscriber))
  logger.info('socket.io rooms shared through redis')
  return async () => {
    await Promise.allSettled(
      [publisher, subscriber].map((client) => (client.isOpen ? client.close() : undefined)),
    )
  }
}
