import { Board } from './board.ts'
import { targetRequests } from './flow.ts'
import { createRandom, type Random } from './random.ts'
import type { ScheduleChanges, ScheduleInput, ScheduleRequest, ScheduleResult } from './types.ts'

/**
 * The meeting scheduler (decision 012): greedy construction in a smart order, augmenting repairs,
 * then a compaction pass. Pure and deterministic: budgets count operations, never milliseconds.
 *
 * 1. Locked meetings are placed as they are.
 * 2. Greedy: requests with a priority first, then the most constrained (fewest common slots,
 *    busiest participants); each goes to the feasible slot that keeps both sides' days compact.
 * 3. Repair: each unscheduled request is inserted by an ejection chain: move the meetings that
 *    block it in a slot (a side's other meeting, the last table, the last interpreter) to other
 *    slots, recursively, or — when a side already has its maximum — give that side's slot to
 *    this request and let the dropped partner take one of its own unscheduled requests (an
 *    augmenting path of the b-matching). A chain is kept only if the weighted count grows
 *    (1000 per meeting + 1 per priority side), so a priority request may take the place of a
 *    non-priority meeting of someone who has plenty (fairness), never at the cost of a meeting.
 * 4. Compaction: single moves and pairwise swaps that reduce the idle slots of the sides.
 */

export interface ScheduleOptions {
  /** Ejection depth of the repair (default 2). */
  depth?: number
  /** Operation budget of one repair attempt, and of the whole repair phase. */
  attemptBudget?: number
  totalBudget?: number
  /**
   * Destroy-and-repair rounds after the first repair (default: 30,000 / requests, at most 600,
   * none above 1,000 requests: small events get a thorough search, large ones keep their time);
   * they stop early when the count reaches the participants' capacity bound.
   */
  destroyRounds?: number
  /** Compaction passes (default 6; 0 turns compaction off). */
  compactionPasses?: number
  /** Whether the maximum flow guides the order (default true; reschedule does without). */
  flowTarget?: boolean
}

export function schedule(input: ScheduleInput, options: ScheduleOptions = {}): ScheduleResult {
  const board = new Board(input)
  board.placeLocks()
  const solver = new Solver(board, createRandom(input.seed), options)
  solver.greedy(allRequests(board))
  solver.repair()
  solver.destroyAndRepair()
  solver.compact()
  solver.repair()
  board.commit()
  return board.result()
}

/** The input after late changes (new or cancelled requests, changed registrations, new locks). */
export function applyChanges(input: ScheduleInput, changes: ScheduleChanges): ScheduleInput {
  const removedRequests = new Set(changes.removeRequestIds ?? [])
  const removedParticipants = new Set(changes.removeParticipantIds ?? [])
  const upserts = new Map((changes.upsertParticipants ?? []).map((p) => [p.id, p]))
  const participants = input.participants
    .filter((participant) => !removedParticipants.has(participant.id))
    .map((participant) => upserts.get(participant.id) ?? participant)
  const known = new Set(participants.map((participant) => participant.id))
  for (const [id, participant] of upserts) if (!known.has(id)) participants.push(participant)
  const requests: ScheduleRequest[] = input.requests.filter(
    (request) => !removedRequests.has(request.id),
  )
  requests.push(
    ...(changes.addRequests ?? []).filter((request) => !removedRequests.has(request.id)),
  )
  const locked = [...(input.locked ?? []), ...(changes.lock ?? [])].filter(
    (lock) => !removedRequests.has(lock.requestId),
  )
  return { ...input, participants, requests, locked }
}

/**
 * Re-runs after late changes without disturbing what exists: locked meetings stay exactly where
 * they are; the previous schedule's other meetings keep their slot and table when still valid and
 * move only if a repair chain needs it; new and unscheduled requests are then inserted.
 */
