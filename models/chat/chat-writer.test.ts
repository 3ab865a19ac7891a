import { Types } from 'mongoose'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ChatWriter,
  type ChatWriterOptions,
  type ConversationSummary,
} from '#models/chat/chat-writer.ts'

// Pure unit tests: the database is replaced by fakes that record every call and can be held
// open (each call gets a deferred the test settles), so the order of writes is observable.

/** Captured before any test fakes timers: lets every pending microtask run, in real time. */
const realSetImmediate = globalThis.setImmediate
const drain = () => new Promise<void>((resolve) => realSetImmediate(resolve))

interface Deferred<T> {
  promise: Promise<T>
  resolve: (value: T) => void
  reject: (error: unknown) => void
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Follows a promise without awaiting it (and without leaving a rejection unhandled). */
function track<T>(promise: Promise<T>) {
  const state = {
    settled: false,
    rejected: false,
    value: undefined as T | undefined,
    error: undefined as unknown,
  }
  promise.then(
    (value) => {
      state.settled = true
      state.value = value
    },
    (error: unknown) => {
      state.settled = true
      state.rejected = true
      state.error = error
    },
  )
  return state
}

class DuplicateKey extends Error {}

interface InsertCall extends Deferred<Map<number, unknown>> {
  documents: Record<string, unknown>[]
}

interface SummaryCall extends Deferred<void> {
  conversationId: string
  summary: ConversationSummary
}

function createFake() {
  const fake = {
    /** Every write in the order it started: `insert a,b` or `summary c1 3`. */
    events: [] as string[],
    insertCalls: [] as InsertCall[],
    summaryCalls: [] as SummaryCall[],
    /** While true, insertMany calls stay open until the test settles them. */
    holdInserts: false,
    /** While true, writeSummary calls stay open until the test settles them. */
    holdSummaries: false,
    insertMany(documents: Record<string, unknown>[]) {
      fake.events.push(`insert ${documents.map((document) => document.id).join(',')}`)
      const call: InsertCall = { documents: [...documents], ...deferred<Map<number, unknown>>() }
      fake.insertCalls.push(call)
      if (!fake.holdInserts) call.resolve(new Map())
      return call.promise
    },
    writeSummary(conversationId: string, summary: ConversationSummary) {
      fake.events.push(`summary ${conversationId} ${summary.seq}`)
      const call: SummaryCall = { conversationId, summary, ...deferred<void>() }
      fake.summaryCalls.push(call)
      if (!fake.holdSummaries) call.resolve()
      return call.promise
    },
    batchSizes() {
      return fake.insertCalls.map((call) => call.documents.length)
    },
    insertCall(index: number) {
      const call = fake.insertCalls[index]
      if (!call) throw new Error(`no insertMany call #${index}`)
      return call
    },
    summaryCall(index: number) {
      const call = fake.summaryCalls[index]
      if (!call) throw new Error(`no writeSummary call #${index}`)
      return call
    },
  }
  return fake
}

const INTERVAL = 1_000

function setup(options: Partial<ChatWriterOptions> = {}) {
  const fake = createFake()
  const onSummaryError = vi.fn()
  const writer = new ChatWriter({
    insertMany: fake.insertMany,
    writeSummary: fake.writeSummary,
    isDuplicateKeyError: (error) => error instanceof DuplicateKey,
    summaryIntervalMs: INTERVAL,
    onSummaryError,
    // Date is faked below: the writer's clock and its timers move together, only when told.
    now: () => Date.now(),
    ...options,
  })
  return { fake, writer, onSummaryError }
}

function summary(seq: number): ConversationSummary {
  return { seq, at: new Date(1_700_000_000_000 + seq * 1_000), preview: `message ${seq}` }
}

/** Moves the fake clock (and its timers) forward, then lets the writer's loop run. */
async function advance(ms: number) {
  await vi.advanceTimersByTimeAsync(ms)
  await drain()
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2025-01-01T00:00:00Z') })
})

afterEach(() => {
  vi.useRealTimers()
})

