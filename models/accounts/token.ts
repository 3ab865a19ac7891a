import crypto from 'node:crypto'
import { Schema, Types } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import { inLane } from '../chat/chat-lanes.ts'
import {
  maintenanceDone,
  markMaintenanceDone,
  type BackfillOptions,
} from '../maintenance-marker.ts'
import { hashSecret } from './session.ts'

export const tokenPurposes = [
  'verify-email',
  'reset-password',
  'change-email',
  'invitation',
] as const
export type TokenPurpose = (typeof tokenPurposes)[number]

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  'verify-email': 48 * 60 * 60 * 1000,
  'reset-password': 60 * 60 * 1000,
  'change-email': 24 * 60 * 60 * 1000,
  invitation: 7 * 24 * 60 * 60 * 1000,
}

const tokenSchema = new Schema({
  tokenHash: { type: String, required: true, unique: true },
  purpose: { type: String, enum: tokenPurposes, required: true },
  email: { type: String, required: true, lowercase: true },
  user: { type: Schema.Types.ObjectId, ref: 'User', index: true },
  organization: { type: Schema.Types.ObjectId, ref: 'Organization', index: true },
  role: String,
  invitedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  usedAt: Date,
})

export const OneTimeToken = defineModel('OneTimeToken', tokenSchema)

/**
 * A token's `_id` is derived from its hash (the first 96 bits, as for sessions), so reading a
 * link is a point read by `_id`: `{ tokenHash }` reads the whole token collection on FerretDB
 * (decision 010). The full hash is compared after the read.
 */
export function tokenObjectId(tokenHash: string): Types.ObjectId {
  return new Types.ObjectId(tokenHash.slice(0, 24))
}

/**
 * Tokens issued before derived ids keep a random `_id`; a key document per such token (`_id` =
 * its hash → the token's id), written once by the start-up backfill, finds them by `_id` until
 * they expire (seven days at most). Until the backfill has finished, a token not found by its
 * derived id is looked up by its hash (a scan), as before.
 */
const legacyTokenKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    token: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false },
)
export const LegacyTokenKey = defineModel('LegacyTokenKey', legacyTokenKeySchema)
export const LEGACY_TOKEN_KEYS_MARKER = 'legacy-token-keys'

/** Writes a key for every token whose `_id` is not derived from its hash (one cursor). */
export async function backfillLegacyTokenKeys(options: BackfillOptions = {}): Promise<number> {
  if (await maintenanceDone(LEGACY_TOKEN_KEYS_MARKER)) return 0
  options.signal?.throwIfAborted()
  options.onStart?.()
  let written = 0
  for await (const token of OneTimeToken.find({}, { tokenHash: 1 }).lean().cursor()) {
    options.signal?.throwIfAborted()
    if (token._id.equals(tokenObjectId(token.tokenHash))) continue
    await LegacyTokenKey.updateOne(
      { _id: token.tokenHash },
      { $set: { token: token._id } },
      { upsert: true },
    )
    written += 1
    if (written % 500 === 0) options.onProgress?.(written)
  }
  await markMaintenanceDone(LEGACY_TOKEN_KEYS_MARKER)
  return written
}

export async function issueToken(input: {
  purpose: TokenPurpose
  email: string
  user?: Types.ObjectId
  organization?: Types.ObjectId
  role?: string
  invitedBy?: Types.ObjectId
}): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url')
  const now = new Date()
  const tokenHash = hashSecret(token)
  const created = await OneTimeToken.create({
    ...input,
    _id: tokenObjectId(tokenHash),
    tokenHash,
    createdAt: now,
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[input.purpose]),
  })
  if (input.purpose === 'invitation' && input.organization) {
    await listInvitation(input.organization, created._id)
  }
  return token
}

/**
 * A key document per organisation listing its invitations' token ids (`_id` = the
 * organisation's id), so the members page reads them by `_id` (decision 010; `{ organization }`
 * reads the whole token collection on FerretDB). Added to when an invitation is issued, pruned
 * of used, expired and deleted ones when read; built once for older invitations by the
 * start-up backfill, and read from the record until then.
 */
const invitationListSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    tokens: { type: [Schema.Types.ObjectId], default: [] },
  },
  { versionKey: false },
)
export const InvitationList = defineModel('InvitationList', invitationListSchema)
export const INVITATION_LISTS_MARKER = 'invitation-lists'

function listInvitation(organizationId: Types.ObjectId, tokenId: Types.ObjectId) {
  return inLane(`invitation-list:${String(organizationId)}`, () =>
    InvitationList.updateOne(
      { _id: organizationId },
      { $addToSet: { tokens: tokenId } },
      { upsert: true },
    ),
  )
}

/** Lists every invitation in its organisation's list (one cursor), then records it is done. */
export async function backfillInvitationLists(options: BackfillOptions = {}): Promise<number> {
  if (await maintenanceDone(INVITATION_LISTS_MARKER)) return 0
  options.signal?.throwIfAborted()
  options.onStart?.()
  let listed = 0
  for await (const token of OneTimeToken.find({ purpose: 'invitation' }, { organization: 1 })
    .lean()
    .cursor()) {
    options.signal?.throwIfAborted()
    if (!token.organization) continue
    await listInvitation(token.organization, token._id)
    listed += 1
    if (listed % 500 === 0) options.onProgress?.(listed)
  }
  await markMaintenanceDone(INVITATION_LISTS_MARKER)
  return listed
}

