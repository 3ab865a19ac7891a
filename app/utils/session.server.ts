import { SESSION_LIFETIME_MS } from '#models/accounts/session.ts'
import { DEVICE_COOKIE, DEVICE_LIFETIME_MS } from '#models/accounts/trusted-device.ts'

export const SESSION_COOKIE = 'vsi_session'

/**
 * Secure when the public origin is https. The Express host rewrites every request to the public
 * origin (server/origins.ts), so its URL's scheme is that origin's: a plain-HTTP start reached by
 * a LAN address gets cookies it can send back.
 */
function secureCookies(request: Request | null): boolean {
  return request ? new URL(request.url).protocol === 'https:' : false
}

export function readCookie(
  cookieHeader: string | null | undefined,
  name: string,
): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const index = part.indexOf('=')
    if (index === -1) continue
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim())
      } catch {
        return undefined
      }
    }
  }
  return undefined
}

export function sessionIdFromRequest(request: Request): string | undefined {
  return readCookie(request.headers.get('Cookie'), SESSION_COOKIE)
}

/** The cookie holds only the random session id; httpOnly, SameSite=Lax, Secure over https. */
export function sessionCookieHeader(sessionId: string, request: Request | null): string {
  return [
    `${SESSION_COOKIE}=${sessionId}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.floor(SESSION_LIFETIME_MS / 1000)}`,
    ...(secureCookies(request) ? ['Secure'] : []),
  ].join('; ')
}

export function clearSessionCookieHeader(request: Request): string {
  return [
    `${SESSION_COOKIE}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    'Max-Age=0',
    ...(secureCookies(request) ? ['Secure'] : []),
  ].join('; ')
}

/** The device cookie (models/trusted-device.ts): proof this browser signed in before. */
export function deviceCookieHeader(token: string, request: Request): string {
  return [
    `${DEVICE_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.floor(DEVICE_LIFETIME_MS / 1000)}`,
    ...(secureCookies(request) ? ['Secure'] : []),
  ].join('; ')
}
