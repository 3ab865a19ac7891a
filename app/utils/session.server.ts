import { SESSION_LIFETIME_MS } from '#models/accounts/session.ts'

export const SESSION_COOKIE = 'vsi_session'

function secureCookies(): boolean {
  return process.env.NODE_ENV === 'production'
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

/** The cookie holds only the random session id; httpOnly, SameSite=Lax, Secure in production. */
export function sessionCookieHeader(sessionId: string): string {
  return [
    `${SESSION_COOKIE}=${sessionId}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.floor(SESSION_LIFETIME_MS / 1000)}`,
    ...(secureCookies() ? ['Secure'] : []),
  ].join('; ')
}

export function clearSessionCookieHeader(): string {
  return [
    `${SESSION_COOKIE}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    'Max-Age=0',
    ...(secureCookies() ? ['Secure'] : []),
  ].join('; ')
}