export function reschedule(
  input: ScheduleInput,
  previous: ScheduleResult,
  changes: ScheduleChanges,
  options: ScheduleOptions = {},
): { input: ScheduleInput; result: ScheduleResult } {
  const next = applyChanges(input, changes)
  const board = new Board(next)
  board.placeLocks()
  const preferredTables = new Map<number, number>()
  for (const assignment of previous.assignments) {
    const r = board.requestIndex.get(assignment.requestId)
    if (r === undefined || board.slotOf[r] !== -1 || board.lockConflicts.has(r)) continue
    if (board.staticReason[r] !== null || !board.common[r]!.includes(assignment.slot)) continue
    if (!board.canPlace(r, assignment.slot)) continue
    board.place(r, assignment.slot, false)
    preferredTables.set(r, assignment.table)
  }
  const solver = new Solver(board, createRandom(next.seed), {
    totalBudget: 5_000,
    flowTarget: false,
    ...options,
  })
  // Only what the changes can have made placeable: new requests; the unscheduled requests of
  // participants the changes freed (a meeting of theirs left the board: cancelled, the other
  // side withdrew or changed) or changed; and requests that waited for a table or an
  // interpreter in a slot where a meeting left the board. A new request frees nothing for its
  // sides' other requests (exchanges with them happen inside its own repair chain), and
  // elsewhere the board holds what the previous run's repair already failed to open up: on the
  // published 1,000-participant event, retrying all that made 805 candidates that spent the
  // whole 5,000-operation budget for nothing.
  const touched = new Set<string>([
    ...(changes.upsertParticipants ?? []).map((participant) => participant.id),
  ])
  const removed = new Set(changes.removeRequestIds ?? [])
  for (const request of input.requests) {
    if (!removed.has(request.id)) continue
    touched.add(request.a)
    touched.add(request.b)
  }
  const freed = new Uint8Array(board.S)
  const previousInput = new Map(input.requests.map((request) => [request.id, request]))
  for (const assignment of previous.assignments) {
    const r = board.requestIndex.get(assignment.requestId)
    if (r !== undefined && board.slotOf[r] === assignment.slot) continue
    if (assignment.slot >= 0 && assignment.slot < board.S) freed[assignment.slot] = 1
    const request = previousInput.get(assignment.requestId)
    if (request) {
      touched.add(request.a)
      touched.add(request.b)
    }
  }
  const waited = new Set(
    previous.unscheduled
      .filter((u) => u.reason === 'table-capacity' || u.reason === 'interpreter-capacity')
      .map((u) => u.requestId)
      .filter((id) => {
        const r = board.requestIndex.get(id)
        return r !== undefined && board.common[r]!.some((s) => freed[s] === 1)
      }),
  )
  const known = new Set([
    ...previous.assignments.map((a) => a.requestId),
    ...previous.unscheduled.map((u) => u.requestId),
  ])
  const candidates: number[] = []
  next.requests.forEach((request, r) => {
    if (board.slotOf[r] !== -1) return
    if (
      !known.has(request.id) ||
      waited.has(request.id) ||
      touched.has(request.a) ||
      touched.has(request.b)
    ) {
      candidates.push(r)
    }
  })
  solver.greedy(candidates)
  solver.repair(candidates)
  board.commit()
  return { input: next, result: board.result(preferredTables) }
}

function allRequests(board: Board): number[] {
  return Array.from({ length: board.R }, (_, r) => r)
}

class Solver {
  private readonly depth: number
  private readonly attemptBudget: number
  private totalBudget: number
  private readonly compactionPasses: number
  private readonly destroyRounds: number
  private operations = 0
  private attemptLimit = 0
  private readonly inChain: Uint8Array
  /** Requests of each participant weighted by how oversubscribed the participant is. */
  private readonly pressure: Float64Array
  private readonly tieBreak: Float64Array
  /** Requests in a maximum capacity-respecting set (see flow.ts), or null. */
  private readonly target: Uint8Array | null

