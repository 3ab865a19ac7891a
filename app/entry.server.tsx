import { Transform } from 'node:stream'
import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { localeCookieHeader, localeFromQuery } from '#app/utils/locale.server.ts'
import { NonceProvider } from '#app/utils/nonce-provider.ts'

const ABORT_DELAY = 5_000

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce
  // A visitor who follows an hreflang link (?lang=en) keeps that language as they browse on.
  const requestedLocale = localeFromQuery(request)
  if (requestedLocale) responseHeaders.append('Set-Cookie', localeCookieHeader(requestedLocale))

  const waitForAll = isbot(request.headers.get('user-agent')) || remixContext.isSpaMode
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = withoutNulBytes()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors before the shell is ready are rejected above and logged by the server once.
          if (shellRendered)
            loadContext.logger.error({ err: error, url: request.url }, 'render error')
        },
      },
    )
    setTimeout(abort, ABORT_DELAY + 1_000)
  })
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return
  // A client's mistake (OPTIONS or PROPFIND on a page: 405; `?_data=` for a route that is not
  // there: 403/404) is no server error: at error level, anyone could fill the log with them.
  if (isClientErrorResponse(error)) {
    context.logger.debug({ url: request.url, method: request.method }, 'refused route request')
    return
  }
  // Remix calls this for unexpected loader, action and render errors: log once, with context.
  context.logger.error(
    { err: error, url: request.url, method: request.method },
    'unhandled route error',
  )
}

/**
 * React 18.3's renderToPipeableStream can emit NUL bytes where a chunk boundary falls inside a
 * multi-byte UTF-8 character (react/react#31134; fixed in React 19, never in 18): Vietnamese
 * text came out as "đư\u0000ợc". HTML never legitimately contains NUL, so drop every NUL byte.
 */
function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk)
    },
  })
}

function isClientErrorResponse(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status
  return (
    typeof error === 'object' &&
    error !== null &&
    'internal' in error &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500
  )
}
