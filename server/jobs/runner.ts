import crypto from 'node:crypto'
import os from 'node:os'
import {
  currentLease,
  latestLeaseGeneration,
  leaseSuperseded,
  takeLease,
  updateLease,
  type JobLeaseRecord,
} from '#models/operations/job-lease.ts'
import type { Logger } from '../logger.ts'

/**
 * Background jobs that run on one app node at a time (decision 016, docs/jobs.md).
 *
 * Each job has a lease in the database (models/operations/job-lease.ts). Every node ticks every
 * job; the node holding the lease runs it when it is due (`everyMs` after its last start, or at
 * once when the last run never finished because its node died), renews the lease while it
 * works, and keeps holding it between runs. A node that dies stops renewing: `leaseMs` later
 * another node takes the next generation and, if the dead node was mid-run, runs the job again.
 * Jobs must therefore be idempotent: a run may be repeated, never skipped.
 */
export interface JobDefinition {
  /** Stable name: lease `_id`s and metric labels use it. Lowercase letters, digits and dashes. */
  name: string
  /** Time from the start of one run to the start of the next. */
  everyMs: number
  /** How long a silent holder keeps the job before another node takes it (default 60 s). */
  leaseMs?: number
  /** Whether the very first run (a job never run anywhere) starts at once (default true). */
  runAtStart?: boolean
  /** The work. `signal` aborts when the lease is lost or the node stops: stop between steps. */
  run(context: { signal: AbortSignal; logger: Logger }): Promise<unknown>
}

export interface JobRunObserver {
  /** A run ended; `outcome` is 'success' or 'failure'. */
  ran(job: string, outcome: 'success' | 'failure', seconds: number): void
  /** Whether this node holds the job's lease now. */
  holding(job: string, held: boolean): void
}

export interface JobRunner {
  readonly node: string
  /** Adds a job; may be called before or after start(). */
  registerJob(job: JobDefinition): void
  start(): void
  /** Stops ticking, aborts and awaits running jobs, and releases held leases at once. */
  stop(): Promise<void>
  /** One tick of one job (tests). */
  tick(name: string): Promise<void>
}

const DEFAULT_LEASE_MS = 60_000
/**
 * Jobs run this rarely or more rarely are sweeps: each reads a whole growing collection. After
 * a restart they are all overdue at once, and run together they starved requests for minutes on
 * the embedded database (decision 010, seventh session). A node runs one sweep at a time, and
 * none before `sweepDelayMs` after it started.
 */
export const SWEEP_EVERY_MS = 5 * 60_000
const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/

interface JobState {
  definition: Required<Omit<JobDefinition, 'run'>> & Pick<JobDefinition, 'run'>
  knownGeneration: number | undefined
  timer?: NodeJS.Timeout
  ticking?: Promise<void>
  held?: JobLeaseRecord
  running?: AbortController
  failures: number
  tickFailures: number
}

