import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generateSlots, parseLanguages, parseRanges } from '#models/events/event-schemas.ts'
import { safeCell } from '#models/events/event-xlsx.ts'
import { buildScheduleInput, type ScheduleInput } from '#models/events/run-scheduler.ts'
import { schedule } from '#models/events/scheduler/schedule.ts'

/** The scheduler's result without the locked meetings, which it returns where they were. */
function placeNew(input: ScheduleInput) {
  const result = schedule(input)
  const locked = new Map((input.locked ?? []).map((lock) => [lock.requestId, lock]))
  for (const assignment of result.assignments) {
    const lock = locked.get(assignment.requestId)
    if (lock) expect([assignment.slot, assignment.table]).toEqual([lock.slot, lock.table])
  }
  return {
    ...result,
    assignments: result.assignments.filter((assignment) => !locked.has(assignment.requestId)),
  }
}

/** The events domain's pure parts: slots, parsing, spreadsheet cells, the scheduler adapter. */

describe('slots', () => {
  it('cuts sessions into meetings, leaves out those overlapping a break, numbers them across days', () => {
    const slots = generateSlots(
      [
        { date: '2026-12-10', sessions: '09:00-10:00, 13:00-13:40', breaks: '09:20-09:30' },
        { date: '2026-12-11', sessions: '08:00-08:20' },
      ],
      20,
    )
    expect(slots.map((slot) => [slot.index, slot.day, slot.date, slot.start, slot.end])).toEqual([
      [0, 0, '2026-12-10', 540, 560],
      [1, 0, '2026-12-10', 570, 590],
      [2, 0, '2026-12-10', 780, 800],
      [3, 0, '2026-12-10', 800, 820],
      [4, 1, '2026-12-11', 480, 500],
    ])
  })

  it('refuses malformed ranges and languages', () => {
    expect(parseRanges('10:00-09:00')).toBeNull()
    expect(parseRanges('9h-10h')).toBeNull()
    expect(parseRanges('')).toEqual([])
    expect(parseLanguages('vi:0, en:2 ja')).toEqual([
      { code: 'vi', interpreters: 0 },
      { code: 'en', interpreters: 2 },
      { code: 'ja', interpreters: 0 },
    ])
    expect(parseLanguages('vi, vi')).toBeNull()
    expect(parseLanguages('english:2')).toBeNull()
  })
})

describe('spreadsheet cells', () => {
  it('turns anything a spreadsheet would run as a formula into text', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])
      expect(String(safeCell(text)).startsWith("'")).toBe(true)
    expect(safeCell('Công ty Đông Á')).toBe('Công ty Đông Á')
    expect(safeCell(42)).toBe(42)
  })
})

