import { createHash, randomBytes } from 'node:crypto'
import { Schema, Types } from 'mongoose'
import { defineModel } from '../define-model.ts'

/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser
 * that has signed in to an account gets a random token; failures from elsewhere never lock it
 * out of that account. Only a hash is stored, as the `_id` (the one filter FerretDB answers
 * from an index), with its user and expiry; `purgeExpired` removes old ones.
 */
export const DEVICE_COOKIE = 'vsi_device'
export const DEVICE_LIFETIME_MS = 180 * 24 * 60 * 60 * 1000

const trustedDeviceSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
)

export const TrustedDevice = defineModel('TrustedDevice', trustedDeviceSchema)

function deviceId(token: string): Types.ObjectId {
  return new Types.ObjectId(
    createHash('sha256').update(`device\0${token}`).digest().subarray(0, 12),
  )
}

/** A new device token for a user who just signed in; the one the browser had is replaced. */
export async function issueDeviceToken(userId: Types.ObjectId, previous?: string) {
  if (previous) await TrustedDevice.deleteOne({ _id: deviceId(previous) })
  const token = randomBytes(32).toString('base64url')
  await TrustedDevice.create({
    _id: deviceId(token),
    user: userId,
    expiresAt: new Date(Date.now() + DEVICE_LIFETIME_MS),
  })
  return token
}

/** The device's id when the token is a live one of this user, else null. */
export async function trustedDeviceOf(
  token: string | undefined,
  userId: Types.ObjectId | undefined,
): Promise<string | null> {
  if (!token || !userId || token.length > 100) return null
  const device = await TrustedDevice.findById(deviceId(token)).lean()
  if (!device || !device.user.equals(userId) || device.expiresAt <= new Date()) return null
  return device._id.toHexString()
}
