import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireStaffEvent } from '#app/utils/events.server.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { readEventIndex } from '#models/events/event-index.ts'
import { tablePlanXlsx } from '#models/events/event-xlsx.ts'
import { translator } from '#models/i18n/index.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireStaffEvent(request, params.eventId)
  const t = translator(getLocale(request))
  const body = await tablePlanXlsx(event, await readEventIndex(event._id.toHexString()), {
    slot: t('events.slot'),
    table: (n) => t('events.table', { n }),
  })
  return new Response(body, {
    headers: {
      'Content-Type': XLSX,
      'Content-Disposition': `attachment; filename="table-plan-${event.slug}.xlsx"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
