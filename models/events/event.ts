import { Schema, Types } from 'mongoose'
import { makeSlug } from '../accounts/organization.ts'
import { defineModel } from '../define-model.ts'
import { claimKey, EventKey, withEventLock } from './event-key.ts'
import {
  eligibilities,
  eventKinds,
  eventStates,
  generateSlots,
  nextState,
  sameSlots,
  scheduleIsPublished,
  type EventSettings,
  type EventState,
  type Side,
} from './event-schemas.ts'

const bilingualText = { vi: { type: String, default: '' }, en: { type: String, default: '' } }

/** A matchmaking event: settings and lifecycle. Few per year: listed with one small find. */
const eventSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    title: bilingualText,
    description: bilingualText,
    kind: { type: String, enum: eventKinds, required: true },
    venue: String,
    address: String,
    province: String,
    days: [{ _id: false, date: String, sessions: String, breaks: String }],
    meetingMinutes: { type: Number, required: true },
    tables: { type: Number, required: true },
    eligibility: { type: String, enum: eligibilities, required: true },
    sectors: [String],
    capacitySuppliers: { type: Number, required: true },
    capacityBuyers: { type: Number, required: true },
    registrationCloses: String,
    requestsClose: String,
    approvalRequired: { type: Boolean, default: false },
    languages: [{ _id: false, code: String, interpreters: Number }],
    feeVnd: { type: Number, default: 0 },
    requestCap: { type: Number, default: 10 },
    priorityCap: { type: Number, default: 3 },
    roomUrl: String,
    state: { type: String, enum: eventStates, default: 'draft', required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
)

export const Event = defineModel('Event', eventSchema)
export type EventDocument = NonNullable<Awaited<ReturnType<typeof findEventById>>>

export async function findEventById(id: string) {
  if (!Types.ObjectId.isValid(id) || String(new Types.ObjectId(id)) !== id) return null
  return Event.findById(id).lean()
}

/** Slug → id through its key document: a point read, never a filter on the collection. */
export async function findEventBySlug(slug: string) {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null
  const key = await EventKey.findById(`slug:${slug}`).lean()
  return key?.ref ? findEventById(key.ref) : null
}

/** Every event, newest first: events are few (tens a year), so one find is fine. */
export async function listEvents() {
  return Event.find().sort({ createdAt: -1 }).limit(500).lean()
}

export async function createEvent(settings: EventSettings, createdBy: Types.ObjectId) {
  const _id = new Types.ObjectId()
  let slug = makeSlug(settings.title.en || settings.title.vi)
  while (!(await claimKey(`slug:${slug}`, _id.toHexString()))) slug = makeSlug(slug)
  await Event.create({ _id, ...settings, slug, createdBy, state: 'draft' })
  return { id: _id.toHexString(), slug }
}

export type EventUpdateError = 'events.error.slotsPublished' | 'events.error.notFound'

/** Saves new settings; the slots of a published schedule may not change (its meetings sit in them). */
export async function updateEvent(
  eventId: string,
  settings: EventSettings,
): Promise<{ ok: true } | { ok: false; error: EventUpdateError }> {
  return withEventLock(eventId, async () => {
    const event = await findEventById(eventId)
    if (!event) return { ok: false, error: 'events.error.notFound' }
    if (scheduleIsPublished(event.state)) {
      const before = generateSlots(event.days, event.meetingMinutes)
      const after = generateSlots(settings.days, settings.meetingMinutes)
      if (!sameSlots(before, after) || settings.tables < event.tables)
        return { ok: false, error: 'events.error.slotsPublished' }
    }
    await Event.updateOne({ _id: eventId }, { $set: settings })
    return { ok: true }
  })
}

export type LifecycleError = 'events.error.transition' | 'events.error.notFound'

/** Moves the event one step on, or cancels it. Publishing goes through publishSchedule. */
export async function changeEventState(
  eventId: string,
  to: EventState,
): Promise<{ ok: true } | { ok: false; error: LifecycleError }> {
  return withEventLock(eventId, async () => {
    const event = await findEventById(eventId)
    if (!event) return { ok: false, error: 'events.error.notFound' }
    const allowed =
      to === 'cancelled'
        ? event.state !== 'closed' && event.state !== 'cancelled'
        : nextState[event.state] === to && to !== 'schedule-published'
    if (!allowed) return { ok: false, error: 'events.error.transition' }
    await Event.updateOne({ _id: eventId }, { $set: { state: to } })
    return { ok: true }
  })
}

export function capacityOf(
  event: { capacitySuppliers: number; capacityBuyers: number },
  side: Side,
) {
  return side === 'supplier' ? event.capacitySuppliers : event.capacityBuyers
}

export function sideEligible(event: { eligibility: string }, side: Side): boolean {
  return event.eligibility === 'both' || event.eligibility === `${side}s`
}

/** Today as YYYY-MM-DD (Vietnam's time zone: the windows are local dates). */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10)
}

export function slotsOf(event: Pick<EventDocument, 'days' | 'meetingMinutes'>) {
  return generateSlots(event.days, event.meetingMinutes)
}
