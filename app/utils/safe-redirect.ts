const BASE = 'http://redirect.invalid'

/**
 * A redirect target from user input, kept on this site: a relative path starting with a single
 * "/", resolved as a browser would and returned percent-encoded (a Location header carries ASCII
 * only: "/tìm-kiếm" becomes "/t%C3%ACm-ki%E1%BA%BFm"). Anything that leaves the site
 * ("//evil.example", "https://…", "/\\evil", "/x/..//evil") falls back to the default.
 */
export function safeRedirect(
  target: FormDataEntryValue | string | null | undefined,
  fallback = '/',
): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//'))
    return fallback
  if (target.includes('\\') || /[\u0000-\u001f\u007f]/.test(target)) return fallback
  let url: URL
  try {
    url = new URL(target, BASE)
  } catch {
    return fallback
  }
  const path = `${url.pathname}${url.search}${url.hash}`
  if (url.origin !== BASE || !path.startsWith('/') || path.startsWith('//')) return fallback
  return path
}
