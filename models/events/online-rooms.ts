/**
 * Online rooms (browser-safe, pure): an online or hybrid event meets in one video room per
 * table. The organiser gives the rooms' address once, with `{table}` where the table number goes
 * (for example `https://meet.example.org/vsi-day-{table}`); without the placeholder the number is
 * appended (`…/room-3`). In-person events, and online ones without an address yet, say "Table n".
 */
export interface RoomSettings {
  kind: string
  roomUrl?: string | null
}

/** The address of table `table` (0-based) of an online or hybrid event, or null. */
export function roomLink(event: RoomSettings, table: number): string | null {
  if (event.kind === 'in-person' || !event.roomUrl) return null
  const n = String(table + 1)
  return event.roomUrl.includes('{table}')
    ? event.roomUrl.replaceAll('{table}', n)
    : `${event.roomUrl.replace(/\/+$/, '')}-${n}`
}

/** `https://…` only, no spaces or quotes: it ends up in links, mails, calendars and PDFs. */
export function isRoomUrl(text: string): boolean {
  if (!/^https:\/\/[^\s"'<>`]+$/.test(text) || text.length > 300) return false
  try {
    return new URL(text.replaceAll('{table}', '1')).protocol === 'https:'
  } catch {
    return false
  }
}

type Translate = (key: 'events.table' | 'events.onlineRoom', params: { n: number }) => string

/** "Table 3", or "Online room 3: https://…" where the event meets online. */
export function placeLabel(event: RoomSettings, table: number, t: Translate): string {
  const link = roomLink(event, table)
  return link
    ? `${t('events.onlineRoom', { n: table + 1 })}: ${link}`
    : t('events.table', { n: table + 1 })
}
