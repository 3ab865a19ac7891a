import { describe, expect, it } from 'vitest'
import { isTransientDatabaseError, withDatabaseRetry } from './database-retry.ts'

// The message FerretDB 1.24 sent in CI when a marker clear lost SQLite's lock (code 1).
const busy = Object.assign(
  new Error(
    '[msg_update.go:133 handler.(*Handler).updateDocument] [update.go:114 common.UpdateDocument] ' +
      '[collection.go:191 sqlite.(*collection).UpdateAll] [collection.go:177 ' +
      'sqlite.(*collection).UpdateAll.func1] database is locked (5) (SQLITE_BUSY)',
  ),
  { code: 1, codeName: 'InternalError' },
)

describe('withDatabaseRetry', () => {
  it('tells a lost lock from other errors', () => {
    expect(isTransientDatabaseError(busy)).toBe(true)
    expect(
      isTransientDatabaseError(Object.assign(new Error('E11000 duplicate key'), { code: 11000 })),
    ).toBe(false)
    expect(isTransientDatabaseError('database is locked')).toBe(false)
    expect(isTransientDatabaseError(null)).toBe(false)
  })

  it('tries again after a lost lock, and returns what the later try returned', async () => {
    let calls = 0
    const result = await withDatabaseRetry(
      async () => {
        calls += 1
        if (calls < 3) throw busy
        return 'written'
      },
      { baseDelayMs: 1 },
    )
    expect(result).toBe('written')
    expect(calls).toBe(3)
  })

  it('passes any other error on at once, and the last lost lock after the last try', async () => {
    let calls = 0
    const other = new Error('validation failed')
    await expect(
      withDatabaseRetry(async () => {
        calls += 1
        throw other
      }),
    ).rejects.toBe(other)
    expect(calls).toBe(1)

    calls = 0
    await expect(
      withDatabaseRetry(
        async () => {
          calls += 1
          throw busy
        },
        { attempts: 4, baseDelayMs: 1 },
      ),
    ).rejects.toBe(busy)
    expect(calls).toBe(4)
  })

  it('stops trying once its signal is aborted', async () => {
    const controller = new AbortController()
    let calls = 0
    await expect(
      withDatabaseRetry(
        async () => {
          calls += 1
          controller.abort()
          throw busy
        },
        { baseDelayMs: 1, signal: controller.signal },
      ),
    ).rejects.toBe(busy)
    expect(calls).toBe(1)
  })
})
