import { describe, expect, it } from 'vitest'
import { rotateSponsored } from './sponsored-rotation.ts'

describe('the sponsored rotation', () => {
  it('shows every matching premium supplier equally often, in every position', () => {
    const candidates = ['a', 'b', 'c', 'd', 'e']
    const shown = new Map<string, number>()
    const first = new Map<string, number>()
    for (let search = 0; search < 50; search++) {
      const slot = rotateSponsored(candidates, 3, search)
      expect(slot).toHaveLength(3)
      expect(new Set(slot).size).toBe(3)
      for (const id of slot) shown.set(id, (shown.get(id) ?? 0) + 1)
      first.set(slot[0]!, (first.get(slot[0]!) ?? 0) + 1)
    }
    expect([...shown.values()]).toEqual([30, 30, 30, 30, 30])
    expect([...first.values()]).toEqual([10, 10, 10, 10, 10])
  })

  it('shows all when fewer match than there are places, and nothing when none match', () => {
    expect(rotateSponsored(['a', 'b'], 3, 7).sort()).toEqual(['a', 'b'])
    expect(rotateSponsored([], 3, 1)).toEqual([])
  })
})
