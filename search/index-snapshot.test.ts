import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Types } from 'mongoose'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { makeSlug, Organization, taxCodeKey } from '#models/accounts/organization.ts'
import { SearchOutbox } from '#models/profiles/search-outbox.ts'
import { saveProfileSection, SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { useTestDatabase } from '#test/database.ts'
import { spawnTracked, stopTracked } from '#test/processes.ts'
import { testLogger } from '#test/logger.ts'
import { createEmbeddedEngine } from './embedded-engine.ts'
import type { SearchEngine, SupplierSearchDocument } from './engine.ts'
import { createIndexSnapshotStore, SEARCH_DOCUMENTS_VERSION } from './index-snapshot.ts'
import { createSearchSync } from './sync.ts'
import { taxonomySearchSettings } from './taxonomy-synonyms.ts'

const database = useTestDatabase()
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vsi-snapshot-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))
let directories = 0
const freshDirectory = () => path.join(root, `index-${++directories}`)

async function newEngine(): Promise<SearchEngine> {
  const engine = createEmbeddedEngine()
  await engine.configure(taxonomySearchSettings())
  return engine
}

function documentOf(word: string, updatedAt = 1): SupplierSearchDocument {
  const id = new Types.ObjectId().toHexString()
  return {
    id,
    slug: `supplier-${id}`,
    name: { vi: `Công ty ${word}`, en: '' },
    description: { vi: `Chuyên gia công ${word}`, en: '' },
    products: [],
    taxonomyLabels: [],
    sector: ['mechanical'],
    process: ['welding'],
    material: [],
    certification: [],
    province: 'bac-ninh',
    region: 'north',
    employeeBand: '50-199',
    exportMarket: [],
    verified: false,
    featured: false,
    updatedAt,
  }
}

async function idsFound(engine: SearchEngine, q: string): Promise<string[]> {
  const result = await engine.search({ q, perPage: 100 })
  return result.hits.map((hit) => hit.id).sort()
}

/** A store with a committed snapshot of these documents. */
async function storeWith(documents: SupplierSearchDocument[]) {
  const directory = freshDirectory()
  const store = createIndexSnapshotStore(directory)
  const writer = await store.begin()
  await writer.add(documents)
  await writer.commit(Date.now())
  return { directory, store, file: path.join(directory, 'snapshot.ndjson') }
}

