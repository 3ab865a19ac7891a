import { Schema } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { claimKey, releaseKey, withEventLock } from './event-key.ts'
import { Event, findEventById, slotsOf } from './event.ts'
import {
  isActive,
  participantOf,
  readEventIndex,
  writeEventIndex,
  type EventIndexData,
  type MeetingEntry,
} from './event-index.ts'
import { meetingStatuses, nextSteps, type NextStep } from './event-schemas.ts'
import { runScheduler, type UnscheduledReason } from './run-scheduler.ts'

/**
 * A scheduled meeting: `_id` = its request's id. Its cell (slot × table) and each party's slot
 * are key documents (`cell:…`, `party:…`) claimed by unique inserts before the meeting is
 * written, so two publishers, or a publish racing a hand move, never put two meetings in one
 * cell or one party in two places at once.
 */
const meetingSchema = new Schema(
  {
    _id: { type: String, required: true },
    event: { type: String, required: true },
    a: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    b: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    slot: { type: Number, required: true },
    table: { type: Number, required: true },
    locked: { type: Boolean, default: true },
    status: { type: String, enum: meetingStatuses, default: 'scheduled' },
    absent: { type: Schema.Types.ObjectId, ref: 'Organization' },
  },
  { timestamps: true },
)
export const Meeting = defineModel('Meeting', meetingSchema)

/** Feedback of one side on one meeting: `_id` = `${meetingId}:${organizationId}`, given once. */
const feedbackSchema = new Schema(
  {
    _id: { type: String, required: true },
    event: { type: String, required: true },
    meeting: { type: String, required: true },
    organization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    useful: { type: Number, min: 1, max: 4, required: true },
    nextStep: { type: String, enum: nextSteps, required: true },
  },
  { timestamps: true },
)
export const Feedback = defineModel('Feedback', feedbackSchema)

const cellKey = (eventId: string, slot: number, table: number) => `cell:${eventId}:${slot}:${table}`
const partyKey = (eventId: string, slot: number, org: string) => `party:${eventId}:${slot}:${org}`

/** Claims the cell and both parties' slot, all or nothing. */
export async function claimPlace(
  eventId: string,
  meeting: { id: string; a: string; b: string; slot: number; table: number },
) {
  const keys = [
    cellKey(eventId, meeting.slot, meeting.table),
    partyKey(eventId, meeting.slot, meeting.a),
    partyKey(eventId, meeting.slot, meeting.b),
  ]
  const claimed: string[] = []
  for (const key of keys) {
    if (!(await claimKey(key, meeting.id))) {
      for (const done of claimed) await releaseKey(done)
      return false
    }
    claimed.push(key)
  }
  return true
}

async function releasePlace(eventId: string, meeting: MeetingEntry) {
  await releaseKey(cellKey(eventId, meeting.slot, meeting.table))
  await releaseKey(partyKey(eventId, meeting.slot, meeting.a))
  await releaseKey(partyKey(eventId, meeting.slot, meeting.b))
}

const liveMeetings = (index: EventIndexData) =>
  index.meetings.filter((meeting) => meeting.status !== 'cancelled')

/** Runs the scheduler over the accepted requests and stores the result as a draft to review. */
export async function draftSchedule(eventId: string) {
  return withEventLock(eventId, async () => {
    const event = await findEventById(eventId)
    if (!event) return { ok: false as const }
    const index = await readEventIndex(eventId)
    const active = index.participants.filter((participant) => participant.state === 'confirmed')
    const activeIds = new Set(active.map((participant) => participant.org))
    const locked = liveMeetings(index)
    const requests = index.requests.filter(
      (request) =>
        request.state === 'accepted' && activeIds.has(request.from) && activeIds.has(request.to),
    )
    const result = runScheduler({
      eventId,
      slotDays: slotsOf(event).map((slot) => slot.day),
      tables: event.tables,
      interpreters: event.languages.map((language) => ({
        code: language.code ?? '',
        interpreters: language.interpreters ?? 0,
      })),
      participants: active.map((participant) => ({
        id: participant.org,
        availability: participant.availability,
        maxMeetings: participant.maxMeetings,
        languages: participant.languages,
        interpreter: participant.interpreter,
      })),
      requests: requests.map((request) => ({
        id: request.id,
        a: request.from,
        b: request.to,
        priority: request.priority,
      })),
      // Locked meetings whose request is still known to the scheduler.
      locked: locked.map(({ id, slot, table }) => ({ id, slot, table })),
    })
    index.draft = {
      at: new Date().toISOString(),
      meetings: result.meetings,
      unscheduled: result.unscheduled,
    }
    await writeEventIndex(index)
    return { ok: true as const, draft: index.draft }
  })
}

/**
 * Publishes the draft: each meeting claims its cell and parties' slots; one that cannot (a
 * participant withdrew, a cell was taken meanwhile) stays unscheduled with its reason.
 */
export async function publishSchedule(eventId: string) {
  return withEventLock(eventId, async () => {
    const event = await findEventById(eventId)
    const index = await readEventIndex(eventId)
    if (!event || !index.draft)
      return { ok: false as const, error: 'events.error.noDraft' as const }
    if (!['requests-open', 'schedule-published', 'live'].includes(event.state))
      return { ok: false as const, error: 'events.error.transition' as const }
    const unscheduled: Array<{ id: string; reason: UnscheduledReason }> = [
      ...index.draft.unscheduled,
    ]
    for (const meeting of index.draft.meetings) {
      if (!isActive(participantOf(index, meeting.a)) || !isActive(participantOf(index, meeting.b)))
        continue
      if (
        index.meetings.some(
          (existing) => existing.id === meeting.id && existing.status !== 'cancelled',
        )
      )
        continue
      if (!(await claimPlace(eventId, meeting))) {
        unscheduled.push({ id: meeting.id, reason: 'party-full' })
        continue
      }
      await Meeting.replaceOne(
        { _id: meeting.id },
        {
          _id: meeting.id,
          event: eventId,
          a: meeting.a,
          b: meeting.b,
          slot: meeting.slot,
          table: meeting.table,
          locked: true,
          status: 'scheduled',
        },
        { upsert: true },
      )
      index.meetings = index.meetings.filter((existing) => existing.id !== meeting.id)
      index.meetings.push({ ...meeting, status: 'scheduled' })
    }
    index.draft = null
    await writeEventIndex(index)
    if (event.state === 'requests-open')
      await Event.updateOne({ _id: eventId }, { $set: { state: 'schedule-published' } })
    return { ok: true as const, unscheduled }
  })
}

