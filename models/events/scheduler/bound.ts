import type { LegacyHighs } from 'highs'
import { Board } from './board.ts'
import type { ScheduleInput } from './types.ts'

/**
 * Upper bounds on the number of meetings any valid schedule can hold, to judge the scheduler
 * (benchmark and tests only; the scheduler never calls a solver).
 *
 * The assignment model, aggregated by slot because the tables of a slot are interchangeable:
 * x[r,s] = 1 when request r meets in slot s (only slots both sides are available in, with an
 * interpreter if one is needed; a locked request has only its locked slot, fixed to 1).
 *   maximise  Σ x[r,s]
 *   Σ_s x[r,s] ≤ 1                      each request at most once
 *   Σ_{r ∋ p} x[r,s] ≤ 1                each participant once per slot
 *   Σ_{r ∋ p, s} x[r,s] ≤ max_p         each participant's maximum
 *   Σ_r x[r,s] ≤ tables_s               tables per slot
 *   Σ_{r needs l} x[r,s] ≤ interpreters_{l,s}
 * Relaxed (0 ≤ x ≤ 1) it is an LP whose optimum bounds every schedule; with x integer its optimum
 * is the best schedule, and a schedule with tables numbered arbitrarily within a slot realises it.
 */

export interface ModelSize {
  variables: number
  constraints: number
}

export function assignmentModel(
  input: ScheduleInput,
  integer: boolean,
): { lp: string } & ModelSize {
  const board = new Board(input)
  board.placeLocks()
  const S = board.S
  const names: string[] = []
  const lines: string[] = []
  const bySlot: string[][] = Array.from({ length: S }, () => [])
  const byParticipantSlot = new Map<number, string[]>()
  const byParticipant: string[][] = Array.from({ length: board.P }, () => [])
  const byLanguageSlot = new Map<number, string[]>()
  const bounds: string[] = []
  const requestRows: string[] = []
  for (let r = 0; r < board.R; r++) {
    if (board.staticReason[r] !== null || board.lockConflicts.has(r)) continue
    const slots = board.locked[r] ? [board.slotOf[r]!] : Array.from(board.common[r]!)
    const own: string[] = []
    for (const s of slots) {
      const name = `x${r}_${s}`
      names.push(name)
      own.push(name)
      bySlot[s]!.push(name)
      for (const p of [board.reqA[r]!, board.reqB[r]!]) {
        const key = p * S + s
        const list = byParticipantSlot.get(key)
        if (list) list.push(name)
        else byParticipantSlot.set(key, [name])
        byParticipant[p]!.push(name)
      }
      const l = board.reqLang[r]!
      if (l >= 0) {
        const key = l * S + s
        const list = byLanguageSlot.get(key)
        if (list) list.push(name)
        else byLanguageSlot.set(key, [name])
      }
      bounds.push(board.locked[r] ? ` ${name} = 1` : ` ${name} <= 1`)
    }
    if (own.length > 1) requestRows.push(`r${r}: ${sum(own)} <= 1`)
  }
  const rows: string[] = [...requestRows]
  for (const [key, list] of byParticipantSlot)
    if (list.length > 1) rows.push(`ps${key}: ${sum(list)} <= 1`)
  byParticipant.forEach((list, p) => {
    if (list.length > board.maxMeetings[p]!)
      rows.push(`m${p}: ${sum(list)} <= ${board.maxMeetings[p]}`)
  })
  bySlot.forEach((list, s) => {
    if (list.length > board.tables[s]!) rows.push(`t${s}: ${sum(list)} <= ${board.tables[s]}`)
  })
  for (const [key, list] of byLanguageSlot) {
    if (list.length > board.interpCap[key]!)
      rows.push(`i${key}: ${sum(list)} <= ${board.interpCap[key]}`)
  }
  lines.push('Maximize', ` obj: ${names.length ? sum(names) : '0 x_none'}`, 'Subject To')
  for (const row of rows) lines.push(` ${row}`)
  lines.push('Bounds', ...bounds)
  if (integer && names.length) lines.push('Generals', ...chunk(names))
  lines.push('End')
  return { lp: lines.join('\n'), variables: names.length, constraints: rows.length }
}

function chunk(names: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < names.length; i += 25) out.push(` ${names.slice(i, i + 25).join(' ')}`)
  return out
}

function sum(names: string[]): string {
  let text = ''
  for (let i = 0; i < names.length; i++) {
    text += i === 0 ? names[i] : i % 25 === 0 ? `\n   + ${names[i]}` : ` + ${names[i]}`
  }
  return text
}

export interface SolvedBound extends ModelSize {
  value: number
  status: string
  seconds: number
}

/** Solves the relaxation (`integer` false) or the integer model with HiGHS. */
export function solveAssignment(
  highs: LegacyHighs,
  input: ScheduleInput,
  integer: boolean,
  options: { timeLimit?: number; solver?: 'choose' | 'simplex' | 'ipm' } = {},
): SolvedBound {
  const started = performance.now()
  const model = assignmentModel(input, integer)
  const solution = highs.solve(model.lp, {
    time_limit: options.timeLimit ?? 900,
    output_flag: false,
    ...(options.solver ? { solver: options.solver } : {}),
  })
  return {
    value: solution.ObjectiveValue,
    status: solution.Status,
    seconds: (performance.now() - started) / 1000,
    variables: model.variables,
    constraints: model.constraints,
  }
}

export interface SingleResourceBounds {
  /** Requests that can be placed at all (both sides registered, a common slot). */
  requests: number
  /** Tables summed over slots. */
  tables: number
  /** Half of Σ_p min(max meetings, available slots, requests of p). */
  participants: number
  /** Requests without interpreter + Σ_l min(requests needing l, interpreter-slots of l). */
  interpreters: number
}

/** Bounds decided by one resource alone: the LP bound is informative only if it is below all. */
export function singleResourceBounds(input: ScheduleInput): SingleResourceBounds {
  const board = new Board(input)
  board.placeLocks()
  let requests = 0
  let withoutInterpreter = 0
  const degree = new Int32Array(board.P)
  const perLanguage = new Int32Array(board.languages.length)
  for (let r = 0; r < board.R; r++) {
    if (board.staticReason[r] !== null || board.lockConflicts.has(r)) continue
    requests++
    degree[board.reqA[r]!]!++
    degree[board.reqB[r]!]!++
    const l = board.reqLang[r]!
    if (l >= 0) perLanguage[l]!++
    else withoutInterpreter++
  }
  let participantCapacity = 0
  for (let p = 0; p < board.P; p++) {
    participantCapacity += Math.min(board.maxMeetings[p]!, board.availableCount[p]!, degree[p]!)
  }
  let interpreters = withoutInterpreter
  perLanguage.forEach((count, l) => {
    let capacity = 0
    for (let s = 0; s < board.S; s++) capacity += board.interpCap[l * board.S + s]!
    interpreters += Math.min(count, capacity)
  })
  return {
    requests,
    tables: board.tables.reduce((total, tables) => total + tables, 0),
    participants: Math.floor(participantCapacity / 2),
    interpreters,
  }
}
