import { Schema } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'

/**
 * Who runs a background job, across app nodes (decision 016).
 *
 * FerretDB 1.24 has no transactions and its `findOneAndUpdate` is not atomic (it reads, then
 * writes the whole document back), so a lease is never taken by updating a shared document.
 * It is taken by inserting a new one: `_id` = `${job}:${generation}`. The node whose insert of
 * generation g+1 succeeds holds the job; every other insert of that `_id` fails on the unique
 * `_id`. Only the holder ever updates its own document (renewal, run times), so the non-atomic
 * write-back of FerretDB cannot lose another node's write. A lease whose `expiresAt` has passed
 * is taken over by inserting the next generation; the old holder, before each renewal, reads
 * the next generation's `_id` and stops when it exists (a fencing generation).
 *
 * Every read is a point read by `_id`, except one small query per job at start-up (this
 * collection keeps two documents per job: the new holder deletes older generations).
 */
const jobLeaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    job: { type: String, required: true },
    generation: { type: Number, required: true },
    node: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    /** When the last run started and ended (carried over to the next generation). */
    lastStartedAt: { type: Date, default: null },
    lastFinishedAt: { type: Date, default: null },
    lastFailedAt: { type: Date, default: null },
    /** Runs by this generation's holder. */
    runs: { type: Number, default: 0 },
  },
  { versionKey: false },
)

export const JobLease = defineModel('JobLease', jobLeaseSchema)

export interface JobLeaseRecord {
  _id: string
  job: string
  generation: number
  node: string
  expiresAt: Date
  lastStartedAt: Date | null
  lastFinishedAt: Date | null
  lastFailedAt: Date | null
  runs: number
}

export const leaseId = (job: string, generation: number) => `${job}:${generation}`

/** The highest generation of a job's lease, by one query on this small collection. */
export async function latestLeaseGeneration(job: string): Promise<number> {
  const leases = await JobLease.find({ job }, { generation: 1 }).lean<
    Array<{ generation: number }>
  >()
  return leases.reduce((highest, lease) => Math.max(highest, lease.generation), 0)
}

export async function readLease(job: string, generation: number): Promise<JobLeaseRecord | null> {
  if (generation < 1) return null
  return JobLease.findById(leaseId(job, generation)).lean<JobLeaseRecord>()
}

/**
 * The current lease: from a known generation, point reads forward until the next one is
 * missing. Returns null when the job never had a lease.
 */
export async function currentLease(
  job: string,
  knownGeneration: number,
): Promise<JobLeaseRecord | null> {
  let current = await readLease(job, knownGeneration)
  for (;;) {
    const next = await readLease(job, (current?.generation ?? knownGeneration) + 1)
    if (!next) return current
    current = next
  }
}

/**
 * Takes the job by inserting the generation after `previous` (or the first). Returns the new
 * lease, or null when another node inserted it first.
 */
export async function takeLease(input: {
  job: string
  node: string
  previous: JobLeaseRecord | null
  expiresAt: Date
  /** For a job never run before: when its "last run" counts as started (null: due at once). */
  firstStartedAt: Date | null
}): Promise<JobLeaseRecord | null> {
  const { previous } = input
  const generation = (previous?.generation ?? 0) + 1
  const lease: JobLeaseRecord = {
    _id: leaseId(input.job, generation),
    job: input.job,
    generation,
    node: input.node,
    expiresAt: input.expiresAt,
    lastStartedAt: previous ? previous.lastStartedAt : input.firstStartedAt,
    lastFinishedAt: previous ? previous.lastFinishedAt : input.firstStartedAt,
    lastFailedAt: previous?.lastFailedAt ?? null,
    runs: 0,
  }
  try {
    await JobLease.create(lease)
  } catch (error) {
    if (isDuplicateKeyServerError(error)) return null
    throw error
  }
  // Older generations are history: keep the previous one, remove the one before (by `_id`).
  if (generation > 2) await JobLease.deleteOne({ _id: leaseId(input.job, generation - 2) })
  return lease
}

/** The holder's own write to its lease (renewal, run times): by `_id`, only by the holder. */
export async function updateLease(
  lease: JobLeaseRecord,
  changes: Partial<
    Pick<JobLeaseRecord, 'expiresAt' | 'lastStartedAt' | 'lastFinishedAt' | 'lastFailedAt' | 'runs'>
  >,
): Promise<void> {
  Object.assign(lease, changes)
  await JobLease.updateOne({ _id: lease._id }, { $set: changes })
}

/** Whether another node has taken the job since this generation (fencing). */
export async function leaseSuperseded(lease: JobLeaseRecord): Promise<boolean> {
  return (await readLease(lease.job, lease.generation + 1)) !== null
}
