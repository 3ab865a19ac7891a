import type { AppLoadContext } from '@remix-run/node'
import { formatSlot } from '#app/components/events/event-format.ts'
import { delegatesOf } from '#models/events/agenda-live.ts'
import { slotsOf, type EventDocument } from '#models/events/event.ts'
import { participantOf, readEventIndex } from '#models/events/event-index.ts'
import { isLocale } from '#models/i18n/index.ts'
import { translator } from '#models/i18n/index.ts'
import { linkEmail } from './emails.server.ts'
import { localized } from './events.server.ts'
import { placeLabel } from '#models/events/online-rooms.ts'

/**
 * After the organiser changed a published meeting: the two participants' open agenda pages hear
 * of it at once (Socket.IO, their rooms only), and when it moved, every delegate of both sides gets
 * a mail in their own language with the new time and place. A failed mail is logged; it never
 * undoes the change.
 */
export async function noticeMeetingChange(
  context: AppLoadContext,
  event: EventDocument,
  meetingId: string,
  kind: 'moved' | 'cancelled' | 'status' | 'added',
) {
  const eventId = event._id.toHexString()
  const index = await readEventIndex(eventId)
  const meeting = index.meetings.find((entry) => entry.id === meetingId)
  if (!meeting) return
  context.realtime.announceAgendaChange([meeting.a, meeting.b], {
    eventId,
    meetingId,
    kind,
    slot: meeting.slot,
    table: meeting.table,
    status: meeting.status,
    at: new Date().toISOString(),
  })
  if (kind !== 'moved') return
  const slot = slotsOf(event)[meeting.slot]
  for (const recipient of await delegatesOf(eventId, [meeting.a, meeting.b])) {
    const locale = isLocale(recipient.locale) ? recipient.locale : 'vi'
    const t = translator(locale)
    const partner = participantOf(index, recipient.org === meeting.a ? meeting.b : meeting.a)
    const mail = linkEmail({
      locale,
      to: recipient.email,
      subject: 'events.mail.movedSubject',
      intro: 'events.mail.movedIntro',
      action: 'events.agenda',
      link: `${context.publicOrigin}/events/${event.slug}/agenda`,
      params: {
        title: localized(event.title, locale),
        partner: partner?.name ?? '',
        when: formatSlot(slot),
        place: placeLabel(event, meeting.table, t),
      },
    })
    await context.services.mailer
      .send(mail)
      .catch((error: unknown) =>
        context.logger.error({ err: error, eventId, meetingId }, 'meeting moved mail failed'),
      )
  }
}
