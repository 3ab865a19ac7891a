import { describe, expect, it } from 'vitest'
import { JobLease, leaseId, readLease, takeLease } from '#models/operations/job-lease.ts'
import { parseJobSchedule } from '#server/config.ts'
import { createJobRunner, type JobRunner } from '#server/jobs/runner.ts'
import { useTestDatabase } from '#test/database.ts'
import { testLogger } from '#test/logger.ts'

useTestDatabase()

let jobCounter = 0
const uniqueJob = () => `test-job-${++jobCounter}-${Date.now().toString(36)}`

function runners(count: number): JobRunner[] {
  return Array.from({ length: count }, (_, index) =>
    createJobRunner({ logger: testLogger, node: `node-${index}` }),
  )
}

describe('job runner on database leases', () => {
  it('runs a job on one node only, and again only once it is due', async () => {
    const name = uniqueJob()
    const runs: string[] = []
    const [a, b] = runners(2) as [JobRunner, JobRunner]
    for (const runner of [a, b]) {
      runner.registerJob({
        name,
        everyMs: 400,
        run: async () => void runs.push(runner.node),
      })
    }
    // Both nodes tick at once, twice: one lease, one run.
    await Promise.all([a.tick(name), b.tick(name)])
    await Promise.all([a.tick(name), b.tick(name)])
    expect(runs).toHaveLength(1)
    const holder = runs[0]!
    await new Promise((resolve) => setTimeout(resolve, 450))
    await Promise.all([a.tick(name), b.tick(name)])
    expect(runs).toEqual([holder, holder])
    const lease = await readLease(name, 1)
    expect(lease).toMatchObject({ node: holder, runs: 2 })
    expect(await readLease(name, 2)).toBeNull()
  })

  it('takes over an expired lease and reruns a job its dead holder never finished', async () => {
    const name = uniqueJob()
    const started = new Date(Date.now() - 5_000)
    // A node that died mid-run: started, never finished, lease expired.
    const dead = await takeLease({
      job: name,
      node: 'dead-node',
      previous: null,
      expiresAt: new Date(Date.now() - 1),
      firstStartedAt: null,
    })
    await JobLease.updateOne(
      { _id: dead!._id },
      { $set: { lastStartedAt: started, lastFinishedAt: new Date(started.getTime() - 3_600_000) } },
    )
    const runs: string[] = []
    const [survivor] = runners(1) as [JobRunner]
    survivor.registerJob({ name, everyMs: 3_600_000, run: async () => void runs.push('ran') })
    await survivor.tick(name)
    expect(runs).toEqual(['ran'])
    expect(await readLease(name, 2)).toMatchObject({ node: 'node-0', runs: 1 })
    // An hourly job that just ran is not run again by the next tick.
    await survivor.tick(name)
    expect(runs).toEqual(['ran'])
  })

  it('does not take a lease that has not expired, even from a node that looks idle', async () => {
    const name = uniqueJob()
    await takeLease({
      job: name,
      node: 'other-node',
      previous: null,
      expiresAt: new Date(Date.now() + 60_000),
      firstStartedAt: null,
    })
    const runs: string[] = []
    const [runner] = runners(1) as [JobRunner]
    runner.registerJob({ name, everyMs: 10, run: async () => void runs.push('ran') })
    await runner.tick(name)
    expect(runs).toEqual([])
    expect(await readLease(name, 2)).toBeNull()
  })

  it('aborts a run when another node has taken the lease meanwhile (fencing)', async () => {
    const name = uniqueJob()
    const [a] = runners(1) as [JobRunner]
    let aborted: Promise<void> | undefined
    let finish!: () => void
    a.registerJob({
      name,
      everyMs: 60_000,
      leaseMs: 150,
      run: ({ signal }) => {
        aborted = new Promise((resolve) => signal.addEventListener('abort', () => resolve()))
        return new Promise<void>((resolve) => (finish = resolve))
      },
    })
    const ticking = a.tick(name)
    await expect.poll(() => aborted !== undefined, { timeout: 5_000 }).toBe(true)
    // Another node took generation 2 (as after a pause longer than the lease).
    await JobLease.create({
      _id: leaseId(name, 2),
      job: name,
      generation: 2,
      node: 'other-node',
      expiresAt: new Date(Date.now() + 60_000),
    })
    await aborted
    finish()
    await ticking
    // The old holder does not write "finished": the new holder decides.
    expect((await readLease(name, 1))?.runs).toBe(0)
  })

  it('releases its leases on stop, so another node takes over at once', async () => {
    const name = uniqueJob()
    const [a, b] = runners(2) as [JobRunner, JobRunner]
    const runs: string[] = []
    for (const runner of [a, b]) {
      runner.registerJob({ name, everyMs: 60_000, run: async () => void runs.push(runner.node) })
    }
    await a.tick(name)
    await a.stop()
    await b.tick(name)
    expect(runs).toEqual(['node-0'])
    expect(await readLease(name, 2)).toMatchObject({ node: 'node-1' })
    // Not due: the run finished on node-0 a moment ago.
    await b.tick(name)
    expect(runs).toEqual(['node-0'])
  })

  it('records a failure and tries again at the next interval, not at every tick', async () => {
    const name = uniqueJob()
    const outcomes: string[] = []
    const runner = createJobRunner({
      logger: testLogger,
      node: 'failing-node',
      observer: { ran: (_job, outcome) => void outcomes.push(outcome), holding: () => {} },
    })
    runner.registerJob({
      name,
      everyMs: 60_000,
      run: async () => {
        throw new Error('boom')
      },
    })
    await runner.tick(name)
    await runner.tick(name)
    expect(outcomes).toEqual(['failure'])
    expect((await readLease(name, 1))?.lastFailedAt).toBeInstanceOf(Date)
  })

  it('runs one sweep at a time on a node; frequent jobs are not held back', async () => {
    const [first, second, frequent] = [uniqueJob(), uniqueJob(), uniqueJob()]
    const [runner] = runners(1) as [JobRunner]
    const runs: string[] = []
    let finishFirst!: () => void
    runner.registerJob({
      name: first,
      everyMs: 3_600_000,
      run: () => {
        runs.push(first)
        return new Promise<void>((resolve) => (finishFirst = resolve))
      },
    })
    runner.registerJob({ name: second, everyMs: 300_000, run: async () => void runs.push(second) })
    runner.registerJob({
      name: frequent,
      everyMs: 1_000,
      run: async () => void runs.push(frequent),
    })
    const firstRun = runner.tick(first)
    await expect.poll(() => runs.includes(first), { timeout: 5_000 }).toBe(true)
    // The second sweep is due (never run) but waits, holding its lease; the frequent job runs.
    await runner.tick(second)
    await runner.tick(frequent)
    expect(runs).toEqual([first, frequent])
    expect(await readLease(second, 1)).toMatchObject({ node: 'node-0', runs: 0 })
    finishFirst()
    await firstRun
    await runner.tick(second)
    expect(runs).toEqual([first, frequent, second])
  })

  it('starts no sweep until JOB_SWEEP_DELAY after the jobs started', async () => {
    const [sweep, frequent] = [uniqueJob(), uniqueJob()]
    let clock = Date.now()
    const runner = createJobRunner({
      logger: testLogger,
      node: 'delayed-node',
      sweepDelayMs: 120_000,
      now: () => clock,
    })
    const runs: string[] = []
    runner.registerJob({ name: sweep, everyMs: 3_600_000, run: async () => void runs.push(sweep) })
    runner.registerJob({
      name: frequent,
      everyMs: 1_000,
      run: async () => void runs.push(frequent),
    })
    runner.start()
    try {
      await runner.tick(sweep)
      await runner.tick(frequent)
      expect(runs).toEqual([frequent])
      clock += 119_000
      await runner.tick(sweep)
      expect(runs).toEqual([frequent])
      clock += 1_000
      await runner.tick(sweep)
      expect(runs).toEqual([frequent, sweep])
    } finally {
      await runner.stop()
    }
  })

  it('refuses bad job definitions', () => {
    const [runner] = runners(1) as [JobRunner]
    const run = async () => {}
    expect(() => runner.registerJob({ name: 'Bad Name', everyMs: 1, run })).toThrow()
    expect(() => runner.registerJob({ name: 'no-interval', everyMs: 0, run })).toThrow()
    runner.registerJob({ name: 'twice', everyMs: 1, run })
    expect(() => runner.registerJob({ name: 'twice', everyMs: 1, run })).toThrow()
  })
})

describe('JOB_SCHEDULE', () => {
  it('reads intervals with optional leases, and refuses anything else', () => {
    expect(parseJobSchedule('purge-expired=30m, search-reconcile=2h/5m')).toEqual({
      'purge-expired': { everyMs: 1_800_000 },
      'search-reconcile': { everyMs: 7_200_000, leaseMs: 300_000 },
    })
    expect(parseJobSchedule('')).toEqual({})
    for (const bad of ['purge=0s', 'purge=5', 'Purge=5s', 'purge=5s/0s', 'purge', '=5s']) {
      expect(parseJobSchedule(bad), bad).toBeNull()
    }
  })
})
