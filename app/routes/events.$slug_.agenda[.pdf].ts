import type { LoaderFunctionArgs } from '@remix-run/node'
import { localized, requireParticipant } from '#app/utils/events.server.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { formatSlot } from '#app/components/events/event-format.ts'
import { agendaOf } from '#models/events/agenda.ts'
import { renderAgendaPdf } from '#models/events/agenda-pdf.ts'
import { translator } from '#models/i18n/index.ts'
import { placeLabel } from '#models/events/online-rooms.ts'

/** The delegate's printable agenda (PDF, with a font that has every Vietnamese letter). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, index, participant } = await requireParticipant(request, params.slug)
  const locale = getLocale(request)
  const t = translator(locale)
  const pdf = await renderAgendaPdf({
    title: localized(event.title, locale),
    heading: `${t('events.agenda')} — ${participant.name}`,
    code: `${t('events.checkInCode')}: ${participant.checkInCode}`,
    rows: agendaOf(event, index, participant).map((item) => [
      formatSlot(item),
      placeLabel(event, item.table - 1, t),
      item.partner.name,
      t(`events.status.${item.status}` as never),
    ]),
  })
  return new Response(pdf, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="agenda-${event.slug}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
