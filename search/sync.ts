import type { Types } from 'mongoose'
import { Organization } from '#models/accounts/organization.ts'
import { SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { supplierSearchDocumentSchema, type SupplierSearchDocument } from './documents.ts'
import type { SearchEngine } from './engine.ts'
import {
  isSearchable,
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
  /** Profiles read, indexed and settled at a time (default 500). */
  batchSize?: number
  /** Backoff after a failure: doubles from initialMs up to maxMs, with jitter. */
  retry?: { initialMs: number; maxMs: number }
  /** Pause when nothing is pending (default 1 s). */
  idleMs?: number
  /** How often the worker marks profiles with newly expired certificates (default 1 h). */
  expirySweepMs?: number
  /** How often the worker runs the reconcile job (default 6 h). */
  reconcileEveryMs?: number
}

export interface DrainResult {
  upserted: number
  deleted: number
  /** Profiles written while the batch was indexed: marked again for the next round. */
  requeued: number
}

export interface ReconcileReport {
  /** Visible suppliers absent from the index. */
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
  /** Compares the index with the database and repairs the difference. */
  reconcile(): Promise<ReconcileReport>
  /** Marks profiles whose certificates expired since the last sweep; returns how many. */
  sweepExpiredCertifications(): Promise<number>
}

const MARKER = 'search.pendingSince'
const WEEK_MS = 7 * 24 * 60 * 60 * 1000

type ProfileRow = SearchableProfile & {
  _id: Types.ObjectId
  search?: { pendingSince?: Date | null } | null
}

// `timestamps: false`: marking or clearing is not a change of the profile, and must not move the
// version (`updatedAt`) that the index keeps and the reconcile job compares.
async function markForSearch(filter: Record<string, unknown>): Promise<number> {
  const result = await SupplierProfile.updateMany(
    filter,
    { $set: { [MARKER]: new Date() } },
    { timestamps: false },
  )
  return result.modifiedCount
}

export function createSearchSync(options: SearchSyncOptions): SearchSync {
  const { engine, logger } = options
  const batchSize = options.batchSize ?? 500
  const retry = options.retry ?? { initialMs: 1_000, maxMs: 60_000 }
  const idleMs = options.idleMs ?? 1_000
  const expirySweepMs = options.expirySweepMs ?? 60 * 60 * 1000
  const reconcileEveryMs = options.reconcileEveryMs ?? 6 * 60 * 60 * 1000
  let lastExpirySweep = Date.now() - WEEK_MS
  let lastReconcile = Date.now()

  // Drains, rebuilds and reconciles of this process run one at a time.
  let busy: Promise<unknown> = Promise.resolve()
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const next = busy.then(task, task)
    busy = next.catch(() => undefined)
    return next
  }

  async function organizationsOf(profiles: Array<Pick<ProfileRow, 'organization'>>) {
    const organizations = await Organization.find({
      _id: { $in: profiles.map((profile) => profile.organization) },
    }).lean<SearchableOrganization[]>()
    return new Map(
      organizations.map((organization) => [organization._id.toHexString(), organization]),
    )
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

  /**
   * Indexes the profiles as read, then settles their markers. `cutoff`: a time before the read
   * that the clock had already passed, so any write after the read carries a later marker.
   */
  async function indexProfiles(profiles: ProfileRow[], cutoff: Date): Promise<DrainResult> {
    const organizations = await organizationsOf(profiles)
    const now = new Date()
    const upserts = new Map<string, SupplierSearchDocument>()
    const deletions: string[] = []
    for (const profile of profiles) {
      const id = profile.organization.toHexString()
      const document = toSupplierSearchDocument(organizations.get(id), profile, now)
      if (document && indexable(document)) upserts.set(id, document)
      else deletions.push(id)
    }
    if (upserts.size > 0) await engine.upsert([...upserts.values()])
    if (deletions.length > 0) await engine.delete(deletions)
    const requeued = await settle(profiles, cutoff)
    return { upserted: upserts.size, deleted: deletions.length, requeued }
  }

  /** Clears the markers read, unless the profile was written since; marks those again. */
  async function settle(profiles: ProfileRow[], cutoff: Date): Promise<number> {
    // One conditional update per marker value: `updateOne({ _id, pendingSince: read })` for
    // edited profiles; seeded or imported profiles share a value and go together.
    const byMarker = new Map<number, Types.ObjectId[]>()
    for (const profile of profiles) {
      const marker = profile.search?.pendingSince?.getTime()
      if (marker === undefined || marker > cutoff.getTime()) continue
      const ids = byMarker.get(marker)
      if (ids) ids.push(profile._id)
      else byMarker.set(marker, [profile._id])
    }
    for (const [marker, ids] of byMarker) {
      await SupplierProfile.updateMany(
        { _id: { $in: ids }, [MARKER]: new Date(marker) },
        { $unset: { [MARKER]: 1 } },
        { timestamps: false },
      )
    }
    // A profile written since it was read keeps (or gets) a marker: a new one, so that another
    // worker holding the older value cannot clear it after a stale upsert of its own.
    const read = new Map(profiles.map((profile) => [profile._id.toHexString(), profile]))
    const current = await SupplierProfile.find(
      { _id: { $in: profiles.map((profile) => profile._id) } },
      { updatedAt: 1, [MARKER]: 1 },
    ).lean<Array<Pick<ProfileRow, '_id' | 'updatedAt' | 'search'>>>()
    const written = current
      .filter((profile) => {
        const before = read.get(profile._id.toHexString())
        return (
          Boolean(profile.search?.pendingSince) ||
          profile.updatedAt?.getTime() !== before?.updatedAt?.getTime()
        )
      })
      .map((profile) => profile._id)
    if (written.length > 0) await markForSearch({ _id: { $in: written } })
    return written.length
  }

  async function drainBatch(): Promise<DrainResult> {
    const cutoff = await passedMillisecond()
    const profiles = await SupplierProfile.find({ [MARKER]: { $lte: cutoff } })
      .sort({ [MARKER]: 1, _id: 1 })
      .limit(batchSize)
      .lean<ProfileRow[]>()
    if (profiles.length === 0) return { upserted: 0, deleted: 0, requeued: 0 }
    return indexProfiles(profiles, cutoff)
  }

  async function reindexEverything(): Promise<number> {
    const startedAt = Date.now()
    await engine.clear()
    let indexed = 0
    let after: Types.ObjectId | undefined
    for (;;) {
      const cutoff = await passedMillisecond()
      const profiles = await SupplierProfile.find(after ? { _id: { $gt: after } } : {})
        .sort({ _id: 1 })
        .limit(batchSize)
        .lean<ProfileRow[]>()
      if (profiles.length === 0) break
      after = profiles.at(-1)!._id
      indexed += (await indexProfiles(profiles, cutoff)).upserted
    }
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
    let after: Types.ObjectId | undefined
    for (;;) {
      const profiles = await SupplierProfile.find(after ? { _id: { $gt: after } } : {}, {
        organization: 1,
        updatedAt: 1,
        [MARKER]: 1,
      })
        .sort({ _id: 1 })
        .limit(batchSize)
        .lean<ProfileRow[]>()
      if (profiles.length === 0) break
      after = profiles.at(-1)!._id
      const organizations = await organizationsOf(profiles)
      for (const profile of profiles) {
        const id = profile.organization.toHexString()
        const organization = organizations.get(id)
        profileOf.set(id, profile._id)
        if (profile.search?.pendingSince) pending.add(id)
        if (organization && isSearchable(organization, profile)) {
          expected.set(id, searchVersion(organization, profile))
        }
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
    const toMark = drifted.flatMap((id) => profileOf.get(id) ?? [])
    const toDelete = orphaned.filter((id) => !profileOf.has(id))
    for (let start = 0; start < toMark.length; start += batchSize) {
      await markForSearch({ _id: { $in: toMark.slice(start, start + batchSize) } })
    }
    if (toDelete.length > 0) await engine.delete(toDelete)
    if (toMark.length > 0 || pending.size > 0) {
      for (;;) {
        const result = await drainBatch()
        if (result.upserted + result.deleted < batchSize) break
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
    // FerretDB 1.24's $elemMatch does not match fields of array elements, and MongoDB applies
    // the two bounds of a dotted-path range to any elements: the query finds candidates, the
    // filter below decides.
    const candidates = await SupplierProfile.find(
      { 'certifications.validUntil': { $gt: since, $lte: now } },
      { certifications: 1 },
    ).lean<Array<Pick<ProfileRow, '_id' | 'certifications'>>>()
    const expired = candidates
      .filter((profile) =>
        profile.certifications?.some(({ validUntil }) => expiredMeanwhile(validUntil)),
      )
      .map((profile) => profile._id)
    if (expired.length > 0) await markForSearch({ _id: { $in: expired } })
    lastExpirySweep = now.getTime()
    return expired.length
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
