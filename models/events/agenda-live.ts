import { Types } from 'mongoose'
import { Organization } from '#models/accounts/organization.ts'
import { roleAtLeast, type OrganizationRole } from '#models/accounts/roles.ts'
import { User } from '#models/accounts/user.ts'
import { findEventById } from './event.ts'
import { isActive, participantOf, readEventIndex } from './event-index.ts'

/**
 * Live agenda updates (Socket.IO): each participant of an event has one room,
 * `agenda:${eventId}:${org}`, which only the people who may open its agenda page join — its
 * delegates, and its owner or admins — checked against the database on every join. A change to a
 * meeting is sent to the rooms of its two participants only.
 */
export const agendaRoom = (eventId: string, org: string) => `agenda:${eventId}:${org}`

export type { AgendaChange } from '#models/chat/realtime-events.ts'

/** The room the user may join for this event, or null (not a participant's delegate or admin). */
export async function agendaRoomFor(eventId: string, userId: string): Promise<string | null> {
  if (!Types.ObjectId.isValid(eventId) || !Types.ObjectId.isValid(userId)) return null
  const [user, event] = await Promise.all([
    User.findById(userId, { organization: 1, organizationRole: 1 }).lean(),
    findEventById(eventId),
  ])
  if (!user?.organization || !event || event.state === 'draft') return null
  const organization = await Organization.findById(user.organization, { status: 1 }).lean()
  if (!organization || organization.status === 'suspended') return null
  const org = user.organization.toHexString()
  const participant = participantOf(await readEventIndex(eventId), org)
  if (!isActive(participant)) return null
  const isDelegate = participant!.delegates.includes(userId)
  const isAdmin = roleAtLeast((user.organizationRole ?? 'member') as OrganizationRole, 'admin')
  return isDelegate || isAdmin ? agendaRoom(eventId, org) : null
}

/** The delegates (e-mail, language) of the given participants of an event, for a change notice. */
export async function delegatesOf(eventId: string, orgs: readonly string[]) {
  const index = await readEventIndex(eventId)
  const recipients: Array<{ org: string; email: string; locale: string }> = []
  for (const org of orgs) {
    const participant = participantOf(index, org)
    if (!isActive(participant)) continue
    for (const delegate of participant.delegates) {
      const user = await User.findById(delegate, { email: 1, locale: 1 }).lean()
      if (user) recipients.push({ org, email: user.email, locale: user.locale ?? 'vi' })
    }
  }
  return recipients
}
