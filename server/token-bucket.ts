/**
 * Per-key token buckets in this process's memory: `capacity` events at once, refilled at
 * `refillPerSecond`. The in-process store of `createRateLimiter` below (one node, or Redis
 * unreachable); with REDIS_URL the buckets live in Redis and every node shares them.
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

/**
 * A rate limit as the app uses it (chat messages, chat events): one interface, two stores.
 * `take` resolves false when the key's bucket is empty.
 */
export interface RateLimiter {
  take(key: string): Promise<boolean>
}

export interface TokenBucketOptions {
  capacity: number
  refillPerSecond: number
}

/** The commands of a connected node-redis client that the shared limiter uses. */
export interface RedisScripting {
  isReady: boolean
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>
}

/**
 * One bucket per key in a Redis hash (tokens, at), updated by a script, which Redis runs
 * atomically: every app node takes from the same bucket. The time is Redis's own (`TIME`), so
 * the nodes' clocks do not matter. Idle buckets expire once they would be full again.
 */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil then
  tokens = capacity
else
  tokens = math.min(capacity, tokens + (now - at) / 1000 * refill)
end
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / refill * 1000) + 1000)
return allowed
`

/**
 * The limiter for `name` (a key prefix): shared through Redis when a client is given, else in
 * this process. When Redis fails, each node falls back to its own buckets (and logs once per
 * outage) rather than refusing every user or letting every request through.
 */
export function createRateLimiter(
  name: string,
  options: TokenBucketOptions,
  shared?: { redis: RedisScripting; onError(error: unknown): void },
): RateLimiter {
  const local = new TokenBucketLimiter(options)
  if (!shared) return { take: async (key) => local.take(key) }
  let failing = false
  return {
    async take(key) {
      if (!shared.redis.isReady) return local.take(key)
      try {
        const allowed = await shared.redis.eval(TAKE_SCRIPT, {
          keys: [`vsi:limit:${name}:${key}`],
          arguments: [String(options.capacity), String(options.refillPerSecond)],
        })
        failing = false
        return allowed === 1
      } catch (error) {
        if (!failing) shared.onError(error)
        failing = true
        return local.take(key)
      }
    },
  }
}
