import crypto from 'node:crypto'
import { Schema, Types } from 'mongoose'
import { defineModel } from '../define-model.ts'

/** What an upload is for; each purpose has its own allowed types and size cap (server/uploads.ts). */
export const storedFilePurposes = [
  'product-image',
  'photo',
  'catalogue',
  'certificate-evidence',
  'logo',
  'chat-attachment',
  /** Drawings and specs of a sourcing request, and quote attachments (models/sourcing). */
  'sourcing-attachment',
] as const
export type StoredFilePurpose = (typeof storedFilePurposes)[number]

export const ORIGINAL_NAME_MAX_LENGTH = 200

/**
 * Where a file lives under the upload folder: two levels of fan-out, then a random name and the
 * extension of the type sniffed from the content. Never derived from anything the user sent.
 */
export const STORAGE_KEY_PATTERN = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}\.(webp|pdf)$/

const variantSchema = new Schema(
  {
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    storageKey: { type: String, required: true, match: STORAGE_KEY_PATTERN },
    mimeType: { type: String, required: true },
    size: { type: Number, required: true },
  },
  { _id: false },
)

const storedFileSchema = new Schema({
  organization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true, index: true },
  uploadedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  purpose: { type: String, enum: storedFilePurposes, required: true },
  /** Sanitised, for display and as the download name only; never part of a path on disk. */
  originalName: { type: String, required: true, maxlength: ORIGINAL_NAME_MAX_LENGTH },
  /** The type sniffed from the stored bytes, not what the browser claimed. */
  mimeType: { type: String, required: true },
  /** Bytes of the file at storageKey. */
  size: { type: Number, required: true, min: 1 },
  /** For images: the largest re-encoded variant; for PDFs: the file as uploaded. */
  storageKey: { type: String, required: true, unique: true, match: STORAGE_KEY_PATTERN },
  /** Images only: every re-encoded size, largest first (the first is the file at storageKey). */
  variants: { type: [variantSchema], default: undefined },
  createdAt: { type: Date, required: true, default: Date.now },
  /** Chat attachments: when a message first carried it. Never sent ones expire (maintenance.ts). */
  sentAt: Date,
  /**
   * Chat attachments: the conversations whose messages carry it, so the files route checks a
   * viewer by point reads (decision 010). Older files: backfilled (models/files/file-keys.ts).
   */
  sentIn: { type: [Schema.Types.ObjectId], default: undefined },
})

export const StoredFile = defineModel('StoredFile', storedFileSchema)

/** What remove() needs of a stored file: a document or a lean object will do. */
export interface StoredFileKeys {
  _id: Types.ObjectId
  storageKey: string
  variants?: ReadonlyArray<{ storageKey: string }> | null
}

/** Every storage key a stored file occupies on disk, without repeats. */
export function storageKeysOf(file: StoredFileKeys): string[] {
  return [...new Set([file.storageKey, ...(file.variants ?? []).map((v) => v.storageKey)])]
}

/**
 * A stored file's `_id` and the names of its storage keys go together (decision 010): the id is
 * 96 random bits, and every key of the file (the main one and each variant) is that id in hex
 * followed by 32 random bits. The files route, which gets only a key, reads the file by `_id`.
 * Files stored before keep unrelated random names; they are found through key documents
 * (models/files/file-keys.ts).
 */
export function newStoredFileId(): Types.ObjectId {
  return new Types.ObjectId(crypto.randomBytes(12).toString('hex'))
}

/** The name (without fan-out folders and extension) of a new storage key of this file. */
export function storageNameFor(fileId: Types.ObjectId): string {
  return fileId.toHexString() + crypto.randomBytes(4).toString('hex')
}

/** The file id a storage key names (checked against the file after the read), or null. */
export function storedFileIdOfKey(storageKey: string): Types.ObjectId | null {
  if (!STORAGE_KEY_PATTERN.test(storageKey)) return null
  const name = storageKey.slice(storageKey.lastIndexOf('/') + 1)
  return new Types.ObjectId(name.slice(0, 24))
}

/** Whether the file's keys are named after its id (every file stored since the change). */
export function hasDerivedKeys(file: StoredFileKeys): boolean {
  return storageKeysOf(file).every((key) => storedFileIdOfKey(key)?.equals(file._id))
}

/** A stored file by id, only when it belongs to this organisation (else null). */
export async function findOrganizationFile(
  fileId: Types.ObjectId | string,
  organizationId: Types.ObjectId,
) {
  if (!Types.ObjectId.isValid(fileId)) return null
  // By `_id`, the owner compared here: `{ _id, organization }` reads every file on FerretDB.
  const file = await StoredFile.findById(fileId)
  return file?.organization.equals(organizationId) ? file : null
}

/** The stored files with these ids (those that exist), one point read each. */
export async function findStoredFiles(fileIds: ReadonlyArray<Types.ObjectId>) {
  const unique = [...new Set(fileIds.map(String))]
  const files = await Promise.all(unique.map((id) => StoredFile.findById(id)))
  return files.filter((file): file is NonNullable<typeof file> => file !== null)
}
