import { describe, expect, it } from 'vitest'
import { TopK } from './top-k.ts'

describe('top k', () => {
  it('keeps the k first items under the comparison', () => {
    const top = new TopK(3, (a, b) => b - a)
    for (const item of [5, 1, 9, 7, 3, 9]) top.offer(item)
    expect(top.full).toBe(true)
    expect(top.sorted()).toEqual([9, 9, 7])
  })
})
