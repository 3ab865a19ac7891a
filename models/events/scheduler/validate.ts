import type { ScheduleInput, ScheduleResult } from './types.ts'

/**
 * Every rule a schedule must keep, checked from the input and the result alone (independently of
 * the scheduler's own bookkeeping): used by the property tests and the benchmark, and by callers
 * that want to check a hand-edited schedule. Returns the violations, empty when valid.
 */
export function scheduleViolations(input: ScheduleInput, result: ScheduleResult): string[] {
  const violations: string[] = []
  const S = input.slots.length
  const participants = new Map(input.participants.map((p) => [p.id, p]))
  const requests = new Map(input.requests.map((r) => [r.id, r]))
  const seenRequest = new Set<string>()
  const cell = new Set<string>()
  const partyBusy = new Set<string>()
  const meetings = new Map<string, number>()
  const interpreters = new Map<string, number>()
  for (const { requestId, slot, table } of result.assignments) {
    const request = requests.get(requestId)
    if (!request) {
      violations.push(`${requestId}: not an accepted request`)
      continue
    }
    if (seenRequest.has(requestId)) violations.push(`${requestId}: scheduled twice`)
    seenRequest.add(requestId)
    if (!Number.isInteger(slot) || slot < 0 || slot >= S) {
      violations.push(`${requestId}: slot ${slot} out of range`)
      continue
    }
    if (!Number.isInteger(table) || table < 0 || table >= (input.tablesPerSlot[slot] ?? 0)) {
      violations.push(`${requestId}: table ${table} out of range in slot ${slot}`)
    }
    if (cell.has(`${slot}/${table}`))
      violations.push(`${requestId}: table ${table} taken in slot ${slot}`)
    cell.add(`${slot}/${table}`)
    if (request.a === request.b) violations.push(`${requestId}: both sides are the same`)
    for (const side of [request.a, request.b]) {
      const participant = participants.get(side)
      if (!participant) {
        violations.push(`${requestId}: ${side} is not a participant`)
        continue
      }
      if (!participant.available.includes(slot)) {
        violations.push(`${requestId}: ${side} unavailable in slot ${slot}`)
      }
      if (partyBusy.has(`${side}/${slot}`))
        violations.push(`${requestId}: ${side} double-booked in slot ${slot}`)
      partyBusy.add(`${side}/${slot}`)
      meetings.set(side, (meetings.get(side) ?? 0) + 1)
    }
    if (request.interpreter !== undefined) {
      const key = `${request.interpreter}/${slot}`
      const used = (interpreters.get(key) ?? 0) + 1
      interpreters.set(key, used)
      if (used > (input.interpreters[request.interpreter]?.[slot] ?? 0)) {
        violations.push(`${requestId}: no ${request.interpreter} interpreter left in slot ${slot}`)
      }
    }
  }
  for (const [id, count] of meetings) {
    const max = participants.get(id)?.maxMeetings
    if (max !== undefined && count > max)
      violations.push(`${id}: ${count} meetings, at most ${max}`)
  }
  const assigned = new Map(result.assignments.map((a) => [a.requestId, a]))
  const reasons = new Map(result.unscheduled.map((u) => [u.requestId, u.reason]))
  for (const lock of input.locked ?? []) {
    const at = assigned.get(lock.requestId)
    const reported = reasons.get(lock.requestId)
    if (at && (at.slot !== lock.slot || at.table !== lock.table)) {
      violations.push(`${lock.requestId}: locked at ${lock.slot}/${lock.table}, moved`)
    }
    if (!at && reported !== 'lock-conflict' && requests.has(lock.requestId)) {
      violations.push(`${lock.requestId}: locked meeting dropped without lock-conflict`)
    }
  }
  const unscheduled = new Set(result.unscheduled.map((u) => u.requestId))
  for (const request of input.requests) {
    const count = (seenRequest.has(request.id) ? 1 : 0) + (unscheduled.has(request.id) ? 1 : 0)
    if (count !== 1)
      violations.push(
        `${request.id}: scheduled ${seenRequest.has(request.id)}, unscheduled ${unscheduled.has(request.id)}`,
      )
  }
  return violations
}
