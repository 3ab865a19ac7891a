import zlib from 'node:zlib'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import type { ImportFileError } from './import-schemas.ts'

/**
 * Reading a supplier list (CSV or XLSX) into a header row and text rows, refusing hostile or
 * unreadable files with a reason before anything is stored. Limits are checked in the cheapest
 * order: size before any parsing, the zip directory and the real inflated size before exceljs
 * sees an XLSX, columns and rows before validation.
 */

export const IMPORT_LIMITS = {
  /** The upload itself (the route refuses larger bodies by their declared length first). */
  maxBytes: 10 * 1024 * 1024,
  /** What every entry of an XLSX inflates to, in total (a zip bomb stops here). */
  maxInflatedBytes: 80 * 1024 * 1024,
  maxZipEntries: 500,
  maxColumns: 60,
  maxRows: 20_000,
  maxCellLength: 2_000,
} as const

export type ParsedSheet = { headers: string[]; rows: string[][] }
export type ParseResult =
  | { ok: true; sheet: ParsedSheet; format: 'csv' | 'xlsx'; encoding?: string }
  | { ok: false; error: ImportFileError; detail?: string }

const fail = (error: ImportFileError, detail?: string): ParseResult => ({
  ok: false,
  error,
  detail,
})

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

export async function parseImportFile(name: string, bytes: Uint8Array): Promise<ParseResult> {
  if (bytes.byteLength > IMPORT_LIMITS.maxBytes) return fail('tooLarge')
  if (bytes.byteLength === 0) return fail('empty')
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase()
  if (extension === 'xlsx') {
    if (!isZip(bytes)) return fail('notXlsx')
    return parseXlsx(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  }
  if (extension === 'csv' || extension === 'txt') {
    return parseText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  }
  return fail('unsupportedType')
}

// ---------------------------------------------------------------------------------------------
// XLSX: the zip is inflated once here with a hard output cap, so a bomb costs at most the cap.

/** Inflates every entry with a budget; returns an error code or null when the zip is sane. */
export function checkZip(buffer: Buffer, maxInflated = IMPORT_LIMITS.maxInflatedBytes) {
  // End of central directory: 22 bytes plus a comment of up to 65,535.
  let eocd = -1
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65_535); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return 'corruptXlsx' as const
  const entries = buffer.readUInt16LE(eocd + 10)
  let offset = buffer.readUInt32LE(eocd + 16)
  if (entries > IMPORT_LIMITS.maxZipEntries) return 'xlsxBomb' as const
  let budget = maxInflated
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50)
      return 'corruptXlsx' as const
    const method = buffer.readUInt16LE(offset + 10)
    const compressedSize = buffer.readUInt32LE(offset + 20)
    const nameLength = buffer.readUInt16LE(offset + 28)
    const extraLength = buffer.readUInt16LE(offset + 30)
    const commentLength = buffer.readUInt16LE(offset + 32)
    const local = buffer.readUInt32LE(offset + 42)
    offset += 46 + nameLength + extraLength + commentLength
    if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== 0x04034b50)
      return 'corruptXlsx' as const
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28)
    if (dataStart + compressedSize > buffer.length) return 'corruptXlsx' as const
    const data = buffer.subarray(dataStart, dataStart + compressedSize)
    if (method === 0) {
      budget -= data.length
    } else if (method === 8) {
      try {
        budget -= zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length
      } catch (error) {
        if (error instanceof RangeError || /maxOutputLength|buffer/i.test(String(error)))
          return 'xlsxBomb' as const
        return 'corruptXlsx' as const
      }
    } else {
      return 'corruptXlsx' as const
    }
    if (budget < 0) return 'xlsxBomb' as const
  }
  return null
}

function cellText(value: ExcelJS.CellValue): string | { formula: true } {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return { formula: true }
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('text' in value) return String(value.text)
    if ('error' in value) return ''
  }
  return ''
}