  constructor(
    private readonly board: Board,
    private readonly random: Random,
    options: ScheduleOptions,
  ) {
    this.depth = options.depth ?? 2
    this.attemptBudget = options.attemptBudget ?? 50
    this.totalBudget = options.totalBudget ?? 50_000
    this.compactionPasses = options.compactionPasses ?? 6
    this.destroyRounds =
      options.destroyRounds ??
      (board.R > 1000 ? 0 : Math.min(600, Math.floor(30_000 / Math.max(1, board.R))))
    this.inChain = new Uint8Array(board.R)
    this.pressure = new Float64Array(board.P)
    for (let p = 0; p < board.P; p++) {
      const capacity = Math.min(board.maxMeetings[p]!, board.availableCount[p]!)
      this.pressure[p] = board.incident[p]!.length / Math.max(1, capacity)
    }
    this.tieBreak = Float64Array.from({ length: board.R }, () => random.next())
    this.target = options.flowTarget === false ? null : targetRequests(board)
  }

  /** Priority first, then fewest common slots and busiest sides, then the seeded tie-break. */
  private order(requests: number[]): number[] {
    const { board } = this
    const key = new Float64Array(board.R)
    for (const r of requests) {
      const a = board.reqA[r]!
      const b = board.reqB[r]!
      const pressure = a >= 0 && b >= 0 ? this.pressure[a]! + this.pressure[b]! : 0
      key[r] = board.common[r]!.length + 2 * pressure + this.tieBreak[r]!
    }
    const target = this.target
    return requests.sort(
      (x, y) =>
        (target ? target[y]! - target[x]! : 0) ||
        board.weight[y]! - board.weight[x]! ||
        key[x]! - key[y]! ||
        x - y,
    )
  }

  /** How well slot s suits request r: next to the sides' other meetings that day, on a quiet slot. */
  private slotScore(r: number, s: number): number {
    const { board } = this
    const S = board.S
    let score = 0
    for (const p of [board.reqA[r]!, board.reqB[r]!]) {
      if (board.count[p] === 0) continue
      const day = board.slotDay[s]!
      let nearest = S
      for (let t = 0; t < S; t++) {
        if (board.slotDay[t] !== day || board.busy[p * S + t] === -1) continue
        nearest = Math.min(nearest, Math.abs(t - s))
      }
      score += nearest === S ? -4 : nearest === 1 ? 8 : 8 - 2 * nearest
    }
    const l = board.reqLang[r]!
    const interpreters =
      l >= 0 ? board.interpUsed[l * S + s]! / Math.max(1, board.interpCap[l * S + s]!) : 0
    return score - board.tableUsed[s]! / Math.max(1, board.tables[s]!) - interpreters
  }

  private bestDirectSlot(r: number): number {
    const { board } = this
    let best = -1
    let bestScore = -Infinity
    for (const s of board.common[r]!) {
      if (!board.canPlace(r, s)) continue
      const score = this.slotScore(r, s)
      if (score > bestScore) {
        best = s
        bestScore = score
      }
    }
    return best
  }

  greedy(requests: number[]) {
    const { board } = this
    for (const r of this.order(requests)) {
      if (board.slotOf[r] !== -1 || board.staticReason[r] !== null || board.lockConflicts.has(r)) {
        continue
      }
      const s = this.bestDirectSlot(r)
      if (s >= 0) board.place(r, s)
    }
    board.commit()
  }

  /** Tries to insert each unscheduled request (of `among`, default all), for a few rounds. */
  repair(among?: readonly number[]) {
    const { board } = this
    for (let round = 0; round < 4; round++) {
      const waiting: number[] = []
      for (const r of among ?? allRequests(board)) {
        if (
          board.slotOf[r] === -1 &&
          board.staticReason[r] === null &&
          !board.lockConflicts.has(r)
        ) {
          waiting.push(r)
        }
      }
      let improved = false
      for (const r of this.order(waiting)) {
        if (this.operations >= this.totalBudget) return
        if (board.slotOf[r] !== -1) continue
        const before = board.totalWeight
        const mark = board.mark()
        this.attemptLimit = this.operations + this.attemptBudget
        let placed = this.insert(r, this.depth, false)
        if (!placed && board.isPriority(r)) {
          board.rollback(mark)
          placed = this.insert(r, this.depth, true)
        }
        if (placed && board.totalWeight > before) {
          board.commit()
          improved = true
        } else {
          board.rollback(mark)
        }
      }
      if (!improved) return
    }
  }

