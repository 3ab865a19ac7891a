/**
 * One fresh process of `npm run bench:schedule`: the big schedule is computed, then the first
 * reschedule call after 50 late requests and 10 cancellations is timed — with the scheduler's
 * code still cold (`none`), or after `warmUpScheduler()` as the production server runs it once
 * it listens (`warm-up`). Prints one JSON line. The JIT's state is per process, hence a process
 * per measurement.
 */
import { reschedule, schedule } from '#models/events/scheduler/schedule.ts'
import { warmUpScheduler } from '#models/events/scheduler/warm-up.ts'
import { bigInstance, lateChanges, timed } from './schedule-instance.ts'

const mode = process.argv[2] === 'warm-up' ? 'warm-up' : 'none'
const warmUpMs = mode === 'warm-up' ? warmUpScheduler() : 0
const big = bigInstance()
const scheduled = schedule(big)
const { published, changes } = lateChanges(big, scheduled)
const first = timed(() => reschedule(published, scheduled, changes))
process.stdout.write(
  `${JSON.stringify({ mode, warmUpMs, ms: first.ms, wallMs: first.wallMs, scheduled: first.value.result.stats.scheduled })}\n`,
)
