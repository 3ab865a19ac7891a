/**
 * The big instance of `npm run bench:schedule` and its late changes, shared by the benchmark and
 * by `schedule-cold.ts` (the first reschedule call of a fresh process). Fixed seeds.
 */
import { generateBuyers, generateSuppliers, type DemoContext } from '#server/demo/demo-data.ts'
import { generateInstance, type ParticipantProfile } from '#models/events/scheduler/instances.ts'
import { createRandom } from '#models/events/scheduler/random.ts'
import type {
  ScheduleChanges,
  ScheduleInput,
  ScheduleRequest,
  ScheduleResult,
} from '#models/events/scheduler/types.ts'

const BUYER_LANGUAGES: Record<string, string> = {
  JP: 'ja',
  KR: 'ko',
  CN: 'zh',
  TW: 'zh',
  DE: 'de',
  FR: 'fr',
}

/** Event participants from the demo data: suppliers' spoken languages, buyers' by origin. */
function demoProfiles(suppliers: number, buyers: number): ParticipantProfile[] {
  const context: DemoContext = { seed: 2026, baseDate: new Date('2026-12-01T00:00:00Z') }
  const profiles: ParticipantProfile[] = []
  let index = 0
  for (const supplier of generateSuppliers(suppliers, context)) {
    profiles.push({ id: `s${index++}`, side: 'supplier', languages: supplier.profile.languages })
  }
  index = 0
  for (const buyer of generateBuyers(buyers, context)) {
    const main = BUYER_LANGUAGES[buyer.organization.country] ?? 'en'
    // Half of the non-English-speaking delegations bring someone who speaks English.
    const languages = main === 'en' || index % 2 === 0 ? [main, 'en'] : [main]
    profiles.push({ id: `b${index++}`, side: 'buyer', languages: [...new Set(languages)] })
  }
  return profiles
}

/** 1,000 participants (demo data), 5,000 accepted requests, 2 days × 12 slots, 160 tables. */
export function bigInstance(): ScheduleInput {
  return generateInstance({
    seed: 2026,
    profiles: demoProfiles(600, 400),
    requests: 5000,
    days: 2,
    slotsPerDay: 12,
    tablesPerSlot: 160,
    interpreters: { en: 10, ja: 12, ko: 10, zh: 6, de: 3, fr: 3 },
  })
}

/**
 * The big schedule published (every meeting locked), then 50 late requests between pairs that
 * had none and 10 cancellations of published meetings.
 */
export function lateChanges(
  big: ScheduleInput,
  scheduled: ScheduleResult,
): { published: ScheduleInput; late: ScheduleRequest[]; changes: ScheduleChanges } {
  const random = createRandom(77)
  const pairs = new Set(big.requests.map((request) => `${request.a}|${request.b}`))
  const late: ScheduleRequest[] = []
  while (late.length < 50) {
    const supplier = `s${random.int(0, 599)}`
    const buyer = `b${random.int(0, 399)}`
    if (pairs.has(`${supplier}|${buyer}`) || pairs.has(`${buyer}|${supplier}`)) continue
    pairs.add(`${supplier}|${buyer}`)
    late.push({ id: `late${late.length}`, a: supplier, b: buyer, priorityA: random.chance(0.2) })
  }
  const published: ScheduleInput = {
    ...big,
    locked: scheduled.assignments.map(({ requestId, slot, table }) => ({
      requestId,
      slot,
      table,
    })),
  }
  const cancelled = scheduled.assignments.slice(0, 10).map((assignment) => assignment.requestId)
  return { published, late, changes: { addRequests: late, removeRequestIds: cancelled } }
}

/** CPU (all threads of the process, JIT compiler threads included) and wall milliseconds. */
export function timed<T>(run: () => T): { value: T; ms: number; wallMs: number } {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const value = run()
  const used = process.cpuUsage(cpu)
  return { value, ms: (used.user + used.system) / 1000, wallMs: performance.now() - started }
}
