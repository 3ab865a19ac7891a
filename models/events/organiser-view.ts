import { hhmm } from './event-schemas.ts'
import { slotsOf, type EventDocument } from './event.ts'
import type { EventIndexData } from './event-index.ts'

/** What the organiser's page shows, computed from the event and its index document. */
export function organiserView(event: EventDocument, index: EventIndexData) {
  const slots = slotsOf(event)
  const nameOf = new Map(index.participants.map((entry) => [entry.org, entry.name]))
  const pair = (a: string, b: string) => `${nameOf.get(a) ?? '?'} × ${nameOf.get(b) ?? '?'}`
  const requestById = new Map(index.requests.map((request) => [request.id, request]))
  const live = index.meetings.filter((meeting) => meeting.status !== 'cancelled')
  const feedbackCount = index.meetings.reduce(
    (sum, meeting) => sum + Object.keys(meeting.feedback ?? {}).length,
    0,
  )
  return {
    slots,
    settings: {
      title: { vi: event.title?.vi ?? '', en: event.title?.en ?? '' },
      description: { vi: event.description?.vi ?? '', en: event.description?.en ?? '' },
      kind: event.kind,
      venue: event.venue ?? '',
      address: event.address ?? '',
      province: event.province ?? '',
      days: event.days.map((day) => ({
        date: day.date ?? '',
        sessions: day.sessions ?? '',
        breaks: day.breaks ?? '',
      })),
      meetingMinutes: event.meetingMinutes,
      tables: event.tables,
      eligibility: event.eligibility,
      sectors: event.sectors,
      capacitySuppliers: event.capacitySuppliers,
      capacityBuyers: event.capacityBuyers,
      registrationCloses: event.registrationCloses ?? '',
      requestsClose: event.requestsClose ?? '',
      approvalRequired: event.approvalRequired,
      languages: event.languages
        .map((language) => `${language.code}:${language.interpreters}`)
        .join(', '),
      feeVnd: event.feeVnd,
      requestCap: event.requestCap,
      priorityCap: event.priorityCap,
      roomUrl: event.roomUrl ?? '',
    },
    roster: index.participants
      .slice()
      .sort((a, b) => a.seq - b.seq)
      .map((entry) => ({
        org: entry.org,
        name: entry.name,
        side: entry.side,
        state: entry.state,
        checkedIn: Boolean(entry.checkedInAt),
      })),
    requestCounts: {
      pending: index.requests.filter((request) => request.state === 'pending').length,
      accepted: index.requests.filter((request) => request.state === 'accepted').length,
    },
    draft: index.draft
      ? {
          meetings: index.draft.meetings.map((meeting) => ({
            id: meeting.id,
            slot: meeting.slot,
            table: meeting.table,
            label: pair(meeting.a, meeting.b),
            status: 'scheduled',
          })),
          unscheduled: index.draft.unscheduled.map((entry) => {
            const request = requestById.get(entry.id)
            return {
              id: entry.id,
              label: request ? pair(request.from, request.to) : entry.id,
              reason: entry.reason,
            }
          }),
        }
      : null,
    meetings: index.meetings.map((meeting) => ({
      id: meeting.id,
      slot: meeting.slot,
      table: meeting.table,
      label: pair(meeting.a, meeting.b),
      status: meeting.status,
      a: { org: meeting.a, name: nameOf.get(meeting.a) ?? '' },
      b: { org: meeting.b, name: nameOf.get(meeting.b) ?? '' },
      when: slots[meeting.slot]
        ? `${slots[meeting.slot]!.date} ${hhmm(slots[meeting.slot]!.start)}`
        : '',
    })),
    outcomes: {
      held: live.filter((meeting) => meeting.status === 'held').length,
      noShow: live.filter((meeting) => meeting.status === 'no-show').length,
      feedback: feedbackCount,
    },
  }
}
