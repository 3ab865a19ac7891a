/**
 * mulberry32 (Tommy Ettinger, public domain), the same generator as the demo data: the scheduler
 * breaks ties with it, so the same input and seed always give the same schedule.
 */
export function createRandom(seed: number) {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const chance = (p: number) => next() < p
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      const swap = items[i]!
      items[i] = items[j]!
      items[j] = swap
    }
    return items
  }
  return { next, int, chance, pick, shuffle }
}
export type Random = ReturnType<typeof createRandom>
