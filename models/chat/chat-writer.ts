import type { Types } from 'mongoose'

/**
 * The write side of chat, one per process: message inserts are group-committed and the
 * conversations' inbox summaries are written behind, both from one loop.
 *
 * Why (measured on FerretDB 1.24 / SQLite, docs/decisions/007-chat-writes.md): one insert takes
 * ~0.5 ms alone, but concurrent writers fight over SQLite's single write lock and back off in
 * sleeps of 1–100 ms (p99 331 ms at 32 concurrent inserts); an insert of 10 documents takes
 * ~0.7 ms (11,000 documents/s against 1,500 one by one). An update by _id takes ~2.3 ms and
 * does not get cheaper in bulk (~500/s at most). So: inserts that arrive while a batch is being
 * written go together in the next one, and a conversation's summary (last message, time,
 * seq) is written at most once per `summaryIntervalMs`: the first time at once, later changes
 * coalesced. On MongoDB the same loop costs nothing and saves round trips.
 *
 * Nothing acknowledged depends on the summary: the messages are the record, the summary is
 * what the inbox sorts and previews by. `flush()` writes everything pending (shutdown, tests).
 */
export interface InsertOutcome {
  /** `duplicate`: a unique index refused the document (its _id or another unique key). */
  outcome: 'stored' | 'duplicate'
}

export interface ConversationSummary {
  seq: number
  at: Date
  preview: string
}

/** What is written behind: anything with a seq; a higher seq replaces a lower one. */
export interface Sequenced {
  seq: number
}

export interface ChatWriterOptions<S extends Sequenced = ConversationSummary> {
  /** Inserts the documents unordered; returns, per failed document index, its error. */
  insertMany: (documents: Record<string, unknown>[]) => Promise<Map<number, unknown>>
  writeSummary: (key: string, summary: S) => Promise<void>
  isDuplicateKeyError: (error: unknown) => boolean
  summaryIntervalMs?: number
  /**
   * At least this long from the start of one summary write that nobody waits for to the start
   * of the next (and at least 4× the time the last one took), so that under load summaries take
   * a bounded share of the writer (and coalesce more) instead of delaying message inserts.
   * Immediate touches and flush() do not wait for it.
   */
  summarySpacingMs?: number
  maxBatch?: number
  onSummaryError?: (error: unknown, conversationId: string) => void
  now?: () => number
}

interface PendingInsert {
  document: Record<string, unknown>
  resolve: (outcome: InsertOutcome) => void
  reject: (error: unknown) => void
}

interface PendingSummary<S> {
  summary: S
  /** Earliest time it may be written. */
  dueAt: number
  /** Somebody waits for it (an immediate touch, flush): not held back by the spacing. */
  urgent: boolean
  waiters: Array<() => void>
}

export class ChatWriter<S extends Sequenced = ConversationSummary> {
  private readonly inserts: PendingInsert[] = []
  private readonly summaries = new Map<string, PendingSummary<S>>()
  /** When each conversation's summary was last written, and its seq (pruned after the interval). */
  private readonly written = new Map<string, { at: number; seq: number }>()
  private running = false
  private wakeTimer: ReturnType<typeof setTimeout> | null = null
  private readonly idleWaiters: Array<() => void> = []
  private readonly summaryIntervalMs: number
  private readonly summarySpacingMs: number
  private nextSummaryAllowedAt = 0
  private readonly maxBatch: number
  private readonly now: () => number

  constructor(private readonly options: ChatWriterOptions<S>) {
    this.summaryIntervalMs = options.summaryIntervalMs ?? 5_000
    this.summarySpacingMs = options.summarySpacingMs ?? 0
    this.maxBatch = options.maxBatch ?? 200
    this.now = options.now ?? Date.now
  }

  /** Stores one document with whatever else is waiting; resolves once it is stored (or refused). */
  insert(document: Record<string, unknown>): Promise<InsertOutcome> {
    return new Promise((resolve, reject) => {
      this.inserts.push({ document, resolve, reject })
      this.kick()
    })
  }

  /**
   * Records a conversation's newest message for the inbox. A newer seq replaces an older one
   * still waiting; an older one is ignored. With `immediate`, it is written as soon as the
   * loop is free and the promise waits for that (form posts, whose next page reads it).
   */
  touchSummary(
    conversationId: Types.ObjectId | string,
    summary: S,
    { immediate = false } = {},
  ): Promise<void> {
    const id = String(conversationId)
    const now = this.now()
    const last = this.written.get(id)
    // A retry of an older message, or a late caller: what is written is newer already.
    if (last && summary.seq <= last.seq && !this.summaries.has(id)) return Promise.resolve()
    const dueAt = immediate || last === undefined ? now : last.at + this.summaryIntervalMs
    const pending = this.summaries.get(id)
    const written = new Promise<void>((resolve) => {
      if (pending) {
        if (summary.seq > pending.summary.seq) pending.summary = summary
        pending.dueAt = Math.min(pending.dueAt, dueAt)
        pending.urgent ||= immediate
        pending.waiters.push(resolve)
      } else {
        this.summaries.set(id, { summary, dueAt, urgent: immediate, waiters: [resolve] })
      }
    })
    this.kick()
    return written
  }

