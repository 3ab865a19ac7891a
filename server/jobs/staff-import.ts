import { runImportQueueOnce, type ImportProgress } from '#models/staff/import.ts'
import type { Mailer } from '../mailer.ts'
import type { RealtimeServer } from '../realtime.ts'
import type { JobRunner } from './runner.ts'

/**
 * The supplier-list import runs as a leased job (docs/jobs.md): dry runs and imports queued by
 * staff admins are worked chunk by chunk on one node; a node that dies mid-import is taken over
 * and the import resumes after its last finished chunk (each chunk is idempotent by tax code).
 * Progress goes to the staff admins' Socket.IO room after every chunk. After the phases, each
 * run mails the claim invitations that are due (queued by imports; failed sends are retried).
 */
export function registerStaffImportJob(
  jobs: JobRunner,
  deps: { mailer: Mailer; origin: string; io?: Pick<RealtimeServer, 'to'> },
) {
  jobs.registerJob({
    name: 'staff-import',
    everyMs: 2_000,
    leaseMs: 60_000,
    run: ({ signal }) =>
      runImportQueueOnce({
        signal,
        origin: deps.origin,
        mail: (message) => deps.mailer.send(message),
        notify: deps.io
          ? (progress: ImportProgress) =>
              deps.io!.to('staff:admin').emit('import:progress', progress)
          : undefined,
      }),
  })
}
