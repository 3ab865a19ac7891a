import type { LoaderFunctionArgs } from '@remix-run/node'
import { localized, requireStaffEvent } from '#app/utils/events.server.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { readEventIndex } from '#models/events/event-index.ts'
import { placeLabel } from '#models/events/online-rooms.ts'
import { renderTablePlanPdf } from '#models/events/table-plan-pdf.ts'
import { translator } from '#models/i18n/index.ts'

/** The organiser's table plan (tables × slots) as a printable PDF, beside the page and the XLSX. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireStaffEvent(request, params.eventId)
  const locale = getLocale(request)
  const t = translator(locale)
  const body = await renderTablePlanPdf(event, await readEventIndex(event._id.toHexString()), {
    title: localized(event.title, locale),
    heading: t('events.tablePlan'),
    slot: t('events.slot'),
    table: (n) => placeLabel(event, n - 1, t),
  })
  return new Response(body, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="table-plan-${event.slug}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