  /** Writes every pending insert and summary now, and resolves when nothing is left. */
  flush(): Promise<void> {
    for (const pending of this.summaries.values()) {
      pending.dueAt = 0
      pending.urgent = true
    }
    if (!this.running && this.inserts.length === 0 && this.summaries.size === 0) {
      return Promise.resolve()
    }
    const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve))
    this.kick()
    return idle
  }

  get pendingSummaries(): number {
    return this.summaries.size
  }

  /**
   * The newest seq known for a key in this process: waiting to be written, being written or
   * written. Readers combine it with what the database says, which may lag behind.
   */
  latestSeq(key: Types.ObjectId | string): number | undefined {
    const id = String(key)
    const pending = this.summaries.get(id)?.summary.seq
    const written = this.written.get(id)?.seq
    if (pending === undefined) return written
    return written === undefined ? pending : Math.max(pending, written)
  }

  private kick() {
    if (this.running) return
    if (this.wakeTimer) {
      clearTimeout(this.wakeTimer)
      this.wakeTimer = null
    }
    this.running = true
    void this.run()
  }

  private async run() {
    try {
      for (;;) {
        if (this.inserts.length > 0) {
          await this.writeInserts(this.inserts.splice(0, this.maxBatch))
          continue
        }
        // Summaries only between insert batches: one writer at a time, inserts first.
        const due = this.nextDueSummary()
        if (due) {
          await this.writeSummary(due)
          continue
        }
        break
      }
    } finally {
      this.running = false
      this.afterRun()
    }
  }

  private afterRun() {
    if (this.inserts.length > 0) return this.kick()
    if (this.summaries.size > 0) {
      let earliest = Infinity
      for (const entry of this.summaries.values()) {
        const at = entry.urgent ? entry.dueAt : Math.max(entry.dueAt, this.nextSummaryAllowedAt)
        earliest = Math.min(earliest, at)
      }
      this.wakeTimer = setTimeout(() => this.kick(), Math.max(0, earliest - this.now()))
      this.wakeTimer.unref?.()
      return
    }
    for (const resolve of this.idleWaiters.splice(0)) resolve()
    this.pruneWrittenAt()
  }

  private nextDueSummary(): [string, PendingSummary<S>] | null {
    const now = this.now()
    const spaced = now >= this.nextSummaryAllowedAt
    let due: [string, PendingSummary<S>] | null = null
    for (const entry of this.summaries) {
      if (entry[1].dueAt > now) continue
      if (entry[1].urgent) return entry
      if (spaced) due ??= entry
    }
    return due
  }

  private async writeInserts(batch: PendingInsert[]) {
    let failures: Map<number, unknown>
    try {
      failures = await this.options.insertMany(batch.map((pending) => pending.document))
    } catch (error) {
      // Nothing is known about this batch: every sender is told, and retries are safe.
      for (const pending of batch) pending.reject(error)
      return
    }
    batch.forEach((pending, index) => {
      if (!failures.has(index)) return pending.resolve({ outcome: 'stored' })
      const error = failures.get(index)
      try {
        if (this.options.isDuplicateKeyError(error)) pending.resolve({ outcome: 'duplicate' })
        else pending.reject(error)
      } catch (thrown) {
        pending.reject(thrown)
      }
    })
  }

  private async writeSummary([id, pending]: [string, PendingSummary<S>]) {
    this.summaries.delete(id)
    this.written.set(id, { at: this.now(), seq: pending.summary.seq })
    const started = this.now()
    try {
      await this.options.writeSummary(id, pending.summary)
      if (!pending.urgent) {
        // At least the spacing, and at least 4× what the write took: background writes keep
        // to about a fifth of the writer however slow the database is at the moment.
        const took = this.now() - started
        this.nextSummaryAllowedAt = this.now() + Math.max(this.summarySpacingMs - took, 4 * took)
      }
    } catch (error) {
      // The messages are stored; only the inbox preview lags. The next message rewrites it.
      try {
        this.options.onSummaryError?.(error, id)
      } catch {
        // A failing error reporter must not stop the loop.
      }
    }
    for (const resolve of pending.waiters) resolve()
  }

  private pruneWrittenAt() {
    if (this.written.size < 10_000) return
    const cutoff = this.now() - this.summaryIntervalMs
    for (const [id, { at }] of this.written) if (at < cutoff) this.written.delete(id)
  }
}
