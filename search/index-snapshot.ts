import crypto from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import readline from 'node:readline'
import type { SupplierSearchDocument } from './documents.ts'
import { supplierSearchDocumentSchema } from './documents.ts'
import type { SearchEngine } from './engine.ts'

/**
 * The embedded engine's documents on disk, so a start-up does not read every profile back
 * through FerretDB (decision 017). Two files in one directory:
 *
 * - `snapshot.ndjson`: a header line (format, documents version, generation, when the
 *   certificate sweep last ran), one search document per line, and a trailer with the count and
 *   the SHA-256 of the document lines. Written to a temporary file, fsynced, renamed over the
 *   old one, and the directory fsynced: a reader sees the old snapshot or the new one, whole.
 * - `journal-<generation>.ndjson`: what the sync changed in the index since that snapshot, one
 *   line per batch (`<sha256 prefix> <json>`), appended and fsynced before the batch's outbox
 *   entries are removed. A new snapshot takes the next generation, so an older journal left
 *   behind by a crash is simply not read.
 *
 * Loading = the snapshot's documents with the journal's latest change per id applied, then the
 * outbox drains what was not yet journaled. A missing, torn, corrupt or other-version snapshot
 * (or a corrupt journal line other than a torn last one) is refused, and the caller rebuilds
 * from the database. One writer: the embedded engine is refused on several nodes (decision 016).
 */

/** Bumped when the snapshot's layout changes. */
export const SNAPSHOT_FORMAT = 1
/**
 * Bump when what a search document holds or how the sync builds it changes
 * (search/supplier-document.ts): older snapshots are then rebuilt from the database. The field
 * list of the document schema is part of the version, so a new field cannot be forgotten.
 * 2: the search bar's verified e-mail condition is applied at indexing (decision 009, third
 * session), so snapshots may hold suppliers that must now be left out.
 * 3: documents carry the supplier's "answers within a day" figure (`answeredWithinDay`, for the
 * sourcing matcher, decision 014); older snapshots have none.
 */
export const SEARCH_DOCUMENTS_VERSION = `3:${crypto
  .createHash('sha256')
  .update(Object.keys(supplierSearchDocumentSchema.shape).sort().join(','))
  .digest('hex')
  .slice(0, 12)}`

const SNAPSHOT = 'snapshot.ndjson'
const BATCH = 2_000
const WRITE_BUFFER = 1 << 20
const HEADER_WIDTH = 400

interface Header {
  format: number
  documentsVersion: string
  generation: number
  createdAt: string
  /** The certificate-expiry sweep had run up to here (epoch ms). */
  sweptAt: number
}

interface Trailer {
  end: true
  count: number
  sha256: string
}

export interface JournalRecord {
  upserts?: SupplierSearchDocument[]
  deletions?: string[]
}

export type LoadResult =
  | { loaded: true; documents: number; journalRecords: number; sweptAt: number }
  | { loaded: false; reason: string }

/** Writes one snapshot generation: documents streamed in, then committed (or abandoned). */
export interface SnapshotWriter {
  add(documents: readonly SupplierSearchDocument[]): Promise<void>
  /** Makes it the current snapshot, durably; later journal records go to its generation. */
  commit(sweptAt: number): Promise<number>
  abandon(): Promise<void>
}

export interface IndexSnapshotStore {
  readonly directory: string
  /** Journal records appended since the current snapshot. */
  readonly journalRecords: number
  /** Loads the snapshot and its journal into an empty engine; on refusal the engine is cleared. */
  load(engine: SearchEngine, options?: { documentsVersion?: string }): Promise<LoadResult>
  /** Appends one record to the current generation's journal and fsyncs it. */
  append(record: JournalRecord): Promise<void>
  /** Starts the next generation (a full rebuild streams its documents into it). */
  begin(): Promise<SnapshotWriter>
  /** Folds the journal into a new snapshot (snapshot read back, not the engine). */
  compact(sweptAt: number): Promise<void>
}

const digest = (text: string) => crypto.createHash('sha256').update(text).digest('hex')
const journalName = (generation: number) => `journal-${generation}.ndjson`

class Refused extends Error {}

