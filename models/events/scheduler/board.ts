import type {
  Assignment,
  ScheduleInput,
  ScheduleResult,
  ScheduleStats,
  Unscheduled,
  UnscheduledReason,
} from './types.ts'

/**
 * The scheduler's working state over integer indices: who meets whom in which slot, how many
 * tables and interpreters each slot has left, and an undo log so that a repair which does not
 * pay off is rolled back exactly. Tables are counted per slot (they are interchangeable) and
 * numbered only at the end (`assignTables`), keeping a participant at the same table across
 * consecutive slots where possible.
 */
export class Board {
  readonly S: number
  readonly P: number
  readonly R: number
  readonly slotDay: Int32Array
  readonly tables: Int32Array
  readonly tableUsed: Int32Array
  /** Languages in `languages` order; capacity and use at `l * S + s`. */
  readonly languages: string[]
  readonly interpCap: Int32Array
  readonly interpUsed: Int32Array
  readonly available: Uint8Array
  readonly availableCount: Int32Array
  readonly maxMeetings: Int32Array
  readonly count: Int32Array
  /** The request a participant meets in a slot, or -1: `busy[p * S + s]`. */
  readonly busy: Int32Array
  readonly reqA: Int32Array
  readonly reqB: Int32Array
  readonly reqLang: Int32Array
  /** 1000 per meeting plus one per side that marked it priority: count first, then priorities. */
  readonly weight: Int32Array
  readonly slotOf: Int32Array
  readonly locked: Uint8Array
  /** Static reason (decided by the input alone) why a request can never be placed, or null. */
  readonly staticReason: Array<UnscheduledReason | null>
  /** Slots where both sides are available and an interpreter exists if one is needed. */
  readonly common: Int32Array[]
  readonly incident: Int32Array[]
  readonly participantIndex = new Map<string, number>()
  readonly requestIndex = new Map<string, number>()
  /** Requests in each slot: `slotMembers[s][0 … tableUsed[s] - 1]`, position in `slotPos`. */
  readonly slotMembers: Int32Array[]
  readonly slotPos: Int32Array
  /** Fixed table numbers of locked meetings. */
  readonly lockedTable = new Map<number, number>()
  /** Locked meetings per slot (locks are placed once and never removed). */
  readonly lockedInSlot: Int32Array
  readonly lockConflicts = new Set<number>()
  totalWeight = 0
  scheduled = 0
  /** Pairs (request, slot before the change) to undo. */
  private log: number[] = []

  constructor(readonly input: ScheduleInput) {
    const S = (this.S = input.slots.length)
    const P = (this.P = input.participants.length)
    const R = (this.R = input.requests.length)
    this.slotDay = Int32Array.from(input.slots, (slot) => slot.day)
    this.tables = Int32Array.from({ length: S }, (_, s) =>
      Math.max(0, Math.floor(input.tablesPerSlot[s] ?? 0)),
    )
    this.tableUsed = new Int32Array(S)
    this.lockedInSlot = new Int32Array(S)
    this.slotMembers = Array.from(this.tables, (tables) => new Int32Array(Math.max(tables, 1)))
    this.slotPos = new Int32Array(R).fill(-1)
    this.languages = Object.keys(input.interpreters).sort()
    const languageIndex = new Map(this.languages.map((language, l) => [language, l]))
    this.interpCap = new Int32Array(this.languages.length * S)
    this.interpUsed = new Int32Array(this.languages.length * S)
    this.languages.forEach((language, l) => {
      const capacity = input.interpreters[language] ?? []
      for (let s = 0; s < S; s++) this.interpCap[l * S + s] = Math.max(0, capacity[s] ?? 0)
    })
    this.available = new Uint8Array(P * S)
    this.availableCount = new Int32Array(P)
    this.maxMeetings = new Int32Array(P)
    this.count = new Int32Array(P)
    this.busy = new Int32Array(P * S).fill(-1)
    input.participants.forEach((participant, p) => {
      if (!this.participantIndex.has(participant.id)) this.participantIndex.set(participant.id, p)
      for (const s of participant.available) {
        if (Number.isInteger(s) && s >= 0 && s < S && !this.available[p * S + s]) {
          this.available[p * S + s] = 1
          this.availableCount[p]!++
        }
      }
      const max = participant.maxMeetings
      // No maximum: more than the slots, so the slots (party-full), not the maximum, are the reason.
      this.maxMeetings[p] =
        max === undefined ? S + 1 : Math.max(0, Math.min(S + 1, Math.floor(max)))
    })
    this.reqA = new Int32Array(R)
    this.reqB = new Int32Array(R)
    this.reqLang = new Int32Array(R)
    this.weight = new Int32Array(R)
    this.slotOf = new Int32Array(R).fill(-1)
    this.locked = new Uint8Array(R)
    this.staticReason = []
    this.common = []
    const incident: number[][] = Array.from({ length: P }, () => [])
    input.requests.forEach((request, r) => {
      if (!this.requestIndex.has(request.id)) this.requestIndex.set(request.id, r)
      const a = this.participantIndex.get(request.a) ?? -1
      const b = this.participantIndex.get(request.b) ?? -1
      this.reqA[r] = a
      this.reqB[r] = b
      const l =
        request.interpreter === undefined ? -1 : (languageIndex.get(request.interpreter) ?? -2)
      this.reqLang[r] = l
      this.weight[r] = 1000 + (request.priorityA ? 1 : 0) + (request.priorityB ? 1 : 0)
      const slots: number[] = []
      let reason: UnscheduledReason | null = null
      let bothFree = 0
      if (a < 0 || b < 0 || a === b || this.requestIndex.get(request.id) !== r) {
        reason = 'invalid-request'
      } else if (this.availableCount[a] === 0 || this.availableCount[b] === 0) {
        reason = 'party-unavailable'
      } else {
        for (let s = 0; s < S; s++) {
          if (!this.available[a * S + s] || !this.available[b * S + s]) continue
          bothFree++
          if (this.tables[s] === 0) continue
          if (l === -2 || (l >= 0 && this.interpCap[l * S + s] === 0)) continue
          slots.push(s)
        }
        if (bothFree === 0) reason = 'no-common-slot'
        else if (slots.length === 0) reason = l === -1 ? 'table-capacity' : 'no-interpreter'
      }
      this.staticReason.push(reason)
      this.common.push(Int32Array.from(slots))
      if (reason === null) {
        incident[a]!.push(r)
        incident[b]!.push(r)
      }
    })
    this.incident = incident.map((list) => Int32Array.from(list))
  }

