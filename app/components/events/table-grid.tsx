import { useTranslation } from '#app/utils/i18n.ts'
import { formatSlot } from './event-format.ts'

export interface GridMeeting {
  id: string
  slot: number
  table: number
  label: string
  status: string
}

/** Tables × slots: each cell holds at most one meeting (the unique cell keys make sure of it). */
export function TableGrid({
  slots,
  tables,
  meetings,
  caption,
}: {
  slots: Array<{ index: number; date: string; start: number; end: number }>
  tables: number
  meetings: GridMeeting[]
  caption: string
}) {
  const { t } = useTranslation()
  const cell = new Map(meetings.map((meeting) => [`${meeting.slot}:${meeting.table}`, meeting]))
  const usedTables = Math.min(tables, Math.max(0, ...meetings.map((meeting) => meeting.table + 1)))
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="text-left text-xs" data-testid="table-grid">
        <caption className="text-left text-sm font-semibold">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="p-1">
              {t('events.slot')}
            </th>
            {Array.from({ length: usedTables }, (_, table) => (
              <th key={table} scope="col" className="p-1">
                {t('events.table', { n: table + 1 })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {slots.map((slot) => (
            <tr key={slot.index} className="border-t border-slate-100">
              <th scope="row" className="p-1 whitespace-nowrap">
                {formatSlot(slot)}
              </th>
              {Array.from({ length: usedTables }, (_, table) => {
                const meeting = cell.get(`${slot.index}:${table}`)
                return (
                  <td key={table} className="p-1 align-top">
                    {meeting ? (
                      <span className={meeting.status === 'cancelled' ? 'line-through' : ''}>
                        <bdi>{meeting.label}</bdi>
                      </span>
                    ) : null}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
