/**
 * Run by search/index-snapshot.test.ts in a process of its own, which the test kills with
 * SIGKILL once this prints "ready": `node --import tsx index-snapshot.crash-child.ts <database
 * uri> <snapshot directory> drain|write <organisation id> <word>`.
 * - drain: loads the snapshot, writes the profile, drains it (journal appended, outbox entry
 *   removed), then waits to be killed (no new snapshot is written);
 * - write: writes the profile and waits to be killed before any drain.
 */
import { Types } from 'mongoose'
import { saveProfileSection } from '#models/profiles/supplier-profile.ts'
import { connectMongoose } from '#server/database.ts'
import { createEmbeddedEngine } from './embedded-engine.ts'
import { createIndexSnapshotStore } from './index-snapshot.ts'
import { createSearchSync } from './sync.ts'
import { taxonomySearchSettings } from './taxonomy-synonyms.ts'

const [uri, directory, action, id, word] = process.argv.slice(2)
await connectMongoose(uri!)
const engine = createEmbeddedEngine()
await engine.configure(taxonomySearchSettings())
const silent = { info() {}, warn() {}, error() {} }
const sync = createSearchSync({
  engine,
  logger: silent,
  snapshot: createIndexSnapshotStore(directory!),
})
const restored = await sync.restore()
if (!restored.restored) throw new Error(`snapshot not loaded: ${restored.reason}`)
await saveProfileSection(new Types.ObjectId(id), 'general', {
  description: { vi: `Chuyên gia công ${word}`, en: '' },
})
if (action === 'drain') await sync.drainOnce()
process.stdout.write('ready\n')
// Killed here; nothing after this line runs.
await new Promise(() => {})