  isPriority(r: number): boolean {
    return this.weight[r]! > 1000
  }

  /** Whether request r fits in slot s as the board stands. */
  canPlace(r: number, s: number): boolean {
    const S = this.S
    const a = this.reqA[r]!
    const b = this.reqB[r]!
    if (this.busy[a * S + s] !== -1 || this.busy[b * S + s] !== -1) return false
    if (this.tableUsed[s]! >= this.tables[s]!) return false
    if (this.count[a]! >= this.maxMeetings[a]! || this.count[b]! >= this.maxMeetings[b]!)
      return false
    const l = this.reqLang[r]!
    if (l >= 0 && this.interpUsed[l * S + s]! >= this.interpCap[l * S + s]!) return false
    return true
  }

  place(r: number, s: number, logged = true) {
    const S = this.S
    const a = this.reqA[r]!
    const b = this.reqB[r]!
    this.busy[a * S + s] = r
    this.busy[b * S + s] = r
    this.count[a]!++
    this.count[b]!++
    const members = this.slotMembers[s]!
    const position = this.tableUsed[s]!++
    members[position] = r
    this.slotPos[r] = position
    const l = this.reqLang[r]!
    if (l >= 0) this.interpUsed[l * S + s]!++
    this.slotOf[r] = s
    this.totalWeight += this.weight[r]!
    this.scheduled++
    if (logged) this.log.push(r, -1)
  }

  remove(r: number, logged = true) {
    const S = this.S
    const s = this.slotOf[r]!
    const a = this.reqA[r]!
    const b = this.reqB[r]!
    this.busy[a * S + s] = -1
    this.busy[b * S + s] = -1
    this.count[a]!--
    this.count[b]!--
    const members = this.slotMembers[s]!
    const position = this.slotPos[r]!
    const last = members[--this.tableUsed[s]!]!
    members[position] = last
    this.slotPos[last] = position
    this.slotPos[r] = -1
    const l = this.reqLang[r]!
    if (l >= 0) this.interpUsed[l * S + s]!--
    this.slotOf[r] = -1
    this.totalWeight -= this.weight[r]!
    this.scheduled--
    if (logged) this.log.push(r, s)
  }

  move(r: number, s: number) {
    this.remove(r)
    this.place(r, s)
  }

  mark(): number {
    return this.log.length
  }

  rollback(mark: number) {
    const log = this.log
    while (log.length > mark) {
      const before = log.pop()!
      const r = log.pop()!
      if (this.slotOf[r]! >= 0) this.remove(r, false)
      if (before >= 0) this.place(r, before, false)
    }
  }

  commit() {
    this.log.length = 0
  }

  other(r: number, p: number): number {
    return this.reqA[r] === p ? this.reqB[r]! : this.reqA[r]!
  }

  /**
   * Idle slots of participant p: available slots without a meeting between two of p's meetings
   * of the same day (an unavailable slot in between is the participant's choice, not idle time).
   */
  idleOf(p: number): number {
    const S = this.S
    let idle = 0
    let day = -1
    let met = false
    let pending = 0
    for (let s = 0; s < S; s++) {
      if (this.slotDay[s] !== day) {
        day = this.slotDay[s]!
        met = false
        pending = 0
      }
      if (this.busy[p * S + s] !== -1) {
        idle += pending
        pending = 0
        met = true
      } else if (met && this.available[p * S + s]) {
        pending++
      }
    }
    return idle
  }

