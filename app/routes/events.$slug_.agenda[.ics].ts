import type { LoaderFunctionArgs } from '@remix-run/node'
import { createEvents, type EventAttributes } from 'ics'
import { localized, requireParticipant } from '#app/utils/events.server.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { agendaOf, utcParts } from '#models/events/agenda.ts'
import { translator } from '#models/i18n/index.ts'
import { placeLabel } from '#models/events/online-rooms.ts'

/** The delegate's agenda as an iCalendar file: one VEVENT per meeting not cancelled. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, index, participant } = await requireParticipant(request, params.slug)
  const locale = getLocale(request)
  const t = translator(locale)
  const title = localized(event.title, locale)
  const items = agendaOf(event, index, participant).filter((item) => item.status !== 'cancelled')
  const { error, value } = createEvents(
    items.map((item): EventAttributes => ({
      uid: `${item.id.replaceAll(':', '-')}@vsi-connect`,
      title: `${item.partner.name} — ${title}`,
      description: placeLabel(event, item.table - 1, t),
      location: item.room
        ? item.room
        : [event.venue, t('events.table', { n: item.table })].filter(Boolean).join(', '),
      start: utcParts(item.date, item.start),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: utcParts(item.date, item.end),
      endInputType: 'utc',
      endOutputType: 'utc',
      url: `${context.publicOrigin}/events/${event.slug}/agenda`,
      productId: 'vsi-connect/events',
    })),
  )
  if (error) throw error
  return new Response(value ?? '', {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="agenda-${event.slug}.ics"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
