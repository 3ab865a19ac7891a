/**
 * Roles and the rules between them, browser-safe (no database code): the member list shows
 * only the buttons the server will accept. The server enforces the same functions.
 */
export const organizationRoles = ['owner', 'admin', 'member'] as const
export type OrganizationRole = (typeof organizationRoles)[number]
export const staffRoles = ['admin', 'verifier', 'organiser'] as const
export type StaffRole = (typeof staffRoles)[number]

const roleRank: Record<OrganizationRole, number> = { member: 0, admin: 1, owner: 2 }

export function roleAtLeast(role: OrganizationRole, minimum: OrganizationRole): boolean {
  return roleRank[role] >= roleRank[minimum]
}

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

/** Vietnamese enterprise tax code (MST): 10 digits, or 10 digits, dash, 3 digits for a branch. */
export const TAX_CODE_PATTERN = /^\d{10}(-\d{3})?$/
