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

export async function maintenanceDone(name: string): Promise<boolean> {
  return Boolean(await MaintenanceMarker.exists({ _id: name }))
}

export async function markMaintenanceDone(name: string): Promise<void> {
  await MaintenanceMarker.replaceOne({ _id: name }, { _id: name, at: new Date() }, { upsert: true })
}
