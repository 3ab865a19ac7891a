import zlib from 'node:zlib'
import ExcelJS from 'exceljs'
import { mstCheckDigit } from '#server/demo/demo-data.ts'

/** A valid 10-digit MST, different for every serial (province prefix 01..). */
export function validMst(serial: number): string {
  for (let extra = 0; ; extra++) {
    const stem = `01${String(serial * 7 + extra + 1_000_000)
      .padStart(7, '0')
      .slice(-7)}`
    const check = mstCheckDigit(stem)
    if (check !== undefined) return `${stem}${check}`
  }
}

export function csvOf(rows: readonly (readonly string[])[], delimiter = ','): string {
  return rows
    .map((row) =>
      row
        .map((cell) => (/[",;\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
        .join(delimiter),
    )
    .join('\r\n')
}

export async function xlsxOf(rows: readonly (readonly unknown[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Danh sách')
  for (const row of rows) sheet.addRow(row as unknown[])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** A zip of the given entries, deflated, written by hand (for hostile archives). */
export function zipOf(entries: ReadonlyArray<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name)
    const compressed = zlib.deflateRawSync(entry.data)
    const crc = zlib.crc32 ? zlib.crc32(entry.data) : 0
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc >>> 0, 14)
    local.writeUInt32LE(compressed.length, 18)
    local.writeUInt32LE(entry.data.length >>> 0, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc >>> 0, 16)
    central.writeUInt32LE(compressed.length, 20)
    central.writeUInt32LE(entry.data.length >>> 0, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, compressed)
    centrals.push(central, name)
    offset += 30 + name.length + compressed.length
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(centralSize, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, ...centrals, end])
}