export function createJobRunner(options: {
  logger: Logger
  /** This node's name in leases (default host:pid:random). */
  node?: string
  /** Per-job interval and lease overrides (JOB_SCHEDULE). */
  schedule?: Record<string, { everyMs: number; leaseMs?: number }>
  observer?: JobRunObserver
  now?: () => number
  /** How long after start() this node waits before its first sweep (JOB_SWEEP_DELAY; default 0). */
  sweepDelayMs?: number
}): JobRunner {
  const node =
    options.node ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`
  const logger = options.logger.child({ component: 'jobs', node })
  const now = options.now ?? Date.now
  const jobs = new Map<string, JobState>()
  let started = false
  let runnerStartedAt = 0
  let stopping = false
  /** The sweep this node is running, if any: sweeps take turns. */
  let sweepRunning: string | undefined
  const sweepDelayMs = options.sweepDelayMs ?? 0

  function schedule(state: JobState, delayMs?: number) {
    if (!started || stopping) return
    const { everyMs, leaseMs } = state.definition
    // Often enough to renew the lease (three chances per lease) and to notice a due run.
    const interval = delayMs ?? Math.max(50, Math.min(everyMs, leaseMs / 3))
    state.timer = setTimeout(() => {
      state.ticking = tickJob(state).finally(() => {
        state.ticking = undefined
        schedule(state)
      })
    }, interval)
    state.timer.unref()
  }

  function release(state: JobState, lease: JobLeaseRecord | undefined) {
    if (state.held && !lease) options.observer?.holding(state.definition.name, false)
    if (!state.held && lease) options.observer?.holding(state.definition.name, true)
    state.held = lease
  }

  async function tickJob(state: JobState): Promise<void> {
    const { name, everyMs, leaseMs, runAtStart } = state.definition
    try {
      state.knownGeneration ??= await latestLeaseGeneration(name)
      let lease = await currentLease(name, state.knownGeneration)
      state.tickFailures = 0
      if (lease) state.knownGeneration = lease.generation
      const at = now()
      if (!lease || lease.expiresAt.getTime() <= at) {
        if (stopping) return
        const taken = await takeLease({
          job: name,
          node,
          previous: lease,
          expiresAt: new Date(at + leaseMs),
          firstStartedAt: runAtStart ? null : new Date(at),
        })
        if (!taken) return release(state, undefined)
        if (lease) logger.info({ job: name, from: lease.node }, 'job lease taken over')
        lease = taken
        state.knownGeneration = taken.generation
      }
      if (lease.node !== node) return release(state, undefined)
      release(state, lease)
      if (stopping) return
      const lastStarted = lease.lastStartedAt?.getTime()
      const unfinished =
        lastStarted !== undefined && (lease.lastFinishedAt?.getTime() ?? 0) < lastStarted
      const due = lastStarted === undefined || unfinished || at - lastStarted >= everyMs
      const sweep = everyMs >= SWEEP_EVERY_MS
      // A due sweep waits (holding its lease) for the start-up delay and for this node's other
      // sweep to end; the check and the claim below are synchronous, so two ticks cannot both win.
      const waiting = sweep && (sweepRunning !== undefined || at < runnerStartedAt + sweepDelayMs)
      if (!due || waiting) {
        await updateLease(lease, { expiresAt: new Date(at + leaseMs) })
        return
      }
      if (!sweep) return await runHeld(state, lease)
      sweepRunning = name
      try {
        await runHeld(state, lease)
      } finally {
        sweepRunning = undefined
        nudgeWaitingSweeps(state)
      }
    } catch (error) {
      // Once per streak (the database is down): the drain ticks every second.
      if (state.tickFailures++ === 0) logger.error({ err: error, job: name }, 'job tick failed')
    }
  }

  /** The next sweep need not wait for its own tick (up to `leaseMs / 3`) once one has ended. */
  function nudgeWaitingSweeps(ended: JobState) {
    for (const state of jobs.values()) {
      if (state === ended || state.ticking || state.definition.everyMs < SWEEP_EVERY_MS) continue
      if (!state.held || state.timer === undefined) continue
      clearTimeout(state.timer)
      schedule(state, 0)
    }
  }

  async function runHeld(state: JobState, lease: JobLeaseRecord) {
    const { name, leaseMs, run } = state.definition
    const controller = new AbortController()
    state.running = controller
    const startedAt = now()
    await updateLease(lease, {
      lastStartedAt: new Date(startedAt),
      expiresAt: new Date(startedAt + leaseMs),
    })
    // Renews the lease while the job works; aborts it when another node has taken over.
    const heartbeat = setInterval(() => {
      void (async () => {
        if (await leaseSuperseded(lease)) {
          logger.warn({ job: name }, 'job lease lost during a run: aborting it')
          controller.abort(new Error('lease lost'))
          return
        }
        await updateLease(lease, { expiresAt: new Date(now() + leaseMs) })
      })().catch((error: unknown) =>
        logger.error({ err: error, job: name }, 'lease renewal failed'),
      )
    }, leaseMs / 3)
    heartbeat.unref()
    let outcome: 'success' | 'failure' = 'success'
    try {
      await run({ signal: controller.signal, logger: logger.child({ job: name }) })
      if (state.failures > 0) logger.info({ job: name, failures: state.failures }, 'job recovered')
      state.failures = 0
    } catch (error) {
      outcome = 'failure'
      state.failures++
      // Once per streak of failures: a job that fails every second must not flood the log.
      if (state.failures === 1) logger.error({ err: error, job: name }, 'job failed')
    } finally {
      clearInterval(heartbeat)
      state.running = undefined
    }
    const endedAt = now()
    options.observer?.ran(name, outcome, (endedAt - startedAt) / 1000)
    if (controller.signal.aborted && !stopping) return release(state, undefined)
    // A run cut short by a stop is left "unfinished": the next holder runs it again at once.
    if (controller.signal.aborted) return
    await updateLease(lease, {
      lastFinishedAt: new Date(endedAt),
      ...(outcome === 'failure' ? { lastFailedAt: new Date(endedAt) } : {}),
      runs: lease.runs + 1,
      expiresAt: new Date(endedAt + leaseMs),
    })
  }

  return {
    node,
    registerJob(job) {
      if (!NAME.test(job.name)) throw new Error(`job name "${job.name}" is not a-z, 0-9, -`)
      if (jobs.has(job.name)) throw new Error(`job "${job.name}" is registered twice`)
      if (!(job.everyMs > 0)) throw new Error(`job "${job.name}": everyMs must be positive`)
      const state: JobState = {
        definition: {
          name: job.name,
          everyMs: options.schedule?.[job.name]?.everyMs ?? job.everyMs,
          leaseMs: options.schedule?.[job.name]?.leaseMs ?? job.leaseMs ?? DEFAULT_LEASE_MS,
          runAtStart: job.runAtStart ?? true,
          run: job.run,
        },
        knownGeneration: undefined,
        failures: 0,
        tickFailures: 0,
      }
      jobs.set(job.name, state)
      options.observer?.holding(job.name, false)
      schedule(state)
    },
    start() {
      if (started) return
      started = true
      runnerStartedAt = now()
      for (const state of jobs.values()) schedule(state)
    },
    async stop() {
      stopping = true
      for (const state of jobs.values()) {
        clearTimeout(state.timer)
        state.running?.abort(new Error('node stopping'))
      }
      await Promise.allSettled([...jobs.values()].map((state) => state.ticking))
      // Released at once, so that another node takes over without waiting for the expiry.
      await Promise.allSettled(
        [...jobs.values()].map(async (state) => {
          if (!state.held) return
          await updateLease(state.held, { expiresAt: new Date(now()) })
          release(state, undefined)
        }),
      )
    },
    async tick(name) {
      const state = jobs.get(name)
      if (!state) throw new Error(`no job "${name}"`)
      await state.ticking
      state.ticking = tickJob(state)
      await state.ticking
      state.ticking = undefined
    },
  }
}
