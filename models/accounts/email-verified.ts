import type { Types } from 'mongoose'
import { maintenanceDone } from '../maintenance-marker.ts'
import { enqueueSearchChanges } from '../profiles/search-outbox.ts'
import { Organization } from './organization.ts'
import { OrganizationMemberKey, MEMBER_KEYS_MAX } from './organization-members.ts'
import { ORGANIZATION_MEMBER_KEYS_MARKER, User } from './user.ts'

/**
 * The e-mail condition of the search bar (search/profile-bar.ts), read where the index is built:
 *
 * - `true`: a member of the organisation has confirmed their e-mail address;
 * - `false`: it has members and none has;
 * - `undefined`: it has no member at all, i.e. a firm the programme imported that nobody has
 *   claimed yet (models/staff/import.ts). Its data came from the programme's own list, not from
 *   a sign-up, so the condition is not held against it; claiming it makes the claimant a
 *   member whose address the claim link verified.
 */
export type MemberEmailVerification = boolean | undefined

/**
 * One organisation's state, by point reads: its member keys in order (`<org>#0`, `#1`, …) and
 * each member by `_id`, stopping at the first confirmed address (usually the owner: two reads).
 * Before the member keys are backfilled (start-up), an organisation without keys is read by a
 * filter on the user collection's `organization` index instead.
 */
export async function memberEmailVerification(
  organizationId: Types.ObjectId | string,
): Promise<MemberEmailVerification> {
  const org = String(organizationId)
  let members = 0
  for (let slot = 0; slot < MEMBER_KEYS_MAX; slot += 1) {
    const key = await OrganizationMemberKey.findById(`${org}#${slot}`).lean()
    if (!key) break
    const user = await User.findById(key.user, { organization: 1, emailVerifiedAt: 1 }).lean()
    // A stale key (the member left or moved) names someone else's account.
    if (!user || String(user.organization) !== org) continue
    if (user.emailVerifiedAt) return true
    members += 1
  }
  if (members > 0) return false
  if (await maintenanceDone(ORGANIZATION_MEMBER_KEYS_MARKER)) return undefined
  const users = await User.find({ organization: org }, { emailVerifiedAt: 1 }).limit(50).lean()
  if (users.length === 0) return undefined
  return users.some((user) => Boolean(user.emailVerifiedAt))
}

/**
 * Every organisation's state at once, for a full rebuild or a reconcile: one cursor over the
 * user collection (background jobs only). Look an organisation up with `stateOf`.
 */
export async function memberEmailVerifications(): Promise<{
  stateOf(organizationId: string): MemberEmailVerification
}> {
  const withMembers = new Set<string>()
  const verified = new Set<string>()
  const cursor = User.find({}, { organization: 1, emailVerifiedAt: 1 }).lean().cursor()
  for await (const user of cursor) {
    const org = String(user.organization)
    withMembers.add(org)
    if (user.emailVerifiedAt) verified.add(org)
  }
  return {
    stateOf: (org) => (verified.has(org) ? true : withMembers.has(org) ? false : undefined),
  }
}

/**
 * After a member's address was confirmed (verification link, change of address, password
 * reset) or a member left: the organisation may have crossed the search bar's e-mail
 * condition, so a supplier goes through the search outbox again. A point read of the
 * organisation first: buyers are not indexed.
 */
export async function queueOrganizationForSearch(
  organizationId: Types.ObjectId | string | null | undefined,
): Promise<void> {
  if (!organizationId) return
  const organization = await Organization.findById(organizationId, { kind: 1 }).lean()
  if (organization?.kind !== 'supplier') return
  // An outbox entry by organisation: the worker finds the profile by point reads (search/sync.ts).
  await enqueueSearchChanges([{ organization: organization._id }])
}

/** The same, from the user whose address was just confirmed. */
export async function queueUserOrganizationForSearch(userId: Types.ObjectId): Promise<void> {
  const user = await User.findById(userId, { organization: 1 }).lean()
  await queueOrganizationForSearch(user?.organization)
}