describe('index snapshot store', () => {
  it('loads a snapshot with its journal applied, latest change per id', async () => {
    const [a, b, c] = [documentOf('quartz'), documentOf('quartz'), documentOf('amber')]
    const { directory, store } = await storeWith([a!, b!, c!])
    await store.append({
      upserts: [
        { ...a!, name: { vi: 'Công ty violet', en: '' }, description: { vi: 'violet', en: '' } },
      ],
    })
    await store.append({ deletions: [b!.id] })
    const d = documentOf('violet')
    await store.append({ upserts: [d] })

    const engine = await newEngine()
    const loaded = await createIndexSnapshotStore(directory).load(engine)
    expect(loaded).toMatchObject({ loaded: true, documents: 3, journalRecords: 3 })
    expect(await idsFound(engine, 'quartz')).toEqual([])
    expect(await idsFound(engine, 'violet')).toEqual([a!.id, d.id].sort())
    expect(await idsFound(engine, 'amber')).toEqual([c!.id])
  })

  it('a new snapshot folds the journal in, and an older journal left behind is not read', async () => {
    const a = documentOf('quartz')
    const { directory, store } = await storeWith([a])
    await store.append({ upserts: [documentOf('violet')] })
    await store.compact(Date.now())
    expect(store.journalRecords).toBe(0)
    // A stale journal of the previous generation (a crash between the rename and its removal).
    fs.writeFileSync(path.join(directory, 'journal-1.ndjson'), 'garbage\n')
    const engine = await newEngine()
    expect(await createIndexSnapshotStore(directory).load(engine)).toMatchObject({
      loaded: true,
      documents: 2,
      journalRecords: 0,
    })
  })

  it('refuses a missing, torn, corrupt or other-version snapshot and leaves the engine empty', async () => {
    const engine = await newEngine()
    expect(await createIndexSnapshotStore(freshDirectory()).load(engine)).toEqual({
      loaded: false,
      reason: 'no snapshot',
    })

    const documents = [documentOf('quartz'), documentOf('amber'), documentOf('basil')]
    const torn = await storeWith(documents)
    const text = fs.readFileSync(torn.file, 'utf8')
    fs.writeFileSync(torn.file, text.slice(0, text.lastIndexOf('{"end"')))
    expect(await torn.store.load(engine)).toEqual({
      loaded: false,
      reason: 'snapshot without its trailer (torn write)',
    })
    expect(await engine.count()).toBe(0)

    // One letter changed inside a document: still valid JSON, still a valid document.
    const corrupt = await storeWith(documents)
    fs.writeFileSync(corrupt.file, fs.readFileSync(corrupt.file, 'utf8').replace('amber', 'ambor'))
    expect(await corrupt.store.load(engine)).toEqual({
      loaded: false,
      reason: 'snapshot checksum or count does not match',
    })
    expect(await engine.count()).toBe(0)

    const garbled = await storeWith(documents)
    fs.writeFileSync(garbled.file, fs.readFileSync(garbled.file, 'utf8').replace('"id"', '"id'))
    expect((await garbled.store.load(engine)).loaded).toBe(false)
    expect(await engine.count()).toBe(0)

    const older = await storeWith(documents)
    expect(await older.store.load(engine, { documentsVersion: 'next' })).toEqual({
      loaded: false,
      reason: `documents version ${SEARCH_DOCUMENTS_VERSION}, expected next`,
    })
    expect(await engine.count()).toBe(0)

    const intact = await storeWith(documents)
    expect(await intact.store.load(engine)).toMatchObject({ loaded: true, documents: 3 })
  })

  it('ignores and cuts off a torn last journal record; refuses a corrupt one before it', async () => {
    const a = documentOf('quartz')
    const { directory, store } = await storeWith([a])
    await store.append({ upserts: [documentOf('violet')] })
    const journal = path.join(directory, 'journal-1.ndjson')
    fs.appendFileSync(journal, '0123456789abcdef {"upserts":[{"id":')
    const engine = await newEngine()
    const reopened = createIndexSnapshotStore(directory)
    expect(await reopened.load(engine)).toMatchObject({ loaded: true, documents: 2 })
    // The next record starts on a line of its own, and the journal still loads.
    await reopened.append({ upserts: [documentOf('violet')] })
    const again = await newEngine()
    expect(await createIndexSnapshotStore(directory).load(again)).toMatchObject({
      loaded: true,
      documents: 3,
      journalRecords: 2,
    })

    fs.writeFileSync(journal, `x${fs.readFileSync(journal, 'utf8')}`)
    const refused = await newEngine()
    expect(await createIndexSnapshotStore(directory).load(refused)).toEqual({
      loaded: false,
      reason: 'corrupt journal line 1',
    })
    expect(await refused.count()).toBe(0)
  })
})

let suppliersCreated = 0
async function createSupplier(word: string) {
  const _id = new Types.ObjectId()
  const name = `Công ty TNHH Ảnh chụp ${++suppliersCreated}`
  await Organization.create({
    _id,
    kind: 'supplier',
    name,
    slug: makeSlug(name),
    country: 'VN',
    taxCodeKey: taxCodeKey(undefined, _id),
  })
  await saveProfileSection(_id, 'capabilities', { sectors: ['mechanical'], processes: ['welding'] })
  await saveProfileSection(_id, 'general', {
    description: { vi: `Chuyên gia công ${word}`, en: '' },
    province: 'bac-ninh',
    employeeBand: '50-199',
  })
  return _id
}

const describeAs = (id: Types.ObjectId, word: string) =>
  saveProfileSection(id, 'general', { description: { vi: `Chuyên gia công ${word}`, en: '' } })

function syncWith(engine: SearchEngine, directory: string) {
  return createSearchSync({
    engine,
    logger: testLogger,
    snapshot: createIndexSnapshotStore(directory),
    retry: { initialMs: 2, maxMs: 20 },
    idleMs: 5,
  })
}

