/**
 * Per-key token buckets in this process's memory: `capacity` events at once, refilled at
 * `refillPerSecond`. With several app nodes each node counts its own sockets, which is enough
 * to stop one client flooding the node it is connected to.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private readonly now: () => number
  private readonly maxKeys: number

  constructor(
    private readonly options: {
      capacity: number
      refillPerSecond: number
      now?: () => number
      /** Above this many keys, full (idle) buckets are forgotten, then the oldest ones. */
      maxKeys?: number
    },
  ) {
    this.now = options.now ?? Date.now
    this.maxKeys = options.maxKeys ?? 50_000
  }

  /** Takes a token for this key; false when the bucket is empty. */
  take(key: string): boolean {
    const now = this.now()
    const { capacity, refillPerSecond } = this.options
    let bucket = this.buckets.get(key)
    if (bucket) {
      bucket.tokens = Math.min(
        capacity,
        bucket.tokens + ((now - bucket.at) / 1000) * refillPerSecond,
      )
      bucket.at = now
    } else {
      if (this.buckets.size >= this.maxKeys) this.prune(now)
      bucket = { tokens: capacity, at: now }
      this.buckets.set(key, bucket)
    }
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }

  get size(): number {
    return this.buckets.size
  }

  private prune(now: number) {
    const { capacity, refillPerSecond } = this.options
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * refillPerSecond >= capacity) {
        this.buckets.delete(key)
      }
    }
    // Still full of busy keys: forget the ones added longest ago (Map keeps insertion order).
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break
      this.buckets.delete(key)
    }
  }
}
