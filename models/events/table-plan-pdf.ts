import PDFDocument from 'pdfkit'
import { hhmm } from './event-schemas.ts'
import { slotsOf, type EventDocument } from './event.ts'
import type { EventIndexData } from './event-index.ts'
import { vietnameseFont } from './agenda-pdf.ts'

/** Tables per page width: a name per cell stays readable on landscape A4. */
const TABLES_PER_PAGE = 6

/**
 * The organiser's table plan as a PDF (landscape A4): slots down, tables across, both
 * participants' names in each cell; more tables than fit go on the next pages, with the slot
 * column repeated. Same data as the page grid and the XLSX.
 */
export async function renderTablePlanPdf(
  event: Pick<EventDocument, 'days' | 'meetingMinutes' | 'tables' | 'kind' | 'roomUrl'>,
  index: EventIndexData,
  labels: { title: string; heading: string; slot: string; table: (n: number) => string },
): Promise<ArrayBuffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    info: { Title: `${labels.title} — ${labels.heading}` },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()))
  const font = vietnameseFont()
  if (font) doc.font(font)
  const slots = slotsOf(event)
  const nameOf = new Map(index.participants.map((entry) => [entry.org, entry.name]))
  const cells = new Map(
    index.meetings
      .filter((meeting) => meeting.status !== 'cancelled')
      .map((meeting) => [`${meeting.slot}:${meeting.table}`, meeting]),
  )
  const slotWidth = 110
  const left = doc.page.margins.left
  const usable = doc.page.width - left - doc.page.margins.right
  const rowHeight = 34
  for (let first = 0; first < Math.max(event.tables, 1); first += TABLES_PER_PAGE) {
    if (first > 0) doc.addPage()
    const tables = Array.from(
      { length: Math.min(TABLES_PER_PAGE, event.tables - first) },
      (_, i) => first + i,
    )
    const cellWidth = (usable - slotWidth) / TABLES_PER_PAGE
    doc.fontSize(15).text(labels.title, left, doc.page.margins.top)
    doc.fontSize(11).text(labels.heading)
    let y = doc.y + 8
    const header = () => {
      doc.fontSize(9).text(labels.slot, left, y, { width: slotWidth })
      tables.forEach((table, i) =>
        doc.text(labels.table(table + 1), left + slotWidth + i * cellWidth, y, {
          width: cellWidth - 4,
        }),
      )
      y += 16
      doc
        .moveTo(left, y - 3)
        .lineTo(left + usable, y - 3)
        .stroke()
    }
    header()
    for (const slot of slots) {
      if (y + rowHeight > doc.page.height - doc.page.margins.bottom) {
        doc.addPage()
        y = doc.page.margins.top
        header()
      }
      doc
        .fontSize(9)
        .text(`${slot.date} ${hhmm(slot.start)}–${hhmm(slot.end)}`, left, y, { width: slotWidth })
      tables.forEach((table, i) => {
        const meeting = cells.get(`${slot.index}:${table}`)
        if (!meeting) return
        doc.text(
          `${nameOf.get(meeting.a) ?? ''} / ${nameOf.get(meeting.b) ?? ''}`,
          left + slotWidth + i * cellWidth,
          y,
          { width: cellWidth - 4, height: rowHeight - 2, ellipsis: true },
        )
      })
      y += rowHeight
    }
  }
  doc.end()
  await done
  const buffer = Buffer.concat(chunks)
  return buffer.buffer.slice(
    buffer.byteOffset,
    buffer.byteOffset + buffer.byteLength,
  ) as ArrayBuffer
}
