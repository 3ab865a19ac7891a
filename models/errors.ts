import type { Model } from 'mongoose'

/**
 * A write that broke a unique index, as a typed value the caller can turn into a field error
 * ("this e-mail is already registered") instead of a 500.
 */
export class DuplicateKeyError extends Error {
  override name = 'DuplicateKeyError'
  constructor(
    readonly collection: string,
    /** The unique fields whose value is already taken (empty when it cannot be told). */
    readonly fields: string[],
    options?: { cause?: unknown },
  ) {
    super(
      `duplicate value in ${collection} for ${fields.length ? fields.join(', ') : 'a unique index'}`,
      options,
    )
  }
}

interface MongoLikeError {
  code?: unknown
  keyPattern?: Record<string, unknown>
  keyValue?: Record<string, unknown>
  errorResponse?: { keyPattern?: Record<string, unknown> }
}

export function isDuplicateKeyServerError(error: unknown): error is MongoLikeError {
  return typeof error === 'object' && error !== null && (error as MongoLikeError).code === 11000
}

/**
 * Runs a write and turns a duplicate-key error into a DuplicateKeyError naming the fields.
 * MongoDB says which index was violated (keyPattern); FerretDB 1.24 does not, so there we ask
 * the database which of the model's unique fields already holds the submitted value.
 */
export async function withDuplicateKeyCheck<T>(
  model: Model<any>,
  attempted: Record<string, unknown>,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (!isDuplicateKeyServerError(error)) throw error
    const reported = error.keyPattern ?? error.errorResponse?.keyPattern
    const fields = reported ? Object.keys(reported) : await findTakenUniqueFields(model, attempted)
    throw new DuplicateKeyError(model.collection.collectionName, fields, { cause: error })
  }
}

async function findTakenUniqueFields(
  model: Model<any>,
  attempted: Record<string, unknown>,
): Promise<string[]> {
  const taken: string[] = []
  for (const [keys, options] of model.schema.indexes()) {
    if (!options?.unique) continue
    const fields = Object.keys(keys)
    if (fields.some((field) => attempted[field] === undefined)) continue
    const filter = Object.fromEntries(fields.map((field) => [field, attempted[field]]))
    if (await model.exists(filter)) taken.push(...fields)
  }
  return taken
}
