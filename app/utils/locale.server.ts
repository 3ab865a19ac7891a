import { defaultLocale, isLocale, type Locale } from '#models/i18n/index.ts'

const COOKIE_NAME = 'lang'
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60

export function localeFromQuery(request: Request): Locale | undefined {
  const requested = new URL(request.url).searchParams.get('lang')
  return isLocale(requested) ? requested : undefined
}

function localeFromCookie(request: Request): Locale | undefined {
  const header = request.headers.get('Cookie') ?? ''
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === COOKIE_NAME) {
      const value = decodeURIComponent(rest.join('='))
      if (isLocale(value)) return value
    }
  }
  return undefined
}

/**
 * The browser's preferred language among ours, by the Accept-Language weights ("en-US,en;q=0.9"
 * → en; "ja,en;q=0.5" → en; "ja" alone → en). A wildcard or no header leaves it undecided.
 */
export function localeFromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find(Boolean)
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q) : 1, index }
    })
    .filter((entry) => entry.q > 0 && Number.isFinite(entry.q))
    .sort((a, b) => b.q - a.q || a.index - b.index)
  const ours = ranked.map((entry) => entry.base).find(isLocale)
  if (ours) return ours
  // A browser in a language we do not have (ja, ko, de…): English reads better than Vietnamese.
  return ranked.some((entry) => /^[a-z]{2,3}$/.test(entry.base)) ? 'en' : undefined
}

/**
 * The page language: an explicit ?lang= (hreflang links), then the visitor's choice (cookie), then
 * the browser's languages on a first visit, then Vietnamese.
 */
export function getLocale(request: Request): Locale {
  return (
    localeFromQuery(request) ??
    localeFromCookie(request) ??
    localeFromAcceptLanguage(request.headers.get('Accept-Language')) ??
    defaultLocale
  )
}

export function localeCookieHeader(locale: Locale): string {
  return `${COOKIE_NAME}=${locale}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax; HttpOnly`
}
