import { describe, expect, it } from 'vitest'
import { TokenBucketLimiter } from './token-bucket.ts'

describe('TokenBucketLimiter', () => {
  it('allows a burst of capacity, then refills at the given rate, per key', () => {
    let now = 0
    const limiter = new TokenBucketLimiter({ capacity: 20, refillPerSecond: 2, now: () => now })
    const burst = Array.from({ length: 25 }, () => limiter.take('user-a'))
    expect(burst.filter(Boolean)).toHaveLength(20)
    expect(limiter.take('user-b')).toBe(true)
    now += 499
    expect(limiter.take('user-a')).toBe(false)
    now += 1
    expect(limiter.take('user-a')).toBe(true)
    now += 60_000
    expect(Array.from({ length: 21 }, () => limiter.take('user-a')).filter(Boolean)).toHaveLength(
      20,
    )
  })

  it('forgets idle keys first when it holds too many', () => {
    let now = 0
    const limiter = new TokenBucketLimiter({
      capacity: 2,
      refillPerSecond: 1,
      now: () => now,
      maxKeys: 3,
    })
    limiter.take('idle')
    limiter.take('busy-1')
    limiter.take('busy-1')
    now += 1_000 // 'idle' is full again; 'busy-1' is not
    limiter.take('busy-2')
    limiter.take('new')
    expect(limiter.size).toBe(3)
    expect(limiter.take('busy-1')).toBe(true)
    expect(limiter.take('busy-1')).toBe(false) // its state was kept
  })
})
