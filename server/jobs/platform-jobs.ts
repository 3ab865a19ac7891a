import { purgeExpired, purgeUnsentAttachments } from '#models/maintenance.ts'
import type { SearchSync } from '#search/sync.ts'
import type { ChatNotifier } from '../chat-notifications.ts'
import type { FileStore } from '../uploads.ts'
import type { JobRunner } from './runner.ts'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/**
 * The platform's own periodic jobs, each run by one node at a time (docs/jobs.md says what
 * each does, how often, and why running it twice is harmless).
 */
export function registerPlatformJobs(
  jobs: JobRunner,
  deps: {
    searchSync: SearchSync
    chatNotifier: ChatNotifier
    files: FileStore
    notifyAfterMinutes: number
    /** Outbox entries per batch of the search sync (its default 500). */
    searchBatchSize?: number
  },
): void {
  const batchSize = deps.searchBatchSize ?? 500
  jobs.registerJob({
    name: 'search-outbox',
    everyMs: SECOND,
    leaseMs: 30 * SECOND,
    async run({ signal }) {
      // Batch after batch while the outbox is full; the next tick picks up the rest.
      for (;;) {
        const result = await deps.searchSync.drainOnce()
        if (result.upserted + result.deleted < batchSize || signal.aborted) return result
      }
    },
  })
  jobs.registerJob({
    name: 'search-certification-expiry',
    everyMs: HOUR,
    run: () => deps.searchSync.sweepExpiredCertifications(),
  })
  jobs.registerJob({
    name: 'search-reconcile',
    everyMs: 6 * HOUR,
    // The start-up rebuild (embedded engine) or the shared index (Meilisearch) is fresh.
    runAtStart: false,
    run: () => deps.searchSync.reconcile(),
  })
  jobs.registerJob({
    name: 'chat-unread-notifier',
    everyMs: Math.min(MINUTE, deps.notifyAfterMinutes * MINUTE),
    run: () => deps.chatNotifier.runOnce(),
  })
  jobs.registerJob({
    name: 'purge-expired',
    everyMs: HOUR,
    run: () => purgeExpired(),
  })
  jobs.registerJob({
    name: 'purge-unsent-attachments',
    everyMs: HOUR,
    run: () => purgeUnsentAttachments((file) => deps.files.remove(file)),
  })
}