/** A random event: participants with partial availability, requests, interpreters, some locks. */
const instance = fc
  .record({
    slots: fc.integer({ min: 1, max: 8 }),
    tables: fc.integer({ min: 1, max: 4 }),
    participants: fc.integer({ min: 2, max: 10 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .chain(({ slots, tables, participants, seed }) =>
    fc.record({
      slots: fc.constant(slots),
      tables: fc.constant(tables),
      seed: fc.constant(seed),
      availability: fc.array(fc.subarray(Array.from({ length: slots }, (_, i) => i)), {
        minLength: participants,
        maxLength: participants,
      }),
      maxMeetings: fc.array(fc.integer({ min: 1, max: 6 }), {
        minLength: participants,
        maxLength: participants,
      }),
      languages: fc.array(fc.constantFrom(['vi'], ['en'], ['ja'], ['vi', 'en']), {
        minLength: participants,
        maxLength: participants,
      }),
      interpreterNeeds: fc.array(fc.constantFrom(undefined, 'ja', 'en'), {
        minLength: participants,
        maxLength: participants,
      }),
      pairs: fc.uniqueArray(
        fc.tuple(fc.nat(participants - 1), fc.nat(participants - 1)).filter(([a, b]) => a !== b),
        { maxLength: 25, selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}` },
      ),
      priorities: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
      interpreters: fc.record({ ja: fc.nat(2), en: fc.nat(2) }),
    }),
  )

function validate(input: ScheduleInput, result: ReturnType<typeof placeNew>) {
  const requests = new Map(input.requests.map((request) => [request.id, request]))
  const participants = new Map(
    input.participants.map((participant) => [participant.id, participant]),
  )
  const parties = new Set<string>()
  const cells = new Set<string>()
  const interpreters = new Map<string, number>()
  const placed = [
    ...(input.locked ?? []).map((lock) => ({
      requestId: lock.requestId,
      slot: lock.slot,
      table: lock.table,
    })),
    ...result.assignments,
  ]
  for (const assignment of placed) {
    const request = requests.get(assignment.requestId)!
    for (const party of [request.a, request.b]) {
      expect(participants.get(party)!.available).toContain(assignment.slot)
      expect(parties.has(`${assignment.slot}:${party}`), 'a party twice in one slot').toBe(false)
      parties.add(`${assignment.slot}:${party}`)
    }
    expect(assignment.table).toBeLessThan(input.tablesPerSlot[assignment.slot]!)
    expect(cells.has(`${assignment.slot}:${assignment.table}`), 'two meetings in one cell').toBe(
      false,
    )
    cells.add(`${assignment.slot}:${assignment.table}`)
    if (request.interpreter) {
      const key = `${assignment.slot}:${request.interpreter}`
      interpreters.set(key, (interpreters.get(key) ?? 0) + 1)
      expect(interpreters.get(key)).toBeLessThanOrEqual(
        input.interpreters[request.interpreter]?.[assignment.slot] ?? 0,
      )
    }
  }
  // Nothing silently dropped: every request is placed (or locked) or has a reason.
  const accounted = new Set([
    ...placed.map((assignment) => assignment.requestId),
    ...result.unscheduled.map((entry) => entry.requestId),
  ])
  expect([...requests.keys()].every((id) => accounted.has(id))).toBe(true)
}

describe('the scheduler adapter', () => {
  it('produces valid schedules, keeps locks where they are, and gives every request a place or a reason', () => {
    fc.assert(
      fc.property(instance, (generated) => {
        const ids = generated.availability.map((_, i) => `p${i}`)
        const data = {
          eventId: '0123456789abcdef01234567',
          slotDays: Array.from({ length: generated.slots }, (_, i) =>
            i < generated.slots / 2 ? 0 : 1,
          ),
          tables: generated.tables,
          interpreters: [
            { code: 'ja', interpreters: generated.interpreters.ja },
            { code: 'en', interpreters: generated.interpreters.en },
          ],
          participants: ids.map((id, i) => ({
            id,
            availability: generated.availability[i]!,
            maxMeetings: generated.maxMeetings[i]!,
            languages: [...generated.languages[i]!],
            interpreter: generated.interpreterNeeds[i],
          })),
          requests: generated.pairs.map(([a, b], i) => ({
            id: `r${i}`,
            a: ids[a]!,
            b: ids[b]!,
            priority: generated.priorities[i]!,
          })),
          locked: [] as Array<{ id: string; slot: number; table: number }>,
        }
        const input = buildScheduleInput(data)
        const first = placeNew(input)
        validate(input, first)
        // Deterministic.
        expect(placeNew(input)).toEqual(first)
        // Publish the first half, re-run: the locked meetings stay exactly where they were.
        const locks = first.assignments.slice(0, Math.ceil(first.assignments.length / 2))
        const again = buildScheduleInput({
          ...data,
          locked: locks.map((lock) => ({ id: lock.requestId, slot: lock.slot, table: lock.table })),
        })
        const second = placeNew(again)
        validate(again, second)
        expect(second.unscheduled.filter((entry) => entry.reason === 'lock-conflict')).toEqual([])
        expect(
          second.assignments.some((entry) =>
            locks.some((lock) => lock.requestId === entry.requestId),
          ),
        ).toBe(false)
      }),
      { numRuns: 200 },
    )
  })
})
