import { Schema, type Types } from 'mongoose'
import { Message } from '../chat/message.ts'
import { defineModel } from '../define-model.ts'
import {
  maintenanceDone,
  markMaintenanceDone,
  type BackfillOptions,
} from '../maintenance-marker.ts'
import { hasDerivedKeys, StoredFile, storageKeysOf, type StoredFileKeys } from './stored-file.ts'

/**
 * Key documents for files stored before storage keys were named after the file's id
 * (stored-file.ts): `_id` = a storage key → the file's id, one per key (main and variants),
 * written once by the start-up backfill. The files route then finds any file by point reads
 * (decision 010). Until the backfill has finished, an older key is looked up by the record.
 */
const legacyFileKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    file: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false },
)
export const LegacyFileKey = defineModel('LegacyFileKey', legacyFileKeySchema)
export const LEGACY_FILE_KEYS_MARKER = 'legacy-file-keys'

/** Writes the keys of every file whose keys are not named after its id (one cursor). */
export async function backfillLegacyFileKeys(options: BackfillOptions = {}): Promise<number> {
  if (await maintenanceDone(LEGACY_FILE_KEYS_MARKER)) return 0
  options.signal?.throwIfAborted()
  options.onStart?.()
  let written = 0
  for await (const file of StoredFile.find({}, { storageKey: 1, variants: 1 }).lean().cursor()) {
    options.signal?.throwIfAborted()
    if (hasDerivedKeys(file)) continue
    for (const key of storageKeysOf(file)) {
      await LegacyFileKey.updateOne({ _id: key }, { $set: { file: file._id } }, { upsert: true })
      written += 1
    }
    if (written % 500 < storageKeysOf(file).length) options.onProgress?.(written)
  }
  await markMaintenanceDone(LEGACY_FILE_KEYS_MARKER)
  return written
}

/** Removes the key documents of a file being deleted (none for a file with derived keys). */
export async function forgetLegacyFileKeys(file: StoredFileKeys): Promise<void> {
  if (hasDerivedKeys(file)) return
  for (const key of storageKeysOf(file)) await LegacyFileKey.deleteOne({ _id: key })
}

/**
 * The conversations a chat attachment was sent in (`sentIn` on the stored file) for files sent
 * before that field: one cursor over the messages that carry attachments, once, in the
 * background at start-up. Until it has finished, the files route asks the messages (a scan).
 */
export const FILE_CONVERSATIONS_MARKER = 'stored-file-conversations'

export async function backfillFileConversations(options: BackfillOptions = {}): Promise<number> {
  if (await maintenanceDone(FILE_CONVERSATIONS_MARKER)) return 0
  options.signal?.throwIfAborted()
  options.onStart?.()
  let handled = 0
  const cursor = Message.find(
    { attachments: { $exists: true } },
    { conversation: 1, attachments: 1 },
  )
    .lean()
    .cursor()
  for await (const message of cursor) {
    options.signal?.throwIfAborted()
    for (const fileId of (message.attachments ?? []) as Types.ObjectId[]) {
      // $addToSet: repeating the backfill after a stop is harmless.
      await StoredFile.updateOne({ _id: fileId }, { $addToSet: { sentIn: message.conversation } })
    }
    handled += 1
    if (handled % 500 === 0) options.onProgress?.(handled)
  }
  await markMaintenanceDone(FILE_CONVERSATIONS_MARKER)
  return handled
}
