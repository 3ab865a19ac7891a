import crypto from 'node:crypto'
import fs, { type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { fileTypeFromBuffer } from 'file-type'
import type { Types } from 'mongoose'
import sharp, { type SharpOptions } from 'sharp'
import { forgetLegacyFileKeys } from '#models/files/file-keys.ts'
import {
  newStoredFileId,
  ORIGINAL_NAME_MAX_LENGTH,
  STORAGE_KEY_PATTERN,
  StoredFile,
  storageKeysOf,
  storageNameFor,
  type StoredFileKeys,
  type StoredFilePurpose,
} from '#models/files/stored-file.ts'

/** Why an upload was refused; each is a translation key. */
export type UploadError =
  | 'upload.empty'
  | 'upload.tooLarge'
  | 'upload.wrongType'
  | 'upload.unreadableImage'
  | 'upload.tooManyPixels'

export type StoredFileDocument = InstanceType<typeof StoredFile>

export type UploadResult =
  { ok: true; file: StoredFileDocument } | { ok: false; error: UploadError }

export interface UploadInput {
  organizationId: Types.ObjectId
  userId: Types.ObjectId
  purpose: StoredFilePurpose
  /** The name the browser sent; only shown and offered as the download name, after sanitising. */
  originalName: string
  bytes: Uint8Array
}

export interface OpenedFile {
  stream: Readable
  mimeType: string
  size: number
}

export interface FileStore {
  save(input: UploadInput): Promise<UploadResult>
  /** The stored bytes behind a key, or null when the key is malformed or the file is gone. */
  open(storageKey: string): Promise<OpenedFile | null>
  /** Deletes the record, then every file it occupies (files already gone are fine). */
  remove(file: StoredFileKeys): Promise<void>
}

const MB = 1024 * 1024

type FileKind = 'image' | 'pdf'

/** Types accepted, told by the bytes: the client's name and MIME type are never consulted. */
const kindByMime: Record<string, FileKind> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'application/pdf': 'pdf',
}
const sharpFormatByMime: Record<string, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
}
const mimeByExtension: Record<string, string> = { webp: 'image/webp', pdf: 'application/pdf' }

export interface UploadRule {
  /** Size cap in bytes for each accepted kind; a kind not listed is refused. */
  maxBytes: Partial<Record<FileKind, number>>
  /** Widths of the WebP variants made from an image, never wider than the image itself. */
  variantWidths: number[]
}

const photoSizes = [1600, 400]

export const uploadRules: Record<StoredFilePurpose, UploadRule> = {
  'product-image': { maxBytes: { image: 8 * MB }, variantWidths: photoSizes },
  photo: { maxBytes: { image: 8 * MB }, variantWidths: photoSizes },
  logo: { maxBytes: { image: 2 * MB }, variantWidths: [512, 128] },
  catalogue: { maxBytes: { pdf: 20 * MB }, variantWidths: [] },
  'certificate-evidence': { maxBytes: { image: 8 * MB, pdf: 20 * MB }, variantWidths: photoSizes },
  'chat-attachment': { maxBytes: { image: 8 * MB, pdf: 20 * MB }, variantWidths: photoSizes },
  'sourcing-attachment': { maxBytes: { image: 8 * MB, pdf: 20 * MB }, variantWidths: [1600] },
}

/** The largest upload a purpose can accept, for the request-body limit in front of save(). */
export function maxUploadBytes(purpose: StoredFilePurpose): number {
  return Math.max(...Object.values(uploadRules[purpose].maxBytes))
}

/**
 * Decoded pixels allowed per image. An 8 MB PNG can declare 16383×16383 px (sharp's default
 * limit, about 1 GB decoded); 64 MP still admits 48 MP phone photos (8064×6048).
 */
export const MAX_INPUT_PIXELS = 64_000_000

const WEBP_QUALITY = 82

