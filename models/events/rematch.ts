import { withEventLock } from './event-key.ts'
import { findEventById, slotsOf } from './event.ts'
import {
  isActive,
  readEventIndex,
  writeEventIndex,
  type EventIndexData,
  type ParticipantEntry,
} from './event-index.ts'
import { claimPlace, Meeting } from './meeting.ts'
import { MeetingRequest, requestId } from './meeting-request.ts'
import { recommendedPartners } from './recommended.ts'
import { schedule } from './scheduler/schedule.ts'
import type { ScheduleInput, ScheduleRequest } from './scheduler/types.ts'

/**
 * Quick re-match on the day (organiser): participants whose partner did not come (a no-show
 * recorded against the other side) are paired with each other, supplier with buyer, into the
 * tables still free in the remaining slots. The pairs come from the matching module (the best
 * match of either side is a priority), the places from the scheduler — the same one, on an
 * input restricted to what is left: slots from `fromSlot` on, free tables and interpreters per
 * slot, each participant's free slots, and as many new meetings as it lost. Meetings already
 * on the plan are not touched. The new meetings are brokered requests, accepted, and claim their
 * cell and both parties' slot by unique inserts, like published meetings.
 */
export interface RematchPair {
  id: string
  a: string
  b: string
  slot: number
  table: number
}

export type RematchError = 'events.error.notFound' | 'events.error.transition'

/** Who was stood up (came, but the partner did not), and how many meetings each lost. */
export function stoodUp(index: EventIndexData): Map<string, number> {
  const absentSomewhere = new Set(
    index.meetings.flatMap((meeting) =>
      meeting.status === 'no-show' && meeting.absent ? [meeting.absent] : [],
    ),
  )
  const lost = new Map<string, number>()
  for (const meeting of index.meetings) {
    if (meeting.status !== 'no-show' || !meeting.absent) continue
    const present = meeting.absent === meeting.a ? meeting.b : meeting.a
    if (absentSomewhere.has(present)) continue
    lost.set(present, (lost.get(present) ?? 0) + 1)
  }
  return lost
}

/** An interpreter is needed when the sides share no language and one of them asked for one. */
function interpreterFor(a: ParticipantEntry | undefined, b: ParticipantEntry | undefined) {
  const shared = a?.languages.some((code) => b?.languages.includes(code)) ?? false
  return shared ? undefined : a?.interpreter || b?.interpreter || undefined
}

