import type { IncomingMessage } from 'node:http'
import type { RequestHandler } from 'express'
import type { Config } from './config.ts'

/**
 * Which origin the app answers as, and which origins may write to it. Every absolute URL the app
 * builds (mail links, canonical, hreflang, JSON-LD) comes from the public origin, never from a
 * Host or X-Forwarded-* header a client chose:
 * - PUBLIC_URL (required in production) is the public origin; in production a request for any
 *   other host than PUBLIC_URL's or a loopback one is refused.
 * - Without it (development, tests), a loopback Host (localhost, 127.0.0.0/8, [::1]) is used as
 *   is; any other Host (a LAN address, or a forged one) gets http://localhost:<port> links.
 * - X-Forwarded-Host and X-Forwarded-Proto count only behind a trusted proxy (TRUST_PROXY > 0).
 */
export interface OriginPolicy {
  /** PUBLIC_URL's origin, when configured. */
  configured: string | undefined
  /** The origin a request is answered as. */
  publicOriginOf(request: IncomingMessage): string
  /** Origins a browser may send writes and open websockets from (CSRF and Socket.IO checks). */
  allowedOrigins(request: IncomingMessage): string[]
  /** Whether the host a request asks for is served (production: PUBLIC_URL's only). */
  hostAllowed(request: IncomingMessage): boolean
}

const LOOPBACK = /^(localhost|[a-z0-9-]+\.localhost|127(\.\d{1,3}){3}|\[::1\])(:\d{1,5})?$/i

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host)
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return first?.split(',')[0]?.trim() || undefined
}

export function createOriginPolicy(
  config: Pick<Config, 'PUBLIC_URL' | 'TRUST_PROXY' | 'isProduction'>,
): OriginPolicy {
  const configured = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : undefined
  const configuredHost = configured ? new URL(configured).host : undefined
  const trusted = config.TRUST_PROXY > 0

  /** The host and scheme the client asked for, honouring a trusted proxy's headers only. */
  const requested = (request: IncomingMessage) => {
    const forwardedHost = trusted ? firstHeader(request.headers['x-forwarded-host']) : undefined
    const forwardedProto = trusted ? firstHeader(request.headers['x-forwarded-proto']) : undefined
    const encrypted = Boolean((request.socket as { encrypted?: boolean }).encrypted)
    return {
      host: (forwardedHost ?? request.headers.host ?? '').toLowerCase(),
      scheme: forwardedProto === 'https' || (!forwardedProto && encrypted) ? 'https' : 'http',
    }
  }

  const publicOriginOf = (request: IncomingMessage) => {
    if (configured) return configured
    const { host, scheme } = requested(request)
    if (isLoopbackHost(host)) return `${scheme}://${host}`
    return `http://localhost:${request.socket.localPort ?? 3000}`
  }

  return {
    configured,
    publicOriginOf,
    allowedOrigins(request) {
      const origins = [publicOriginOf(request)]
      // Development on a LAN address: the page's own origin may post to itself.
      if (!configured && !config.isProduction) {
        const { host, scheme } = requested(request)
        if (host) origins.push(`${scheme}://${host}`)
      }
      return origins
    },
    hostAllowed(request) {
      if (!config.isProduction || !configuredHost) return true
      // Loopback stays open for checks on the machine itself; links never use it.
      const { host } = requested(request)
      return host === configuredHost || isLoopbackHost(host)
    },
  }
}

/**
 * Refuses requests for a host that is not served (production), drops forwarded headers that are
 * not trusted, and rewrites the request to the public origin, so Remix's `request.url` (which the
 * Express adapter builds from Host, X-Forwarded-Host's port and the scheme) is the public URL.
 */
export function canonicalRequests(policy: OriginPolicy): RequestHandler {
  return (request, response, next) => {
    if (!policy.hostAllowed(request)) {
      response
        .status(400)
        .type('text/plain; charset=utf-8')
        .send('Tên miền không được phục vụ ở đây. / This host is not served here.')
      return
    }
    const origin = new URL(policy.publicOriginOf(request))
    response.locals.publicOrigin = origin.origin
    response.locals.allowedOrigins = policy.allowedOrigins(request)
    request.headers.host = origin.host
    delete request.headers['x-forwarded-host']
    delete request.headers['x-forwarded-proto']
    Object.defineProperty(request, 'protocol', {
      value: origin.protocol.slice(0, -1),
      configurable: true,
    })
    next()
  }
}