export function createFileStore(options: { rootDir: string; maxInputPixels?: number }): FileStore {
  const rootDir = path.resolve(options.rootDir)
  const maxInputPixels = options.maxInputPixels ?? MAX_INPUT_PIXELS

  return {
    async save(input) {
      const rule = uploadRules[input.purpose]
      if (!rule) throw new Error(`unknown upload purpose: ${String(input.purpose)}`)
      const { bytes } = input
      if (bytes.byteLength === 0) return refuse('upload.empty')
      // Refused before the bytes are even inspected; nothing is written until every check passed.
      if (bytes.byteLength > maxUploadBytes(input.purpose)) return refuse('upload.tooLarge')

      const sniffed = await fileTypeFromBuffer(bytes)
      const kind = sniffed ? kindByMime[sniffed.mime] : undefined
      const cap = kind ? rule.maxBytes[kind] : undefined
      if (!sniffed || !kind || cap === undefined) return refuse('upload.wrongType')
      if (bytes.byteLength > cap) return refuse('upload.tooLarge')

      let outputs: EncodedFile[]
      if (kind === 'image') {
        const encoded = await reencodeImage(bytes, sniffed.mime, rule.variantWidths, maxInputPixels)
        if (!encoded.ok) return encoded
        outputs = encoded.variants
      } else {
        outputs = [{ bytes, extension: 'pdf', mimeType: 'application/pdf' }]
      }

      // The id comes first: every storage key of the file is named after it (stored-file.ts).
      const fileId = newStoredFileId()
      const placed = await placeFiles(rootDir, outputs, fileId)
      const [main] = placed
      if (!main) throw new Error('an upload produced no file')
      try {
        const file = await StoredFile.create({
          _id: fileId,
          organization: input.organizationId,
          uploadedBy: input.userId,
          purpose: input.purpose,
          originalName: sanitizeFileName(input.originalName, main.extension),
          mimeType: main.mimeType,
          size: main.bytes.byteLength,
          storageKey: main.storageKey,
          variants:
            kind === 'image'
              ? placed.map((variant) => ({
                  width: variant.width,
                  height: variant.height,
                  storageKey: variant.storageKey,
                  mimeType: variant.mimeType,
                  size: variant.bytes.byteLength,
                }))
              : undefined,
        })
        return { ok: true, file }
      } catch (error) {
        await discardFiles(
          rootDir,
          placed.map((file) => file.storageKey),
        )
        throw error
      }
    },

    async open(storageKey) {
      if (!STORAGE_KEY_PATTERN.test(storageKey)) return null
      const extension = storageKey.slice(storageKey.lastIndexOf('.') + 1)
      const mimeType = mimeByExtension[extension]
      if (!mimeType) return null
      let handle: FileHandle
      try {
        handle = await fs.open(pathOfKey(rootDir, storageKey), 'r')
      } catch (error) {
        if (isErrorCode(error, 'ENOENT')) return null
        throw error
      }
      try {
        const { size } = await handle.stat()
        return { stream: handle.createReadStream(), mimeType, size }
      } catch (error) {
        await handle.close()
        throw error
      }
    },

    async remove(file) {
      // Record first: a failure then leaves an unreferenced file, never a record without its file.
      await StoredFile.deleteOne({ _id: file._id })
      await forgetLegacyFileKeys(file)
      await discardFiles(rootDir, storageKeysOf(file))
    },
  }
}

function refuse(error: UploadError): { ok: false; error: UploadError } {
  return { ok: false, error }
}

interface EncodedFile {
  bytes: Uint8Array
  extension: 'webp' | 'pdf'
  mimeType: string
  width?: number
  height?: number
}

/**
 * Decodes an image and writes it again as WebP at each variant width: turned upright by its EXIF
 * orientation, with all metadata (EXIF, GPS, XMP, ICC) dropped, so the uploaded bytes themselves
 * are never stored or served.
 */
async function reencodeImage(
  bytes: Uint8Array,
  mimeType: string,
  variantWidths: number[],
  maxInputPixels: number,
): Promise<{ ok: true; variants: EncodedFile[] } | { ok: false; error: UploadError }> {
  // failOn 'error' also refuses truncated images; pages 1 takes the first frame of an animation.
  const input: SharpOptions = { limitInputPixels: maxInputPixels, failOn: 'error', pages: 1 }
  try {
    const metadata = await sharp(bytes, input).metadata()
    if (metadata.format !== sharpFormatByMime[mimeType]) return refuse('upload.unreadableImage')
    if (!metadata.width || !metadata.height) return refuse('upload.unreadableImage')
    if (metadata.width * metadata.height > maxInputPixels) return refuse('upload.tooManyPixels')

    const uprightWidth = metadata.autoOrient?.width ?? metadata.width
    const widths = [...new Set(variantWidths.map((width) => Math.min(width, uprightWidth)))]
    widths.sort((a, b) => b - a)
    const variants: EncodedFile[] = []
    // One after the other: decoding is memory-hungry and the machine is shared.
    for (const width of widths) {
      const { data, info } = await sharp(bytes, { ...input, autoOrient: true })
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: WEBP_QUALITY })
        .toBuffer({ resolveWithObject: true })
      variants.push({
        bytes: data,
        extension: 'webp',
        mimeType: 'image/webp',
        width: info.width,
        height: info.height,
      })
    }
    return { ok: true, variants }
  } catch (error) {
    // Everything sharp throws here is about the input: corrupt, truncated or oversized.
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      return refuse('upload.tooManyPixels')
    }
    return refuse('upload.unreadableImage')
  }
}

