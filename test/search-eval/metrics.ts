/**
 * Ranking metrics with binary relevance, as the judged set gives it.
 * - success@k: 1 when a relevant supplier is in the top k.
 * - recall@k: relevant suppliers in the top k over min(k, all relevant), so a query with
 *   hundreds of relevant demo suppliers can still reach 1.
 * - nDCG@k: DCG of the top k (gain 1 for a relevant hit, discounted by log2(rank + 1)) over the
 *   DCG of an ideal ranking.
 */
export interface QueryScores {
  success5: number
  recall10: number
  ndcg10: number
}

export function scoreRanking(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
): QueryScores {
  const top = (k: number) => ranked.slice(0, k)
  const success5 = top(5).some((id) => relevant.has(id)) ? 1 : 0
  const found10 = top(10).filter((id) => relevant.has(id)).length
  const recall10 = relevant.size === 0 ? 0 : found10 / Math.min(10, relevant.size)
  let dcg = 0
  top(10).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2)
  })
  let ideal = 0
  for (let i = 0; i < Math.min(10, relevant.size); i++) ideal += 1 / Math.log2(i + 2)
  return { success5, recall10, ndcg10: ideal === 0 ? 0 : dcg / ideal }
}

export function mean(scores: readonly QueryScores[]): QueryScores {
  const n = Math.max(1, scores.length)
  const sum = (key: keyof QueryScores) => scores.reduce((total, s) => total + s[key], 0) / n
  return { success5: sum('success5'), recall10: sum('recall10'), ndcg10: sum('ndcg10') }
}