describe('ChatWriter inserts', () => {
  it('writes an insert at once and alone when nothing is in flight', async () => {
    const { fake, writer } = setup()
    fake.holdInserts = true
    const first = track(writer.insert({ id: 'a' }))

    expect(fake.insertCalls).toHaveLength(1)
    expect(fake.insertCall(0).documents).toEqual([{ id: 'a' }])
    await drain()
    expect(first.settled).toBe(false)

    fake.insertCall(0).resolve(new Map())
    await drain()
    expect(first.value).toEqual({ outcome: 'stored' })
    expect(fake.batchSizes()).toEqual([1])
  })

  it('writes the inserts that arrive during a batch together in the next batch', async () => {
    const { fake, writer } = setup()
    fake.holdInserts = true
    const first = track(writer.insert({ id: 'a' }))
    const rest = ['b', 'c', 'd', 'e', 'f'].map((id) => track(writer.insert({ id })))
    await drain()
    expect(fake.batchSizes()).toEqual([1])

    fake.insertCall(0).resolve(new Map())
    await drain()
    expect(first.value).toEqual({ outcome: 'stored' })
    expect(fake.batchSizes()).toEqual([1, 5])
    expect(fake.insertCall(1).documents.map((document) => document.id)).toEqual([
      'b',
      'c',
      'd',
      'e',
      'f',
    ])
    expect(rest.some((insert) => insert.settled)).toBe(false)

    fake.insertCall(1).resolve(new Map())
    await drain()
    expect(rest.map((insert) => insert.value)).toEqual(Array(5).fill({ outcome: 'stored' }))
    expect(fake.batchSizes()).toEqual([1, 5])
  })

  it('splits a longer queue into batches of at most maxBatch, in order', async () => {
    const { fake, writer } = setup({ maxBatch: 2 })
    fake.holdInserts = true
    const inserts = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => track(writer.insert({ id })))
    for (let index = 0; index < 4; index++) {
      await drain()
      expect(fake.insertCalls).toHaveLength(index + 1)
      fake.insertCall(index).resolve(new Map())
    }
    await drain()

    expect(fake.batchSizes()).toEqual([1, 2, 2, 1])
    expect(fake.events).toEqual(['insert a', 'insert b,c', 'insert d,e', 'insert f'])
    expect(inserts.every((insert) => insert.value?.outcome === 'stored')).toBe(true)
  })

  it('resolves duplicates, rejects only the documents that failed otherwise, stores the rest', async () => {
    const { fake, writer } = setup()
    fake.holdInserts = true
    const first = track(writer.insert({ id: 'a' }))
    const batch = ['b', 'c', 'd', 'e', 'f'].map((id) => track(writer.insert({ id })))
    fake.insertCall(0).resolve(new Map([[0, new DuplicateKey('a exists')]]))
    await drain()

    const invalid = new Error('document failed validation')
    fake.insertCall(1).resolve(
      new Map<number, unknown>([
        [1, new DuplicateKey('c exists')],
        [3, invalid],
        [4, new DuplicateKey('f exists')],
      ]),
    )
    await drain()

    expect(first.value).toEqual({ outcome: 'duplicate' })
    expect(batch.map((insert) => insert.value ?? insert.error)).toEqual([
      { outcome: 'stored' },
      { outcome: 'duplicate' },
      { outcome: 'stored' },
      invalid,
      { outcome: 'duplicate' },
    ])
    expect(batch.map((insert) => insert.rejected)).toEqual([false, false, false, true, false])
    expect(batch[3]!.error).toBe(invalid)
  })

  it('rejects every insert of a batch whose insertMany throws, and keeps working', async () => {
    const { fake, writer } = setup()
    fake.holdInserts = true
    const first = track(writer.insert({ id: 'a' }))
    const failed = ['b', 'c', 'd'].map((id) => track(writer.insert({ id })))
    fake.insertCall(0).resolve(new Map())
    await drain()

    const down = new Error('connection reset')
    fake.insertCall(1).reject(down)
    await drain()
    expect(first.value).toEqual({ outcome: 'stored' })
    expect(failed.every((insert) => insert.rejected && insert.error === down)).toBe(true)

    fake.holdInserts = false
    await expect(writer.insert({ id: 'g' })).resolves.toEqual({ outcome: 'stored' })
    const later = ['h', 'i'].map((id) => writer.insert({ id }))
    await expect(Promise.all(later)).resolves.toEqual([
      { outcome: 'stored' },
      { outcome: 'stored' },
    ])
    expect(fake.events).toEqual(['insert a', 'insert b,c,d', 'insert g', 'insert h', 'insert i'])
  })
})