  /**
   * Places r, possibly by moving others (see the module comment). On success the board holds r
   * and no fewer meetings than before, except when `mayDrop` (a priority request only) lets one
   * non-priority blocker go unplaced; the caller keeps the change only if the weight grew.
   */
  private insert(r: number, depth: number, mayDrop: boolean): boolean {
    const { board } = this
    if (++this.operations > this.attemptLimit) return false
    // A lock that cannot be kept is the organiser's to resolve, never moved silently.
    if (board.staticReason[r] !== null || board.lockConflicts.has(r)) return false
    const direct = this.bestDirectSlot(r)
    if (direct >= 0) {
      board.place(r, direct)
      return true
    }
    if (depth === 0) return false
    this.inChain[r] = 1
    try {
      const a = board.reqA[r]!
      const b = board.reqB[r]!
      const aFull = board.count[a]! >= board.maxMeetings[a]!
      const bFull = board.count[b]! >= board.maxMeetings[b]!
      if (!aFull && !bFull) return this.insertByEjection(r, depth, mayDrop)
      return this.insertByExchange(r, aFull ? a : b, depth, mayDrop)
    } finally {
      this.inChain[r] = 0
    }
  }

  /** Cheap estimate of how many meetings must move for r to fit in slot s, or -1 if locked ones. */
  private blockerCount(r: number, s: number): number {
    const { board } = this
    const S = board.S
    const x = board.busy[board.reqA[r]! * S + s]!
    const y = board.busy[board.reqB[r]! * S + s]!
    let count = 0
    let freed = 0
    let freedLanguage = 0
    const l = board.reqLang[r]!
    for (const other of x === y ? [x] : [x, y]) {
      if (other === -1) continue
      if (board.locked[other] || this.inChain[other]) return -1
      count++
      freed++
      if (l >= 0 && board.reqLang[other] === l) freedLanguage++
    }
    if (board.tableUsed[s]! - freed >= board.tables[s]!) count++
    if (l >= 0 && board.interpUsed[l * S + s]! - freedLanguage >= board.interpCap[l * S + s]!)
      count++
    return count
  }

  private blockersIn(r: number, s: number): number[] | null {
    const { board } = this
    const S = board.S
    const blockers: number[] = []
    const x = board.busy[board.reqA[r]! * S + s]!
    const y = board.busy[board.reqB[r]! * S + s]!
    for (const other of x === y ? [x] : [x, y]) {
      if (other === -1) continue
      if (board.locked[other] || this.inChain[other]) return null
      blockers.push(other)
    }
    if (board.tableUsed[s]! - blockers.length >= board.tables[s]!) {
      const table = this.movableIn(s, -1, blockers)
      if (table === -1) return null
      blockers.push(table)
    }
    const l = board.reqLang[r]!
    if (l >= 0) {
      let used = board.interpUsed[l * S + s]!
      for (const other of blockers) if (board.reqLang[other] === l) used--
      if (used >= board.interpCap[l * S + s]!) {
        const interpreted = this.movableIn(s, l, blockers)
        if (interpreted === -1) return null
        blockers.push(interpreted)
      }
    }
    return blockers
  }

  /** A meeting in slot s (using language l, if l >= 0) that may be moved, preferably one that can move at once. */
  private movableIn(s: number, l: number, exclude: number[]): number {
    const { board } = this
    const members = board.slotMembers[s]!
    const used = board.tableUsed[s]!
    if (used === 0) return -1
    const start = Math.floor(this.random.next() * used)
    // Every meeting of the slot locked (a published schedule): nothing to find. The random draw
    // above is kept, so the search goes on exactly as if the members had been scanned.
    if (board.lockedInSlot[s] === used) return -1
    let fallback = -1
    for (let k = 0; k < used && k < 96; k++) {
      const other = members[(start + k) % used]!
      if (board.locked[other] || this.inChain[other] || exclude.includes(other)) continue
      if (l >= 0 && board.reqLang[other] !== l) continue
      if (fallback === -1) fallback = other
      for (const t of board.common[other]!) {
        if (t !== s && board.canPlace(other, t)) return other
      }
    }
    return fallback
  }

