import { useEffect, useState } from 'react'

/** The programme's zone: what the server renders times in, before the browser says its own. */
export const SERVER_TIME_ZONE = 'Asia/Ho_Chi_Minh'

/**
 * The viewer's time zone: Vietnam time on the server and the first render (so hydration
 * matches), then the browser's own. Every time on a chat page uses it, with `zoneLabel` saying
 * which zone that is.
 */
export function useViewerTimeZone(): string {
  const [zone, setZone] = useState(SERVER_TIME_ZONE)
  useEffect(() => {
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone
    if (own) setZone(own)
  }, [])
  return zone
}

/** "Asia/Tokyo (GMT+9)": the zone's name and its offset now, in the page's language. */
export function zoneLabel(zone: string, locale: string, now = new Date()): string {
  const offset =
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(now)
      .find((part) => part.type === 'timeZoneName')?.value ?? ''
  return `${zone.replace(/_/g, ' ')}${offset ? ` (${offset})` : ''}`
}
