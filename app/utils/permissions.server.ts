import { redirect } from '@remix-run/node'
import { Organization } from '#models/accounts/organization.ts'
import { findLiveSession } from '#models/accounts/session.ts'
import { roleAtLeast, User, type OrganizationRole, type StaffRole } from '#models/accounts/user.ts'
import { safeRedirect } from './safe-redirect.ts'
import { readCookie, SESSION_COOKIE, sessionIdFromRequest } from './session.server.ts'

/**
 * The one permission module. Everything that decides who may do what lives here and is used
 * by loaders, actions and socket events alike: `get*` returns null, `require*` throws a
 * redirect (not signed in) or a 403 (signed in, not allowed).
 */
export interface Actor {
  userId: string
  sessionIdHash: string
  user: NonNullable<Awaited<ReturnType<typeof loadUser>>>
  organization: NonNullable<Awaited<ReturnType<typeof loadOrganization>>>
  /** Signed in with every factor the account requires. */
  complete: boolean
}

function loadUser(id: unknown) {
  return User.findById(id)
}
function loadOrganization(id: unknown) {
  return Organization.findById(id)
}

export function needsSecondFactor(user: {
  staffRoles?: string[]
  totp?: { secret?: string | null } | null
}): boolean {
  return Boolean(user.totp?.secret) || (user.staffRoles?.length ?? 0) > 0
}

export async function actorFromSessionId(sessionId: string | undefined): Promise<Actor | null> {
  if (!sessionId) return null
  const session = await findLiveSession(sessionId)
  if (!session) return null
  const user = await loadUser(session.user)
  if (!user) return null
  const organization = await loadOrganization(user.organization)
  if (!organization) return null
  return {
    userId: user._id.toHexString(),
    sessionIdHash: session.idHash,
    user,
    organization,
    complete: session.secondFactorDone || !needsSecondFactor(user),
  }
}

/**
 * A member of an organisation staff suspended (models/staff/moderation.ts) may not act: the
 * acting helpers below send them to the page that says why; optional reads treat them as
 * signed out; sockets stay anonymous. Staff accounts are never held back.
 */
export function isSuspended(actor: Actor): boolean {
  return actor.organization.status === 'suspended' && !hasStaffRole(actor)
}

export const SUSPENDED_PATH = '/suspended'

/** For the Socket.IO handshake: the same session cookie, the same checks. */
export async function actorFromCookieHeader(
  cookieHeader: string | undefined,
): Promise<Actor | null> {
  const actor = await actorFromSessionId(readCookie(cookieHeader, SESSION_COOKIE))
  return actor && !isSuspended(actor) ? actor : null
}

/** The signed-in actor with every factor done, or null (also for a suspended organisation). */
export async function getActor(request: Request): Promise<Actor | null> {
  const actor = await actorFromSessionId(sessionIdFromRequest(request))
  return actor?.complete && !isSuspended(actor) ? actor : null
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url)
  const back = safeRedirect(`${url.pathname}${url.search}`)
  throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`)
}

export function forbidden(): never {
  throw new Response('Forbidden', { status: 403 })
}

export async function requireActor(request: Request): Promise<Actor> {
  const actor = await actorFromSessionId(sessionIdFromRequest(request))
  if (!actor) loginRedirect(request)
  if (!actor.complete) {
    // Password accepted, second factor outstanding (or not yet set up, for staff).
    throw redirect(actor.user.totp?.secret ? '/login/two-factor' : '/account/two-factor')
  }
  if (isSuspended(actor)) throw redirect(SUSPENDED_PATH)
  return actor
}

/** For the two-factor pages: signed in with the password, second factor possibly outstanding. */
export async function requirePasswordActor(request: Request): Promise<Actor> {
  const actor = await actorFromSessionId(sessionIdFromRequest(request))
  if (!actor) loginRedirect(request)
  return actor
}

export async function requireAnonymous(request: Request): Promise<void> {
  if (await getActor(request)) throw redirect('/account')
}

export function hasOrganizationRole(actor: Actor, minimum: OrganizationRole): boolean {
  return roleAtLeast(actor.user.organizationRole, minimum)
}

export async function requireOrganizationRole(
  request: Request,
  minimum: OrganizationRole,
): Promise<Actor> {
  const actor = await requireActor(request)
  if (!hasOrganizationRole(actor, minimum)) forbidden()
  return actor
}

export function hasStaffRole(actor: Actor, role?: StaffRole): boolean {
  const roles = actor.user.staffRoles as StaffRole[]
  if (role === undefined) return roles.length > 0
  return roles.includes(role) || roles.includes('admin')
}

/** Staff with this role (admins may do everything staff may do). */
export async function requireStaff(request: Request, role?: StaffRole): Promise<Actor> {
  const actor = await requireActor(request)
  if (!hasStaffRole(actor, role)) forbidden()
  return actor
}
