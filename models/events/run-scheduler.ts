import { schedule } from './scheduler/schedule.ts'
import type { ScheduleInput, UnscheduledReason } from './scheduler/types.ts'

export type { ScheduleInput, UnscheduledReason } from './scheduler/types.ts'

/**
 * The one place the events domain calls the scheduler (`models/events/scheduler/`, pure and
 * deterministic): the event's shapes become the scheduler's input, and its assignments become
 * meetings. Locked (published) meetings go in as locks and are not returned as new meetings.
 */

/** What the events domain hands over: its own shapes, turned into the scheduler's input. */
export interface SchedulingData {
  eventId: string
  slotDays: number[]
  tables: number
  interpreters: Array<{ code: string; interpreters: number }>
  participants: Array<{
    id: string
    availability: number[]
    maxMeetings: number
    languages: string[]
    interpreter?: string
  }>
  requests: Array<{ id: string; a: string; b: string; priority: boolean }>
  locked: Array<{ id: string; slot: number; table: number }>
}

export interface PlacedMeeting {
  id: string
  a: string
  b: string
  slot: number
  table: number
}

export function buildScheduleInput(data: SchedulingData): ScheduleInput {
  const slotCount = data.slotDays.length
  const all = Array.from({ length: slotCount }, (_, i) => i)
  const byId = new Map(data.participants.map((participant) => [participant.id, participant]))
  return {
    slots: data.slotDays.map((day) => ({ day })),
    tablesPerSlot: all.map(() => data.tables),
    participants: data.participants.map((participant) => ({
      id: participant.id,
      available: participant.availability.length ? participant.availability : all,
      maxMeetings: participant.maxMeetings,
    })),
    requests: data.requests.map((request) => {
      const a = byId.get(request.a)
      const b = byId.get(request.b)
      // An interpreter is needed when the sides share no language and one of them asked for one.
      const shared = a?.languages.some((code) => b?.languages.includes(code)) ?? false
      const interpreter = shared ? undefined : a?.interpreter || b?.interpreter || undefined
      return {
        id: request.id,
        a: request.a,
        b: request.b,
        priorityA: request.priority,
        interpreter,
      }
    }),
    interpreters: Object.fromEntries(
      data.interpreters.map((language) => [language.code, all.map(() => language.interpreters)]),
    ),
    locked: data.locked.map((meeting) => ({
      requestId: meeting.id,
      slot: meeting.slot,
      table: meeting.table,
    })),
    // Deterministic per event: the same event and requests give the same schedule.
    seed: Number.parseInt(data.eventId.slice(-8), 16) || 1,
  }
}

export function runScheduler(data: SchedulingData): {
  meetings: PlacedMeeting[]
  unscheduled: Array<{ id: string; reason: UnscheduledReason }>
} {
  const input = buildScheduleInput(data)
  const result = schedule(input)
  const requestById = new Map(data.requests.map((request) => [request.id, request]))
  const lockedIds = new Set(data.locked.map((meeting) => meeting.id))
  return {
    meetings: result.assignments
      .filter((assignment) => !lockedIds.has(assignment.requestId))
      .flatMap((assignment) => {
        const request = requestById.get(assignment.requestId)
        return request
          ? [
              {
                id: request.id,
                a: request.a,
                b: request.b,
                slot: assignment.slot,
                table: assignment.table,
              },
            ]
          : []
      }),
    unscheduled: result.unscheduled.map((entry) => ({ id: entry.requestId, reason: entry.reason })),
  }
}
