/**
 * The one place the events domain calls the scheduler. PLACEHOLDER: until the pure scheduler
 * of `models/events/scheduler/` (issue 16, another branch) lands, this runs a first-fit greedy
 * pass with the same contract (valid, deterministic, every request placed or given a reason).
 * Replace the body of `runScheduler` with a call to `schedule(input)` then.
 */

export const unscheduledReasons = [
  'no-common-slot',
  'party-busy',
  'no-table',
  'no-interpreter',
  'max-meetings',
] as const
export type UnscheduledReason = (typeof unscheduledReasons)[number]

export interface SchedulerParticipant {
  id: string
  /** Slot indexes; empty means every slot. */
  available: number[]
  /** Language for which this participant needs an interpreter. */
  interpreter?: string
  maxMeetings: number
}

export interface PlacedMeeting {
  id: string
  a: string
  b: string
  slot: number
  table: number
}

export interface SchedulerInput {
  slots: number
  tables: number
  participants: SchedulerParticipant[]
  /** Interpreters per language, per slot. */
  interpreters: Record<string, number>
  requests: Array<{ id: string; a: string; b: string; priority: boolean }>
  /** Published meetings: they stay where they are. */
  locked: PlacedMeeting[]
}

export interface SchedulerOutput {
  meetings: PlacedMeeting[]
  unscheduled: Array<{ id: string; reason: UnscheduledReason }>
}

export function runScheduler(input: SchedulerInput): SchedulerOutput {
  const byId = new Map(input.participants.map((participant) => [participant.id, participant]))
  const busy = new Set<string>()
  const cells = new Set<string>()
  const interpretersUsed = new Map<string, number>()
  const count = new Map<string, number>()
  const meetings: PlacedMeeting[] = []
  const languagesOf = (a?: SchedulerParticipant, b?: SchedulerParticipant) => [
    ...new Set([a?.interpreter, b?.interpreter].filter((code): code is string => Boolean(code))),
  ]
  const place = (meeting: PlacedMeeting) => {
    meetings.push(meeting)
    busy.add(`${meeting.slot}:${meeting.a}`).add(`${meeting.slot}:${meeting.b}`)
    cells.add(`${meeting.slot}:${meeting.table}`)
    for (const party of [meeting.a, meeting.b]) count.set(party, (count.get(party) ?? 0) + 1)
    for (const code of languagesOf(byId.get(meeting.a), byId.get(meeting.b))) {
      const key = `${meeting.slot}:${code}`
      interpretersUsed.set(key, (interpretersUsed.get(key) ?? 0) + 1)
    }
  }
  input.locked.forEach(place)
  const lockedIds = new Set(input.locked.map((meeting) => meeting.id))
  const unscheduled: SchedulerOutput['unscheduled'] = []
  const ordered = input.requests
    .filter((request) => !lockedIds.has(request.id))
    .map((request, order) => ({ request, order }))
    .sort((x, y) => Number(y.request.priority) - Number(x.request.priority) || x.order - y.order)
  for (const { request } of ordered) {
    const a = byId.get(request.a)
    const b = byId.get(request.b)
    const availableTo = (party: SchedulerParticipant | undefined, slot: number) =>
      Boolean(party) && (party!.available.length === 0 || party!.available.includes(slot))
    if (
      (count.get(request.a) ?? 0) >= (a?.maxMeetings ?? 0) ||
      (count.get(request.b) ?? 0) >= (b?.maxMeetings ?? 0)
    ) {
      unscheduled.push({ id: request.id, reason: 'max-meetings' })
      continue
    }
    let reason: UnscheduledReason = 'no-common-slot'
    let placed = false
    for (let slot = 0; slot < input.slots && !placed; slot++) {
      if (!availableTo(a, slot) || !availableTo(b, slot)) continue
      if (busy.has(`${slot}:${request.a}`) || busy.has(`${slot}:${request.b}`)) {
        if (reason === 'no-common-slot') reason = 'party-busy'
        continue
      }
      const needed = languagesOf(a, b)
      if (
        needed.some(
          (code) =>
            (interpretersUsed.get(`${slot}:${code}`) ?? 0) >= (input.interpreters[code] ?? 0),
        )
      ) {
        reason = 'no-interpreter'
        continue
      }
      const table = Array.from({ length: input.tables }, (_, i) => i).find(
        (t) => !cells.has(`${slot}:${t}`),
      )
      if (table === undefined) {
        reason = 'no-table'
        continue
      }
      place({ id: request.id, a: request.a, b: request.b, slot, table })
      placed = true
    }
    if (!placed) unscheduled.push({ id: request.id, reason })
  }
  return { meetings: meetings.filter((meeting) => !lockedIds.has(meeting.id)), unscheduled }
}
