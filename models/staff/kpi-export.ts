import ExcelJS from 'exceljs'

/**
 * Exports of KPI tables. Spreadsheet programs run a cell that starts with = + - @ (or a tab or
 * carriage return before one) as a formula: such text gets a leading apostrophe, in CSV and XLSX
 * alike, so an organisation named "=HYPERLINK(...)" stays text.
 */
export function neutralizeCell(value: string | number): string | number {
  if (typeof value === 'number') return value
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

export interface ExportTable {
  title: string
  header: [string, string]
  rows: Array<[string, number]>
}

function csvField(value: string | number): string {
  const text = String(neutralizeCell(value))
  return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** UTF-8 with a BOM, so Excel opens Vietnamese text correctly. */
export function tableToCsv(table: ExportTable): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvField).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** One worksheet per table. */
export async function tablesToXlsx(tables: ExportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const used = new Set<string>()
  for (const table of tables) {
    // Sheet names: at most 31 characters, none of : \ / ? * [ ], unique.
    let name = table.title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28) || 'Sheet'
    while (used.has(name)) name = `${name.slice(0, 26)}_${used.size}`
    used.add(name)
    const sheet = workbook.addWorksheet(name)
    sheet.addRow(table.header.map(neutralizeCell))
    for (const row of table.rows) sheet.addRow(row.map(neutralizeCell))
    sheet.getRow(1).font = { bold: true }
    sheet.getColumn(1).width = 40
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