/** The pure part: the scheduler's input for what is left of the day, and its result mapped back. */
export function planRematch(
  event: {
    _id: { toHexString(): string }
    days: Parameters<typeof slotsOf>[0]['days']
    meetingMinutes: number
    tables: number
    languages: Array<{ code?: string | null; interpreters?: number | null }>
  },
  index: EventIndexData,
  fromSlot: number,
): RematchPair[] {
  const eventId = event._id.toHexString()
  const slots = slotsOf(event)
  const S = slots.length
  const byOrg = new Map(index.participants.map((entry) => [entry.org, entry]))
  const lost = stoodUp(index)
  const people = [...lost.keys()]
    .map((org) => byOrg.get(org))
    .filter((entry): entry is ParticipantEntry => isActive(entry))
  if (people.length < 2) return []
  const planned = index.meetings.filter((meeting) => meeting.status !== 'cancelled')
  // What is taken in each slot: tables, parties, interpreters.
  const usedTables = Array.from({ length: S }, () => new Set<number>())
  const busy = new Set<string>()
  const interpretersUsed = new Map<string, number>()
  for (const meeting of planned) {
    usedTables[meeting.slot]?.add(meeting.table)
    busy.add(`${meeting.a}:${meeting.slot}`)
    busy.add(`${meeting.b}:${meeting.slot}`)
    const language = interpreterFor(byOrg.get(meeting.a), byOrg.get(meeting.b))
    if (language)
      interpretersUsed.set(
        `${language}:${meeting.slot}`,
        (interpretersUsed.get(`${language}:${meeting.slot}`) ?? 0) + 1,
      )
  }
  const freeTables = usedTables.map((used, s) =>
    s < fromSlot
      ? []
      : Array.from({ length: event.tables }, (_, t) => t).filter((t) => !used.has(t)),
  )
  // Pairs that never met and did not turn each other down, best matches as priorities.
  const met = new Set(
    index.requests
      .filter((request) => request.state !== 'withdrawn')
      .flatMap((request) => [`${request.from}|${request.to}`, `${request.to}|${request.from}`]),
  )
  const best = new Set(
    people.flatMap((person) => {
      const top = recommendedPartners(person, people, 'en', 1)[0]
      return top ? [`${person.org}|${top.org}`] : []
    }),
  )
  const requests: ScheduleRequest[] = []
  for (const supplier of people.filter((person) => person.side === 'supplier'))
    for (const buyer of people.filter((person) => person.side === 'buyer')) {
      if (met.has(`${supplier.org}|${buyer.org}`)) continue
      requests.push({
        id: requestId(eventId, supplier.org, buyer.org),
        a: supplier.org,
        b: buyer.org,
        priorityA: best.has(`${supplier.org}|${buyer.org}`),
        priorityB: best.has(`${buyer.org}|${supplier.org}`),
        interpreter: interpreterFor(supplier, buyer),
      })
    }
  if (requests.length === 0) return []
  const input: ScheduleInput = {
    slots: slots.map((slot) => ({ day: slot.day })),
    tablesPerSlot: freeTables.map((tables) => tables.length),
    participants: people.map((person) => {
      const own = person.availability.length ? new Set(person.availability) : null
      return {
        id: person.org,
        available: slots
          .map((slot) => slot.index)
          .filter((s) => s >= fromSlot && (!own || own.has(s)) && !busy.has(`${person.org}:${s}`)),
        maxMeetings: lost.get(person.org) ?? 0,
      }
    }),
    requests,
    interpreters: Object.fromEntries(
      event.languages.map((language) => [
        language.code ?? '',
        slots.map((slot) =>
          Math.max(
            0,
            (language.interpreters ?? 0) -
              (interpretersUsed.get(`${language.code}:${slot.index}`) ?? 0),
          ),
        ),
      ]),
    ),
    locked: [],
    seed: Number.parseInt(eventId.slice(-8), 16) || 1,
  }
  const byId = new Map(requests.map((request) => [request.id, request]))
  return schedule(input).assignments.flatMap((assignment) => {
    const request = byId.get(assignment.requestId)
    const table = freeTables[assignment.slot]?.[assignment.table]
    return request && table !== undefined
      ? [{ id: request.id, a: request.a, b: request.b, slot: assignment.slot, table }]
      : []
  })
}

/** Runs the re-match and puts the new meetings on the plan (the event must be live). */
export async function quickRematch(
  eventId: string,
  fromSlot: number,
): Promise<{ ok: true; created: RematchPair[] } | { ok: false; error: RematchError }> {
  return withEventLock(eventId, async () => {
    const event = await findEventById(eventId)
    if (!event) return { ok: false as const, error: 'events.error.notFound' as const }
    if (event.state !== 'live')
      return { ok: false as const, error: 'events.error.transition' as const }
    if (!Number.isInteger(fromSlot) || fromSlot < 0 || fromSlot >= slotsOf(event).length)
      return { ok: false as const, error: 'events.error.notFound' as const }
    const index = await readEventIndex(eventId)
    const created: RematchPair[] = []
    for (const pair of planRematch(event, index, fromSlot)) {
      if (!(await claimPlace(eventId, pair))) continue
      await MeetingRequest.replaceOne(
        { _id: pair.id },
        {
          _id: pair.id,
          event: eventId,
          from: pair.a,
          to: pair.b,
          message: '',
          priority: false,
          state: 'accepted',
          brokered: true,
        },
        { upsert: true },
      )
      await Meeting.replaceOne(
        { _id: pair.id },
        {
          _id: pair.id,
          event: eventId,
          a: pair.a,
          b: pair.b,
          slot: pair.slot,
          table: pair.table,
          locked: true,
          status: 'scheduled',
        },
        { upsert: true },
      )
      index.requests = index.requests
        .filter((request) => request.id !== pair.id)
        .concat({
          id: pair.id,
          from: pair.a,
          to: pair.b,
          state: 'accepted',
          priority: false,
          message: '',
          brokered: true,
        })
      index.meetings = index.meetings.filter((meeting) => meeting.id !== pair.id)
      index.meetings.push({ ...pair, status: 'scheduled' })
      created.push(pair)
    }
    if (created.length) await writeEventIndex(index)
    return { ok: true as const, created }
  })
}