async function fsyncDirectory(directory: string) {
  const handle = await fsp.open(directory, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** The snapshot's lines, checked as they go: header, documents in batches, trailer. */
async function readSnapshot(
  file: string,
  documentsVersion: string,
  onBatch: (documents: SupplierSearchDocument[]) => Promise<void>,
): Promise<Header> {
  if (!fs.existsSync(file)) throw new Refused('no snapshot')
  const lines = readline.createInterface({
    input: fs.createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  })
  let header: Header | undefined
  let trailer: Trailer | undefined
  const hash = crypto.createHash('sha256')
  let count = 0
  let batch: SupplierSearchDocument[] = []
  try {
    for await (const line of lines) {
      if (trailer) throw new Refused('data after the trailer')
      if (!header) {
        header = parseLine<Header>(line, 'header')
        if (header.format !== SNAPSHOT_FORMAT) {
          throw new Refused(`snapshot format ${header.format}, expected ${SNAPSHOT_FORMAT}`)
        }
        if (header.documentsVersion !== documentsVersion) {
          throw new Refused(
            `documents version ${header.documentsVersion}, expected ${documentsVersion}`,
          )
        }
        continue
      }
      if (line.startsWith('{"end":')) {
        trailer = parseLine<Trailer>(line, 'trailer')
        continue
      }
      hash.update(line).update('\n')
      batch.push(parseLine<SupplierSearchDocument>(line, 'document'))
      count++
      if (batch.length >= BATCH) {
        await onBatch(batch)
        batch = []
      }
    }
  } finally {
    lines.close()
  }
  if (!header) throw new Refused('empty snapshot')
  if (!trailer) throw new Refused('snapshot without its trailer (torn write)')
  if (batch.length > 0) await onBatch(batch)
  if (trailer.count !== count || trailer.sha256 !== hash.digest('hex')) {
    throw new Refused('snapshot checksum or count does not match')
  }
  return header
}

function parseLine<T>(line: string, what: string): T {
  try {
    return JSON.parse(line) as T
  } catch {
    throw new Refused(`unreadable ${what} line`)
  }
}

/**
 * The journal's latest change per id (a document, or null for a deletion). A last line that
 * is torn (crash while appending: its batch's outbox entries were not removed) is ignored; any
 * other bad line refuses the whole journal.
 */
async function readJournal(file: string): Promise<{
  changes: Map<string, SupplierSearchDocument | null>
  records: number
  /** Bytes up to the end of the last whole record (less than the file after a torn append). */
  validBytes: number
}> {
  const changes = new Map<string, SupplierSearchDocument | null>()
  if (!fs.existsSync(file)) return { changes, records: 0, validBytes: 0 }
  const text = await fsp.readFile(file, 'utf8')
  const lines = text.split('\n')
  // A complete journal ends with a newline: its last piece is empty.
  const complete = lines.pop() === ''
  let records = 0
  let validBytes = 0
  lines.forEach((line, index) => {
    const space = line.indexOf(' ')
    const json = line.slice(space + 1)
    const isLast = index === lines.length - 1
    if (space !== 16 || digest(json).slice(0, 16) !== line.slice(0, 16)) {
      if (isLast && !complete) return
      throw new Refused(`corrupt journal line ${index + 1}`)
    }
    validBytes += Buffer.byteLength(line) + 1
    const record = JSON.parse(json) as JournalRecord
    for (const id of record.deletions ?? []) changes.set(id, null)
    for (const document of record.upserts ?? []) changes.set(document.id, document)
    records++
  })
  return { changes, records, validBytes }
}

async function writeAll(handle: fsp.FileHandle, chunks: string[]) {
  if (chunks.length > 0) await handle.write(chunks.join(''))
}

export function createIndexSnapshotStore(directory: string): IndexSnapshotStore {
  const snapshotFile = path.join(directory, SNAPSHOT)
  let generation = 0
  let journalRecords = 0
  let journal: fsp.FileHandle | undefined

  async function closeJournal() {
    const handle = journal
    journal = undefined
    await handle?.close()
  }

  /** The generation of the snapshot on disk, from its header (0 without one). */
  async function currentGeneration(): Promise<number> {
    if (!fs.existsSync(snapshotFile)) return 0
    const handle = await fsp.open(snapshotFile, 'r')
    try {
      const buffer = Buffer.alloc(4096)
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
      const first = buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0]!
      return (JSON.parse(first) as Header).generation ?? 0
    } catch {
      return 0
    } finally {
      await handle.close()
    }
  }

  async function begin(): Promise<SnapshotWriter> {
    await fsp.mkdir(directory, { recursive: true })
    const next = Math.max(generation, await currentGeneration()) + 1
    const temporary = path.join(directory, `${SNAPSHOT}.${process.pid}.${next}.tmp`)
    const handle = await fsp.open(temporary, 'w')
    const hash = crypto.createHash('sha256')
    let count = 0
    let pending: string[] = []
    let pendingBytes = 0
    const headerOf = (sweptAt: number): Header => ({
      format: SNAPSHOT_FORMAT,
      documentsVersion: SEARCH_DOCUMENTS_VERSION,
      generation: next,
      createdAt: new Date().toISOString(),
      sweptAt,
    })
    // The header is written last (its sweptAt is known only at commit): a placeholder line of
    // fixed width is reserved now and overwritten in place.
    pending.push(`${JSON.stringify(headerOf(0)).padEnd(HEADER_WIDTH, ' ')}\n`)
    return {
      async add(documents) {
        for (const document of documents) {
          const line = JSON.stringify(document)
          hash.update(line).update('\n')
          pending.push(`${line}\n`)
          pendingBytes += line.length
          count++
        }
        if (pendingBytes >= WRITE_BUFFER) {
          await writeAll(handle, pending)
          pending = []
          pendingBytes = 0
        }
      },
      async commit(sweptAt) {
        const trailer: Trailer = { end: true, count, sha256: hash.digest('hex') }
        pending.push(`${JSON.stringify(trailer)}\n`)
        await writeAll(handle, pending)
        await handle.write(JSON.stringify(headerOf(sweptAt)).padEnd(HEADER_WIDTH, ' '), 0, 'utf8')
        await handle.sync()
        await handle.close()
        await fsp.rename(temporary, snapshotFile)
        await fsyncDirectory(directory)
        // From here on, changes belong to the new generation; older journals are obsolete.
        await closeJournal()
        generation = next
        journalRecords = 0
        for (const entry of await fsp.readdir(directory)) {
          const match = /^journal-(\d+)\.ndjson$/.exec(entry)
          if (match && Number(match[1]) < next) await fsp.rm(path.join(directory, entry))
        }
        return count
      },
      async abandon() {
        await handle.close().catch(() => undefined)
        await fsp.rm(temporary, { force: true })
      },
    }
  }

  return {
    directory,
    get journalRecords() {
      return journalRecords
    },

    async load(engine, options = {}) {
      const documentsVersion = options.documentsVersion ?? SEARCH_DOCUMENTS_VERSION
      try {
        const onDisk = await currentGeneration()
        const journalFile = path.join(directory, journalName(onDisk))
        const { changes, records, validBytes } = await readJournal(journalFile)
        const header = await readSnapshot(snapshotFile, documentsVersion, async (documents) => {
          const kept = documents.filter((document) => !changes.has(document.id))
          if (kept.length > 0) await engine.upsert(kept)
        })
        const journaled = [...changes.values()].filter(
          (document): document is SupplierSearchDocument => document !== null,
        )
        for (let start = 0; start < journaled.length; start += BATCH) {
          await engine.upsert(journaled.slice(start, start + BATCH))
        }
        generation = header.generation
        journalRecords = records
        // A torn last record is cut off, so the next append starts on a line of its own.
        if (fs.existsSync(journalFile) && (await fsp.stat(journalFile)).size > validBytes) {
          await fsp.truncate(journalFile, validBytes)
        }
        return {
          loaded: true,
          documents: await engine.count(),
          journalRecords: records,
          sweptAt: header.sweptAt,
        }
      } catch (error) {
        await engine.clear()
        if (error instanceof Refused) return { loaded: false, reason: error.message }
        return { loaded: false, reason: `unreadable snapshot: ${(error as Error).message}` }
      }
    },

    async append(record) {
      if (!journal) {
        await fsp.mkdir(directory, { recursive: true })
        journal = await fsp.open(path.join(directory, journalName(generation)), 'a')
      }
      const json = JSON.stringify(record)
      await journal.write(`${digest(json).slice(0, 16)} ${json}\n`)
      await journal.sync()
      journalRecords++
    },

    begin,

    async compact(sweptAt) {
      const { changes } = await readJournal(path.join(directory, journalName(generation)))
      const writer = await begin()
      try {
        await readSnapshot(snapshotFile, SEARCH_DOCUMENTS_VERSION, async (documents) => {
          await writer.add(documents.filter((document) => !changes.has(document.id)))
        })
        await writer.add(
          [...changes.values()].filter(
            (document): document is SupplierSearchDocument => document !== null,
          ),
        )
        await writer.commit(sweptAt)
      } catch (error) {
        await writer.abandon()
        throw error
      }
    },
  }
}