describe('ChatWriter summaries', () => {
  it('writes the first summary of a conversation at once and resolves when it is written', async () => {
    const { fake, writer } = setup()
    fake.holdSummaries = true
    const touched = track(writer.touchSummary('c1', summary(1)))

    expect(fake.summaryCalls).toHaveLength(1)
    expect(fake.summaryCall(0).conversationId).toBe('c1')
    expect(fake.summaryCall(0).summary).toEqual(summary(1))
    await drain()
    expect(touched.settled).toBe(false)

    fake.summaryCall(0).resolve()
    await drain()
    expect(touched.settled).toBe(true)
    expect(writer.pendingSummaries).toBe(0)
  })

  it('coalesces touches within the interval into one later write of the highest seq', async () => {
    const { fake, writer } = setup()
    const first = track(writer.touchSummary('c1', summary(1)))
    await drain()
    expect(first.settled).toBe(true)

    await advance(100)
    const second = track(writer.touchSummary('c1', summary(2)))
    await advance(100)
    const fourth = track(writer.touchSummary('c1', summary(4)))
    await advance(100)
    // Older than the one waiting: must not replace it.
    const third = track(writer.touchSummary('c1', summary(3)))
    await drain()
    expect(fake.summaryCalls).toHaveLength(1)
    expect(writer.pendingSummaries).toBe(1)

    // The first write was at t=0: nothing more before t=INTERVAL.
    await advance(INTERVAL - 300 - 1)
    expect(fake.summaryCalls).toHaveLength(1)
    expect([second, fourth, third].some((touch) => touch.settled)).toBe(false)

    await advance(1)
    expect(fake.summaryCalls).toHaveLength(2)
    expect(fake.summaryCall(1).conversationId).toBe('c1')
    expect(fake.summaryCall(1).summary).toEqual(summary(4))
    expect([second, fourth, third].every((touch) => touch.settled)).toBe(true)

    await advance(10 * INTERVAL)
    expect(fake.events).toEqual(['summary c1 1', 'summary c1 4'])
  })

  it('resolves coalesced touches only once their write has completed', async () => {
    const { fake, writer } = setup()
    await writer.touchSummary('c1', summary(1))
    fake.holdSummaries = true
    const later = [2, 3].map((seq) => track(writer.touchSummary('c1', summary(seq))))

    await advance(INTERVAL)
    expect(fake.summaryCalls).toHaveLength(2)
    expect(fake.summaryCall(1).summary.seq).toBe(3)
    expect(later.some((touch) => touch.settled)).toBe(false)

    fake.summaryCall(1).resolve()
    await drain()
    expect(later.every((touch) => touch.settled && !touch.rejected)).toBe(true)
  })

  it('keeps the interval per conversation, and writes at once once it has passed', async () => {
    const { fake, writer } = setup()
    await writer.touchSummary('c1', summary(1))
    await advance(10)
    // Another conversation's first summary is not held back by c1's interval.
    await writer.touchSummary('c2', summary(7))
    expect(fake.events).toEqual(['summary c1 1', 'summary c2 7'])

    await advance(INTERVAL)
    // The interval since c1's last write has passed: at once again.
    await writer.touchSummary('c1', summary(2))
    expect(fake.events).toEqual(['summary c1 1', 'summary c2 7', 'summary c1 2'])
  })

  it('treats an ObjectId and its hex string as the same conversation', async () => {
    const { fake, writer } = setup()
    const id = new Types.ObjectId()
    await writer.touchSummary(id, summary(1))
    const later = track(writer.touchSummary(id.toHexString(), summary(2)))
    await drain()
    expect(later.settled).toBe(false)
    expect(writer.pendingSummaries).toBe(1)

    await advance(INTERVAL)
    expect(later.settled).toBe(true)
    expect(fake.events).toEqual([`summary ${id.toHexString()} 1`, `summary ${id.toHexString()} 2`])
  })

  it('writes an immediate touch inside the interval and resolves after the write', async () => {
    const { fake, writer } = setup()
    await writer.touchSummary('c1', summary(1))
    await advance(100)

    fake.holdSummaries = true
    const immediate = track(writer.touchSummary('c1', summary(2), { immediate: true }))
    await drain()
    expect(fake.summaryCalls).toHaveLength(2)
    expect(fake.summaryCall(1).summary).toEqual(summary(2))
    expect(immediate.settled).toBe(false)

    fake.summaryCall(1).resolve()
    await drain()
    expect(immediate.settled).toBe(true)

    await advance(10 * INTERVAL)
    expect(fake.events).toEqual(['summary c1 1', 'summary c1 2'])
  })

  it('writes a waiting summary at once with an immediate touch, resolving every waiter', async () => {
    const { fake, writer } = setup()
    await writer.touchSummary('c1', summary(1))
    await advance(100)
    const waiting = track(writer.touchSummary('c1', summary(2)))
    await advance(100)
    expect(fake.summaryCalls).toHaveLength(1)

    const immediate = track(writer.touchSummary('c1', summary(3), { immediate: true }))
    await drain()
    expect(fake.summaryCalls).toHaveLength(2)
    expect(fake.summaryCall(1).summary).toEqual(summary(3))
    expect(waiting.settled && immediate.settled).toBe(true)

    await advance(10 * INTERVAL)
    expect(fake.events).toEqual(['summary c1 1', 'summary c1 3'])
  })

  it('keeps an immediate touch immediate when a normal touch follows before the write', async () => {
    const { fake, writer } = setup()
    await writer.touchSummary('c1', summary(1))
    await advance(100)
    fake.holdInserts = true
    track(writer.insert({ id: 'a' }))
    const immediate = track(writer.touchSummary('c1', summary(2), { immediate: true }))
    const normal = track(writer.touchSummary('c1', summary(3)))
    await drain()
    expect(fake.events).toEqual(['summary c1 1', 'insert a'])

    fake.insertCall(0).resolve(new Map())
    await drain()
    expect(fake.events).toEqual(['summary c1 1', 'insert a', 'summary c1 3'])
    expect(immediate.settled && normal.settled).toBe(true)
  })

  it('writes summaries only when no insert is waiting', async () => {
    const { fake, writer } = setup()
    fake.holdInserts = true
    const inserts = [track(writer.insert({ id: 'a' }))]
    const touched = track(writer.touchSummary('c1', summary(1)))
    inserts.push(...['b', 'c'].map((id) => track(writer.insert({ id }))))
    await drain()
    expect(fake.events).toEqual(['insert a'])

    fake.insertCall(0).resolve(new Map())
    await drain()
    expect(fake.events).toEqual(['insert a', 'insert b,c'])
    expect(touched.settled).toBe(false)

    fake.insertCall(1).resolve(new Map())
    await drain()
    expect(fake.events).toEqual(['insert a', 'insert b,c', 'summary c1 1'])
    expect(touched.settled).toBe(true)
    expect(inserts.every((insert) => insert.value?.outcome === 'stored')).toBe(true)
  })

  it('writes one thing at a time: an insert waits for the summary in flight', async () => {
    const { fake, writer } = setup()
    fake.holdSummaries = true
    const touched = track(writer.touchSummary('c1', summary(1)))
    const inserted = track(writer.insert({ id: 'a' }))
    await drain()
    expect(fake.events).toEqual(['summary c1 1'])

    fake.summaryCall(0).resolve()
    await drain()
    expect(fake.events).toEqual(['summary c1 1', 'insert a'])
    expect(touched.settled).toBe(true)
    expect(inserted.value).toEqual({ outcome: 'stored' })
  })

  it('reports a failing summary write, resolves its waiters, and keeps working', async () => {
    const { fake, writer, onSummaryError } = setup()
    fake.holdSummaries = true
    const touched = track(writer.touchSummary('c1', summary(1)))
    const down = new Error('write conflict')
    fake.summaryCall(0).reject(down)
    await drain()

    expect(touched.settled).toBe(true)
    expect(touched.rejected).toBe(false)
    expect(onSummaryError).toHaveBeenCalledTimes(1)
    expect(onSummaryError).toHaveBeenCalledWith(down, 'c1')

    fake.holdSummaries = false
    await expect(writer.insert({ id: 'a' })).resolves.toEqual({ outcome: 'stored' })
    await writer.touchSummary('c2', summary(1))
    const retried = track(writer.touchSummary('c1', summary(2)))
    await advance(INTERVAL)
    expect(retried.settled).toBe(true)
    expect(fake.events).toEqual(['summary c1 1', 'insert a', 'summary c2 1', 'summary c1 2'])
    expect(onSummaryError).toHaveBeenCalledTimes(1)
  })

  it('resolves waiters even when writeSummary throws synchronously', async () => {
    const down = new Error('not connected')
    const { writer, onSummaryError } = setup({
      writeSummary: () => {
        throw down
      },
    })
    await expect(writer.touchSummary('c1', summary(1))).resolves.toBeUndefined()
    expect(onSummaryError).toHaveBeenCalledWith(down, 'c1')
  })
})

