import { Types } from 'mongoose'
import { generateSuppliers as generateDemoSuppliers } from '#server/demo/demo-data.ts'
import type { SupplierSearchDocument } from '#search/documents.ts'
import { toSupplierSearchDocument } from '#search/supplier-document.ts'

/**
 * The benchmark corpus is the demo-data generator's output (server/demo/demo-data.ts) turned into
 * search documents by the same function the sync worker uses, so the benchmark measures what
 * the app indexes. Hidden demo suppliers are left out, as the sync leaves them out.
 */
export const DEFAULT_SEED = 20250701
const BASE_DATE = new Date('2026-01-01T00:00:00Z')

/** The same suppliers for the same seed, one at a time, so callers need not hold them all. */
export function* generateSuppliers(
  count: number,
  seed = DEFAULT_SEED,
): Generator<SupplierSearchDocument> {
  const context = { seed, baseDate: BASE_DATE }
  let produced = 0
  let index = 0
  while (produced < count) {
    const chunk = Math.max(64, count - produced)
    for (const supplier of generateDemoSuppliers(chunk, context, index)) {
      // A stable id per record: the demo data has no database ids.
      const _id = new Types.ObjectId(index.toString(16).padStart(24, '0'))
      index += 1
      const document = toSupplierSearchDocument(
        { ...supplier.organization, _id },
        { ...supplier.profile, organization: _id },
        BASE_DATE,
      )
      if (!document) continue
      yield document
      produced += 1
      if (produced === count) return
    }
  }
}

export function generateCorpus(count: number, seed = DEFAULT_SEED): SupplierSearchDocument[] {
  return [...generateSuppliers(count, seed)]
}