  private insertByEjection(r: number, depth: number, mayDrop: boolean): boolean {
    const { board } = this
    const candidates: number[] = []
    const cost = new Map<number, number>()
    for (const s of board.common[r]!) {
      const count = this.blockerCount(r, s)
      if (count < 0 || count > 3) continue
      candidates.push(s)
      cost.set(s, count)
    }
    candidates.sort((x, y) => cost.get(x)! - cost.get(y)! || x - y)
    for (const s of candidates) {
      const blockers = this.blockersIn(r, s)
      if (!blockers) continue
      if (this.operations > this.attemptLimit) return false
      const mark = board.mark()
      for (const other of blockers) {
        board.remove(other)
        this.inChain[other] = 1
      }
      board.place(r, s)
      let ok = true
      let dropped = 0
      for (const other of blockers) {
        if (this.insert(other, depth - 1, false)) continue
        // Or the blocker stays out and one of its sides (not r's) takes another of its requests:
        // the same count, through an augmenting path.
        const a = board.reqA[r]!
        const b = board.reqB[r]!
        const freedSides = [board.reqA[other]!, board.reqB[other]!].filter(
          (p) => p !== a && p !== b,
        )
        if (freedSides.some((q) => this.refill(q, depth - 1))) continue
        if (mayDrop && dropped === 0 && !board.isPriority(other)) {
          dropped++
          continue
        }
        ok = false
        break
      }
      for (const other of blockers) this.inChain[other] = 0
      if (ok) return true
      board.rollback(mark)
    }
    return false
  }

  /**
   * Side p already has its maximum: give one of p's meetings (to partner q) to r, then let q
   * take one of its own unscheduled requests instead — an augmenting path.
   */
  private insertByExchange(r: number, p: number, depth: number, mayDrop: boolean): boolean {
    const { board } = this
    const S = board.S
    const meetings: number[] = []
    for (let s = 0; s < S; s++) {
      const other = board.busy[p * S + s]!
      if (other !== -1 && !board.locked[other] && !this.inChain[other]) meetings.push(other)
    }
    meetings.sort((x, y) => board.weight[x]! - board.weight[y]! || x - y)
    for (const given of meetings) {
      if (this.operations > this.attemptLimit) return false
      const mark = board.mark()
      board.remove(given)
      this.inChain[given] = 1
      let ok = this.insert(r, depth - 1, false)
      if (ok) {
        this.inChain[r] = 1
        ok = this.refill(board.other(given, p), depth - 1)
        if (!ok && mayDrop && board.weight[given]! < board.weight[r]!) ok = true
      }
      this.inChain[given] = 0
      if (ok) return true
      board.rollback(mark)
    }
    return false
  }

