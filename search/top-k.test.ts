import { describe, expect, it } from 'vitest'
import { nthLargest, TopK } from './top-k.ts'

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32
}

describe('top k', () => {
  it('finds the k-th largest value, ties and all, whatever the order', () => {
    const next = random(42)
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(next() * 300)
      // Few distinct values in some rounds: many ties, as first-pass scores have.
      const distinct = round % 2 === 0 ? 4 : 1_000
      const values = Float32Array.from({ length: n + 5 }, () => Math.floor(next() * distinct))
      const k = 1 + Math.floor(next() * n)
      const sorted = Array.from(values.subarray(0, n)).sort((a, b) => b - a)
      expect(nthLargest(values, n, k), `round ${round}`).toBe(sorted[k - 1])
    }
  })

  it('keeps the k first items under the comparison', () => {
    const top = new TopK(3, (a, b) => b - a)
    for (const item of [5, 1, 9, 7, 3, 9]) top.offer(item)
    expect(top.size).toBe(3)
    expect(top.full).toBe(true)
    expect(top.sorted()).toEqual([9, 9, 7])
  })
})
