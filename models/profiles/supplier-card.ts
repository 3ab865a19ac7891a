import { Schema, type Types } from 'mongoose'
import { defineModel } from '../define-model.ts'

/**
 * What a search result card shows of a supplier, kept beside the search index so that a result
 * page reads no profile (decision 010): one small document per indexed supplier, `_id` = the
 * organisation's id, written by the search sync whenever it indexes the supplier and removed
 * when it removes it. Name, slug, verification and visibility are read from the organisation
 * itself at request time (a point read), so hiding or suspending a supplier drops it at once.
 */
const supplierCardSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    /** The profile's own id: older profiles have ids not derived from the organisation's. */
    profile: { type: Schema.Types.ObjectId, required: true },
    tradeName: { type: String, default: '' },
    /** As stored on the profile (a code, or an imported name); the organisation's otherwise. */
    province: { type: String, default: null },
    processes: { type: [String], default: [] },
    certifications: {
      type: [{ _id: false, standard: String, validUntil: Date }],
      default: [],
    },
    // What buyers scan a result for (issue 15): sector, size, export markets and a first line.
    sectors: { type: [String], default: [] },
    employeeBand: { type: String, default: null },
    exportMarkets: { type: [String], default: [] },
    summary: { vi: { type: String, default: '' }, en: { type: String, default: '' } },
    /** The search version (epoch ms) the card was written for. */
    version: { type: Number, required: true },
  },
  { versionKey: false },
)

export const SupplierCardDocument = defineModel('SupplierCard', supplierCardSchema)

export interface SupplierCardFields {
  _id: Types.ObjectId
  profile: Types.ObjectId
  tradeName: string
  province: string | null
  processes: string[]
  certifications: Array<{ standard: string; validUntil?: Date | null }>
  sectors?: string[]
  employeeBand?: string | null
  exportMarkets?: string[]
  summary?: { vi?: string; en?: string }
  version: number
}

const SUMMARY_LENGTH = 220

/** The first words of a description for a card, cut at a word near SUMMARY_LENGTH characters. */
export function cardSummary(text: string | null | undefined): string {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim()
  if (clean.length <= SUMMARY_LENGTH) return clean
  const cut = clean.slice(0, SUMMARY_LENGTH)
  const space = cut.lastIndexOf(' ')
  return `${cut.slice(0, space > 120 ? space : SUMMARY_LENGTH)}…`
}

/** Point read: the card of one organisation, or null. */
export function findSupplierCard(organizationId: Types.ObjectId) {
  return SupplierCardDocument.findById(organizationId).lean<SupplierCardFields>()
}

/**
 * Writes cards, each by `_id` (FerretDB pushes only `{ _id }` filters down to SQLite). New
 * cards go in one unordered insert; existing ones are replaced one by one.
 */
export async function writeSupplierCards(
  cards: SupplierCardFields[],
  existing: ReadonlySet<string>,
): Promise<void> {
  const fresh = cards.filter((card) => !existing.has(card._id.toHexString()))
  const changed = cards.filter((card) => existing.has(card._id.toHexString()))
  if (fresh.length > 0) {
    try {
      await SupplierCardDocument.insertMany(fresh, { ordered: false, lean: true })
    } catch (error) {
      // Written meanwhile by another worker: replace those below.
      const writeErrors = (error as { writeErrors?: Array<{ index: number; code?: number }> })
        .writeErrors
      if (!writeErrors?.length || writeErrors.some((entry) => entry.code !== 11000)) throw error
      for (const entry of writeErrors) changed.push(fresh[entry.index]!)
    }
  }
  for (const card of changed) {
    await SupplierCardDocument.replaceOne({ _id: card._id }, card, { upsert: true })
  }
}

export async function deleteSupplierCards(organizationIds: Types.ObjectId[]): Promise<void> {
  for (const _id of organizationIds) await SupplierCardDocument.deleteOne({ _id })
}