  /**
   * Large-neighbourhood search: unschedule every meeting of two or three participants, refill
   * (their requests and their partners') greedily in a shuffled order and repair; keep the
   * result when the weight did not drop (plateau moves let the search drift), else roll back.
   */
  destroyAndRepair() {
    const { board, random } = this
    if (this.destroyRounds === 0) return
    const S = board.S
    // Without interpreters and slots, the participants' capacities bound the count: stop there.
    const flow = targetRequests(board, false)
    let lockedCount = 0
    for (let r = 0; r < board.R; r++) if (board.locked[r]) lockedCount++
    const bound = flow ? flow.reduce((total, chosen) => total + chosen, 0) + lockedCount : Infinity
    let best = board.totalWeight
    for (let round = 0; round < this.destroyRounds && board.scheduled < bound; round++) {
      const mark = board.mark()
      const freed = new Set<number>()
      for (let k = 0, count = random.int(2, 3); k < count; k++) {
        const p = random.int(0, board.P - 1)
        for (let s = 0; s < S; s++) {
          const r = board.busy[p * S + s]!
          if (r !== -1 && !board.locked[r]) {
            board.remove(r)
            // The partner has room now: its other requests may take it.
            for (const other of board.incident[board.other(r, p)]!) freed.add(other)
          }
        }
        for (const r of board.incident[p]!) freed.add(r)
      }
      const waiting: number[] = []
      for (const r of freed) {
        if (
          board.slotOf[r] === -1 &&
          board.staticReason[r] === null &&
          !board.lockConflicts.has(r)
        ) {
          waiting.push(r)
        }
      }
      waiting.sort((x, y) => x - y)
      // Priority first in half of the rounds only, so that the search can leave an optimum of
      // the priority-first order when more meetings fit the other way round.
      random.shuffle(waiting)
      if (random.chance(0.5)) waiting.sort((x, y) => board.weight[y]! - board.weight[x]!)
      for (const r of waiting) {
        const s = this.bestDirectSlot(r)
        if (s >= 0) board.place(r, s)
      }
      for (const r of waiting) {
        if (board.slotOf[r] !== -1) continue
        this.attemptLimit = this.operations + this.attemptBudget
        const inner = board.mark()
        const before = board.totalWeight
        if (!this.insert(r, this.depth, false) || board.totalWeight <= before) board.rollback(inner)
      }
      if (board.totalWeight >= best) {
        best = board.totalWeight
        board.commit()
      } else {
        board.rollback(mark)
      }
    }
  }

  /** Schedules one more of participant q's unscheduled requests, if a chain allows. */
  private refill(q: number, depth: number): boolean {
    const { board } = this
    for (const u of board.incident[q]!) {
      if (board.slotOf[u] !== -1 || this.inChain[u]) continue
      if (this.operations > this.attemptLimit) return false
      const mark = board.mark()
      if (this.insert(u, depth, false)) return true
      board.rollback(mark)
    }
    return false
  }

  /** Moves and swaps that reduce the idle slots of the sides; never changes who is scheduled. */
  compact() {
    const { board } = this
    for (let pass = 0; pass < this.compactionPasses; pass++) {
      let improved = 0
      for (let r = 0; r < board.R; r++) {
        const s = board.slotOf[r]!
        if (s === -1 || board.locked[r]) continue
        const a = board.reqA[r]!
        const b = board.reqB[r]!
        const before = board.idleOf(a) + board.idleOf(b)
        if (before === 0) continue
        board.remove(r, false)
        let best = s
        let bestIdle = before
        for (const t of board.common[r]!) {
          if (t === s || !board.canPlace(r, t)) continue
          board.place(r, t, false)
          const idle = board.idleOf(a) + board.idleOf(b)
          board.remove(r, false)
          if (idle < bestIdle) {
            best = t
            bestIdle = idle
          }
        }
        board.place(r, best, false)
        if (best !== s) improved++
        else improved += this.swapFor(r, a, b, before) ? 1 : 0
      }
      if (improved === 0) break
    }
  }

  /** Swaps r with another meeting of one side when the four participants' idle time drops. */
  private swapFor(r: number, a: number, b: number, before: number): boolean {
    const { board } = this
    const S = board.S
    const s = board.slotOf[r]!
    for (const p of [a, b]) {
      const partner = p === a ? b : a
      for (let t = 0; t < S; t++) {
        const other = board.busy[p * S + t]!
        if (other === -1 || other === r || board.locked[other]) continue
        const q = board.other(other, p)
        if (!board.available[partner * S + t] || board.busy[partner * S + t] !== -1) continue
        if (!board.available[q * S + s] || board.busy[q * S + s] !== -1) continue
        if (!board.common[r]!.includes(t) || !board.common[other]!.includes(s)) continue
        const total = before + board.idleOf(q)
        board.remove(r, false)
        board.remove(other, false)
        if (board.canPlace(r, t)) {
          board.place(r, t, false)
          if (board.canPlace(other, s)) {
            board.place(other, s, false)
            const after = board.idleOf(a) + board.idleOf(b) + board.idleOf(q)
            if (after < total) return true
            board.remove(other, false)
          }
          board.remove(r, false)
        }
        board.place(r, s, false)
        board.place(other, t, false)
      }
    }
    return false
  }
}
