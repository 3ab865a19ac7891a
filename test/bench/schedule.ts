/**
 * `npm run bench:schedule`: the meeting scheduler (models/events/scheduler, decision 012) against
 * an upper bound from HiGHS (LP relaxation; exact integer optimum on small instances) and against
 * a first-come-first-served greedy baseline on the same input, measured in the same run.
 * Participants of the big instance come from the demo-data generator; all seeds are fixed.
 */
import { execFileSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import loadHighs from 'highs'
import {
  singleResourceBounds,
  solveAssignment,
  type SingleResourceBounds,
} from '#models/events/scheduler/bound.ts'
import { greedyBaseline } from '#models/events/scheduler/greedy-baseline.ts'
import { smallInstance } from '#models/events/scheduler/instances.ts'
import { applyChanges, reschedule, schedule } from '#models/events/scheduler/schedule.ts'
import type { ScheduleResult } from '#models/events/scheduler/types.ts'
import { scheduleViolations } from '#models/events/scheduler/validate.ts'
import { bigInstance, lateChanges, timed } from './schedule-instance.ts'

const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS')
const fixed = (value: number, digits = 2) => value.toFixed(digits)

function reasons(result: ScheduleResult): string {
  const counts = new Map<string, number>()
  for (const { reason } of result.unscheduled) counts.set(reason, (counts.get(reason) ?? 0) + 1)
  return [...counts].map(([reason, count]) => `${reason} ${count}`).join(', ')
}

// timed(): wall time and CPU time of a synchronous run (schedule-instance.ts). The scheduler is
// single-threaded and does no I/O, so its CPU time is what it takes on an idle core; the targets
// are judged on it because this benchmark may share a loaded machine (the load average is
// printed), and wall time is shown too. CPU time is the whole process's: it includes the JIT
// compiler's background threads, which is most of what a cold call costs.

function printRun(
  label: string,
  result: ScheduleResult,
  bound: number,
  { ms, wallMs }: { ms: number; wallMs: number },
) {
  const { stats } = result
  console.log(
    `  ${label.padEnd(9)} scheduled ${String(stats.scheduled).padStart(5)}` +
      `  ${fixed((100 * stats.scheduled) / bound)}% of bound` +
      `  idle/participant mean ${fixed(stats.idleMean)} p95 ${stats.idleP95}` +
      `  priority unscheduled ${stats.priorityUnscheduled}/${stats.priorityRequests}` +
      `  ${fixed(ms, 0)} ms CPU (${fixed(wallMs, 0)} ms wall)`,
  )
  console.log(`            unscheduled: ${reasons(result) || 'none'}`)
}

function printSingleResource(bounds: SingleResourceBounds, lp: number) {
  const entries = Object.entries(bounds) as Array<[string, number]>
  const binding = entries.filter(([, value]) => value <= lp + 1e-6)
  console.log(
    `  single-resource bounds: ${entries.map(([name, value]) => `${name} ${value}`).join(', ')}` +
      ` → ${binding.length === 0 ? 'none decides the bound (the LP is tighter than each)' : `decided by ${binding.map(([name]) => name).join(', ')}`}`,
  )
}

const highs = await loadHighs()
console.log(
  `Machine: load average ${os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}, ${os.cpus().length} CPUs`,
)
const targets: string[] = []

// ---------------------------------------------------------------------------------------------
// The big instance
console.log(
  'Big instance: 1,000 participants (demo data), 5,000 accepted requests, 2 days × 12 slots',
)
const big = bigInstance()
const bigInterpreted = big.requests.filter((request) => request.interpreter).length
console.log(
  `  requests ${big.requests.length} (${bigInterpreted} need an interpreter), tables 160 per slot,` +
    ` interpreters per slot ${Object.entries(big.interpreters)
      .map(([l, c]) => `${l} ${c[0]}`)
      .join(' ')}`,
)
const bigRun = timed(() => schedule(big))
const bigBaseline = timed(() => greedyBaseline(big))
const bigViolations = scheduleViolations(big, bigRun.value)
// Interior point: HiGHS-wasm's simplex had not finished this LP after 600 s on this machine.
const bigLp = solveAssignment(highs, big, false, { solver: 'ipm' })
console.log(
  `  upper bound ${fixed(bigLp.value, 1)}: LP relaxation of the slot-aggregated assignment model` +
    ` (HiGHS ${bigLp.status}, ${bigLp.variables} variables, ${bigLp.constraints} rows, ${fixed(bigLp.seconds, 1)} s)`,
)
printSingleResource(singleResourceBounds(big), bigLp.value)
printRun('scheduler', bigRun.value, bigLp.value, bigRun)
printRun('FCFS', bigBaseline.value, bigLp.value, bigBaseline)
console.log(`  violations: ${bigViolations.length}`)
// No bound when HiGHS stopped early (time limit): NaN, so the target reads MISS, never Infinity%.
const bigRatio =
  bigLp.status === 'Optimal' && bigLp.value > 0
    ? bigRun.value.stats.scheduled / bigLp.value
    : Number.NaN
targets.push(
  `${mark(bigRatio >= 0.99 && bigRun.ms <= 1000 && bigViolations.length === 0)} big instance: ${fixed(100 * bigRatio)}% of the LP bound (target ≥ 99%) in ${fixed(bigRun.ms, 0)} ms CPU (target ≤ 1000 ms; wall ${fixed(bigRun.wallMs, 0)} ms); scheduled ×${fixed(bigRun.value.stats.scheduled / bigBaseline.value.stats.scheduled, 3)} the FCFS baseline (${fixed((100 * bigBaseline.value.stats.scheduled) / bigLp.value)}% of the bound)`,
  `${mark(bigRun.value.stats.idleMean < bigBaseline.value.stats.idleMean && bigRun.value.stats.idleP95 <= bigBaseline.value.stats.idleP95)} idle slots per participant: mean ${fixed(bigRun.value.stats.idleMean)} vs FCFS ${fixed(bigBaseline.value.stats.idleMean)} (×${fixed(bigRun.value.stats.idleMean / bigBaseline.value.stats.idleMean)}), p95 ${bigRun.value.stats.idleP95} vs ${bigBaseline.value.stats.idleP95}`,
)

// ---------------------------------------------------------------------------------------------
// Late requests on the published big schedule
console.log(
  '\nLate changes: the big schedule published (every meeting locked), then 50 late requests and 10 cancellations',
)
const { published, late, changes } = lateChanges(big, bigRun.value)
// Cold: the first reschedule call of a fresh process (the JIT's state is per process), without
// and with the warm-up the production server runs once it listens (warmUpScheduler); three
// processes each, the median shown.
const coldScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schedule-cold.ts')
const coldRuns = (mode: 'none' | 'warm-up') => {
  const runs = Array.from({ length: 3 }, () => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', coldScript, mode], {
      encoding: 'utf8',
    })
    return JSON.parse(output.trim().split('\n').at(-1)!) as {
      ms: number
      wallMs: number
      warmUpMs: number
    }
  }).sort((x, y) => x.ms - y.ms)
  return { ...runs[1]!, all: runs.map((run) => run.ms) }
}
const cold = coldRuns('none')
const coldWarmedUp = coldRuns('warm-up')
// In this process the scheduler has already run the big instance; its first reschedule call.
const lateFirst = timed(() => reschedule(published, bigRun.value, changes))
// Baseline of a re-run: the whole scheduler from scratch on the changed input (locks kept).
const fromScratch = timed(() => schedule(applyChanges(published, changes)))
// Warm: three untimed calls finish the JIT's tiers, then the median of seven runs (this machine
// may be shared; one run can catch a GC pause).
for (let warmUp = 0; warmUp < 3; warmUp++) reschedule(published, bigRun.value, changes)
const lateRuns = Array.from({ length: 7 }, () =>
  timed(() => reschedule(published, bigRun.value, changes)),
).sort((x, y) => x.ms - y.ms)
const lateRun = lateRuns[3]!
const lateIds = new Set(late.map((request) => request.id))
const lateScheduled = lateRun.value.result.assignments.filter((a) =>
  lateIds.has(a.requestId),
).length
const before = new Map(bigRun.value.assignments.map((a) => [a.requestId, `${a.slot}/${a.table}`]))
const moved = lateRun.value.result.assignments.filter(
  (a) => before.has(a.requestId) && before.get(a.requestId) !== `${a.slot}/${a.table}`,
).length
const lateViolations = scheduleViolations(lateRun.value.input, lateRun.value.result)
const ratio = (ms: number) => `×${fixed(ms / fromScratch.ms, 3)} of the from-scratch re-run`
console.log(
  `  late requests scheduled ${lateScheduled}/50 (${reasons({ ...lateRun.value.result, unscheduled: lateRun.value.result.unscheduled.filter((u) => lateIds.has(u.requestId)) }) || 'none unscheduled'}),` +
    ` locked meetings moved ${moved}, violations ${lateViolations.length}`,
)
console.log(
  `  baseline: the whole scheduler from scratch on the changed input ${fixed(fromScratch.ms, 1)} ms CPU (${fixed(fromScratch.wallMs, 1)} ms wall), ${fromScratch.value.stats.scheduled} scheduled`,
)
console.log(
  `  cold, fresh process, no warm-up: ${fixed(cold.ms, 1)} ms CPU median of 3 processes (${cold.all.map((ms) => fixed(ms, 0)).join(', ')}; ${fixed(cold.wallMs, 1)} ms wall), ${ratio(cold.ms)}`,
)
console.log(
  `  cold, fresh process after the server's warm-up (${fixed(coldWarmedUp.warmUpMs, 0)} ms CPU once at start): ${fixed(coldWarmedUp.ms, 1)} ms CPU median of 3 (${coldWarmedUp.all.map((ms) => fixed(ms, 0)).join(', ')}; ${fixed(coldWarmedUp.wallMs, 1)} ms wall), ${ratio(coldWarmedUp.ms)}`,
)
console.log(
  `  first call in this process (after the big schedule): ${fixed(lateFirst.ms, 1)} ms CPU (${fixed(lateFirst.wallMs, 1)} ms wall), ${ratio(lateFirst.ms)}`,
)
console.log(
  `  warm: ${fixed(lateRun.ms, 1)} ms CPU median of 7 after 3 untimed calls (${fixed(lateRun.wallMs, 1)} ms wall; fastest ${fixed(lateRuns[0]!.ms, 1)}, slowest ${fixed(lateRuns[6]!.ms, 1)}), ${ratio(lateRun.ms)}`,
)
// The same late requests on an unpublished schedule: repairs may move unlocked meetings.
const draftRun = timed(() => reschedule(big, bigRun.value, { addRequests: late }))
const draftIds = draftRun.value.result.assignments.filter((a) => lateIds.has(a.requestId)).length
console.log(
  `  unpublished (nothing locked): late requests scheduled ${draftIds}/50, total ${draftRun.value.result.stats.scheduled} (was ${bigRun.value.stats.scheduled}), violations ${scheduleViolations(draftRun.value.input, draftRun.value.result).length}, ${fixed(draftRun.ms, 1)} ms CPU`,
)
targets.push(
  `${mark(lateRun.ms <= 100 && moved === 0 && lateViolations.length === 0)} 50 late requests re-scheduled warm in ${fixed(lateRun.ms, 1)} ms CPU median (target ≤ 100 ms; wall ${fixed(lateRun.wallMs, 1)} ms; ${ratio(lateRun.ms)}), locked meetings moved: ${moved}; unpublished variant ${fixed(draftRun.ms, 1)} ms CPU`,
  `${mark(coldWarmedUp.ms <= 100 && moved === 0)} the same, first call of a server process (warmed up at start): ${fixed(coldWarmedUp.ms, 1)} ms CPU (target ≤ 100 ms; ${ratio(coldWarmedUp.ms)}); without the warm-up ${fixed(cold.ms, 1)} ms CPU (${ratio(cold.ms)})`,
)

