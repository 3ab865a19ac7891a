import type { Locale } from '#models/i18n/index.ts'
import { findEventById, findEventBySlug } from '#models/events/event.ts'
import { isActive, participantOf, readEventIndex } from '#models/events/event-index.ts'
import { forbidden, hasOrganizationRole, requireActor, requireStaff } from './permissions.server.ts'

/** Who runs events: staff organisers, and staff admins (requireStaff lets admins through). */
export function requireOrganiser(request: Request) {
  return requireStaff(request, 'organiser')
}

const notFound = () => new Response('Not Found', { status: 404 })

/** The organiser's event, by id; any state. */
export async function requireStaffEvent(request: Request, eventId: string | undefined) {
  const actor = await requireOrganiser(request)
  const event = await findEventById(eventId ?? '')
  if (!event) throw notFound()
  return { actor, event }
}

/** A public event by slug: drafts exist only for organisers. */
export async function requirePublicEvent(slug: string | undefined) {
  const event = await findEventBySlug(slug ?? '')
  if (!event || event.state === 'draft') throw notFound()
  return event
}

/**
 * A member of a confirmed participant: one of its delegates, or its owner or admin. Everyone
 * else (another organisation, a pending or waitlisted one) is refused: the directory, the
 * requests and the agenda are the participants' own.
 */
export async function requireParticipant(request: Request, slug: string | undefined) {
  const actor = await requireActor(request)
  const event = await requirePublicEvent(slug)
  const index = await readEventIndex(event._id.toHexString())
  const participant = participantOf(index, actor.organization._id.toHexString())
  if (
    !isActive(participant) ||
    !(participant.delegates.includes(actor.userId) || hasOrganizationRole(actor, 'admin'))
  )
    forbidden()
  return { actor, event, index, participant }
}

export function localized(
  text: { vi?: string | null; en?: string | null } | null | undefined,
  locale: Locale,
) {
  return (locale === 'en' ? text?.en || text?.vi : text?.vi || text?.en) ?? ''
}
