import { createHash } from 'node:crypto'
import { Schema, Types } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import { User } from './user.ts'

/**
 * Two-step codes are single use (RFC 6238 §5.2): a code accepted for a user's time step can
 * never be accepted again, nor any code of an earlier step. `User.totp.lastStep` remembers the
 * newest step; the race of two requests with the same code is settled by the insert of a
 * document whose `_id` is derived from (user, step): the primary key lets one through
 * (docs/decisions/002-ferretdb.md). Documents expire once their step is out of every window.
 */
const usedTotpStepSchema = new Schema(
  { expiresAt: { type: Date, required: true } },
  { versionKey: false },
)

export const UsedTotpStep = defineModel('UsedTotpStep', usedTotpStepSchema)

function stepId(userId: string, step: number): Types.ObjectId {
  const digest = createHash('sha256').update(`totp\0${userId}\0${step}`).digest()
  return new Types.ObjectId(digest.subarray(0, 12))
}

/** Claims a step for a user: false when it (or a later one) was used already. */
export async function claimTotpStep(userId: string, step: number, now = new Date()) {
  const user = await User.findById(userId, { 'totp.lastStep': 1 }).lean()
  const last = user?.totp?.lastStep
  if (typeof last === 'number' && step <= last) return false
  try {
    await UsedTotpStep.create({
      _id: stepId(userId, step),
      expiresAt: new Date(now.getTime() + 10 * 60 * 1000),
    })
  } catch (error) {
    if (isDuplicateKeyServerError(error)) return false
    throw error
  }
  await User.updateOne({ _id: userId }, { $max: { 'totp.lastStep': step } })
  return true
}