// ---------------------------------------------------------------------------------------------
// Small instances against the exact integer optimum
console.log(
  '\n50 small random instances (10–40 participants): scheduler vs the MILP optimum (HiGHS)',
)
let equal = 0
let worst = 1
let smallViolations = 0
let smallMs = 0
let milpSeconds = 0
let baselineEqual = 0
let decidedBySingle = 0
const rows: string[] = []
for (let seed = 1; seed <= 50; seed++) {
  const input = smallInstance(seed)
  const run = timed(() => schedule(input))
  smallMs += run.ms
  smallViolations += scheduleViolations(input, run.value).length
  const optimum = solveAssignment(highs, input, true, { timeLimit: 60 })
  milpSeconds += optimum.seconds
  const lp = solveAssignment(highs, input, false)
  const single = Object.values(singleResourceBounds(input))
  if (Math.min(...single) <= lp.value + 1e-6) decidedBySingle++
  const baseline = greedyBaseline(input).stats.scheduled
  const optimal = Math.round(optimum.value)
  const ratio = optimal === 0 ? 1 : run.value.stats.scheduled / optimal
  if (run.value.stats.scheduled === optimal) equal++
  if (baseline === optimal) baselineEqual++
  worst = Math.min(worst, ratio)
  rows.push(
    `  #${String(seed).padStart(2)} p ${String(input.participants.length).padStart(2)} r ${String(input.requests.length).padStart(3)} slots ${String(input.slots.length).padStart(2)}` +
      `  optimum ${String(optimal).padStart(3)} (${optimum.status})  LP ${fixed(lp.value, 1).padStart(5)}  min single-resource ${Math.min(...single)}` +
      `  scheduler ${String(run.value.stats.scheduled).padStart(3)}  FCFS ${String(baseline).padStart(3)}` +
      `  idle ${fixed(run.value.stats.idleMean)} vs ${fixed(greedyBaseline(input).stats.idleMean)}`,
  )
}
console.log(rows.join('\n'))
console.log(
  `  equal to the optimum ${equal}/50, worst ratio ${fixed(100 * worst)}%, FCFS equal ${baselineEqual}/50,` +
    ` violations ${smallViolations}, scheduler ${fixed(smallMs / 50, 1)} ms per instance, MILP ${fixed(milpSeconds, 1)} s in all;` +
    ` LP bound decided by a single resource on ${decidedBySingle}/50`,
)
targets.push(
  `${mark(equal >= 48 && worst >= 0.97 && smallViolations === 0)} small instances: equal to the integer optimum in ${equal}/50 (target ≥ 48, i.e. 95%), worst ${fixed(100 * worst)}% (target ≥ 97%); FCFS equal in ${baselineEqual}/50`,
)

console.log('\nTargets')
for (const line of targets) console.log(`  ${line}`)