  /** Places the locked meetings first; a lock that cannot be kept is reported, never bent. */
  placeLocks() {
    const tableTaken = new Set<number>()
    for (const lock of this.input.locked ?? []) {
      const r = this.requestIndex.get(lock.requestId)
      if (r === undefined || this.locked[r] || this.lockConflicts.has(r)) continue
      const s = lock.slot
      const table = lock.table
      const fits =
        this.staticReason[r] === null &&
        Number.isInteger(s) &&
        Number.isInteger(table) &&
        s >= 0 &&
        s < this.S &&
        table >= 0 &&
        table < this.tables[s]! &&
        this.common[r]!.includes(s) &&
        !tableTaken.has(s * 1_000_000 + table) &&
        this.canPlace(r, s)
      if (!fits) {
        this.lockConflicts.add(r)
        continue
      }
      this.place(r, s, false)
      this.locked[r] = 1
      this.lockedInSlot[s]!++
      this.lockedTable.set(r, table)
      tableTaken.add(s * 1_000_000 + table)
    }
  }

  /** Why an unscheduled request is not placed, as the board stands (see `UnscheduledReason`). */
  reasonFor(r: number): UnscheduledReason {
    if (this.lockConflicts.has(r)) return 'lock-conflict'
    const fixed = this.staticReason[r]
    if (fixed) return fixed
    const S = this.S
    const a = this.reqA[r]!
    const b = this.reqB[r]!
    if (this.count[a]! >= this.maxMeetings[a]! || this.count[b]! >= this.maxMeetings[b]!) {
      return 'max-meetings'
    }
    let tables = false
    let interpreters = false
    for (const s of this.common[r]!) {
      if (this.busy[a * S + s] !== -1 || this.busy[b * S + s] !== -1) continue
      if (this.tableUsed[s]! >= this.tables[s]!) tables = true
      else interpreters = true
    }
    if (tables) return 'table-capacity'
    if (interpreters) return 'interpreter-capacity'
    return 'party-full'
  }

  /**
   * Numbers the tables: locked meetings keep theirs; others prefer the table either side had in
   * the previous slot of the day (so someone can stay seated), then `preferred`, then the lowest.
   */
  assignTables(preferred?: ReadonlyMap<number, number>): Assignment[] {
    const S = this.S
    const assignments: Assignment[] = []
    let previous = new Map<number, number>()
    for (let s = 0; s < S; s++) {
      const current = new Map<number, number>()
      const taken = new Uint8Array(this.tables[s]!)
      const members = Array.from(this.slotMembers[s]!.subarray(0, this.tableUsed[s]!)).sort(
        (x, y) => x - y,
      )
      const tableOf = new Map<number, number>()
      for (const r of members) {
        const table = this.lockedTable.get(r)
        if (table !== undefined) {
          tableOf.set(r, table)
          taken[table] = 1
        }
      }
      const sameDay = s > 0 && this.slotDay[s - 1] === this.slotDay[s]
      for (const r of members) {
        if (tableOf.has(r)) continue
        const wishes = [
          sameDay ? previous.get(this.reqA[r]!) : undefined,
          sameDay ? previous.get(this.reqB[r]!) : undefined,
          preferred?.get(r),
        ]
        let table = wishes.find((wish) => wish !== undefined && wish < taken.length && !taken[wish])
        if (table === undefined) table = taken.indexOf(0)
        taken[table] = 1
        tableOf.set(r, table)
      }
      for (const r of members) {
        const table = tableOf.get(r)!
        current.set(this.reqA[r]!, table)
        current.set(this.reqB[r]!, table)
        assignments.push({ requestId: this.input.requests[r]!.id, slot: s, table })
      }
      previous = current
    }
    return assignments.sort((x, y) => x.slot - y.slot || x.table - y.table)
  }

  stats(): ScheduleStats {
    const idles: number[] = []
    for (let p = 0; p < this.P; p++) if (this.count[p]! > 0) idles.push(this.idleOf(p))
    idles.sort((x, y) => x - y)
    let priorityRequests = 0
    let priorityUnscheduled = 0
    for (let r = 0; r < this.R; r++) {
      if (!this.isPriority(r)) continue
      priorityRequests++
      if (this.slotOf[r] === -1) priorityUnscheduled++
    }
    const sum = idles.reduce((total, idle) => total + idle, 0)
    return {
      requests: this.R,
      scheduled: this.scheduled,
      priorityRequests,
      priorityUnscheduled,
      idleMean: idles.length ? sum / idles.length : 0,
      idleP95: idles.length
        ? idles[Math.min(idles.length - 1, Math.ceil(0.95 * idles.length) - 1)]!
        : 0,
      participantsMeeting: idles.length,
    }
  }

  result(preferredTables?: ReadonlyMap<number, number>): ScheduleResult {
    const unscheduled: Unscheduled[] = []
    for (let r = 0; r < this.R; r++) {
      if (this.slotOf[r] === -1) {
        unscheduled.push({ requestId: this.input.requests[r]!.id, reason: this.reasonFor(r) })
      }
    }
    return { assignments: this.assignTables(preferredTables), unscheduled, stats: this.stats() }
  }
}
