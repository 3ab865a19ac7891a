import { Types } from 'mongoose'
import { beforeEach, describe, expect, it } from 'vitest'
import { makeSlug, Organization, taxCodeKey } from '#models/accounts/organization.ts'
import {
  markProfileForSearch,
  saveProfileSection,
  SupplierProfile,
} from '#models/profiles/supplier-profile.ts'
import { withdrawnSupplierIds } from '#models/profiles/withdrawn-suppliers.ts'
import { refreshResponseFigures, ResponseFigure } from '#models/sourcing/response-figures.ts'
import { Conversation } from '#models/chat/conversation.ts'
import { Message } from '#models/chat/message.ts'
import { useTestDatabase } from '#test/database.ts'
import { createEmbeddedEngine } from '#search/embedded-engine.ts'
import type { SearchEngine, SupplierSearchDocument } from './engine.ts'
import { toSupplierSearchDocument } from './supplier-document.ts'
import { createSearchSync, type SearchSyncLogger, type SearchSyncOptions } from './sync.ts'
import { taxonomySearchSettings } from './taxonomy-synonyms.ts'

useTestDatabase()

interface LogEntry {
  level: 'info' | 'warn' | 'error'
  message: string
  details: object
}

function recordingLogger(): SearchSyncLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = []
  const record = (level: LogEntry['level']) => (details: object, message: string) => {
    entries.push({ level, message, details })
  }
  return { entries, info: record('info'), warn: record('warn'), error: record('error') }
}

async function newEngine(): Promise<SearchEngine> {
  const engine = createEmbeddedEngine()
  await engine.configure(taxonomySearchSettings())
  return engine
}

/** The engine with some methods replaced: a fault injector. */
function wrapEngine(engine: SearchEngine, overrides: Partial<SearchEngine>): SearchEngine {
  return {
    kind: engine.kind,
    health: () => engine.health(),
    configure: (settings) => engine.configure(settings),
    upsert: (documents) => engine.upsert(documents),
    delete: (ids) => engine.delete(ids),
    search: (query) => engine.search(query),
    documents: (ids, fields) => engine.documents(ids, fields),
    count: () => engine.count(),
    allIds: () => engine.allIds(),
    clear: () => engine.clear(),
    close: () => engine.close(),
    ...overrides,
  }
}

function syncFor(engine: SearchEngine, options: Partial<SearchSyncOptions> = {}) {
  const logger = recordingLogger()
  const sync = createSearchSync({
    engine,
    logger,
    batchSize: 50,
    retry: { initialMs: 2, maxMs: 20 },
    idleMs: 5,
    ...options,
  })
  return { sync, logger }
}

let suppliersCreated = 0

/** A supplier organisation with a profile whose description holds `word`. */
async function createSupplier(word: string, profile: Record<string, unknown> = {}) {
  const _id = new Types.ObjectId()
  // The word goes in the description only, which a later write can replace.
  const name = `Công ty TNHH Thử nghiệm ${++suppliersCreated}`
  await Organization.create({
    _id,
    kind: 'supplier',
    name,
    slug: makeSlug(name),
    country: 'VN',
    taxCodeKey: taxCodeKey(undefined, _id),
  })
  // The minimum profile bar for search (profile-bar.ts): a sector and a process.
  await saveProfileSection(_id, 'capabilities', { sectors: ['mechanical'], processes: ['welding'] })
  await saveProfileSection(_id, 'general', {
    description: { vi: `Chuyên gia công ${word}`, en: '' },
    province: 'bac-ninh',
    employeeBand: '50-199',
    ...profile,
  })
  return _id
}

async function describeAs(organizationId: Types.ObjectId, word: string) {
  await saveProfileSection(organizationId, 'general', {
    description: { vi: `Chuyên gia công ${word}`, en: '' },
  })
}

async function setStatus(
  organizationId: Types.ObjectId,
  status: 'active' | 'hidden' | 'suspended',
) {
  await Organization.updateOne({ _id: organizationId }, { $set: { status } })
  await markProfileForSearch(organizationId)
}

