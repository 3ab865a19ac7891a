import { Schema } from 'mongoose'
import { defineModel } from '../define-model.ts'
import { withEventLock } from './event-key.ts'
import { findEventById, todayInVietnam } from './event.ts'
import {
  isActive,
  participantOf,
  readEventIndex,
  writeEventIndex,
  type RequestEntry,
} from './event-index.ts'
import { requestStates } from './event-schemas.ts'

/** A request for a meeting: `_id` = `${eventId}:${from}:${to}`, so a pair asks only once. */
const meetingRequestSchema = new Schema(
  {
    _id: { type: String, required: true },
    event: { type: String, required: true },
    from: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    to: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    message: String,
    priority: { type: Boolean, default: false },
    state: { type: String, enum: requestStates, required: true },
    reason: String,
    brokered: { type: Boolean, default: false },
  },
  { timestamps: true },
)

export const MeetingRequest = defineModel('MeetingRequest', meetingRequestSchema)

export const requestId = (eventId: string, from: string, to: string) => `${eventId}:${from}:${to}`

export type RequestError =
  | 'events.error.notFound'
  | 'events.error.requestsClosed'
  | 'events.error.notParticipant'
  | 'events.error.self'
  | 'events.error.duplicate'
  | 'events.error.cap'
  | 'events.error.priorityCap'

const open = (request: RequestEntry) => request.state === 'pending' || request.state === 'accepted'

async function store(eventId: string, entry: RequestEntry) {
  await MeetingRequest.replaceOne(
    { _id: entry.id },
    {
      _id: entry.id,
      event: eventId,
      from: entry.from,
      to: entry.to,
      message: entry.message,
      priority: entry.priority,
      state: entry.state,
      reason: entry.reason,
      brokered: entry.brokered ?? false,
    },
    { upsert: true },
  )
}

/**
 * A participant asks another for a meeting. Refused outside the request window, to oneself,
 * to a non-participant, twice, or over the organiser's caps; a request answering one already
 * received is accepted at once (mutual interest).
 */
export async function sendMeetingRequest(input: {
  eventId: string
  from: string
  to: string
  message: string
  priority: boolean
  /** The organiser's brokered meeting: accepted, outside caps and windows. */
  brokered?: boolean
}): Promise<{ ok: true; state: 'pending' | 'accepted' } | { ok: false; error: RequestError }> {
  return withEventLock(input.eventId, async () => {
    const event = await findEventById(input.eventId)
    if (!event) return { ok: false, error: 'events.error.notFound' }
    if (
      !input.brokered &&
      (event.state !== 'requests-open' ||
        (event.requestsClose && todayInVietnam() > event.requestsClose))
    )
      return { ok: false, error: 'events.error.requestsClosed' }
    if (input.from === input.to) return { ok: false, error: 'events.error.self' }
    const index = await readEventIndex(input.eventId)
    if (!isActive(participantOf(index, input.from)) || !isActive(participantOf(index, input.to)))
      return { ok: false, error: 'events.error.notParticipant' }
    const id = requestId(input.eventId, input.from, input.to)
    const existing = index.requests.find((request) => request.id === id)
    if (existing && existing.state !== 'withdrawn')
      return { ok: false, error: 'events.error.duplicate' }
    const reverse = index.requests.find(
      (request) => request.from === input.to && request.to === input.from && open(request),
    )
    if (reverse?.state === 'accepted') return { ok: false, error: 'events.error.duplicate' }
    if (reverse) {
      reverse.state = 'accepted'
      await store(input.eventId, reverse)
      await writeEventIndex(index)
      return { ok: true, state: 'accepted' }
    }
    const outgoing = index.requests.filter(
      (request) => request.from === input.from && open(request),
    )
    if (!input.brokered && outgoing.length >= event.requestCap)
      return { ok: false, error: 'events.error.cap' }
    if (
      !input.brokered &&
      input.priority &&
      outgoing.filter((request) => request.priority).length >= event.priorityCap
    )
      return { ok: false, error: 'events.error.priorityCap' }
    const entry: RequestEntry = {
      id,
      from: input.from,
      to: input.to,
      state: input.brokered ? 'accepted' : 'pending',
      priority: input.priority,
      message: input.message,
      brokered: input.brokered,
    }
    index.requests = index.requests.filter((request) => request.id !== id).concat(entry)
    await store(input.eventId, entry)
    await writeEventIndex(index)
    return { ok: true, state: entry.state as 'pending' | 'accepted' }
  })
}

/** The receiving participant accepts or declines (with an optional reason). */
export async function answerMeetingRequest(input: {
  eventId: string
  org: string
  requestId: string
  accept: boolean
  reason?: string
}): Promise<{ ok: boolean }> {
  return withEventLock(input.eventId, async () => {
    const index = await readEventIndex(input.eventId)
    const request = index.requests.find((entry) => entry.id === input.requestId)
    if (!request || request.to !== input.org || request.state !== 'pending') return { ok: false }
    if (!isActive(participantOf(index, input.org))) return { ok: false }
    request.state = input.accept ? 'accepted' : 'declined'
    if (!input.accept && input.reason) request.reason = input.reason
    await store(input.eventId, request)
    await writeEventIndex(index)
    return { ok: true }
  })
}
