import { describe, expect, it } from 'vitest'
import { mean, scoreRanking } from './metrics.ts'

describe('judged-set metrics', () => {
  it('scores success@5, recall@10 and nDCG@10 with binary relevance', () => {
    const relevant = new Set(['a', 'b'])
    expect(scoreRanking(['a', 'b', 'x'], relevant)).toEqual({ success5: 1, recall10: 1, ndcg10: 1 })
    const late = scoreRanking(['x', 'y', 'z', 'w', 'v', 'a'], relevant)
    expect(late.success5).toBe(0)
    expect(late.recall10).toBe(0.5)
    expect(late.ndcg10).toBeCloseTo(1 / Math.log2(7) / (1 + 1 / Math.log2(3)), 10)
    expect(scoreRanking([], relevant)).toEqual({ success5: 0, recall10: 0, ndcg10: 0 })
  })

  it('caps recall at ten relevant suppliers and averages per query', () => {
    const many = new Set(Array.from({ length: 40 }, (_, i) => `r${i}`))
    expect(scoreRanking([...many].slice(0, 10), many).recall10).toBe(1)
    expect(
      mean([
        { success5: 1, recall10: 0.5, ndcg10: 1 },
        { success5: 0, recall10: 0.5, ndcg10: 0 },
      ]),
    ).toEqual({ success5: 0.5, recall10: 0.5, ndcg10: 0.5 })
  })
})
