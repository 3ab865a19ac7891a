import { isbot } from 'isbot'

/**
 * Whether a request for a supplier's public page counts as a profile view: a GET from something
 * that is not a known bot (isbot; a request without a User-Agent counts as one) and not a
 * browser's speculative prefetch. The caller leaves out the supplier's own members.
 */
export function isCountedProfileView(request: Request): boolean {
  if (request.method !== 'GET') return false
  const userAgent = request.headers.get('User-Agent')
  if (!userAgent || isbot(userAgent)) return false
  const purpose = request.headers.get('Sec-Purpose') ?? request.headers.get('Purpose') ?? ''
  return !/prefetch|prerender/i.test(purpose)
}
