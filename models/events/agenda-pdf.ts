import fs from 'node:fs'
import PDFDocument from 'pdfkit'

/**
 * Noto Sans has every Vietnamese letter and tone (the PDF standard fonts do not); installed by
 * the fonts-noto-core package (test/prerequisites.ts).
 */
const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/noto/NotoSans-Regular.ttf',
]

export function vietnameseFont(): string | null {
  return FONT_CANDIDATES.find((file) => fs.existsSync(file)) ?? null
}

export async function renderAgendaPdf(input: {
  title: string
  heading: string
  code: string
  rows: string[][]
}): Promise<ArrayBuffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: input.title } })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()))
  const font = vietnameseFont()
  if (font) doc.font(font)
  doc.fontSize(18).text(input.title)
  doc.moveDown(0.5).fontSize(13).text(input.heading)
  doc.moveDown(0.3).fontSize(11).text(input.code)
  doc.moveDown()
  for (const row of input.rows) doc.fontSize(11).text(row.join('   ·   '))
  doc.end()
  await done
  const buffer = Buffer.concat(chunks)
  return buffer.buffer.slice(
    buffer.byteOffset,
    buffer.byteOffset + buffer.byteLength,
  ) as ArrayBuffer
}
