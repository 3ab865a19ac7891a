import mongoose from 'mongoose'

/**
 * The scan guard (decision 010). FerretDB 1.24 on SQLite answers only a filter that is exactly
 * `{ _id: <value> }` from an index; any other filter reads the whole collection. On the
 * collections that grow with the platform, a request path may only read and write by `_id`.
 * `recordQueries` records every query Mongoose sends while a piece of work runs (Mongoose's
 * debug hook: every collection call of every model, the Remix build's included, since both
 * share the one mongoose package); `scansOf` returns those that would scan a growing collection.
 */

/** Collections that grow with users, suppliers, messages or files (decision 010, inventory). */
export const GROWING_COLLECTIONS = new Set([
  'organizations',
  'organizationslugs',
  'supplierprofiles',
  'suppliercards',
  'searchoutboxes',
  'buyerprofiles',
  'users',
  'useremails',
  'inboxindexes',
  'readindexes',
  'sessions',
  'onetimetokens',
  'tokenredemptions',
  'legacytokenkeys',
  'conversations',
  'conversationkeys',
  'conversationreads',
  'messages',
  'messageseqkeys',
  'chatnotices',
  'storedfiles',
  'legacyfilekeys',
  'auditlogs',
  'auditlogslots',
  'noresultqueries',
  'usersessionlists',
  'invitationlists',
  'organizationmemberkeys',
  // Supplier-list imports (models/staff/import.ts): one of each per imported firm or row chunk.
  'organizationtaxkeys',
  'organizationclaims',
  'claimtokens',
  'claimredemptions',
  'importchunks',
])

export interface RecordedQuery {
  collection: string
  method: string
  filter: unknown
}

// Calls whose first argument is not a filter.
const NO_FILTER = new Set(['insertOne', 'insertMany', 'createIndex', 'createIndexes', 'bulkWrite'])

/** Runs `work` and returns it with the queries sent meanwhile (the process's, in any order). */
export async function recordQueries<T>(
  work: () => Promise<T>,
): Promise<{ result: T; queries: RecordedQuery[] }> {
  const queries: RecordedQuery[] = []
  const previous = mongoose.get('debug')
  mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) => {
    queries.push({ collection, method, filter: NO_FILTER.has(method) ? undefined : args[0] })
  })
  try {
    const result = await work()
    return { result, queries }
  } finally {
    mongoose.set('debug', previous ?? false)
  }
}

const isPointValue = (value: unknown) =>
  typeof value === 'string' ||
  typeof value === 'number' ||
  value instanceof mongoose.Types.ObjectId ||
  (value !== null &&
    typeof value === 'object' &&
    (value as { _bsontype?: string })._bsontype === 'ObjectId')

/** Whether FerretDB on SQLite answers this filter from the primary key. */
export function isPointFilter(filter: unknown): boolean {
  if (!filter || typeof filter !== 'object') return false
  const keys = Object.keys(filter)
  return keys.length === 1 && keys[0] === '_id' && isPointValue((filter as { _id: unknown })._id)
}

/** The queries that would read a whole growing collection on the embedded database. */
export function scansOf(queries: readonly RecordedQuery[]): RecordedQuery[] {
  return queries.filter(
    (query) =>
      GROWING_COLLECTIONS.has(query.collection) &&
      !NO_FILTER.has(query.method) &&
      (query.method === 'aggregate' || !isPointFilter(query.filter)),
  )
}

/** One line per scan, for an assertion message. */
export function describeScans(scans: readonly RecordedQuery[]): string[] {
  return scans.map(
    (scan) =>
      `${scan.collection}.${scan.method}(${JSON.stringify(scan.filter, (_key, value: unknown) =>
        value instanceof mongoose.Types.ObjectId ? `ObjectId(${value.toHexString()})` : value,
      )})`,
  )
}
