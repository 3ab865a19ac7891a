import ExcelJS from 'exceljs'
import { safeCell } from '#models/sourcing/compare.ts'
import type { SourcingRequestDocument } from '#models/sourcing/sourcing-request.ts'
import type { comparison } from './sourcing-view.server.ts'

/**
 * The buyer's comparison as a workbook. Every text cell a supplier wrote goes through
 * `safeCell`, so "=HYPERLINK(…)" in a note is text, never a formula (CSV/formula injection).
 */
export async function quotesWorkbook(
  request: SourcingRequestDocument,
  data: Awaited<ReturnType<typeof comparison>>,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Quotes')
  sheet.addRow([safeCell(request.title?.en || request.title?.vi || '')])
  sheet.addRow([
    `Rates per USD: ${Object.entries(data.rates)
      .map(([currency, rate]) => `${currency} ${rate}`)
      .join(', ')}`,
  ])
  sheet.addRow([])
  sheet.addRow([
    'Supplier',
    'Unit price',
    'Currency',
    `Unit price (${data.to})`,
    'MOQ',
    'Lead time (days)',
    'Valid until',
    'Incoterm',
    'Status',
    'Price breaks',
    'Notes',
  ])
  for (const row of data.rows) {
    sheet.addRow([
      safeCell(row.supplierName.vi || row.supplierName.en),
      row.unitPrice,
      row.currency,
      row.converted === null ? '' : Math.round(row.converted * 100) / 100,
      row.moq,
      row.leadTimeDays,
      row.validUntil,
      row.incoterm,
      row.status,
      row.priceBreaks.map((entry) => `>=${entry.minQuantity}: ${entry.unitPrice}`).join('; '),
      safeCell(row.notes),
    ])
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
