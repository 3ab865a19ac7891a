import { createHash } from 'node:crypto'
import { isbot } from 'isbot'

/**
 * Whether a request for a supplier's public page counts as a profile view: a GET from something
 * that is not a known bot (isbot; a request without a User-Agent counts as one) and not a
 * browser's speculative prefetch. The caller leaves out the supplier's own members.
 */
export function isCountedProfileView(request: Request): boolean {
  return isPersonGet(request)
}

/** A GET from a person's browser: not a known bot, not a speculative prefetch. */
export function isPersonGet(request: Request): boolean {
  if (request.method !== 'GET') return false
  const userAgent = request.headers.get('User-Agent')
  if (!userAgent || isbot(userAgent)) return false
  const purpose = request.headers.get('Sec-Purpose') ?? request.headers.get('Purpose') ?? ''
  return !/prefetch|prerender/i.test(purpose)
}

/**
 * An opaque key for "the same person searching again" (search-as-you-type folding in
 * models/analytics/search-log.ts): a hash of address and browser, held in memory for seconds,
 * never stored.
 */
export function searchClientKey(request: Request, clientIp: string): string {
  return createHash('sha256')
    .update(`${clientIp}\n${request.headers.get('User-Agent') ?? ''}`)
    .digest('base64url')
    .slice(0, 22)
}
