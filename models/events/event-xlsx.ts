import ExcelJS from 'exceljs'
import { hhmm } from './event-schemas.ts'
import { slotsOf, type EventDocument } from './event.ts'
import type { EventIndexData } from './event-index.ts'

/**
 * A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, and tab or carriage return
 * before them) gets a leading apostrophe: names and messages come from users (OWASP, "CSV
 * injection").
 */
export function safeCell(value: string | number | null | undefined): string | number {
  if (typeof value === 'number') return value
  const text = value ?? ''
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<ArrayBuffer> {
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  return buffer.buffer.slice(
    buffer.byteOffset,
    buffer.byteOffset + buffer.byteLength,
  ) as ArrayBuffer
}

/** Tables × slots, one sheet. */
export async function tablePlanXlsx(
  event: EventDocument,
  index: EventIndexData,
  labels: { slot: string; table: (n: number) => string },
) {
  const slots = slotsOf(event)
  const nameOf = new Map(index.participants.map((entry) => [entry.org, entry.name]))
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Table plan')
  sheet.addRow([
    labels.slot,
    ...Array.from({ length: event.tables }, (_, i) => labels.table(i + 1)),
  ])
  const cells = new Map(
    index.meetings
      .filter((meeting) => meeting.status !== 'cancelled')
      .map((meeting) => [`${meeting.slot}:${meeting.table}`, meeting]),
  )
  for (const slot of slots) {
    sheet.addRow([
      `${slot.date} ${hhmm(slot.start)}–${hhmm(slot.end)}`,
      ...Array.from({ length: event.tables }, (_, table) => {
        const meeting = cells.get(`${slot.index}:${table}`)
        return safeCell(
          meeting ? `${nameOf.get(meeting.a) ?? ''} × ${nameOf.get(meeting.b) ?? ''}` : '',
        )
      }),
    ])
  }
  return toBuffer(workbook)
}

/** One row per meeting with both sides' feedback, then the counts. */
export async function outcomesXlsx(event: EventDocument, index: EventIndexData, headers: string[]) {
  const slots = slotsOf(event)
  const nameOf = new Map(index.participants.map((entry) => [entry.org, entry.name]))
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Outcomes')
  sheet.addRow(headers)
  for (const meeting of index.meetings) {
    const slot = slots[meeting.slot]
    const a = meeting.feedback?.[meeting.a]
    const b = meeting.feedback?.[meeting.b]
    sheet.addRow([
      safeCell(slot ? `${slot.date} ${hhmm(slot.start)}` : ''),
      meeting.table + 1,
      safeCell(nameOf.get(meeting.a)),
      safeCell(nameOf.get(meeting.b)),
      meeting.status,
      safeCell(meeting.absent ? nameOf.get(meeting.absent) : ''),
      a?.useful ?? '',
      a?.nextStep ?? '',
      b?.useful ?? '',
      b?.nextStep ?? '',
    ])
  }
  return toBuffer(workbook)
}