/** A separate process running the sync on this test's database, killed with SIGKILL. */
async function runChild(directory: string, action: string, id: Types.ObjectId, word: string) {
  const child = spawnTracked(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, '../test/fixtures/index-snapshot-crash-child.ts'),
      database.uri,
      directory,
      action,
      id.toHexString(),
      word,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('ready')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready`)))
  })
  await stopTracked(child, 'SIGKILL')
}

describe('search sync with a snapshot', () => {
  beforeEach(async () => {
    await SupplierProfile.deleteMany({})
    await Organization.deleteMany({})
    await SearchOutbox.deleteMany({})
  })

  it('a rebuild writes the snapshot; a restart loads it and the journal instead of the database', async () => {
    const directory = freshDirectory()
    const first = [await createSupplier('orchid'), await createSupplier('orchid')]
    const engine = await newEngine()
    const sync = syncWith(engine, directory)
    expect(await sync.restore()).toEqual({ restored: false, reason: 'no snapshot' })
    expect(await sync.reindexAll()).toBe(2)
    await describeAs(first[0]!, 'basil')
    await sync.drainOnce()
    expect(await SearchOutbox.countDocuments()).toBe(0)

    const restarted = await newEngine()
    const again = syncWith(restarted, directory)
    expect(await again.restore()).toEqual({ restored: true, documents: 2, journalRecords: 1 })
    expect(await idsFound(restarted, 'basil')).toEqual([first[0]!.toHexString()])
    expect(await idsFound(restarted, 'orchid')).toEqual([first[1]!.toHexString()])
    expect(await restarted.allIds()).toEqual(await engine.allIds())
    expect(await again.reconcile()).toEqual({ missing: 0, stale: 0, orphaned: 0, repaired: 0 })
  })

  it('reconcile still finds drift after a restore (a change that bypassed the outbox)', async () => {
    const directory = freshDirectory()
    const id = await createSupplier('orchid')
    await syncWith(await newEngine(), directory).reindexAll()
    // Written straight to the collection: no marker, no outbox entry.
    await SupplierProfile.collection.updateOne(
      { _id: (await SupplierProfile.findOne({ organization: id }))!._id },
      { $set: { 'description.vi': 'Chuyên gia công walnut', updatedAt: new Date() } },
    )
    const engine = await newEngine()
    const sync = syncWith(engine, directory)
    expect((await sync.restore()).restored).toBe(true)
    expect(await idsFound(engine, 'walnut')).toEqual([])
    expect(await sync.reconcile()).toMatchObject({ stale: 1, repaired: 1 })
    expect(await idsFound(engine, 'walnut')).toEqual([id.toHexString()])
  })

  it('a corrupt snapshot falls back to the full rebuild, which writes a good one', async () => {
    const directory = freshDirectory()
    const id = await createSupplier('orchid')
    await syncWith(await newEngine(), directory).reindexAll()
    const file = path.join(directory, 'snapshot.ndjson')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('orchid', 'orchiz'))
    const engine = await newEngine()
    const sync = syncWith(engine, directory)
    expect(await sync.restore()).toEqual({
      restored: false,
      reason: 'snapshot checksum or count does not match',
    })
    expect(await sync.reindexAll()).toBe(1)
    expect(await idsFound(engine, 'orchid')).toEqual([id.toHexString()])
    const restarted = await newEngine()
    expect(await syncWith(restarted, directory).restore()).toMatchObject({ restored: true })
    expect(await idsFound(restarted, 'orchid')).toEqual([id.toHexString()])
  })

  it('a process killed after a drain loses nothing: the change is in the journal, its outbox entry gone', async () => {
    const directory = freshDirectory()
    const id = await createSupplier('orchid')
    await syncWith(await newEngine(), directory).reindexAll()

    await runChild(directory, 'drain', id, 'cobalt')
    // The child drained the change (its outbox entry removed) and was killed before any new
    // snapshot: only the journal has it.
    expect(await SearchOutbox.countDocuments()).toBe(0)
    expect(fs.readdirSync(directory).sort()).toEqual(['journal-1.ndjson', 'snapshot.ndjson'])
    const engine = await newEngine()
    const sync = syncWith(engine, directory)
    expect(await sync.restore()).toEqual({ restored: true, documents: 1, journalRecords: 1 })
    expect(await idsFound(engine, 'cobalt')).toEqual([id.toHexString()])
    expect(await sync.reconcile()).toEqual({ missing: 0, stale: 0, orphaned: 0, repaired: 0 })
  })

  it('a process killed before its drain loses nothing: the outbox entry stays and is drained after the restore', async () => {
    const directory = freshDirectory()
    const id = await createSupplier('orchid')
    await syncWith(await newEngine(), directory).reindexAll()

    await runChild(directory, 'write', id, 'saffron')
    expect(await SearchOutbox.countDocuments()).toBeGreaterThan(0)
    const engine = await newEngine()
    const sync = syncWith(engine, directory)
    expect(await sync.restore()).toMatchObject({ restored: true, journalRecords: 0 })
    expect(await idsFound(engine, 'saffron')).toEqual([])
    await sync.drainOnce()
    expect(await idsFound(engine, 'saffron')).toEqual([id.toHexString()])
    expect(await SearchOutbox.countDocuments()).toBe(0)
  })
})
