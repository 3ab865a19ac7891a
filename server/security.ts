import type { Request, RequestHandler } from 'express'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Whether an Origin header names one of `allowed` exactly (scheme, host, port). */
export function isAllowedOrigin(origin: string | undefined, allowed: string[]): boolean {
  if (!origin || origin === 'null') return false
  try {
    return allowed.includes(new URL(origin).origin)
  } catch {
    return false
  }
}

/**
 * Cross-site request forgery guard for every state-changing request, on top of SameSite=Lax
 * cookies: a browser always sends Origin (or Sec-Fetch-Site) on a cross-site POST, so a write
 * whose origin (scheme, host and port) is not one of the app's (server/origins.ts) is refused.
 * Requests without either header (curl, server-to-server webhooks, which carry their own
 * signatures) are let through.
 */
export function rejectCrossSiteWrites(options: {
  allowedOrigins: (request: Request) => string[]
  exemptPaths?: string[]
}): RequestHandler {
  const exempt = options.exemptPaths ?? []
  return (request, response, next) => {
    if (
      SAFE_METHODS.has(request.method) ||
      exempt.some((prefix) => request.path.startsWith(prefix))
    ) {
      return next()
    }
    const fetchSite = request.get('Sec-Fetch-Site')
    const origin = request.get('Origin')
    let crossSite = fetchSite === 'cross-site'
    if (!crossSite && origin && origin !== 'null') {
      crossSite = !isAllowedOrigin(origin, options.allowedOrigins(request))
    } else if (origin === 'null') {
      crossSite = true
    }
    if (crossSite) {
      response
        .status(403)
        .type('text/plain; charset=utf-8')
        .send('Yêu cầu từ trang web khác bị từ chối. / Cross-site request refused.')
      return
    }
    next()
  }
}

/**
 * Caps request bodies by their declared length before anything reads them (413), and refuses
 * bodies of unknown length on form posts: browsers always declare the length of a form.
 * `uploads` raise the cap for multipart bodies on the routes that take files (each route then
 * applies its own, per-purpose caps); any other body on those routes keeps the general cap.
 */
export function limitRequestBodies(options: {
  maxBytes: number
  uploads?: ReadonlyArray<{ path: RegExp; maxBytes: number }>
}): RequestHandler {
  return (request, response, next) => {
    if (SAFE_METHODS.has(request.method)) return next()
    const multipart = request.is('multipart/form-data') === 'multipart/form-data'
    const upload = multipart
      ? options.uploads?.find((entry) => entry.path.test(request.path))
      : undefined
    const limit = upload ? upload.maxBytes : options.maxBytes
    const declared = request.get('Content-Length')
    if (declared === undefined && request.get('Transfer-Encoding')) {
      response
        .status(411)
        .type('text/plain; charset=utf-8')
        .send('Cần khai báo độ dài nội dung. / Length required.')
      return
    }
    if (declared !== undefined && !(Number(declared) <= limit)) {
      response
        .status(413)
        .type('text/plain; charset=utf-8')
        .send('Yêu cầu quá lớn. / The request is too large.')
      return
    }
    next()
  }
}

/**
 * `?_data=` is Remix's data protocol from before single fetch, which this app uses: nothing of
 * ours makes such requests. Remix answers them but logs each one as an error, so an anonymous
 * client could fill the error log at will: they are refused here (400) instead.
 */
export function refuseLegacyDataRequests(): RequestHandler {
  return (request, response, next) => {
    if (!/[?&]_data(=|&|$)/.test(request.originalUrl)) return next()
    response
      .status(400)
      .type('text/plain; charset=utf-8')
      .send('Yêu cầu không hợp lệ. / Bad request.')
  }
}
