import { isValidObjectId, type Types } from 'mongoose'
import { Session } from './session.ts'
import { mayManage, type OrganizationRole } from '#models/accounts/roles.ts'
import { User } from './user.ts'
import { queueOrganizationForSearch } from './email-verified.ts'

export { mayManage }

export type MembershipError = 'members.lastOwner' | 'members.notAllowed' | 'members.notFound'

async function ownerCount(organization: Types.ObjectId): Promise<number> {
  return User.countDocuments({ organization, organizationRole: 'owner' })
}

export async function changeMemberRole(input: {
  organization: Types.ObjectId
  actorRole: OrganizationRole
  targetUserId: string
  newRole: OrganizationRole
}): Promise<{ ok: true } | { ok: false; error: MembershipError }> {
  const target = await memberById(input.organization, input.targetUserId)
  if (!target) return { ok: false, error: 'members.notFound' }
  if (!mayManage(input.actorRole, target.organizationRole, input.newRole))
    return { ok: false, error: 'members.notAllowed' }
  if (
    target.organizationRole === 'owner' &&
    input.newRole !== 'owner' &&
    (await ownerCount(input.organization)) <= 1
  ) {
    return { ok: false, error: 'members.lastOwner' }
  }
  const previousRole = target.organizationRole
  await User.updateOne({ _id: target._id }, { $set: { organizationRole: input.newRole } })
  // No transactions: if two owners demoted each other at once, put this one back.
  if ((await ownerCount(input.organization)) === 0) {
    await User.updateOne({ _id: target._id }, { $set: { organizationRole: previousRole } })
    return { ok: false, error: 'members.lastOwner' }
  }
  return { ok: true }
}

export async function removeMember(input: {
  organization: Types.ObjectId
  actorRole: OrganizationRole
  targetUserId: string
}): Promise<{ ok: true; userId: string } | { ok: false; error: MembershipError }> {
  const target = await memberById(input.organization, input.targetUserId)
  if (!target) return { ok: false, error: 'members.notFound' }
  if (!mayManage(input.actorRole, target.organizationRole))
    return { ok: false, error: 'members.notAllowed' }
  if (target.organizationRole === 'owner' && (await ownerCount(input.organization)) <= 1) {
    return { ok: false, error: 'members.lastOwner' }
  }
  await User.deleteOne({ _id: target._id })
  await Session.deleteMany({ user: target._id })
  // The one member with a confirmed address may have left (the search bar's e-mail condition).
  await queueOrganizationForSearch(input.organization)
  return { ok: true, userId: target._id.toHexString() }
}

/** A member of the organisation by user id: a point read by `_id`, then the organisation checked. */
async function memberById(organization: Types.ObjectId, userId: string) {
  if (!isValidObjectId(userId)) return null
  const user = await User.findById(userId)
  return user?.organization.equals(organization) ? user : null
}
