/**
 * Runs `work` over `items`, at most `limit` at a time, in order of start; the results in the
 * items' order. For point reads and writes on the embedded database (decision 010), where a few
 * lanes keep it busy and more only wait on its lock.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++
        results[index] = await work(items[index]!)
      }
    }),
  )
  return results
}
