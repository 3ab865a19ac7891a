import type { Types } from 'mongoose'
import { Session } from './session.ts'
import { roleAtLeast, User, type OrganizationRole } from './user.ts'

export type MembershipError = 'members.lastOwner' | 'members.notAllowed' | 'members.notFound'

/**
 * Who may change whom: owners change anyone; admins change members and admins but never an
 * owner, and cannot make anyone owner; members change nobody.
 */
export function mayManage(
  actorRole: OrganizationRole,
  targetRole: OrganizationRole,
  newRole?: OrganizationRole,
): boolean {
  if (!roleAtLeast(actorRole, 'admin')) return false
  if (actorRole === 'owner') return true
  return targetRole !== 'owner' && newRole !== 'owner'
}

async function ownerCount(organization: Types.ObjectId): Promise<number> {
  return User.countDocuments({ organization, organizationRole: 'owner' })
}

export async function changeMemberRole(input: {
  organization: Types.ObjectId
  actorRole: OrganizationRole
  targetUserId: string
  newRole: OrganizationRole
}): Promise<{ ok: true } | { ok: false; error: MembershipError }> {
  const target = await User.findOne({ _id: input.targetUserId, organization: input.organization })
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
  const target = await User.findOne({ _id: input.targetUserId, organization: input.organization })
  if (!target) return { ok: false, error: 'members.notFound' }
  if (!mayManage(input.actorRole, target.organizationRole))
    return { ok: false, error: 'members.notAllowed' }
  if (target.organizationRole === 'owner' && (await ownerCount(input.organization)) <= 1) {
    return { ok: false, error: 'members.lastOwner' }
  }
  await User.deleteOne({ _id: target._id })
  await Session.deleteMany({ user: target._id })
  return { ok: true, userId: target._id.toHexString() }
}
