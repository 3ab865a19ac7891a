import ExcelJS from 'exceljs'
import { translator, type Locale, type TranslationKey } from '../i18n/index.ts'
import type { RowOutcome } from './import.ts'
import { neutralizeCell } from './kpi-export.ts'

/**
 * The import report as XLSX: a summary sheet and one line per row of the file with its outcome
 * and reasons. Every text cell goes through `neutralizeCell`, so a company name such as
 * "=HYPERLINK(...)" stays text in a spreadsheet program (formula injection).
 */
export async function importReportXlsx(input: {
  locale: Locale
  fileName: string
  counts: Record<string, number>
  outcomes: readonly RowOutcome[]
}): Promise<Buffer> {
  const t = translator(input.locale)
  const workbook = new ExcelJS.Workbook()
  const summary = workbook.addWorksheet(t('staffImport.report.title').slice(0, 31))
  summary.addRow([neutralizeCell(t('staffImport.col.file')), neutralizeCell(input.fileName)])
  for (const key of ['created', 'updated', 'skipped', 'invalid', 'invited'] as const)
    summary.addRow([t(`staffImport.report.${key}`), input.counts[key] ?? 0])
  const rows = workbook.addWorksheet(t('staffImport.col.details').slice(0, 31))
  rows.addRow(
    (
      [
        'staffImport.col.line',
        'staffImport.col.name',
        'staffImport.col.taxCode',
        'staffImport.col.status',
        'staffImport.col.details',
      ] as const
    ).map((key) => t(key)),
  )
  for (const outcome of input.outcomes) {
    const details = [
      ...(outcome.errors ?? []).map((error) =>
        t(`staffImport.row.${error.code}` as TranslationKey, { value: error.value ?? '' }),
      ),
      ...(outcome.reason ? [t(`staffImport.skip.${outcome.reason}` as TranslationKey)] : []),
      ...(outcome.notes ?? []),
    ].join('; ')
    rows.addRow([
      outcome.line,
      neutralizeCell(outcome.name ?? ''),
      neutralizeCell(outcome.taxCode ?? ''),
      t(`staffImport.status.${outcome.status}` as TranslationKey),
      neutralizeCell(details),
    ])
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