async function parseXlsx(buffer: Buffer): Promise<ParseResult> {
  const zipProblem = checkZip(buffer)
  if (zipProblem) return fail(zipProblem)
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer)
  } catch {
    return fail('corruptXlsx')
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.rowCount > 0)
  if (!sheet) return fail('empty')
  if (sheet.columnCount > IMPORT_LIMITS.maxColumns) return fail('tooManyColumns')
  if (sheet.rowCount > IMPORT_LIMITS.maxRows + 1) return fail('tooManyRows')
  const table: string[][] = []
  let formulaAt: string | undefined
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      const text = cellText(cell.value)
      if (typeof text !== 'string') {
        formulaAt ??= cell.address
        cells[column - 1] = ''
      } else cells[column - 1] = text
    })
    table[rowNumber - 1] = Array.from(cells, (cell) => cell ?? '')
  })
  if (formulaAt) return fail('formulas', formulaAt)
  return finish(
    Array.from(table, (row) => row ?? []),
    'xlsx',
  )
}

// ---------------------------------------------------------------------------------------------
// CSV: encoding from the BOM, else UTF-8 when it decodes cleanly, else Windows-1258; the
// delimiter from the header line.

function decode(buffer: Buffer): { text: string; encoding: string } | null {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8' }
  if (buffer[0] === 0xff && buffer[1] === 0xfe)
    return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le' }
  if (buffer[0] === 0xfe && buffer[1] === 0xff)
    return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be' }
  // UTF-16 without a BOM: text of ASCII letters has every other byte zero.
  const sample = buffer.subarray(0, 512)
  let oddZeros = 0
  let evenZeros = 0
  for (let i = 0; i < sample.length; i++)
    if (sample[i] === 0) {
      if (i % 2) oddZeros++
      else evenZeros++
    }
  if (sample.length >= 8 && oddZeros > sample.length / 4 && evenZeros === 0)
    return { text: iconv.decode(buffer, 'utf-16le'), encoding: 'utf-16le' }
  if (sample.length >= 8 && evenZeros > sample.length / 4 && oddZeros === 0)
    return { text: iconv.decode(buffer, 'utf-16be'), encoding: 'utf-16be' }
  if (oddZeros + evenZeros > 0) return null
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' }
  } catch {
    return { text: iconv.decode(buffer, 'windows-1258'), encoding: 'windows-1258' }
  }
}

/** Control characters other than tab, CR and LF: never in a text list, common in binaries. */
function looksBinary(text: string): boolean {
  const controls = text.slice(0, 64 * 1024).match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/g)
  return (controls?.length ?? 0) > 0
}

function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  let best = ','
  let bestCount = 0
  for (const candidate of [',', ';', '\t']) {
    let count = 0
    let quoted = false
    for (const char of firstLine) {
      if (char === '"') quoted = !quoted
      else if (!quoted && char === candidate) count++
    }
    if (count > bestCount) {
      best = candidate
      bestCount = count
    }
  }
  return best
}

function parseText(buffer: Buffer): ParseResult {
  const decoded = decode(buffer)
  if (!decoded || looksBinary(decoded.text)) return fail('notText')
  const text = decoded.text.normalize('NFC')
  const delimiter = sniffDelimiter(text)
  // The column count is checked on the header line before the whole file is parsed.
  let table: string[][]
  try {
    table = parseCsv(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      to_line: IMPORT_LIMITS.maxRows + 2,
    }) as string[][]
  } catch {
    return fail('badCsv')
  }
  const result = finish(table, 'csv')
  if (result.ok) result.encoding = decoded.encoding
  if (result.ok && table.length > IMPORT_LIMITS.maxRows + 1) return fail('tooManyRows')
  return result
}

function finish(table: string[][], format: 'csv' | 'xlsx'): ParseResult {
  const nonEmpty = table.filter((row) => row.some((cell) => cell.trim() !== ''))
  const [header, ...rows] = nonEmpty
  if (!header || rows.length === 0) return fail('empty')
  if (nonEmpty.some((row) => row.length > IMPORT_LIMITS.maxColumns)) return fail('tooManyColumns')
  if (rows.length > IMPORT_LIMITS.maxRows) return fail('tooManyRows')
  const width = header.length
  const headers = header.map((cell, i) => cell.trim().slice(0, 100) || `#${i + 1}`)
  if (new Set(headers.map((cell) => cell.toLowerCase())).size !== headers.length)
    return fail('duplicateHeaders')
  return {
    ok: true,
    format,
    sheet: {
      headers,
      rows: rows.map((row) =>
        Array.from({ length: width }, (_, i) =>
          (row[i] ?? '').trim().slice(0, IMPORT_LIMITS.maxCellLength),
        ),
      ),
    },
  }
}
