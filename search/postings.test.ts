import { describe, expect, it } from 'vitest'
import { PostingLists } from './postings.ts'

/** The slots of a list, read as the matcher reads them. */
function slotsOf(lists: PostingLists, list: number, capacity: number): number[] {
  const values = new Float32Array(capacity)
  const touched = new Int32Array(capacity)
  const count = lists.raise(list, 1, values, touched, 0)
  return Array.from(touched.subarray(0, count))
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32
}

describe('posting lists', () => {
  it.each([
    ['1 MB pages (the default)', undefined],
    ['16 kB pages: more compactions and own pages', 16_384],
  ])('read back what was appended, through moves, compactions and own pages: %s', (_, page) => {
    const next = random(20250701)
    const lists = new PostingLists(page)
    const expected: number[][] = Array.from({ length: 3000 }, () => [])
    const slots = 150_000
    for (let slot = 0; slot < slots; slot++) {
      // Every slot in list 0 (over 128 kB: a page of its own even with 1 MB pages), a few others in
      // lists of very different sizes, gaps of 1 to over 16,000 (one- to three-byte varints).
      const chosen = new Set([0, 1 + Math.floor(next() ** 3 * 2999), 1 + Math.floor(next() * 2999)])
      if (slot % 7 === 0) chosen.add(2999)
      for (const list of [...chosen].sort((a, b) => a - b)) {
        lists.append(list, slot)
        expected[list]!.push(slot)
      }
      if (slot % 10_000 === 9_999) lists.trim()
    }
    // A list appended once far away: a five-byte gap.
    lists.append(3000, 2 ** 28 + 5)
    for (let list = 0; list < 3000; list++) {
      expect(slotsOf(lists, list, slots), `list ${list}`).toEqual(expected[list])
    }
    expect(slotsOf(lists, 3000, 2 ** 28 + 6)).toEqual([2 ** 28 + 5])
    expect(lists.has(3001)).toBe(false)
    expect(slotsOf(lists, 5000, slots)).toEqual([])
    const { held, used } = lists.stats
    expect(used).toBeLessThanOrEqual(held)
    lists.trim()
    expect(lists.stats.held - lists.stats.used).toBeLessThanOrEqual(
      (lists.stats.used >> 2) + 2 * (page ?? 1 << 20),
    )
  })

  it('raises scores to the highest value and lists newly touched slots once', () => {
    const lists = new PostingLists()
    for (const slot of [1, 4, 9]) lists.append(0, slot)
    for (const slot of [4, 5]) lists.append(1, slot)
    const values = new Float32Array(10)
    const touched = new Int32Array(10)
    let count = lists.raise(0, 0.5, values, touched, 0)
    count = lists.raise(1, 0.75, values, touched, count)
    count = lists.raise(0, 0.25, values, touched, count)
    expect(Array.from(touched.subarray(0, count))).toEqual([1, 4, 9, 5])
    expect(Array.from(values)).toEqual([0, 0.5, 0, 0, 0.75, 0.75, 0, 0, 0, 0.5])
  })

  it('raises only the slots in a scope, as a walk of the whole list filtered by it would', () => {
    const next = random(7)
    const lists = new PostingLists(16_384)
    const slots = 5_000
    const expected: number[][] = [[], [], []]
    for (let slot = 0; slot < slots; slot++) {
      // Dense, sparse and very sparse lists (gaps of one to three varint bytes).
      const chosen = [next() < 0.6, next() < 0.05, slot % 997 === 5]
      chosen.forEach((yes, list) => {
        if (!yes) return
        lists.append(list, slot)
        expected[list]!.push(slot)
      })
    }
    // A scope shorter than the slots (later slots are out of it), with random holes.
    const scope = new Uint32Array(Math.ceil(4_000 / 32))
    const inScope = (slot: number) =>
      slot < scope.length * 32 && (scope[slot >>> 5]! & (1 << (slot & 31))) !== 0
    for (let slot = 0; slot < scope.length * 32; slot++)
      if (next() < 0.3) scope[slot >>> 5]! |= 1 << (slot & 31)
    const values = new Float32Array(slots)
    const touched = new Int32Array(slots)
    let count = 0
    for (let round = 0; round < 2; round++) {
      // Twice over: the scratch bitset must be left clean by each call.
      values.fill(0)
      count = lists.raise(0, 0.5, values, touched, 0, scope)
      count = lists.raise(1, 0.75, values, touched, count, scope)
      count = lists.raise(2, 0.25, values, touched, count, scope)
      const wanted = [
        ...expected[0]!.filter(inScope),
        ...expected[1]!.filter((slot) => inScope(slot) && !expected[0]!.includes(slot)),
        ...expected[2]!.filter(
          (slot) => inScope(slot) && !expected[0]!.includes(slot) && !expected[1]!.includes(slot),
        ),
      ]
      expect(Array.from(touched.subarray(0, count))).toEqual(wanted)
      for (let slot = 0; slot < slots; slot++) {
        const value = !inScope(slot)
          ? 0
          : expected[1]!.includes(slot)
            ? 0.75
            : expected[0]!.includes(slot)
              ? 0.5
              : expected[2]!.includes(slot)
                ? 0.25
                : 0
        expect(values[slot], `slot ${slot}`).toBe(value)
      }
    }
  })

  it('tells whether two lists hold the same slots', () => {
    const a = new PostingLists()
    const b = new PostingLists()
    for (const slot of [3, 200, 70_000]) {
      a.append(0, slot)
      b.append(5, slot)
      b.append(6, slot)
    }
    b.append(6, 70_001)
    a.append(1, 3)
    b.append(7, 4)
    expect(a.sameAs(0, b, 5)).toBe(true)
    expect(a.sameAs(0, b, 6)).toBe(false)
    expect(a.sameAs(1, b, 7)).toBe(false)
    expect(a.sameAs(2, b, 8)).toBe(true)
    expect(a.sameAs(0, b, 8)).toBe(false)
  })

  it('notes the slots within a wider scope as members, scoring only those in the scope', () => {
    const lists = new PostingLists()
    for (const slot of [1, 40, 41, 70, 100, 130]) lists.append(0, slot)
    const bits = (slots: number[], words: number) => {
      const set = new Uint32Array(words)
      for (const slot of slots) set[slot >>> 5]! |= 1 << (slot & 31)
      return set
    }
    // The scope stops before slot 64; the wider scope reaches 127 (slot 130 is beyond both).
    const scope = bits([1, 41], 2)
    const wide = bits([1, 40, 41, 70, 100], 4)
    const members = new Uint32Array(4)
    const values = new Float32Array(200)
    const touched = new Int32Array(200)
    const count = lists.raise(0, 0.5, values, touched, 0, scope, wide, members)
    expect(Array.from(touched.subarray(0, count))).toEqual([1, 41])
    expect(Array.from(members)).toEqual(Array.from(bits([1, 40, 41, 70, 100], 4)))
    expect(values[40]).toBe(0)
    // The scratch was left clean: a list walked next sees only its own slots.
    lists.append(1, 70)
    const again = new Uint32Array(4)
    lists.raise(1, 0.5, values, touched, 0, scope, wide, again)
    expect(Array.from(again)).toEqual(Array.from(bits([70], 4)))
  })
})