describe('ChatWriter summaries after a write', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('never writes an older seq after a newer one was written (a late retry)', async () => {
    vi.useFakeTimers()
    const written: number[] = []
    const writer = new ChatWriter({
      insertMany: async () => new Map(),
      writeSummary: async (_id, summary) => {
        written.push(summary.seq)
      },
      isDuplicateKeyError: () => false,
      summaryIntervalMs: 1_000,
      now: () => Date.now(),
    })
    await writer.touchSummary('c1', { seq: 5, at: new Date(5), preview: 'five' })
    const late = writer.touchSummary('c1', { seq: 3, at: new Date(3), preview: 'three' })
    await vi.advanceTimersByTimeAsync(1_000)
    await late
    expect(written).toEqual([5])
    expect(writer.pendingSummaries).toBe(0)
  })

  it('rejects the insert when telling its error apart throws, and keeps working', async () => {
    let calls = 0
    const writer = new ChatWriter({
      // The first document fails with an error the classifier chokes on; later ones are stored.
      insertMany: async () =>
        calls++ === 0 ? new Map<number, unknown>([[0, new Error('odd')]]) : new Map(),
      writeSummary: async () => {},
      isDuplicateKeyError: () => {
        throw new Error('classifier broke')
      },
    })
    await expect(writer.insert({ a: 1 })).rejects.toThrow('classifier broke')
    await expect(writer.insert({ a: 2 })).resolves.toEqual({ outcome: 'stored' })
  })
})