async function idsFound(engine: SearchEngine, q: string): Promise<string[]> {
  const result = await engine.search({ q, perPage: 100 })
  return result.hits.map((hit) => hit.id).sort()
}

async function pendingMarkers(): Promise<number> {
  return SupplierProfile.countDocuments({ 'search.pendingSince': { $exists: true } })
}

async function until(condition: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** What the index must hold: the documents of the visible suppliers, built from the database. */
async function expectedDocuments(): Promise<SupplierSearchDocument[]> {
  const organizations = await Organization.find().lean()
  const profiles = await SupplierProfile.find().lean()
  const now = new Date()
  return profiles
    .map((profile) =>
      toSupplierSearchDocument(
        organizations.find((organization) => organization._id.equals(profile.organization)),
        profile,
        now,
      ),
    )
    .filter((document) => document !== null)
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** Zero drift: same ids and versions, nothing for reconcile to repair, each found by its words. */
async function expectIndexMatchesDatabase(
  engine: SearchEngine,
  sync: ReturnType<typeof createSearchSync>,
  words: string[],
) {
  const expected = await expectedDocuments()
  expect(await engine.allIds()).toEqual(expected.map(({ id, updatedAt }) => ({ id, updatedAt })))
  for (const word of words) {
    const holders = expected
      .filter((document) => document.description.vi.split(' ').includes(word))
      .map((document) => document.id)
    expect(await idsFound(engine, word), word).toEqual(holders.sort())
  }
  expect(await sync.reconcile()).toEqual({ missing: 0, stale: 0, orphaned: 0, repaired: 0 })
}

beforeEach(async () => {
  await SupplierProfile.deleteMany({})
  await Organization.deleteMany({})
  await ResponseFigure.deleteMany({})
})

describe('search sync', () => {
  it('indexes a profile write on the next drain and clears its marker', async () => {
    const engine = await newEngine()
    const { sync } = syncFor(engine)
    const id = await createSupplier('quartz', { tradeName: 'Dong A Mechanical' })
    expect(await idsFound(engine, 'quartz')).toEqual([])

    expect(await sync.drainOnce()).toEqual({ upserted: 1, deleted: 0, requeued: 0 })
    expect(await idsFound(engine, 'quartz')).toEqual([id.toHexString()])
    // Taxonomy labels: the province by its names, in any language.
    expect(await idsFound(engine, 'Bắc Ninh')).toEqual([id.toHexString()])
    expect(await idsFound(engine, 'Dong A Mechanical')).toEqual([id.toHexString()])
    expect(await pendingMarkers()).toBe(0)

    await describeAs(id, 'violet')
    await sync.drainOnce()
    expect(await idsFound(engine, 'violet')).toEqual([id.toHexString()])
    expect(await idsFound(engine, 'quartz')).toEqual([])
    expect(await sync.drainOnce()).toEqual({ upserted: 0, deleted: 0, requeued: 0 })
  })

  it('removes a supplier whose organization is hidden or suspended, and brings it back', async () => {
    const engine = await newEngine()
    const { sync } = syncFor(engine)
    const hidden = await createSupplier('falcon')
    const suspended = await createSupplier('falcon')
    const buyer = await createSupplier('falcon')
    await Organization.updateOne({ _id: buyer }, { $set: { kind: 'buyer' } })
    await sync.drainOnce()
    expect(await idsFound(engine, 'falcon')).toEqual(
      [hidden.toHexString(), suspended.toHexString()].sort(),
    )

    await setStatus(hidden, 'hidden')
    await setStatus(suspended, 'suspended')
    // Still indexed: the withdrawn-supplier key names them until the index drops them.
    expect(await withdrawnSupplierIds()).toEqual(
      new Set([hidden.toHexString(), suspended.toHexString()]),
    )
    expect(await sync.drainOnce()).toMatchObject({ upserted: 0, deleted: 2 })
    expect(await idsFound(engine, 'falcon')).toEqual([])
    expect(await engine.count()).toBe(0)
    expect(await withdrawnSupplierIds()).toEqual(new Set())

    await setStatus(suspended, 'hidden')
    expect(await withdrawnSupplierIds()).toEqual(new Set([suspended.toHexString()]))
    await setStatus(suspended, 'active')
    await setStatus(hidden, 'active')
    expect(await withdrawnSupplierIds()).toEqual(new Set())
    await sync.drainOnce()
    expect(await idsFound(engine, 'falcon')).toEqual(
      [hidden.toHexString(), suspended.toHexString()].sort(),
    )
    // A buyer's status is not the matcher's concern.
    await setStatus(buyer, 'suspended')
    expect(await withdrawnSupplierIds()).toEqual(new Set())
  })

  it('carries the "answers within a day" figure in the document, on a drain and a rebuild', async () => {
    const engine = await newEngine()
    const { sync } = syncFor(engine)
    const answering = await createSupplier('heron')
    const silent = await createSupplier('heron')
    await ResponseFigure.create({
      _id: answering,
      conversations: 10,
      answeredWithinDay: 9,
      computedAt: new Date(),
    })
    const figures = async () =>
      (
        await engine.documents(
          [answering.toHexString(), silent.toHexString()],
          ['answeredWithinDay'],
        )
      ).map((document) => document.answeredWithinDay)

    await sync.drainOnce()
    expect(await figures()).toEqual([{ share: 0.9, conversations: 10 }, undefined])
    await engine.clear()
    expect(await sync.reindexAll()).toBe(2)
    expect(await figures()).toEqual([{ share: 0.9, conversations: 10 }, undefined])
  })

  it('re-indexes a supplier when the daily job changes its figure, and only then', async () => {
    const engine = await newEngine()
    const { sync } = syncFor(engine)
    const supplier = await createSupplier('egret')
    await sync.drainOnce()
    const buyer = new Types.ObjectId()
    const conversation = new Types.ObjectId()
    const at = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000)
    // Raw inserts: the job reads only these fields, one cursor each.
    await Conversation.collection.insertOne({ _id: conversation, organizations: [buyer, supplier] })
    await Message.collection.insertMany(
      [
        [1, buyer, at],
        [2, supplier, new Date(at.getTime() + 60 * 60 * 1000)],
      ].map(([seq, senderOrganization, createdAt]) => ({
        conversation,
        seq,
        senderOrganization,
        createdAt,
      })),
    )
    try {
      expect(await refreshResponseFigures()).toBe(1)
      expect(await pendingMarkers()).toBe(1)
      await sync.drainOnce()
      const [document] = await engine.documents([supplier.toHexString()], ['answeredWithinDay'])
      expect(document?.answeredWithinDay).toEqual({ share: 1, conversations: 1 })
      // The same figure the next day: nothing to re-index.
      expect(await refreshResponseFigures()).toBe(1)
      expect(await pendingMarkers()).toBe(0)
    } finally {
      await Message.deleteMany({ conversation })
      await Conversation.collection.deleteOne({ _id: conversation })
    }
  })

  it('counts only certifications that are still valid, and drops one when it expires', async () => {
    const engine = await newEngine()
    const { sync } = syncFor(engine)
    const day = 24 * 60 * 60 * 1000
    const id = await createSupplier('lantern')
    await saveProfileSection(id, 'certifications', {
      certifications: [
        { standard: 'iso-9001', validUntil: new Date(Date.now() - day) },
        { standard: 'iso-14001', validUntil: new Date(Date.now() + 365 * day) },
        { standard: 'iatf-16949' },
        { standard: 'iso-45001', validUntil: new Date(Date.now() + 1_500) },
      ],
    })
    await sync.drainOnce()
    const facets = async () =>
      (await engine.search({ facets: ['certification'] })).facets.certification
    expect(await facets()).toEqual({ 'iso-14001': 1, 'iatf-16949': 1, 'iso-45001': 1 })
    expect((await engine.search({ filters: { certification: ['iso-9001'] } })).total).toBe(0)

    // Expiry changes no document: the sweep marks the profile, the next drain re-indexes it.
    await new Promise((resolve) => setTimeout(resolve, 1_600))
    expect(await sync.sweepExpiredCertifications()).toBe(1)
    await sync.drainOnce()
    expect(await facets()).toEqual({ 'iso-14001': 1, 'iatf-16949': 1 })
    expect(await sync.sweepExpiredCertifications()).toBe(0)
  })

  it('keeps the marker of a profile written while its batch was being indexed', async () => {
    const engine = await newEngine()
    const id = await createSupplier('mango')
    let writeDuringUpsert = true
    const racing = wrapEngine(engine, {
      async upsert(documents) {
        if (writeDuringUpsert) {
          writeDuringUpsert = false
          // The supplier saves again after the worker read the profile, before it clears.
          await describeAs(id, 'pepper')
        }
        await engine.upsert(documents)
      },
    })
    const { sync } = syncFor(racing)

    expect(await sync.drainOnce()).toEqual({ upserted: 1, deleted: 0, requeued: 1 })
    // The index has what was read; the newer write is still marked, not lost.
    expect(await idsFound(engine, 'mango')).toEqual([id.toHexString()])
    const profile = await SupplierProfile.findOne({ organization: id }).lean()
    expect(profile?.search?.pendingSince).toBeInstanceOf(Date)

    expect(await sync.drainOnce()).toEqual({ upserted: 1, deleted: 0, requeued: 0 })
    expect(await idsFound(engine, 'pepper')).toEqual([id.toHexString()])
    expect(await idsFound(engine, 'mango')).toEqual([])
    expect(await pendingMarkers()).toBe(0)
    await expectIndexMatchesDatabase(engine, sync, ['mango', 'pepper'])
  })

  it('loses nothing while the engine is down: retries with backoff, then converges', async () => {
    const engine = await newEngine()
    let down = true
    let failedCalls = 0
    const flaky = wrapEngine(engine, {
      async upsert(documents) {
        if (down) {
          failedCalls++
          throw new Error('connect ECONNREFUSED 127.0.0.1:7700')
        }
        await engine.upsert(documents)
      },
      async delete(ids) {
        if (down) {
          failedCalls++
          throw new Error('connect ECONNREFUSED 127.0.0.1:7700')
        }
        await engine.delete(ids)
      },
    })
    const { sync, logger } = syncFor(flaky, { batchSize: 3 })
    const first = await createSupplier('harbor')
    const second = await createSupplier('harbor')
    const third = await createSupplier('glacier')
    sync.start()
    try {
      await until(async () => failedCalls >= 2)
      // Writes while the engine is down.
      await describeAs(first, 'walnut')
      await setStatus(second, 'hidden')
      const fourth = await createSupplier('walnut')
      const fifth = await createSupplier('saffron')
      await until(async () => failedCalls >= 6)
      expect(await pendingMarkers()).toBe(5)
      expect(await engine.count()).toBe(0)

      down = false
      await until(async () => (await pendingMarkers()) === 0)
      await sync.stop()

      expect(await idsFound(engine, 'walnut')).toEqual(
        [first.toHexString(), fourth.toHexString()].sort(),
      )
      expect(await idsFound(engine, 'harbor')).toEqual([])
      expect(await idsFound(engine, 'glacier')).toEqual([third.toHexString()])
      expect(await idsFound(engine, 'saffron')).toEqual([fifth.toHexString()])
      await expectIndexMatchesDatabase(engine, sync, ['harbor', 'glacier', 'walnut', 'saffron'])
    } finally {
      await sync.stop()
    }
    // Logged once for the whole streak of failures, and once when it recovered.
    expect(logger.entries.filter((entry) => entry.level === 'error')).toHaveLength(1)
    expect(
      logger.entries.filter((entry) => entry.message === 'search sync recovered'),
    ).toHaveLength(1)
  })

  it('converges when the engine dies in the middle of a batch and comes back', async () => {
    const engine = await newEngine()
    const ids: Types.ObjectId[] = []
    for (const word of ['cobalt', 'cobalt', 'cobalt', 'cobalt', 'cobalt', 'cobalt']) {
      ids.push(await createSupplier(word))
    }
    let killed = false
    const dying = wrapEngine(engine, {
      async upsert(documents) {
        if (!killed && documents.length > 1) {
          killed = true
          // Some documents made it before the connection dropped; a write lands meanwhile.
          await engine.upsert(documents.slice(0, 3))
          await describeAs(ids[0]!, 'amber')
          throw new Error('socket hang up')
        }
        await engine.upsert(documents)
      },
    })
    const { sync, logger } = syncFor(dying)
    sync.start()
    try {
      await until(async () => killed && (await pendingMarkers()) === 0)
    } finally {
      await sync.stop()
    }
    expect(await idsFound(engine, 'cobalt')).toEqual(
      ids
        .slice(1)
        .map((id) => id.toHexString())
        .sort(),
    )
    expect(await idsFound(engine, 'amber')).toEqual([ids[0]!.toHexString()])
    await expectIndexMatchesDatabase(engine, sync, ['cobalt', 'amber'])
    expect(logger.entries.filter((entry) => entry.level === 'error')).toHaveLength(1)
  })

  it('reconcile finds and repairs missing, stale and orphaned documents', async () => {
    const engine = await newEngine()
    const { sync } = syncFor(engine)
    const missing = await createSupplier('topaz')
    const stale = await createSupplier('topaz')
    const hidden = await createSupplier('topaz')
    const untouched = await createSupplier('topaz')
    await sync.drainOnce()
    // A supplier hidden without marking its profile (a write past the model's hooks, which
    // now mark the profile themselves: issue 17).
    await Organization.collection.updateOne({ _id: hidden }, { $set: { status: 'hidden' } })
    expect(await idsFound(engine, 'topaz')).toHaveLength(4)

    // Drift, made directly in the engine.
    const [staleDocument] = (await expectedDocuments()).filter(
      (document) => document.id === stale.toHexString(),
    )
    await engine.delete([missing.toHexString()])
    await engine.upsert([
      {
        ...staleDocument!,
        description: { vi: 'Chuyên gia công cinder', en: '' },
        updatedAt: staleDocument!.updatedAt - 60_000,
      },
      {
        ...staleDocument!,
        id: new Types.ObjectId().toHexString(),
        slug: 'orphan',
        description: { vi: 'Chuyên gia công topaz', en: '' },
      },
    ])
    expect(await idsFound(engine, 'cinder')).toEqual([stale.toHexString()])

    expect(await sync.reconcile()).toEqual({ missing: 1, stale: 1, orphaned: 2, repaired: 4 })
    expect(await idsFound(engine, 'topaz')).toEqual(
      [missing, stale, untouched].map((id) => id.toHexString()).sort(),
    )
    expect(await idsFound(engine, 'cinder')).toEqual([])
    expect(await pendingMarkers()).toBe(0)
    await expectIndexMatchesDatabase(engine, sync, ['topaz', 'cinder'])
  })

  it('reindexAll rebuilds the index from the database', async () => {
    const engine = await newEngine()
    const { sync } = syncFor(engine, { batchSize: 2 })
    const visible = [await createSupplier('orchid'), await createSupplier('orchid')]
    visible.push(await createSupplier('basil'))
    const hidden = await createSupplier('orchid')
    await Organization.updateOne({ _id: hidden }, { $set: { status: 'suspended' } })
    await engine.upsert([
      { ...(await expectedDocuments())[0]!, id: new Types.ObjectId().toHexString() },
    ])

    expect(await sync.reindexAll()).toBe(3)
    expect(await pendingMarkers()).toBe(0)
    expect(await engine.count()).toBe(3)
    await expectIndexMatchesDatabase(engine, sync, ['orchid', 'basil'])
  })
})