export type MoveError =
  'events.error.cellTaken' | 'events.error.unavailable' | 'events.error.notFound'

/** The organiser moves one published meeting by hand, checked like the scheduler checks. */
export async function moveMeeting(input: {
  eventId: string
  meetingId: string
  slot: number
  table: number
}) {
  return withEventLock(
    input.eventId,
    async (): Promise<{ ok: true } | { ok: false; error: MoveError }> => {
      const event = await findEventById(input.eventId)
      const index = await readEventIndex(input.eventId)
      const meeting = index.meetings.find(
        (entry) => entry.id === input.meetingId && entry.status === 'scheduled',
      )
      if (!event || !meeting) return { ok: false, error: 'events.error.notFound' }
      if (input.slot >= slotsOf(event).length || input.table >= event.tables)
        return { ok: false, error: 'events.error.notFound' }
      for (const org of [meeting.a, meeting.b]) {
        const availability = participantOf(index, org)?.availability ?? []
        if (availability.length && !availability.includes(input.slot))
          return { ok: false, error: 'events.error.unavailable' }
      }
      const target = { ...meeting, slot: input.slot, table: input.table }
      // Keys of the old place are released first when the slot is the same (a table change).
      if (input.slot === meeting.slot) await releasePlace(input.eventId, meeting)
      if (!(await claimPlace(input.eventId, target))) {
        if (input.slot === meeting.slot) await claimPlace(input.eventId, meeting)
        return { ok: false, error: 'events.error.cellTaken' }
      }
      if (input.slot !== meeting.slot) await releasePlace(input.eventId, meeting)
      meeting.slot = input.slot
      meeting.table = input.table
      await Meeting.updateOne(
        { _id: meeting.id },
        { $set: { slot: input.slot, table: input.table } },
      )
      await writeEventIndex(index)
      return { ok: true }
    },
  )
}

/** Under the event's lock: a leaving participant's meetings are cancelled and their places freed. */
export async function cancelMeetingsOf(eventId: string, index: EventIndexData, org: string) {
  for (const meeting of index.meetings) {
    if ((meeting.a === org || meeting.b === org) && meeting.status === 'scheduled') {
      meeting.status = 'cancelled'
      await releasePlace(eventId, meeting)
      await Meeting.updateOne({ _id: meeting.id }, { $set: { status: 'cancelled' } })
    }
  }
}

/**
 * Sets a meeting's status: the organiser any status; a participant only reports that the other
 * side did not come (`by` is then the reporting organisation).
 */
export async function setMeetingStatus(input: {
  eventId: string
  meetingId: string
  status: 'held' | 'no-show' | 'cancelled'
  /** For a no-show: who did not come. */
  absent?: string
  by?: string
}): Promise<{ ok: boolean }> {
  return withEventLock(input.eventId, async () => {
    const index = await readEventIndex(input.eventId)
    const meeting = index.meetings.find((entry) => entry.id === input.meetingId)
    if (!meeting || meeting.status === 'cancelled') return { ok: false }
    let absent = input.absent
    if (input.by) {
      if (input.status !== 'no-show' || (meeting.a !== input.by && meeting.b !== input.by))
        return { ok: false }
      absent = meeting.a === input.by ? meeting.b : meeting.a
    }
    if (input.status === 'no-show' && absent !== meeting.a && absent !== meeting.b)
      return { ok: false }
    meeting.status = input.status
    if (input.status === 'no-show') meeting.absent = absent
    else delete meeting.absent
    if (input.status === 'cancelled') await releasePlace(input.eventId, meeting)
    await Meeting.updateOne({ _id: meeting.id }, { $set: { status: input.status, absent } })
    await writeEventIndex(index)
    return { ok: true }
  })
}

export type FeedbackError = 'events.error.notFound' | 'events.error.feedbackGiven'

/** One side's feedback on a meeting it took part in; given once. */
export async function recordFeedback(input: {
  eventId: string
  org: string
  meetingId: string
  useful: number
  nextStep: NextStep
}): Promise<{ ok: true } | { ok: false; error: FeedbackError }> {
  return withEventLock(input.eventId, async () => {
    const index = await readEventIndex(input.eventId)
    const meeting = index.meetings.find((entry) => entry.id === input.meetingId)
    if (
      !meeting ||
      (meeting.a !== input.org && meeting.b !== input.org) ||
      meeting.status === 'cancelled'
    )
      return { ok: false, error: 'events.error.notFound' }
    if (!(await claimKey(`feedback:${meeting.id}:${input.org}`)))
      return { ok: false, error: 'events.error.feedbackGiven' }
    await Feedback.create({
      _id: `${meeting.id}:${input.org}`,
      event: input.eventId,
      meeting: meeting.id,
      organization: input.org,
      useful: input.useful,
      nextStep: input.nextStep,
    })
    const feedback = (meeting.feedback ??= {})
    feedback[input.org] = { useful: input.useful, nextStep: input.nextStep }
    await writeEventIndex(index)
    return { ok: true }
  })
}