/** The token with this hash, whatever its state, by `_id` (see tokenObjectId), or null. */
async function findTokenByHash(tokenHash: string) {
  const derived = await OneTimeToken.findById(tokenObjectId(tokenHash))
  if (derived) return derived.tokenHash === tokenHash ? derived : null
  // Issued before derived ids: through its key once the backfill has run, else by the record.
  if (!(await maintenanceDone(LEGACY_TOKEN_KEYS_MARKER))) {
    return OneTimeToken.findOne({ tokenHash })
  }
  const key = await LegacyTokenKey.findById(tokenHash).lean()
  if (!key) return null
  const legacy = await OneTimeToken.findById(key.token)
  return legacy?.tokenHash === tokenHash ? legacy : null
}

/** Reads a token without using it (to show a form), or null when unknown, used or expired. */
export async function peekToken(purpose: TokenPurpose, token: string) {
  if (!token || token.length > 100) return null
  const found = await findTokenByHash(hashSecret(token))
  if (!found || found.purpose !== purpose || found.usedAt) return null
  return found.expiresAt.getTime() > Date.now() ? found : null
}

/**
 * Records that a token was used. A unique index makes the insert the one atomic step: on
 * FerretDB 1.24 `findOneAndUpdate` is not atomic (two concurrent calls both matched
 * `usedAt: null` and both succeeded — models/maintenance.test.ts), while a unique insert is
 * refused for the second caller on MongoDB and FerretDB alike.
 */
const tokenRedemptionSchema = new Schema({
  /** The token's hash (earlier redemptions have an ObjectId and only `tokenHash`). */
  _id: { type: String },
  tokenHash: { type: String, required: true, unique: true },
  at: { type: Date, required: true },
})
export const TokenRedemption = defineModel('TokenRedemption', tokenRedemptionSchema)

/** Uses a token once: of any number of concurrent uses, exactly one gets the token back. */
export async function consumeToken(purpose: TokenPurpose, token: string) {
  const found = await peekToken(purpose, token)
  if (!found) return null
  const at = new Date()
  try {
    await TokenRedemption.create({ _id: found.tokenHash, tokenHash: found.tokenHash, at })
  } catch (error) {
    if (isDuplicateKeyServerError(error)) return null
    throw error
  }
  await OneTimeToken.updateOne({ _id: found._id }, { $set: { usedAt: at } })
  found.usedAt = at
  return found
}

/** Gives a used token back (when what it was used for could not be completed). */
export async function releaseToken(tokenId: Types.ObjectId): Promise<void> {
  const token = await OneTimeToken.findById(tokenId)
  if (!token) return
  const released = await TokenRedemption.deleteOne({ _id: token.tokenHash })
  // A redemption recorded before redemptions were keyed by hash (rare: a scan).
  if (!released.deletedCount) await TokenRedemption.deleteOne({ tokenHash: token.tokenHash })
  await OneTimeToken.updateOne({ _id: tokenId }, { $unset: { usedAt: 1 } })
}

/** The organisation's invitations not used and not expired (the members page lists them). */
export async function openInvitationsOf(organizationId: Types.ObjectId) {
  if (!(await maintenanceDone(INVITATION_LISTS_MARKER))) {
    return OneTimeToken.find({
      organization: organizationId,
      purpose: 'invitation',
      usedAt: null,
      expiresAt: { $gt: new Date() },
    })
  }
  const list = await InvitationList.findById(organizationId).lean()
  const ids = list?.tokens ?? []
  const found = await Promise.all(ids.map((id) => OneTimeToken.findById(id)))
  const now = Date.now()
  const open = found.filter(
    (token): token is NonNullable<typeof token> =>
      token !== null &&
      token.purpose === 'invitation' &&
      String(token.organization) === String(organizationId) &&
      !token.usedAt &&
      token.expiresAt.getTime() > now,
  )
  // Used, expired or deleted invitations leave the list (a point write, in this process's lane).
  const closed = ids.filter((id) => !open.some((token) => token._id.equals(id)))
  if (closed.length > 0) {
    await inLane(`invitation-list:${String(organizationId)}`, async () => {
      const current = await InvitationList.findById(organizationId).lean()
      if (!current) return
      const kept = current.tokens.filter((id) => !closed.some((gone) => gone.equals(id)))
      await InvitationList.updateOne({ _id: organizationId }, { $set: { tokens: kept } })
    })
  }
  return open
}

/** Deletes one of the organisation's invitations; false when it has no such invitation. */
export async function revokeInvitation(
  organizationId: Types.ObjectId,
  invitationId: Types.ObjectId | string,
): Promise<boolean> {
  if (!Types.ObjectId.isValid(invitationId)) return false
  // Read by `_id`, checked here: a filter beside `_id` reads every token on FerretDB.
  const invitation = await OneTimeToken.findById(invitationId, { organization: 1, purpose: 1 })
  if (invitation?.purpose !== 'invitation' || !invitation.organization?.equals(organizationId)) {
    return false
  }
  const revoked = await OneTimeToken.deleteOne({ _id: invitation._id })
  return Boolean(revoked.deletedCount)
}
