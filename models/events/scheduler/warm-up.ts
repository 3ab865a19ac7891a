import { generateInstance, syntheticProfiles } from './instances.ts'
import { createRandom } from './random.ts'
import { reschedule, schedule } from './schedule.ts'
import type { ScheduleInput, ScheduleRequest } from './types.ts'

/**
 * Runs the scheduler's code paths on a small synthetic event so that the JIT has compiled them
 * before the first real call (decision 012, third session: the first reschedule of a process
 * took 3–5× a warm one, almost all of it V8 tiering up — interpreter, baseline, then optimising
 * compiles of the board, repair and table numbering — not garbage collection, not I/O). The
 * server calls it once after it starts listening; it is pure, deterministic and allocates only
 * garbage. Returns the CPU milliseconds it took.
 */
export function warmUpScheduler(rounds = 4): number {
  const started = process.cpuUsage()
  const profiles = syntheticProfiles(7, 150, 100)
  const base = generateInstance({
    seed: 7,
    profiles,
    requests: 1_200,
    days: 2,
    slotsPerDay: 12,
    tablesPerSlot: 40,
    interpreters: { en: 3, ja: 3, ko: 2, zh: 2, de: 1, fr: 1 },
  })
  const first = schedule(base)
  const published: ScheduleInput = {
    ...base,
    locked: first.assignments.map(({ requestId, slot, table }) => ({ requestId, slot, table })),
  }
  const random = createRandom(11)
  const pairs = new Set(base.requests.map((request) => `${request.a}|${request.b}`))
  for (let round = 0; round < rounds; round++) {
    const late: ScheduleRequest[] = []
    while (late.length < 20) {
      const a = `s${random.int(0, 149)}`
      const b = `b${random.int(0, 99)}`
      if (pairs.has(`${a}|${b}`)) continue
      pairs.add(`${a}|${b}`)
      late.push({ id: `warm${round}-${late.length}`, a, b, priorityA: random.chance(0.2) })
    }
    const cancelled = first.assignments
      .slice(round * 5, round * 5 + 5)
      .map((assignment) => assignment.requestId)
    reschedule(published, first, { addRequests: late, removeRequestIds: cancelled })
    reschedule(base, first, { addRequests: late })
  }
  const used = process.cpuUsage(started)
  return (used.user + used.system) / 1000
}
