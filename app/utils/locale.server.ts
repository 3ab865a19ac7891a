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

/** The page language: an explicit ?lang= (hreflang links), then the visitor's choice, then Vietnamese. */
export function getLocale(request: Request): Locale {
  return localeFromQuery(request) ?? localeFromCookie(request) ?? defaultLocale
}

export function localeCookieHeader(locale: Locale): string {
  return `${COOKIE_NAME}=${locale}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax; HttpOnly`
}
