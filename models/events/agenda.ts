import type { Locale } from '../i18n/index.ts'
import { slotsOf, type EventDocument } from './event.ts'
import type { EventIndexData, ParticipantEntry } from './event-index.ts'
import { roomLink } from './online-rooms.ts'

export interface AgendaItem {
  id: string
  slot: number
  date: string
  start: number
  end: number
  table: number
  /** Online and hybrid events: the table's video room. */
  room: string | null
  status: string
  partner: { org: string; name: string; slug: string; side: string }
  interpreter: string | null
  feedbackGiven: boolean
}

/** One participant's meetings in time order, from the event's index (no other read). */
export function agendaOf(
  event: Pick<EventDocument, 'days' | 'meetingMinutes' | 'kind' | 'roomUrl'>,
  index: EventIndexData,
  me: ParticipantEntry,
): AgendaItem[] {
  const slots = slotsOf(event)
  const byOrg = new Map(index.participants.map((entry) => [entry.org, entry]))
  return index.meetings
    .filter((meeting) => meeting.a === me.org || meeting.b === me.org)
    .sort((x, y) => x.slot - y.slot)
    .map((meeting) => {
      const partner = byOrg.get(meeting.a === me.org ? meeting.b : meeting.a)
      const slot = slots[meeting.slot]
      return {
        id: meeting.id,
        slot: meeting.slot,
        date: slot?.date ?? '',
        start: slot?.start ?? 0,
        end: slot?.end ?? 0,
        table: meeting.table + 1,
        room: roomLink(event, meeting.table),
        status: meeting.status,
        partner: {
          org: partner?.org ?? '',
          name: partner?.name ?? '',
          slug: partner?.slug ?? '',
          side: partner?.side ?? '',
        },
        interpreter: me.interpreter || partner?.interpreter || null,
        feedbackGiven: Boolean(meeting.feedback?.[me.org]),
      }
    })
}

/** Local (UTC+7) date and minutes → [y, m, d, h, min] in UTC, for calendar files. */
export function utcParts(date: string, minutes: number): [number, number, number, number, number] {
  const [y, m, d] = date.split('-').map(Number)
  const at = new Date(Date.UTC(y!, m! - 1, d!, 0, minutes) - 7 * 3600_000)
  return [
    at.getUTCFullYear(),
    at.getUTCMonth() + 1,
    at.getUTCDate(),
    at.getUTCHours(),
    at.getUTCMinutes(),
  ]
}

export type { Locale }