function newStorageKey(fileId: Types.ObjectId, extension: string): string {
  const name = storageNameFor(fileId)
  return `${name.slice(0, 2)}/${name.slice(2, 4)}/${name}.${extension}`
}

function pathOfKey(rootDir: string, storageKey: string): string {
  if (!STORAGE_KEY_PATTERN.test(storageKey)) throw new Error(`invalid storage key: ${storageKey}`)
  return path.join(rootDir, ...storageKey.split('/'))
}

/**
 * Writes each file to a temporary name under the root (same file system, so the rename is
 * atomic), flushes it and renames it into place. On any failure every file of the upload,
 * temporary or placed, is deleted before the error goes on.
 */
async function placeFiles(
  rootDir: string,
  files: EncodedFile[],
  fileId: Types.ObjectId,
): Promise<Array<EncodedFile & { storageKey: string }>> {
  const temporaryDir = path.join(rootDir, '.tmp')
  const placed: Array<EncodedFile & { storageKey: string }> = []
  try {
    await fs.mkdir(temporaryDir, { recursive: true })
    for (const file of files) {
      const storageKey = newStorageKey(fileId, file.extension)
      const temporary = path.join(temporaryDir, `${crypto.randomBytes(16).toString('hex')}.part`)
      try {
        await writeFlushed(temporary, file.bytes)
        await renameIntoPlace(temporary, pathOfKey(rootDir, storageKey))
      } catch (error) {
        await fs.rm(temporary, { force: true })
        throw error
      }
      placed.push({ ...file, storageKey })
    }
    return placed
  } catch (error) {
    await discardFiles(
      rootDir,
      placed.map((file) => file.storageKey),
    )
    throw error
  }
}

async function writeFlushed(filePath: string, bytes: Uint8Array): Promise<void> {
  const handle = await fs.open(filePath, 'wx', 0o640)
  try {
    await handle.writeFile(bytes)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function renameIntoPlace(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(to), { recursive: true })
  try {
    await fs.rename(from, to)
  } catch (error) {
    // A concurrent discardFiles() may have removed the just-made, still empty folder.
    if (!isErrorCode(error, 'ENOENT')) throw error
    await fs.mkdir(path.dirname(to), { recursive: true })
    await fs.rename(from, to)
  }
}

/** Deletes files by key, then their fan-out folders if that left them empty. */
async function discardFiles(rootDir: string, storageKeys: string[]): Promise<void> {
  for (const storageKey of storageKeys) {
    const filePath = pathOfKey(rootDir, storageKey)
    await fs.rm(filePath, { force: true })
    for (const folder of [path.dirname(filePath), path.dirname(path.dirname(filePath))]) {
      try {
        await fs.rmdir(folder)
      } catch {
        break // not empty (other files live there) or already gone
      }
    }
  }
}

function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code
}

// Control characters, bidirectional overrides (which can disguise "gpj.exe" as "exe.jpg"), BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
// Characters Windows refuses in file names, and quotes that trouble Content-Disposition.
const RESERVED = /[<>:"|?*]/g

/**
 * A file name fit to show and to offer as a download name: the last path segment only, without
 * control or reserved characters, no leading dots, at most 200 characters with its extension kept.
 * It is never used to build a path on disk; storage keys are random.
 */
export function sanitizeFileName(name: string, fallbackExtension: string): string {
  const cleaned = String(name).replace(LONE_SURROGATE, '').normalize('NFC').replace(INVISIBLE, '')
  const segment = cleaned.split(/[/\\]/).pop() ?? ''
  const tidy = segment
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
  if (!tidy) return `file.${fallbackExtension}`
  if (tidy.length <= ORIGINAL_NAME_MAX_LENGTH) return tidy
  const extension = /\.[\p{L}\p{N}]{1,10}$/u.exec(tidy)?.[0] ?? ''
  // Cut whole code points (never half a surrogate pair) until the name fits in UTF-16 units,
  // which is what the schema's maxlength counts.
  let base = ''
  for (const character of tidy.slice(0, tidy.length - extension.length)) {
    if (base.length + character.length + extension.length > ORIGINAL_NAME_MAX_LENGTH) break
    base += character
  }
  return `${base.replace(/[\s.]+$/, '') || 'file'}${extension}`
}

/**
 * The name to offer on download: the sanitised original with the extension of what is actually
 * stored (an uploaded "photo.png" is served as WebP, so "photo.webp").
 */
export function downloadFileName(file: { originalName: string; mimeType: string }): string {
  const extension = Object.entries(mimeByExtension).find(([, mime]) => mime === file.mimeType)?.[0]
  if (!extension) return file.originalName
  const base = file.originalName.replace(/\.[\p{L}\p{N}]{1,10}$/u, '') || 'file'
  return `${base}.${extension}`
}
