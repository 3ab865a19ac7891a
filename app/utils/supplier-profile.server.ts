import { forbidden, requireOrganizationRole, type Actor } from './permissions.server.ts'

/** Any member of a supplier organisation edits its profile; nobody else does. */
export async function requireSupplierEditor(request: Request): Promise<Actor> {
  const actor = await requireOrganizationRole(request, 'member')
  if (actor.organization.kind !== 'supplier') forbidden()
  return actor
}
