import { Schema, type Types } from 'mongoose'
import { defineModel } from '../define-model.ts'

const bilingualText = { vi: { type: String, default: '' }, en: { type: String, default: '' } }

/** What a buyer or investor looks for: it lets suppliers and staff see who is sourcing what. */
const buyerProfileSchema = new Schema(
  {
    organization: {
      type: Schema.Types.ObjectId,
      ref: 'Organization',
      required: true,
      unique: true,
    },
    buyerType: String,
    headquartersCountry: String,
    employeeBand: String,
    industries: [String],
    sourcingProcesses: [String],
    sourcingMaterials: [String],
    sourcingInterests: bilingualText,
    investmentSectors: [String],
    investmentProvinces: [String],
  },
  { timestamps: true },
)

export const BuyerProfile = defineModel('BuyerProfile', buyerProfileSchema)

export async function buyerProfileFor(organizationId: Types.ObjectId) {
  return (
    (await BuyerProfile.findOne({ organization: organizationId })) ??
    (await BuyerProfile.findOneAndUpdate(
      { organization: organizationId },
      { $setOnInsert: { organization: organizationId } },
      { upsert: true, returnDocument: 'after' },
    ))!
  )
}

export async function saveBuyerProfile(
  organizationId: Types.ObjectId,
  values: Record<string, unknown>,
): Promise<void> {
  const set: Record<string, unknown> = {}
  const unset: Record<string, 1> = {}
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === '') unset[key] = 1
    else set[key] = value
  }
  await BuyerProfile.updateOne(
    { organization: organizationId },
    { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
    { upsert: true },
  )
}
