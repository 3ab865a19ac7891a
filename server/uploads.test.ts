import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { buffer as readAll } from 'node:stream/consumers'
import zlib from 'node:zlib'
import { fileTypeFromBuffer } from 'file-type'
import mongoose from 'mongoose'
import sharp from 'sharp'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  STORAGE_KEY_PATTERN,
  StoredFile,
  type StoredFilePurpose,
} from '#models/files/stored-file.ts'
import { useTestDatabase } from '#test/database.ts'
import {
  createFileStore,
  downloadFileName,
  maxUploadBytes,
  sanitizeFileName,
  type FileStore,
} from './uploads.ts'

useTestDatabase()

const organizationId = new mongoose.Types.ObjectId()
const userId = new mongoose.Types.ObjectId()
const MB = 1024 * 1024

let parentDir: string
let rootDir: string
let store: FileStore

beforeAll(async () => {
  await StoredFile.init()
})

beforeEach(async () => {
  // The upload folder sits inside a folder of its own, so a test can also see that nothing
  // landed next to it.
  parentDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-uploads-test-'))
  rootDir = path.join(parentDir, 'uploads')
  store = createFileStore({ rootDir })
})

afterEach(async () => {
  vi.restoreAllMocks()
  await fs.rm(parentDir, { recursive: true, force: true })
})

function save(bytes: Uint8Array, purpose: StoredFilePurpose = 'product-image', originalName = 'x') {
  return store.save({ organizationId, userId, purpose, originalName, bytes })
}

/** Every file (not folder) under a folder, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  let entries
  try {
    entries = await fs.readdir(dir, { recursive: true, withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort()
}

async function expectRefusedLeavingNothing(
  attempt: Promise<unknown>,
  error: string,
): Promise<void> {
  const recordsBefore = await StoredFile.countDocuments()
  expect(await attempt).toEqual({ ok: false, error })
  expect(await filesUnder(parentDir)).toEqual([])
  expect(await StoredFile.countDocuments()).toBe(recordsBefore)
}

function solidImage(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
}

const pdfBytes = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
)

/** A real 16×16 PNG whose header is rewritten to claim 50000×50000 px (2.5 gigapixels). */
async function decompressionBombPng(): Promise<Buffer> {
  const png = Buffer.from(await solidImage(16, 16).png().toBuffer())
  // Signature (8 bytes), IHDR length (4), "IHDR" (4), width (4), height (4), ...; CRC at 29.
  png.writeUInt32BE(50_000, 16)
  png.writeUInt32BE(50_000, 20)
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)), 29)
  return png
}

