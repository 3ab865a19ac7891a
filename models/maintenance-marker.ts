import { Schema } from 'mongoose'
import { defineModel } from './define-model.ts'

/**
 * One document per one-off data job that has finished (a backfill, a migration), keyed by the
 * job's name, so that it runs once per database and not at every start.
 */
export const MaintenanceMarker = defineModel(
  'MaintenanceMarker',
  new Schema({ _id: { type: String, required: true }, at: Date }, { versionKey: false }),
)

// Finished jobs, remembered per process. On globalThis: the server (tsx) and the Remix build
// each load this module, and a job finished by the one must count for the other.
const doneKey = Symbol.for('vsi-connect.maintenance-done')
const done = ((globalThis as Record<symbol, unknown>)[doneKey] ??= new Set()) as Set<string>

/** Whether the one-off job has finished on this database (a point read until it has). */
export async function maintenanceDone(name: string): Promise<boolean> {
  if (done.has(name)) return true
  if (!(await MaintenanceMarker.exists({ _id: name }))) return false
  done.add(name)
  return true
}

export async function markMaintenanceDone(name: string): Promise<void> {
  await MaintenanceMarker.replaceOne({ _id: name }, { _id: name, at: new Date() }, { upsert: true })
  done.add(name)
}

/** Forgets what this process remembers (tests that remove a marker). */
export function forgetMaintenanceDone(name: string): void {
  done.delete(name)
}

/**
 * What a start-up backfill takes: a signal checked between batches (SIGTERM stops it; every
 * backfill is idempotent, so the next start resumes it and only then is its marker written),
 * and callbacks for the log.
 */
export interface BackfillOptions {
  signal?: AbortSignal
  /** Called once when the backfill has work to do (its marker is not set). */
  onStart?: () => void
  /** Called every few hundred documents with how many have been handled. */
  onProgress?: (handled: number) => void
}
