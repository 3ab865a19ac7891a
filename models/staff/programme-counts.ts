import { Schema } from 'mongoose'
import { Organization } from '../accounts/organization.ts'
import { User } from '../accounts/user.ts'
import { defineModel } from '../define-model.ts'

/**
 * The figures on the staff home page, counted in the background (job `staff-programme-counts`,
 * every 10 minutes) and kept in one document (`_id` = 'programme'), so the page is a point read
 * (decision 010): a count on FerretDB reads the whole collection, seconds at 100,000 suppliers.
 * A cached figure rather than counters kept on write: organisations and accounts are created
 * and removed on many paths (sign-up, invitations, imports, the seed's `insertMany`, deletions),
 * and a counter one of them forgets drifts for ever; a recount cannot drift, and staff read
 * these figures as an overview, where ten minutes of delay is said on the page.
 */
const programmeCountsSchema = new Schema(
  {
    _id: { type: String, required: true },
    suppliers: { type: Number, required: true },
    buyers: { type: Number, required: true },
    users: { type: Number, required: true },
    countedAt: { type: Date, required: true },
  },
  { versionKey: false },
)
export const ProgrammeCounts = defineModel('ProgrammeCounts', programmeCountsSchema)
const PROGRAMME = 'programme'
export const PROGRAMME_COUNTS_EVERY_MS = 10 * 60 * 1000

export interface ProgrammeFigures {
  suppliers: number
  buyers: number
  users: number
  countedAt: Date
}

/** Counts the organisations by kind and the accounts (three scans, background), and stores them. */
export async function refreshProgrammeCounts(): Promise<ProgrammeFigures> {
  const [suppliers, buyers, users] = await Promise.all([
    Organization.countDocuments({ kind: 'supplier' }),
    Organization.countDocuments({ kind: 'buyer' }),
    User.countDocuments(),
  ])
  const figures = { suppliers, buyers, users, countedAt: new Date() }
  await ProgrammeCounts.replaceOne({ _id: PROGRAMME }, figures, { upsert: true })
  return figures
}

/** The last counted figures (a point read), or null before the first count has run. */
export async function programmeCounts(): Promise<ProgrammeFigures | null> {
  const stored = await ProgrammeCounts.findById(PROGRAMME).lean()
  if (!stored) return null
  const { suppliers, buyers, users, countedAt } = stored
  return { suppliers, buyers, users, countedAt }
}
