import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireStaffEvent } from '#app/utils/events.server.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { readEventIndex } from '#models/events/event-index.ts'
import { outcomesXlsx } from '#models/events/event-xlsx.ts'
import { translator } from '#models/i18n/index.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireStaffEvent(request, params.eventId)
  const t = translator(getLocale(request))
  const headers = [
    t('events.time'),
    t('events.slot'),
    'A',
    'B',
    t('events.meeting'),
    t('events.status.no-show'),
    `A ${t('events.useful')}`,
    `A ${t('events.nextStep')}`,
    `B ${t('events.useful')}`,
    `B ${t('events.nextStep')}`,
  ]
  const body = await outcomesXlsx(event, await readEventIndex(event._id.toHexString()), headers)
  return new Response(body, {
    headers: {
      'Content-Type': XLSX,
      'Content-Disposition': `attachment; filename="outcomes-${event.slug}.xlsx"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