describe('createFileStore().save: images', () => {
  it('re-encodes a PNG into WebP variants of the expected widths and keeps no original', async () => {
    const png = await solidImage(2400, 1800).png().toBuffer()
    const result = await save(png, 'product-image', 'Bánh răng.png')
    if (!result.ok) throw new Error(result.error)
    const { file } = result

    expect(file.mimeType).toBe('image/webp')
    expect(file.originalName).toBe('Bánh răng.png')
    expect(downloadFileName(file)).toBe('Bánh răng.webp')
    expect(file.variants?.map(({ width, height }) => [width, height])).toEqual([
      [1600, 1200],
      [400, 300],
    ])
    expect(file.storageKey).toBe(file.variants?.[0]?.storageKey)

    for (const variant of file.variants ?? []) {
      expect(variant.storageKey).toMatch(STORAGE_KEY_PATTERN)
      const stored = await fs.readFile(path.join(rootDir, variant.storageKey))
      expect(stored.byteLength).toBe(variant.size)
      expect((await fileTypeFromBuffer(stored))?.mime).toBe('image/webp')
      const metadata = await sharp(stored).metadata()
      expect([metadata.width, metadata.height]).toEqual([variant.width, variant.height])
    }
    expect(await filesUnder(rootDir)).toEqual(file.variants?.map((v) => v.storageKey).sort())

    const saved = await StoredFile.findById(file._id).lean()
    expect(saved).toMatchObject({
      organization: organizationId,
      uploadedBy: userId,
      purpose: 'product-image',
      size: file.variants?.[0]?.size,
    })
  })

  it('turns a JPEG upright, strips its metadata and never upscales', async () => {
    // Stored 800×600 with EXIF orientation 6: shown rotated a quarter turn, 600 wide.
    const jpeg = await solidImage(800, 600)
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Cơ khí Đông Á', Artist: 'secret' } })
      .withMetadata({ orientation: 6 })
      .toBuffer()
    expect((await sharp(jpeg).metadata()).exif).toBeDefined()

    const result = await save(jpeg, 'photo', 'IMG_0001.JPG')
    if (!result.ok) throw new Error(result.error)
    expect(result.file.variants?.map(({ width, height }) => [width, height])).toEqual([
      [600, 800],
      [400, 533],
    ])
    for (const variant of result.file.variants ?? []) {
      const metadata = await sharp(path.join(rootDir, variant.storageKey)).metadata()
      expect(metadata.exif).toBeUndefined()
      expect(metadata.orientation).toBeUndefined()
      expect(metadata.icc).toBeUndefined()
    }
  })

  it('makes logo variants at their own widths, the larger capped at the image width', async () => {
    const result = await save(await solidImage(300, 200).webp().toBuffer(), 'logo', 'logo.webp')
    if (!result.ok) throw new Error(result.error)
    expect(result.file.variants?.map(({ width, height }) => [width, height])).toEqual([
      [300, 200],
      [128, 85],
    ])
  })

  it('refuses HTML and SVG named photo.jpg, leaving nothing', async () => {
    const html = Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>')
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    )
    const svgWithProlog = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`)
    for (const bytes of [html, svg, svgWithProlog]) {
      await expectRefusedLeavingNothing(
        save(bytes, 'product-image', 'photo.jpg'),
        'upload.wrongType',
      )
    }
  })

  it('refuses a PDF renamed .png as a product image, and a GIF anywhere', async () => {
    await expectRefusedLeavingNothing(
      save(pdfBytes, 'product-image', 'photo.png'),
      'upload.wrongType',
    )
    const gif = await solidImage(20, 20).gif().toBuffer()
    await expectRefusedLeavingNothing(save(gif, 'photo', 'photo.png'), 'upload.wrongType')
  })

  it('refuses a corrupt JPEG (right magic bytes, garbage after), leaving nothing', async () => {
    const garbage = Buffer.alloc(4000)
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 251
    const corrupt = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), garbage])
    expect((await fileTypeFromBuffer(corrupt))?.mime).toBe('image/jpeg')
    await expectRefusedLeavingNothing(save(corrupt, 'photo', 'a.jpg'), 'upload.unreadableImage')
  })

  it('refuses a truncated JPEG whose header is intact, leaving nothing', async () => {
    const jpeg = await sharp({
      create: {
        width: 640,
        height: 480,
        channels: 3,
        background: { r: 0, g: 0, b: 0 },
        noise: { type: 'gaussian', mean: 128, sigma: 30 },
      },
    })
      .jpeg()
      .toBuffer()
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2))
    expect((await sharp(truncated).metadata()).width).toBe(640)
    await expectRefusedLeavingNothing(save(truncated, 'photo', 'a.jpg'), 'upload.unreadableImage')
  })

  it('refuses a decompression bomb without decoding it', async () => {
    const bomb = await decompressionBombPng()
    expect(bomb.byteLength).toBeLessThan(1024)
    await expectRefusedLeavingNothing(save(bomb, 'photo', 'bomb.png'), 'upload.tooManyPixels')
  })

  it('refuses a real image over the pixel limit', async () => {
    store = createFileStore({ rootDir, maxInputPixels: 1_000_000 })
    const png = await solidImage(1200, 1000).png().toBuffer()
    await expectRefusedLeavingNothing(save(png, 'photo', 'big.png'), 'upload.tooManyPixels')
  })
})

describe('createFileStore().save: documents', () => {
  it('stores a catalogue PDF byte for byte, without variants', async () => {
    const result = await save(pdfBytes, 'catalogue', 'Catalogue 2025.pdf')
    if (!result.ok) throw new Error(result.error)
    expect(result.file).toMatchObject({
      mimeType: 'application/pdf',
      size: pdfBytes.byteLength,
      originalName: 'Catalogue 2025.pdf',
    })
    expect(result.file.variants).toBeUndefined()
    expect(result.file.storageKey).toMatch(/\.pdf$/)
    expect(await fs.readFile(path.join(rootDir, result.file.storageKey))).toEqual(pdfBytes)
  })

  it('accepts a PDF or an image as certificate evidence, and refuses an image as a catalogue', async () => {
    const png = await solidImage(50, 50).png().toBuffer()
    expect((await save(pdfBytes, 'certificate-evidence', 'iso9001.pdf')).ok).toBe(true)
    expect((await save(png, 'certificate-evidence', 'iso9001.png')).ok).toBe(true)
    const before = await filesUnder(rootDir)
    expect(await save(png, 'catalogue', 'catalogue.pdf')).toEqual({
      ok: false,
      error: 'upload.wrongType',
    })
    expect(await filesUnder(rootDir)).toEqual(before)
  })
})

describe('createFileStore().save: sizes', () => {
  /** A valid PNG header followed by zeros up to the given size. */
  async function paddedPng(size: number): Promise<Buffer> {
    const png = await solidImage(10, 10).png().toBuffer()
    return Buffer.concat([png, Buffer.alloc(size - png.byteLength)])
  }

  it('publishes the caps per purpose', () => {
    expect(maxUploadBytes('product-image')).toBe(8 * MB)
    expect(maxUploadBytes('logo')).toBe(2 * MB)
    expect(maxUploadBytes('catalogue')).toBe(20 * MB)
    expect(maxUploadBytes('certificate-evidence')).toBe(20 * MB)
  })

  it('refuses oversized uploads before writing anything', async () => {
    const cases: Array<[StoredFilePurpose, Uint8Array]> = [
      ['product-image', await paddedPng(8 * MB + 1)],
      ['logo', await paddedPng(2 * MB + 1)],
      // Within the purpose's 20 MB, but an image there is capped at 8 MB.
      ['certificate-evidence', await paddedPng(9 * MB)],
      ['catalogue', Buffer.concat([pdfBytes, Buffer.alloc(20 * MB)])],
    ]
    for (const [purpose, bytes] of cases) {
      await expectRefusedLeavingNothing(save(bytes, purpose, 'big'), 'upload.tooLarge')
      // Not even the upload folder was made.
      expect(await fs.readdir(parentDir)).toEqual([])
    }
  })

  it('refuses an empty file', async () => {
    await expectRefusedLeavingNothing(save(new Uint8Array(0), 'photo', 'a.jpg'), 'upload.empty')
  })
})

describe('file names and storage keys', () => {
  it('stores path-trick names under generated keys and sanitises them for display', async () => {
    const png = await solidImage(40, 30).png().toBuffer()
    const cases: Array<[string, string]> = [
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\windows\\win.ini', 'win.ini'],
      ['a/b\\c.png', 'c.png'],
      ['photo\u0000.php\u0000.png', 'photo.php.png'],
      ['C:\\Users\\Lan\\Ảnh sản phẩm.png', 'Ảnh sản phẩm.png'],
      ['invoice\u202egnp.exe', 'invoicegnp.exe'],
      ['..', 'file.webp'],
      ['/', 'file.webp'],
      ['  .hidden <x>:"y"?.png  ', 'hidden _x___y__.png'],
    ]
    for (const [name, expected] of cases) {
      const result = await save(png, 'photo', name)
      if (!result.ok) throw new Error(result.error)
      expect(result.file.originalName).toBe(expected)
      expect(result.file.storageKey).toMatch(STORAGE_KEY_PATTERN)
    }

    const long = await save(png, 'photo', `${'đ'.repeat(1000)}.png`)
    if (!long.ok) throw new Error(long.error)
    expect(long.file.originalName).toHaveLength(200)
    expect(long.file.originalName).toMatch(/^đ+\.png$/)

    // Everything landed inside the upload folder, under generated names only.
    expect(await fs.readdir(parentDir)).toEqual(['uploads'])
    const files = await filesUnder(rootDir)
    // 40 px wide, narrower than every variant width: one variant each, not an upscaled copy.
    expect(files).toHaveLength(cases.length + 1)
    expect(long.file.variants?.map(({ width, height }) => [width, height])).toEqual([[40, 30]])
    for (const file of files) expect(file.split(path.sep).join('/')).toMatch(STORAGE_KEY_PATTERN)
  })

  it('cuts long names on whole characters and keeps the extension', () => {
    const name = sanitizeFileName(`${'😀'.repeat(150)}.pdf`, 'pdf')
    expect(name.length).toBeLessThanOrEqual(200)
    expect(name).toMatch(/^(😀)+\.pdf$/u)
    expect(sanitizeFileName('\ud800broken.pdf', 'pdf')).toBe('broken.pdf')
  })
})

describe('createFileStore().open and remove', () => {
  it('streams a stored file with its type, and refuses keys that are not storage keys', async () => {
    const saved = await save(pdfBytes, 'catalogue', 'a.pdf')
    if (!saved.ok) throw new Error(saved.error)
    const opened = await store.open(saved.file.storageKey)
    expect(opened).toMatchObject({ mimeType: 'application/pdf', size: pdfBytes.byteLength })
    expect(await readAll(opened!.stream)).toEqual(pdfBytes)

    for (const key of ['../../etc/passwd', 'ab/cd/../../../x.pdf', '/etc/passwd', '']) {
      expect(await store.open(key)).toBeNull()
    }
    expect(await store.open('ab/cd/0123456789abcdef0123456789abcdef.pdf')).toBeNull()
  })

  it('remove() deletes every file and the record', async () => {
    const saved = await save(await solidImage(2000, 1000).png().toBuffer(), 'photo', 'a.png')
    if (!saved.ok) throw new Error(saved.error)
    expect(await filesUnder(rootDir)).toHaveLength(2)

    await store.remove(saved.file)
    expect(await StoredFile.exists({ _id: saved.file._id })).toBeNull()
    expect(await filesUnder(rootDir)).toEqual([])
    // Folders emptied by the removal go too (only the temporary folder stays).
    expect(await fs.readdir(rootDir)).toEqual(['.tmp'])
    for (const variant of saved.file.variants ?? []) {
      expect(await store.open(variant.storageKey)).toBeNull()
    }
    await store.remove(saved.file) // removing again is harmless
  })

  it('leaves no file behind when the database refuses the record', async () => {
    vi.spyOn(StoredFile, 'create').mockRejectedValueOnce(new Error('database unavailable') as never)
    const png = await solidImage(2000, 1000).png().toBuffer()
    const recordsBefore = await StoredFile.countDocuments()
    await expect(save(png, 'photo', 'a.png')).rejects.toThrow('database unavailable')
    expect(await filesUnder(parentDir)).toEqual([])
    expect(await StoredFile.countDocuments()).toBe(recordsBefore)
  })
})
