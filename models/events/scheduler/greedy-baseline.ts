import { Board } from './board.ts'
import type { ScheduleInput, ScheduleResult } from './types.ts'

/**
 * The first-come-first-served baseline the benchmark compares against: locked meetings first,
 * then each accepted request in acceptance order at the earliest slot where it fits, never moved.
 */
export function greedyBaseline(input: ScheduleInput): ScheduleResult {
  const board = new Board(input)
  board.placeLocks()
  for (let r = 0; r < board.R; r++) {
    if (board.slotOf[r] !== -1 || board.staticReason[r] !== null || board.lockConflicts.has(r)) {
      continue
    }
    const s = board.common[r]!.find((slot) => board.canPlace(r, slot))
    if (s !== undefined) board.place(r, s, false)
  }
  return board.result()
}
