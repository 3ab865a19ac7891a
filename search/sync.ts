import { Types } from 'mongoose'
import {
  memberEmailVerification,
  memberEmailVerifications,
} from '#models/accounts/email-verified.ts'
import { Organization } from '#models/accounts/organization.ts'
import { withDatabaseRetry } from '#models/database-retry.ts'
import { mapLimit } from '#models/map-limit.ts'
import { featuredSupplierIds, isFeaturedSupplier } from '#models/billing/billing-account.ts'
import { OrganizationSlug, recordOrganizationSlugs } from '#models/accounts/organization-slug.ts'
import { SearchOutbox, type SearchOutboxEntry } from '#models/profiles/search-outbox.ts'
import {
  deleteSupplierCards,
  findSupplierCard,
  SupplierCardDocument,
  cardSummary,
  writeSupplierCards,
  type SupplierCardFields,
} from '#models/profiles/supplier-card.ts'
import { SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { allResponseFigures, responseFigureOf } from '#models/sourcing/response-figures.ts'
import { clearWithdrawnSuppliers } from '#models/profiles/withdrawn-suppliers.ts'
import { supplierSearchDocumentSchema, type SupplierSearchDocument } from './documents.ts'
import type { SearchEngine } from './engine.ts'
import type { IndexSnapshotStore } from './index-snapshot.ts'
import {
  isSearchable,
  meetsSearchBar,
  searchVersion,
  toSupplierSearchDocument,
  type SearchableOrganization,
  type SearchableProfile,
} from './supplier-document.ts'

export { markProfileForSearch } from '#models/profiles/supplier-profile.ts'

/**
 * Keeps the search engine in step with the database, losing nothing.
 *
 * The outbox is the profile itself: every profile write sets `search.pendingSince` in the same
 * single-document update (models/supplier-profile.ts), so a stored change is always marked.
 * The worker reads marked profiles oldest first, indexes them (or deletes them from the index
 * when the supplier must not be found), and only then clears each marker, and only if it still
 * holds the value read: a write made meanwhile has set a newer value, which stays for the next
 * round. Upserts and deletes are idempotent, so a batch that fails half-way (engine down) is
 * simply done again; markers are never dropped on failure.
 *
 * Organization changes that affect search (status active | hidden | suspended, verification,
 * name, slug) are stored on the organization, not the profile: whoever changes them must then
 * call `markProfileForSearch(organizationId)` (models/supplier-profile.ts), re-exported here.
 * The reconcile job catches a caller that forgets, since the organization's `updatedAt` is part
 * of the indexed version, but only at its next run.
 *
 * Limits, and why the reconcile job exists:
 * - FerretDB 1.24 is not atomic per update: it reads the matching document, applies the update
 *   in memory, then writes the whole document back (handler `updateDocument`: `Query`, then
 *   `UpdateAll`, two steps). A profile save that lands between the two steps of our marker clear
 *   is overwritten by that write-back, edit and marker together (any two concurrent updates of
 *   one document race like this on FerretDB, with or without search). MongoDB applies each
 *   update atomically and does not lose it. The reconcile job (every few hours in the worker,
 *   and `npm run search:reconcile`) is the safety net for the index: it compares the versions
 *   on both sides and repairs any difference; it cannot bring back an overwritten edit.
 * - Marker values are the writer's clock in milliseconds. A batch only takes markers older than
 *   the current millisecond, so a later write on this machine always gets a different value;
 *   several app nodes with skewed clocks could, very rarely, repeat a value.
 * - Several workers (several app nodes) may drain at once: whoever fails to clear a marker, or
 *   finds the profile written since it was read, marks it again, so a stale upsert landing
 *   after a fresh one is always followed by another round.
 * - A certification that expires changes no document: the worker marks profiles whose
 *   certificates expired since its last look (hourly, and a week back at start-up).
 */

/** The logger calls used here; the app's pino logger fits. */
export interface SearchSyncLogger {
  info(details: object, message: string): void
  warn(details: object, message: string): void
  error(details: object, message: string): void
}

export interface SearchSyncOptions {
  engine: SearchEngine
  logger: SearchSyncLogger
  /** Outbox entries (profiles) indexed and settled at a time (default 500). */
  batchSize?: number
  /** Backoff after a failure: doubles from initialMs up to maxMs, with jitter. */
  retry?: { initialMs: number; maxMs: number }
  /** Pause when nothing is pending (default 1 s). */
  idleMs?: number
  /** How often the worker marks profiles with newly expired certificates (default 1 h). */
  expirySweepMs?: number
  /** How often the worker runs the reconcile job (default 6 h). */
  reconcileEveryMs?: number
  /**
   * The embedded engine's documents on disk (search/index-snapshot.ts, decision 017): every
   * change is journaled before its outbox entries are removed, a full rebuild writes a new
   * snapshot, and `restore()` loads it at start-up instead of reading every profile.
   */
  snapshot?: IndexSnapshotStore
  /** Journal records after which the journal is folded into a new snapshot (default 2,000). */
  compactAfterRecords?: number
}

export type RestoreResult =
  | { restored: true; documents: number; journalRecords: number }
  | { restored: false; reason: string }

export type PrepareResult =
  | { restored: true; documents: number; journalRecords: number }
  | { restored: false; reason: string; rebuilt: number }

export interface DrainResult {
  upserted: number
  deleted: number
  /** Profiles written while the batch was indexed: marked again for the next round. */
  requeued: number
}

export interface ReconcileReport {
  /** Visible suppliers (above the search bar) absent from the index. */
  missing: number
  /** Indexed with another version than the database's. */
  stale: number
  /** In the index but hidden, suspended, deleted or not a supplier. */
  orphaned: number
  repaired: number
}

export interface SearchSync {
  /** Indexes one batch of marked profiles, oldest first. Throws when the engine fails. */
  drainOnce(): Promise<DrainResult>
  /** Runs the worker: drains, sleeps when idle, retries with backoff on failure. */
  start(): void
  /** Stops the worker after the batch it is on. */
  stop(): Promise<void>
  /** Clears the engine and indexes every supplier; returns how many were indexed. */
  reindexAll(): Promise<number>
  /**
   * Loads the snapshot and its journal into the (empty) engine. When there is none, or it is
   * corrupt or of another version, says why and leaves the engine empty: call reindexAll().
   */
  restore(): Promise<RestoreResult>
  /**
   * restore(), and without a usable snapshot reindexAll() (tried again after a lost database
   * lock), as one step: no drain or reconcile runs in between. `onRebuild` is told why the
   * snapshot was not used before the rebuild starts. For the start-up after the server listens.
   */
  prepare(onRebuild?: (reason: string) => void): Promise<PrepareResult>
  /** Compares the index with the database and repairs the difference. */
  reconcile(): Promise<ReconcileReport>
  /** Marks profiles whose certificates expired since the last sweep; returns how many. */
  sweepExpiredCertifications(): Promise<number>
}

const MARKER = 'search.pendingSince'
const WEEK_MS = 7 * 24 * 60 * 60 * 1000
/** Point reads in flight at once while a batch is handled. */
const POINT_CONCURRENCY = 16
/**
 * Point writes in flight at once: the embedded database has one writer, so more lanes only
 * spin on its lock (and can starve, models/database-retry.ts); each is retried if it loses.
 */
const WRITE_CONCURRENCY = 4

type ProfileRow = SearchableProfile & {
  _id: Types.ObjectId
  search?: { pendingSince?: Date | null } | null
}

const ORGANIZATION_FIELDS = {
  kind: 1,
  status: 1,
  name: 1,
  tradeName: 1,
  slug: 1,
  province: 1,
  verification: 1,
  updatedAt: 1,
}

// `timestamps: false`: marking or clearing is not a change of the profile, and must not move the
// version (`updatedAt`) that the index keeps and the reconcile job compares. One point write per
// profile: FerretDB 1.24 on SQLite scans the collection for any other filter (decision 010).
// The profile model's hook queues each mark in the outbox (models/profiles/search-outbox.ts).
async function markForSearch(profileIds: readonly Types.ObjectId[]): Promise<number> {
  let marked = 0
  await mapLimit(profileIds, WRITE_CONCURRENCY, async (_id) => {
    const result = await withDatabaseRetry(() =>
      SupplierProfile.updateOne({ _id }, { $set: { [MARKER]: new Date() } }, { timestamps: false }),
    )
    marked += result.modifiedCount
  })
  return marked
}

/** The card a result list shows, from what the sync has just read (decision 010). */
function cardOf(profile: ProfileRow, organization: SearchableOrganization, version: number) {
  return {
    _id: organization._id,
    profile: profile._id,
    tradeName: profile.tradeName || organization.tradeName || '',
    province: profile.province || organization.province || null,
    processes: [...(profile.processes ?? [])],
    certifications: (profile.certifications ?? []).flatMap(({ standard, validUntil }) =>
      standard ? [{ standard, validUntil: validUntil ?? null }] : [],
    ),
    sectors: [...(profile.sectors ?? [])],
    employeeBand: profile.employeeBand || null,
    exportMarkets: [...(profile.exportMarkets ?? [])],
    summary: {
      vi: cardSummary(profile.description?.vi),
      en: cardSummary(profile.description?.en),
    },
    version,
  }
}

/**
 * A profile named by an outbox entry, by point reads only: by its own id, by its
 * organisation's id (profiles created since decision 010 share it), or through the card that
 * remembers an older profile's id. Only a profile that is none of these (created before the
 * change and never indexed since) costs a query by organisation.
 */
async function profileOfEntry(entry: SearchOutboxEntry): Promise<ProfileRow | null> {
  if (entry.profile) return SupplierProfile.findById(entry.profile).lean<ProfileRow>()
  const organization = entry.organization!
  const derived = await SupplierProfile.findById(organization).lean<ProfileRow>()
  if (derived) return derived
  const card = await findSupplierCard(organization)
  if (card) return SupplierProfile.findById(card.profile).lean<ProfileRow>()
  return SupplierProfile.findOne({ organization }).lean<ProfileRow>()
}

export function createSearchSync(options: SearchSyncOptions): SearchSync {
  const { engine, logger } = options
  const batchSize = options.batchSize ?? 500
  const retry = options.retry ?? { initialMs: 1_000, maxMs: 60_000 }
  const idleMs = options.idleMs ?? 1_000
  const expirySweepMs = options.expirySweepMs ?? 60 * 60 * 1000
  const reconcileEveryMs = options.reconcileEveryMs ?? 6 * 60 * 60 * 1000
  const snapshot = options.snapshot
  const compactAfterRecords = options.compactAfterRecords ?? 2_000
  let lastExpirySweep = Date.now() - WEEK_MS
  let lastReconcile = Date.now()

  // Drains, rebuilds and reconciles of this process run one at a time.
  let busy: Promise<unknown> = Promise.resolve()
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const next = busy.then(task, task)
    busy = next.catch(() => undefined)
    return next
  }

  function indexable(document: SupplierSearchDocument): boolean {
    const parsed = supplierSearchDocumentSchema.safeParse(document)
    if (parsed.success) return true
    logger.error(
      {
        supplier: document.id,
        issues: parsed.error.issues
          .slice(0, 5)
          .map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      },
      'supplier left out of search: its document is invalid',
    )
    return false
  }

  interface Indexed {
    upserts: SupplierSearchDocument[]
    deletions: string[]
    cards: SupplierCardFields[]
    slugs: Array<{ slug: string; organization: Types.ObjectId }>
  }

  /** Decides, for profiles read with their organisations, what goes into the index. */
  function documentsOf(
    profiles: readonly ProfileRow[],
    organizationOf: (id: string) => SearchableOrganization | undefined,
  ): Indexed {
    const now = new Date()
    const upserts = new Map<string, SupplierSearchDocument>()
    const cards = new Map<string, SupplierCardFields>()
    const slugs: Indexed['slugs'] = []
    const deletions: string[] = []
    for (const profile of profiles) {
      const id = profile.organization.toHexString()
      const organization = organizationOf(id)
      const document = toSupplierSearchDocument(organization, profile, now)
      if (organization && document && indexable(document)) {
        upserts.set(id, document)
        cards.set(id, cardOf(profile, organization, document.updatedAt))
        slugs.push({ slug: organization.slug, organization: organization._id })
      } else deletions.push(id)
    }
    return { upserts: [...upserts.values()], deletions, cards: [...cards.values()], slugs }
  }

  /** Sends one batch to the engine, then writes its cards (one by `_id`) and slug keys. */
  async function apply(indexed: Indexed) {
    if (indexed.upserts.length > 0) await engine.upsert(indexed.upserts)
    if (indexed.deletions.length > 0) await engine.delete(indexed.deletions)
    // Durable on disk before the caller removes the outbox entries (decision 017).
    await journal({ upserts: indexed.upserts, deletions: indexed.deletions })
    await writeSupplierCards(
      indexed.cards,
      new Set(indexed.cards.map((card) => card._id.toHexString())),
    )
    await deleteSupplierCards(indexed.deletions.map((id) => new Types.ObjectId(id)))
    await recordOrganizationSlugs(indexed.slugs)
    // Out of the index now: the matcher no longer needs to check them (withdrawn-suppliers.ts).
    await clearWithdrawnSuppliers(indexed.deletions)
  }

  /**
   * Indexes the profiles named by these outbox entries, then settles: clears each profile's
   * marker (read no later than `cutoff`) and removes the entries, all by `_id`. A profile
   * written since it was read is marked again (which queues a new entry), so a stale upsert is
   * always followed by another round.
   */
  async function indexEntries(entries: SearchOutboxEntry[], cutoff: Date): Promise<DrainResult> {
    const byProfile = new Map<string, ProfileRow>()
    const unresolved: string[] = []
    await mapLimit(entries, POINT_CONCURRENCY, async (entry) => {
      const profile = await profileOfEntry(entry)
      if (profile) byProfile.set(profile._id.toHexString(), profile)
      else if (entry.organization) unresolved.push(entry.organization.toHexString())
    })
    const profiles = [...byProfile.values()]
    const organizations = new Map<string, SearchableOrganization>()
    await mapLimit(profiles, POINT_CONCURRENCY, async (profile) => {
      const organization = await Organization.findById(
        profile.organization,
        ORGANIZATION_FIELDS,
      ).lean<SearchableOrganization>()
      if (organization) {
        // The sponsored slot: Supplier Premium, as billing last computed it (a point read).
        organization.featured = await isFeaturedSupplier(organization._id)
        // "Answers within a day", for the sourcing matcher (a point read; daily figure).
        organization.answeredWithinDay = await responseFigureOf(organization._id)
        // The search bar's e-mail condition: member keys and members, by point reads.
        organization.emailVerified = await memberEmailVerification(organization._id)
        organizations.set(organization._id.toHexString(), organization)
      }
    })
    const indexed = documentsOf(profiles, (id) => organizations.get(id))
    // An organisation without a profile (deleted) must not stay findable.
    indexed.deletions.push(...unresolved)
    await apply(indexed)
    const requeued = await settle(profiles, cutoff)
    await mapLimit(entries, WRITE_CONCURRENCY, (entry) =>
      withDatabaseRetry(() => SearchOutbox.deleteOne({ _id: entry._id })),
    )
    return { upserted: indexed.upserts.length, deleted: indexed.deletions.length, requeued }
  }

  async function settle(profiles: ProfileRow[], cutoff: Date): Promise<number> {
    const written: Types.ObjectId[] = []
    await mapLimit(profiles, WRITE_CONCURRENCY, async (profile) => {
      const marker = profile.search?.pendingSince?.getTime()
      if (marker !== undefined && marker <= cutoff.getTime()) {
        await withDatabaseRetry(() =>
          SupplierProfile.updateOne(
            { _id: profile._id },
            { $unset: { [MARKER]: 1 } },
            { timestamps: false },
          ),
        )
      }
      // Written since it was read (a newer marker, or a newer version): mark it again, with a
      // new value, so that another worker holding the older one cannot clear it.
      const current = await SupplierProfile.findById(profile._id, {
        updatedAt: 1,
        [MARKER]: 1,
      }).lean<Pick<ProfileRow, '_id' | 'updatedAt' | 'search'>>()
      if (
        current &&
        ((current.search?.pendingSince?.getTime() ?? 0) > cutoff.getTime() ||
          current.updatedAt?.getTime() !== profile.updatedAt?.getTime())
      ) {
        written.push(profile._id)
      }
    })
    if (written.length > 0) await markForSearch(written)
    return written.length
  }

  async function journal(record: { upserts: SupplierSearchDocument[]; deletions: string[] }) {
    if (!snapshot || record.upserts.length + record.deletions.length === 0) return
    await snapshot.append(record)
  }

  /** Folds a long journal into a new snapshot (inside `exclusive`: no append meanwhile). */
  async function compactIfLong() {
    if (snapshot && snapshot.journalRecords >= compactAfterRecords) {
      await snapshot.compact(lastExpirySweep)
    }
  }

  /**
   * One pass over the outbox: one read of that (small) collection, then the entries in
   * batches, each by point reads and writes.
   */
  async function drainBatch(): Promise<DrainResult> {
    const cutoff = await passedMillisecond()
    const entries = await SearchOutbox.find({ at: { $lte: cutoff } })
      .limit(batchSize * 20)
      .lean<SearchOutboxEntry[]>()
    const total: DrainResult = { upserted: 0, deleted: 0, requeued: 0 }
    for (let start = 0; start < entries.length; start += batchSize) {
      const result = await indexEntries(entries.slice(start, start + batchSize), cutoff)
      total.upserted += result.upserted
      total.deleted += result.deleted
      total.requeued += result.requeued
    }
    await compactIfLong()
    return total
  }

  /**
   * Every supplier organisation, read with one cursor (one pass over the collection), with
   * whether a member has confirmed an e-mail address (one pass over the users).
   */
  async function supplierOrganizations(): Promise<Map<string, SearchableOrganization>> {
    const organizations = new Map<string, SearchableOrganization>()
    const featured = await featuredSupplierIds()
    const figures = await allResponseFigures()
    const emails = await memberEmailVerifications()
    const cursor = Organization.find({}, ORGANIZATION_FIELDS)
      .lean<SearchableOrganization[]>()
      .cursor()
    for await (const organization of cursor as AsyncIterable<SearchableOrganization>) {
      if (organization.kind === 'supplier') {
        organization.featured = featured.has(organization._id.toHexString())
        organization.answeredWithinDay = figures.get(organization._id.toHexString()) ?? null
        organization.emailVerified = emails.stateOf(organization._id.toHexString())
        organizations.set(organization._id.toHexString(), organization)
      }
    }
    return organizations
  }

  async function reindexEverything(): Promise<number> {
    const startedAt = Date.now()
    // Writes after this instant carry later markers and outbox entries, and stay queued.
    const cutoff = await passedMillisecond()
    await engine.clear()
    const writer = await snapshot?.begin()
    try {
      return await rebuildInto(startedAt, cutoff, writer)
    } catch (error) {
      await writer?.abandon()
      throw error
    }
  }

  async function rebuildInto(
    startedAt: number,
    cutoff: Date,
    writer: Awaited<ReturnType<IndexSnapshotStore['begin']>> | undefined,
  ): Promise<number> {
    const organizations = await supplierOrganizations()
    const cardVersions = new Map<string, number>()
    for await (const card of SupplierCardDocument.find({}, { version: 1 })
      .lean<Array<{ _id: Types.ObjectId; version: number }>>()
      .cursor() as AsyncIterable<{ _id: Types.ObjectId; version: number }>) {
      cardVersions.set(card._id.toHexString(), card.version)
    }
    const knownSlugs = new Set<string>()
    for await (const key of OrganizationSlug.find({}, { _id: 1 })
      .lean<Array<{ _id: string }>>()
      .cursor() as AsyncIterable<{ _id: string }>) {
      knownSlugs.add(key._id)
    }
    let indexed = 0
    // Profiles marked up to the cutoff: settled below, one point write each.
    const marked: ProfileRow[] = []
    const seen = new Set<string>()
    // Written after the cursor is done. Seen here at 100,000 suppliers: writing each batch's
    // cards while the profile cursor was open went at ~85 cards/s (both FerretDB and the app
    // mostly idle, so waiting, not working); the cause was not isolated.
    const cardsToWrite: SupplierCardFields[] = []
    const slugsToWrite: Indexed['slugs'] = []
    const cardsToDelete: string[] = []
    let batch: ProfileRow[] = []
    const flush = async () => {
      const result = documentsOf(batch, (id) => organizations.get(id))
      // The engine was cleared: only the upserts go to it.
      if (result.upserts.length > 0) await engine.upsert(result.upserts)
      await writer?.add(result.upserts)
      cardsToWrite.push(
        ...result.cards.filter((card) => cardVersions.get(card._id.toHexString()) !== card.version),
      )
      slugsToWrite.push(...result.slugs.filter(({ slug }) => !knownSlugs.has(slug)))
      cardsToDelete.push(...result.deletions.filter((id) => cardVersions.has(id)))
      indexed += result.upserts.length
      batch = []
    }
    // One cursor over the profiles.
    const cursor = SupplierProfile.find({}).lean<ProfileRow[]>().cursor()
    for await (const profile of cursor as AsyncIterable<ProfileRow>) {
      seen.add(profile.organization.toHexString())
      const marker = profile.search?.pendingSince?.getTime()
      if (marker !== undefined && marker <= cutoff.getTime()) {
        marked.push({
          _id: profile._id,
          updatedAt: profile.updatedAt,
          search: profile.search,
        } as ProfileRow)
      }
      batch.push(profile)
      if (batch.length >= batchSize) await flush()
    }
    if (batch.length > 0) await flush()
    // Cards of suppliers whose profile is gone.
    cardsToDelete.push(...[...cardVersions.keys()].filter((id) => !seen.has(id)))
    const existingCards = new Set(cardVersions.keys())
    for (let start = 0; start < cardsToWrite.length; start += 1_000) {
      await writeSupplierCards(cardsToWrite.slice(start, start + 1_000), existingCards)
    }
    for (let start = 0; start < slugsToWrite.length; start += 1_000) {
      await recordOrganizationSlugs(slugsToWrite.slice(start, start + 1_000))
    }
    await deleteSupplierCards(cardsToDelete.map((id) => new Types.ObjectId(id)))
    // The new snapshot is durable before any marker or outbox entry it covers is cleared.
    await writer?.commit(Math.max(lastExpirySweep, startedAt))
    // What the rebuild has indexed is settled, by point writes: FerretDB 1.24 on SQLite took
    // about 20 s per document for an `updateMany` on the marker at 100,000 suppliers (it read
    // the collection again for each), so first start after a seed never ended (decision 010).
    // A profile written since it was read is marked again (settle).
    await settle(marked, cutoff)
    // The outbox: one read of its ids, then deletes by `_id`, for the same reason.
    const covered = await SearchOutbox.find({ at: { $lte: cutoff } }, { _id: 1 }).lean<
      Array<{ _id: string }>
    >()
    await mapLimit(covered, WRITE_CONCURRENCY, (entry) =>
      withDatabaseRetry(() => SearchOutbox.deleteOne({ _id: entry._id })),
    )
    // Certificates that expired before the rebuild are already left out.
    lastExpirySweep = Math.max(lastExpirySweep, startedAt)
    return indexed
  }

  async function reconcileNow(): Promise<ReconcileReport> {
    const indexed = new Map(
      (await engine.allIds()).map((version) => [version.id, version.updatedAt]),
    )
    const expected = new Map<string, number>()
    const profileOf = new Map<string, Types.ObjectId>()
    // Marked profiles are on their way: the drain below (or the worker) takes them.
    const pending = new Set<string>()
    const pendingProfiles: Types.ObjectId[] = []
    const organizations = await supplierOrganizations()
    // With what the search bar reads, so that a profile below it is not counted as missing.
    const cursor = SupplierProfile.find(
      {},
      {
        organization: 1,
        updatedAt: 1,
        [MARKER]: 1,
        tradeName: 1,
        sectors: 1,
        processes: 1,
        products: 1,
      },
    )
      .lean<ProfileRow[]>()
      .cursor()
    for await (const profile of cursor as AsyncIterable<ProfileRow>) {
      const id = profile.organization.toHexString()
      const organization = organizations.get(id)
      profileOf.set(id, profile._id)
      if (profile.search?.pendingSince) {
        pending.add(id)
        pendingProfiles.push(profile._id)
      }
      if (
        organization &&
        isSearchable(organization, profile) &&
        meetsSearchBar(organization, profile)
      ) {
        expected.set(id, searchVersion(organization, profile))
      }
    }
    const settled = (id: string) => !pending.has(id)
    const missing = [...expected.keys()].filter((id) => settled(id) && !indexed.has(id))
    const stale = [...expected]
      .filter(([id, version]) => settled(id) && indexed.has(id) && indexed.get(id) !== version)
      .map(([id]) => id)
    const orphaned = [...indexed.keys()].filter((id) => settled(id) && !expected.has(id))
    const drifted = [...missing, ...stale, ...orphaned]
    if (drifted.length > 0) {
      logger.warn(
        {
          missing: missing.slice(0, 20),
          stale: stale.slice(0, 20),
          orphaned: orphaned.slice(0, 20),
          counts: { missing: missing.length, stale: stale.length, orphaned: orphaned.length },
        },
        'search index differs from the database: repairing',
      )
    }
    // Repairs go through the outbox like any write (so a concurrent write cannot be overtaken
    // by a stale repair); only documents of suppliers without a profile are deleted directly.
    // Marked profiles are queued again too: their outbox entry may have been lost to a crash.
    const toMark = drifted.flatMap((id) => profileOf.get(id) ?? [])
    const toDelete = orphaned.filter((id) => !profileOf.has(id))
    await markForSearch([...toMark, ...pendingProfiles])
    if (toDelete.length > 0) {
      await engine.delete(toDelete)
      await journal({ upserts: [], deletions: toDelete })
      await deleteSupplierCards(toDelete.map((id) => new Types.ObjectId(id)))
    }
    if (toMark.length > 0 || pending.size > 0) {
      for (;;) {
        const result = await drainBatch()
        if (result.upserted + result.deleted === 0) break
      }
    }
    lastReconcile = Date.now()
    return {
      missing: missing.length,
      stale: stale.length,
      orphaned: orphaned.length,
      repaired: toMark.length + toDelete.length,
    }
  }

  async function sweepNow(): Promise<number> {
    const now = new Date()
    const since = new Date(lastExpirySweep)
    const expiredMeanwhile = (validUntil?: Date | null) =>
      validUntil && validUntil > since && validUntil <= now
    // Background, hourly: one pass over the profiles (a scan on FerretDB; decision 010's
    // inventory). FerretDB 1.24's $elemMatch does not match fields of array elements, and
    // MongoDB applies the two bounds of a dotted-path range to any elements: the query finds
    // candidates, the filter below decides.
    const candidates = await SupplierProfile.find(
      { 'certifications.validUntil': { $gt: since, $lte: now } },
      { certifications: 1 },
    ).lean<Array<Pick<ProfileRow, '_id' | 'certifications'>>>()
    const expired = candidates
      .filter((profile) =>
        profile.certifications?.some(({ validUntil }) => expiredMeanwhile(validUntil)),
      )
      .map((profile) => profile._id)
    if (expired.length > 0) await markForSearch(expired)
    lastExpirySweep = now.getTime()
    return expired.length
  }

  async function restoreNow(): Promise<RestoreResult> {
    if (!snapshot) return { restored: false, reason: 'no snapshot store configured' }
    const result = await snapshot.load(engine)
    if (!result.loaded) return { restored: false, reason: result.reason }
    lastExpirySweep = Math.max(lastExpirySweep, result.sweptAt)
    return { restored: true, documents: result.documents, journalRecords: result.journalRecords }
  }

  async function prepareNow(onRebuild?: (reason: string) => void): Promise<PrepareResult> {
    const restored = await restoreNow()
    if (restored.restored) return restored
    onRebuild?.(restored.reason)
    // A rebuild is idempotent: one that lost the database's lock to other writers at start-up
    // (seed, backfills, requests) is run again.
    const rebuilt = await withDatabaseRetry(reindexEverything, { attempts: 3, baseDelayMs: 1000 })
    return { restored: false, reason: restored.reason, rebuilt }
  }

  const drainOnce = () => exclusive(drainBatch)

  let running = false
  let worker: Promise<void> | undefined
  let wake: (() => void) | undefined

  /** A sleep that stop() cuts short. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        wake = undefined
        resolve()
      }
      const timer = setTimeout(done, ms)
      wake = done
    })
  }

  function backoff(failures: number): number {
    const ceiling = Math.min(retry.maxMs, retry.initialMs * 2 ** Math.min(failures - 1, 30))
    // "Equal jitter": at least half the delay, so retries neither stampede nor spin.
    return ceiling / 2 + (Math.random() * ceiling) / 2
  }

  async function work() {
    let failures = 0
    let failingSince = 0
    while (running) {
      try {
        if (Date.now() - lastExpirySweep >= expirySweepMs) await exclusive(sweepNow)
        if (Date.now() - lastReconcile >= reconcileEveryMs) await exclusive(reconcileNow)
        const result = await drainOnce()
        if (failures > 0) {
          logger.info(
            { failures, seconds: Math.round((Date.now() - failingSince) / 1000) },
            'search sync recovered',
          )
          failures = 0
        }
        if (result.upserted + result.deleted < batchSize && running) await pause(idleMs)
      } catch (error) {
        failures++
        if (failures === 1) {
          failingSince = Date.now()
          // Once per failure streak; the markers stay, so nothing is lost while it lasts.
          logger.error(
            { err: error },
            'search sync failed: retrying with backoff, pending changes are kept',
          )
        }
        if (running) await pause(backoff(failures))
      }
    }
  }

  return {
    drainOnce,
    start() {
      if (running) return
      running = true
      worker = work()
    },
    async stop() {
      running = false
      wake?.()
      await worker
      worker = undefined
    },
    reindexAll: () => exclusive(reindexEverything),
    restore: () => exclusive(restoreNow),
    prepare: (onRebuild) => exclusive(() => prepareNow(onRebuild)),
    reconcile: () => exclusive(reconcileNow),
    sweepExpiredCertifications: () => exclusive(sweepNow),
  }
}

/**
 * Waits until the clock has passed the current millisecond and returns it: markers up to it
 * are safe to take, since every later write on this clock gets a later value.
 */
async function passedMillisecond(): Promise<Date> {
  const now = Date.now()
  while (Date.now() <= now) await new Promise((resolve) => setTimeout(resolve, 1))
  return new Date(now)
}