describe('ChatWriter summary spacing', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('spaces summary writes nobody waits for; immediate ones and flush() do not wait', async () => {
    vi.useFakeTimers()
    const start = Date.now()
    const written: Array<[string, number]> = []
    const writer = new ChatWriter({
      insertMany: async () => new Map(),
      writeSummary: async (id) => {
        written.push([id, Date.now() - start])
      },
      isDuplicateKeyError: () => false,
      summarySpacingMs: 100,
      now: () => Date.now(),
    })
    const summary = (seq: number) => ({ seq, at: new Date(seq), preview: String(seq) })
    const first = ['c1', 'c2', 'c3', 'c4'].map((id) => writer.touchSummary(id, summary(1)))
    await vi.advanceTimersByTimeAsync(0)
    expect(written).toEqual([['c1', 0]])
    const urgent = writer.touchSummary('c9', summary(1), { immediate: true })
    await vi.advanceTimersByTimeAsync(0)
    await urgent
    expect(written.map(([id]) => id)).toEqual(['c1', 'c9'])
    await vi.advanceTimersByTimeAsync(100)
    expect(written.map(([id]) => id)).toEqual(['c1', 'c9', 'c2'])
    expect(written[2]![1]).toBeGreaterThanOrEqual(100)
    await vi.advanceTimersByTimeAsync(99)
    expect(written).toHaveLength(3)
    await writer.flush()
    expect(written.map(([id]) => id)).toEqual(['c1', 'c9', 'c2', 'c3', 'c4'])
    expect(written[4]![1]).toBeLessThan(300)
    await Promise.all(first)
  })
})

