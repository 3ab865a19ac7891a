/**
 * The one place the events domain calls the scheduler. The pure scheduler lives in
 * `models/events/scheduler/` (issue 16, branch issue-16); its interface is mirrored below, field
 * for field, from its `types.ts`.
 *
 * PLACEHOLDER, TO BE REPLACED AT THE MERGE: `placeholderSchedule` is a first-fit greedy pass with
 * the same contract (valid; every request placed or given a reason), so this branch works on its
 * own. Once `scheduler/` is on main: delete the mirrored types and `placeholderSchedule`, and
 * import `schedule` and the types from './scheduler/schedule.ts' and './scheduler/types.ts'.
 */

// ---- Mirror of models/events/scheduler/types.ts (the subset this adapter uses) ----
export interface ScheduleSlot {
  day: number
}
export interface ScheduleParticipant {
  id: string
  available: readonly number[]
  maxMeetings?: number
}
export interface ScheduleRequest {
  id: string
  a: string
  b: string
  priorityA?: boolean
  priorityB?: boolean
  interpreter?: string
}
export interface LockedMeeting {
  requestId: string
  slot: number
  table: number
}
export interface ScheduleInput {
  slots: readonly ScheduleSlot[]
  tablesPerSlot: readonly number[]
  participants: readonly ScheduleParticipant[]
  requests: readonly ScheduleRequest[]
  interpreters: Readonly<Record<string, readonly number[]>>
  locked?: readonly LockedMeeting[]
  seed: number
}
export const unscheduledReasons = [
  'invalid-request',
  'party-unavailable',
  'no-common-slot',
  'no-interpreter',
  'max-meetings',
  'party-full',
  'table-capacity',
  'interpreter-capacity',
  'lock-conflict',
] as const
export type UnscheduledReason = (typeof unscheduledReasons)[number]
export interface ScheduleResultLike {
  assignments: Array<{ requestId: string; slot: number; table: number }>
  unscheduled: Array<{ requestId: string; reason: UnscheduledReason }>
}
// ---- end of mirror ----

/** PLACEHOLDER (see above): first fit, priorities first, then acceptance order. */
export function placeholderSchedule(input: ScheduleInput): ScheduleResultLike {
  const byId = new Map(input.participants.map((participant) => [participant.id, participant]))
  const busy = new Set<string>()
  const cells = new Set<string>()
  const interpretersUsed = new Map<string, number>()
  const count = new Map<string, number>()
  const assignments: ScheduleResultLike['assignments'] = []
  const unscheduled: ScheduleResultLike['unscheduled'] = []
  const requestById = new Map(input.requests.map((request) => [request.id, request]))
  const take = (request: ScheduleRequest, slot: number, table: number) => {
    assignments.push({ requestId: request.id, slot, table })
    busy.add(`${slot}:${request.a}`).add(`${slot}:${request.b}`)
    cells.add(`${slot}:${table}`)
    for (const party of [request.a, request.b]) count.set(party, (count.get(party) ?? 0) + 1)
    if (request.interpreter) {
      const key = `${slot}:${request.interpreter}`
      interpretersUsed.set(key, (interpretersUsed.get(key) ?? 0) + 1)
    }
  }
  const lockedIds = new Set<string>()
  for (const lock of input.locked ?? []) {
    const request = requestById.get(lock.requestId)
    lockedIds.add(lock.requestId)
    if (request && !cells.has(`${lock.slot}:${lock.table}`)) take(request, lock.slot, lock.table)
    else unscheduled.push({ requestId: lock.requestId, reason: 'lock-conflict' })
  }
  const ordered = input.requests
    .filter((request) => !lockedIds.has(request.id))
    .map((request, order) => ({ request, order, priority: request.priorityA || request.priorityB }))
    .sort((x, y) => Number(y.priority) - Number(x.priority) || x.order - y.order)
  for (const { request } of ordered) {
    const a = byId.get(request.a)
    const b = byId.get(request.b)
    if (!a || !b || a.id === b.id) {
      unscheduled.push({ requestId: request.id, reason: 'invalid-request' })
      continue
    }
    if (
      (count.get(a.id) ?? 0) >= (a.maxMeetings ?? Infinity) ||
      (count.get(b.id) ?? 0) >= (b.maxMeetings ?? Infinity)
    ) {
      unscheduled.push({ requestId: request.id, reason: 'max-meetings' })
      continue
    }
    let reason: UnscheduledReason = 'no-common-slot'
    let placed = false
    for (let slot = 0; slot < input.slots.length && !placed; slot++) {
      if (!a.available.includes(slot) || !b.available.includes(slot)) continue
      if (busy.has(`${slot}:${a.id}`) || busy.has(`${slot}:${b.id}`)) {
        if (reason === 'no-common-slot') reason = 'party-full'
        continue
      }
      const table = Array.from({ length: input.tablesPerSlot[slot] ?? 0 }, (_, i) => i).find(
        (candidate) => !cells.has(`${slot}:${candidate}`),
      )
      if (table === undefined) {
        reason = 'table-capacity'
        continue
      }
      if (
        request.interpreter &&
        (interpretersUsed.get(`${slot}:${request.interpreter}`) ?? 0) >=
          (input.interpreters[request.interpreter]?.[slot] ?? 0)
      ) {
        reason = 'interpreter-capacity'
        continue
      }
      take(request, slot, table)
      placed = true
    }
    if (!placed) unscheduled.push({ requestId: request.id, reason })
  }
  return {
    assignments: assignments.filter((assignment) => !lockedIds.has(assignment.requestId)),
    unscheduled,
  }
}

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
  const result = placeholderSchedule(input)
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