describe('ChatWriter.flush', () => {
  it('resolves at once on an idle writer', async () => {
    const { fake, writer } = setup()
    const flushed = track(writer.flush())
    await drain()
    expect(flushed.settled).toBe(true)
    expect(fake.events).toEqual([])

    await writer.insert({ id: 'a' })
    await writer.touchSummary('c1', summary(1))
    await drain()
    const again = track(writer.flush())
    await drain()
    expect(again.settled).toBe(true)
    expect(fake.events).toEqual(['insert a', 'summary c1 1'])
  })

  it('writes a summary that is not yet due without waiting for the interval', async () => {
    const { fake, writer } = setup()
    await writer.touchSummary('c1', summary(1))
    const later = track(writer.touchSummary('c1', summary(2)))
    await drain()
    expect(fake.summaryCalls).toHaveLength(1)

    const flushed = track(writer.flush())
    await drain()
    expect(fake.events).toEqual(['summary c1 1', 'summary c1 2'])
    expect(later.settled && flushed.settled).toBe(true)
    expect(writer.pendingSummaries).toBe(0)
  })

  it('resolves only after every pending insert and summary is written', async () => {
    const { fake, writer } = setup()
    await writer.touchSummary('c2', summary(1))
    await drain()
    fake.holdInserts = true
    fake.holdSummaries = true
    track(writer.insert({ id: 'a' }))
    track(writer.insert({ id: 'b' }))
    const due = track(writer.touchSummary('c1', summary(5)))
    const notDue = track(writer.touchSummary('c2', summary(2)))

    const flushed = track(writer.flush())
    await drain()
    expect(flushed.settled).toBe(false)

    fake.insertCall(0).resolve(new Map())
    await drain()
    expect(flushed.settled).toBe(false)
    fake.insertCall(1).resolve(new Map())
    await drain()
    expect(flushed.settled).toBe(false)

    // Summaries come one at a time; c2's is not due for another INTERVAL, yet it is written.
    fake.summaryCall(1).resolve()
    await drain()
    expect(flushed.settled).toBe(false)
    expect(fake.summaryCalls).toHaveLength(3)
    fake.summaryCall(2).resolve()
    await drain()

    expect(flushed.settled).toBe(true)
    expect(due.settled && notDue.settled).toBe(true)
    expect(fake.events).toEqual([
      'summary c2 1',
      'insert a',
      'insert b',
      'summary c1 5',
      'summary c2 2',
    ])
    expect(writer.pendingSummaries).toBe(0)
  })

  it('resolves even when the pending writes fail', async () => {
    const { fake, writer, onSummaryError } = setup()
    fake.holdInserts = true
    fake.holdSummaries = true
    const inserted = track(writer.insert({ id: 'a' }))
    track(writer.touchSummary('c1', summary(1)))
    const flushed = track(writer.flush())

    fake.insertCall(0).reject(new Error('insert failed'))
    await drain()
    fake.summaryCall(0).reject(new Error('summary failed'))
    await drain()

    expect(inserted.rejected).toBe(true)
    expect(onSummaryError).toHaveBeenCalledTimes(1)
    expect(flushed.settled && !flushed.rejected).toBe(true)
  })
})
