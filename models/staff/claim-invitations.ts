import crypto from 'node:crypto'
import { Schema, type Types } from 'mongoose'
import { withDatabaseRetry } from '../database-retry.ts'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import { translator } from '../i18n/index.ts'
import { recordAudit } from './audit-log.ts'
import {
  CLAIM_LIFETIME_MS,
  ClaimToken,
  hashClaimToken,
  OrganizationClaim,
  StaffImport,
  type ImportJobDeps,
} from './import.ts'
import { mapLimit } from '../map-limit.ts'

/**
 * Claim invitations of imported organisations (issue 17, docs/staff-console.md, decision 013).
 *
 * On FerretDB 1.24 (SQLite) an update or a delete by `_id` costs time in proportion to the size
 * of its collection (measured: ~15 ms at 1,000 claim records, 80–170 ms at 20,000), while an
 * insert or a read by `_id` stays at a few milliseconds. So the path of a first invitation
 * writes nothing per organisation but inserts: the import queues one batch document per chunk
 * (`_id` = `<import>:<chunk>`, its invitations inside), and sending one batch is a read of that
 * document by `_id`, one `insertMany` of the links, the mails, then one write to the (small)
 * queue and one to the import's counters. The queue holds only batches still to send, so the
 * job's scan of it for due batches reads a few dozen documents at most.
 */

const invitationSchema = new Schema(
  {
    organization: { type: Schema.Types.ObjectId, required: true },
    email: { type: String, required: true },
    name: { type: String, required: true },
    taxCode: { type: String, required: true },
    lastError: String,
  },
  { _id: false },
)

/**
 * Invitations still to mail, one document per import chunk (or per re-send request). A batch
 * whose sends failed is rewritten with the failed ones and a later `nextAt` (1, 2, 4, 8,
 * 16 minutes); after MAX_INVITATION_ATTEMPTS they move to the import's ClaimInvitationFailure.
 */
const claimInvitationBatchSchema = new Schema(
  {
    _id: { type: String },
    importId: { type: Schema.Types.ObjectId, required: true },
    attempts: { type: Number, default: 0 },
    nextAt: { type: Date, required: true },
    /**
     * Retries and re-sends: each claim record is read first (a claimed organisation is dropped).
     * A first send needs no read: its claim record was created by the chunk that queued it, and
     * nobody can claim an organisation before a link has been sent.
     */
    recheck: { type: Boolean, default: false },
    /** A staff re-send request: the job moves the import's failed invitations into it. */
    fromFailures: { type: Boolean, default: false },
    entries: { type: [invitationSchema], default: [] },
  },
  { versionKey: false },
)
// MongoDB answers the due query from this index; FerretDB reads the (small) collection.
claimInvitationBatchSchema.index({ nextAt: 1 })
export const ClaimInvitationBatch = defineModel('ClaimInvitationBatch', claimInvitationBatchSchema)

/** The invitations of an import that failed for good (`_id` = the import), for staff to re-send. */
const claimInvitationFailureSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId },
    entries: { type: [invitationSchema], default: [] },
  },
  { versionKey: false },
)
export const ClaimInvitationFailure = defineModel(
  'ClaimInvitationFailure',
  claimInvitationFailureSchema,
)

export const MAX_INVITATION_ATTEMPTS = 6
/** Delay before retry n (1-based): 1, 2, 4, 8, 16 minutes. */
export const invitationRetryDelayMs = (attempts: number) => 60_000 * 2 ** (attempts - 1)

export type ClaimInvitationEntry = {
  organization: Types.ObjectId
  email: string
  name: string
  taxCode: string
  lastError?: string
}

type BatchDoc = {
  _id: string
  importId: Types.ObjectId
  attempts?: number
  nextAt: Date
  recheck?: boolean
  fromFailures?: boolean
  entries: ClaimInvitationEntry[]
}

const resendBatchId = (importId: Types.ObjectId) => `${importId.toHexString()}:resend`

/**
 * Queues the invitations of one import chunk (called by the import phase). A repeated chunk
 * finds its batch queued already and queues nothing twice.
 */
export async function queueClaimInvitations(
  batchId: string,
  importId: Types.ObjectId,
  entries: readonly ClaimInvitationEntry[],
): Promise<void> {
  if (entries.length === 0) return
  try {
    await ClaimInvitationBatch.create({
      _id: batchId,
      importId,
      attempts: 0,
      nextAt: new Date(),
      entries: [...entries],
    })
  } catch (error) {
    if (!isDuplicateKeyServerError(error)) throw error
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

export function invitationMail(invitation: { name: string; taxCode: string }, link: string) {
  const vi = translator('vi')
  const en = translator('en')
  const params = { organization: invitation.name, taxCode: invitation.taxCode, link }
  const text = `${vi('staffImport.mail.body', params)}\n\n---\n\n${en('staffImport.mail.body', params)}`
  return {
    subject: `${vi('staffImport.mail.subject')} / ${en('staffImport.mail.subject')}`,
    text,
    html: text
      .split('\n')
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join(''),
  }
}

/** Database writes at most this many at a time (SQLite has one writer). */
const WRITE_CONCURRENCY = 4
/** Mails handed to the mailer at once (SMTP or the outbox folder, not the database). */
const MAIL_CONCURRENCY = 8

/**
 * Mails the queued claim invitations that are due, batch after batch: each gets a fresh link
 * (only its hash is stored, as a ClaimToken inserted with its batch), then the mail. A batch
 * fully sent leaves the queue and counts on its import; the failed ones of a batch stay queued
 * for 1, 2, 4, 8, 16 minutes later, then move to the import's failures (staff can re-send
 * them). The link of a failed mail is not withdrawn: it was only ever in that mail, and
 * deleting it would be a write on the growing tokens collection per failure. Without `mail`,
 * nothing is sent.
 */
export async function sendClaimInvitations(
  deps: Pick<ImportJobDeps, 'mail' | 'origin' | 'signal'> & { now?: Date },
): Promise<{ sent: number; failed: number }> {
  const totals = { sent: 0, failed: 0 }
  if (!deps.mail) return totals
  const now = deps.now ?? new Date()
  // The due batches, read once (the array is complete before anything is written).
  const due = await ClaimInvitationBatch.find({ nextAt: { $lte: now } })
    .select('_id nextAt')
    .lean<Array<{ _id: string; nextAt: Date }>>()
  due.sort((a, b) => a.nextAt.getTime() - b.nextAt.getTime() || a._id.localeCompare(b._id))
  for (const { _id } of due) {
    if (deps.signal?.aborted) return totals
    const result = await sendBatch(_id, now, deps)
    totals.sent += result.sent
    totals.failed += result.failed
  }
  return totals
}

async function sendBatch(
  batchId: string,
  now: Date,
  deps: Pick<ImportJobDeps, 'mail' | 'origin' | 'signal'>,
): Promise<{ sent: number; failed: number }> {
  let batch = await ClaimInvitationBatch.findById(batchId).lean<BatchDoc>()
  if (!batch || batch.nextAt.getTime() > now.getTime()) return { sent: 0, failed: 0 }
  if (batch.fromFailures) batch = await takeFailures(batch)
  const counts = { invited: 0, invitationsDropped: 0, invitationsFailed: 0 }
  let entries = batch.entries
  if (batch.recheck) {
    const claims = await mapLimit(entries, WRITE_CONCURRENCY, (entry) =>
      OrganizationClaim.findById(entry.organization).select('claimedAt tokenHash').lean(),
    )
    const open = entries.flatMap((entry, k) =>
      claims[k] && !claims[k].claimedAt ? [{ entry, tokenHash: claims[k].tokenHash }] : [],
    )
    counts.invitationsDropped = entries.length - open.length
    // A link mailed before this version is bound to its claim record's `tokenHash`; the
    // record is released so that the new link works (the old one keeps working too).
    await mapLimit(
      open.filter(({ tokenHash }) => tokenHash),
      WRITE_CONCURRENCY,
      ({ entry }) =>
        withDatabaseRetry(() =>
          OrganizationClaim.updateOne(
            { _id: entry.organization },
            { $unset: { tokenHash: 1, invitedAt: 1 } },
          ),
        ),
    )
    entries = open.map(({ entry }) => entry)
  }
  const links = entries.map((entry) => {
    const token = crypto.randomBytes(32).toString('base64url')
    return { entry, token, tokenHash: hashClaimToken(token) }
  })
  if (links.length) {
    const expiresAt = new Date(Date.now() + CLAIM_LIFETIME_MS)
    const tokens = links.map(({ entry, tokenHash }) => ({
      _id: tokenHash,
      organization: entry.organization,
      expiresAt,
    }))
    // Fresh random ids: a second try after a lost lock inserts the same documents.
    await withDatabaseRetry(async () => {
      try {
        await ClaimToken.insertMany(tokens, { ordered: false, lean: true })
      } catch (error) {
        const writeErrors = (error as { writeErrors?: Array<{ code?: number }> }).writeErrors
        if (!writeErrors?.length || writeErrors.some((writeError) => writeError.code !== 11000))
          throw error
      }
    })
  }
  const errors = await mapLimit(links, MAIL_CONCURRENCY, async ({ entry, token }) => {
    try {
      await deps.mail!({
        to: entry.email,
        ...invitationMail(entry, `${deps.origin}/claim?token=${token}`),
      })
      return null
    } catch (error) {
      return error instanceof Error ? error.message.slice(0, 200) : 'send failed'
    }
  })
  const failed = links.flatMap(({ entry }, k) =>
    errors[k] === null ? [] : [{ ...entry, lastError: errors[k]! }],
  )
  counts.invited = links.length - failed.length
  const attempts = (batch.attempts ?? 0) + 1
  // The queue first, then the counters: a crash between them under-counts, never re-sends.
  if (failed.length === 0) {
    await withDatabaseRetry(() => ClaimInvitationBatch.deleteOne({ _id: batch._id }))
  } else if (attempts < MAX_INVITATION_ATTEMPTS) {
    await withDatabaseRetry(() =>
      ClaimInvitationBatch.updateOne(
        { _id: batch._id },
        {
          $set: {
            entries: failed,
            attempts,
            recheck: true,
            fromFailures: false,
            nextAt: new Date(now.getTime() + invitationRetryDelayMs(attempts)),
          },
        },
      ),
    )
  } else {
    await addFailures(batch.importId, failed)
    counts.invitationsFailed = failed.length
    await withDatabaseRetry(() => ClaimInvitationBatch.deleteOne({ _id: batch._id }))
  }
  // SQLITE_BUSY means the statement wrote nothing, so trying the `$inc` again counts once.
  if (counts.invited || counts.invitationsDropped || counts.invitationsFailed)
    await withDatabaseRetry(() =>
      StaffImport.updateOne(
        { _id: batch.importId },
        {
          $inc: {
            'counts.invited': counts.invited,
            'counts.invitationsDropped': counts.invitationsDropped,
            'counts.invitationsFailed': counts.invitationsFailed,
          },
        },
      ),
    )
  return { sent: counts.invited, failed: failed.length }
}

/** Adds invitations that failed for good to their import's list (one per organisation). */
async function addFailures(importId: Types.ObjectId, failed: readonly ClaimInvitationEntry[]) {
  const current = await ClaimInvitationFailure.findById(importId).lean()
  const merged = new Map<string, ClaimInvitationEntry>()
  for (const entry of [...(current?.entries ?? []), ...failed])
    merged.set(String(entry.organization), entry as ClaimInvitationEntry)
  await withDatabaseRetry(() =>
    ClaimInvitationFailure.updateOne(
      { _id: importId },
      { $set: { entries: [...merged.values()] } },
      { upsert: true },
    ),
  )
}

/**
 * A staff re-send request becomes a batch of the import's failed invitations (only the job
 * writes the failures document, so a failure recorded meanwhile is not lost): the batch is
 * written with them first, then the failures document is deleted. A crash between the two
 * leaves them listed as failed while they are sent; the next failure list replaces the entry.
 */
async function takeFailures(batch: BatchDoc): Promise<BatchDoc> {
  const failures = await ClaimInvitationFailure.findById(batch.importId).lean()
  const entries = (failures?.entries ?? []) as ClaimInvitationEntry[]
  await withDatabaseRetry(() =>
    ClaimInvitationBatch.updateOne(
      { _id: batch._id },
      { $set: { entries, fromFailures: false, recheck: true, attempts: 0 } },
    ),
  )
  if (failures) {
    await withDatabaseRetry(() => ClaimInvitationFailure.deleteOne({ _id: batch.importId }))
    await withDatabaseRetry(() =>
      StaffImport.updateOne(
        { _id: batch.importId },
        { $inc: { 'counts.invitationsFailed': -entries.length } },
      ),
    )
  }
  return { ...batch, entries, fromFailures: false, recheck: true, attempts: 0 }
}

/**
 * Staff: send the import's failed invitations again (at the job's next run). Refused when
 * nothing failed or a re-send is already waiting.
 */
export async function requestInvitationResend(input: {
  importId: Types.ObjectId
  userId: Types.ObjectId
  actorLabel: string
}): Promise<{ ok: true; count: number } | { ok: false; error: 'staffImport.invitations.none' }> {
  const failures = await ClaimInvitationFailure.findById(input.importId).lean()
  const count = failures?.entries.length ?? 0
  if (count === 0) return { ok: false, error: 'staffImport.invitations.none' }
  try {
    await ClaimInvitationBatch.create({
      _id: resendBatchId(input.importId),
      importId: input.importId,
      attempts: 0,
      nextAt: new Date(),
      recheck: true,
      fromFailures: true,
      entries: [],
    })
  } catch (error) {
    // A request is waiting already (a second click, or two staff at once): one is enough.
    if (isDuplicateKeyServerError(error))
      return { ok: false, error: 'staffImport.invitations.none' }
    throw error
  }
  await recordAudit({
    actor: input.userId,
    actorLabel: input.actorLabel,
    action: 'import.invitations.resend',
    targetType: 'import',
    targetId: input.importId.toHexString(),
    after: { count },
  })
  return { ok: true, count }
}

export type InvitationStatus = {
  queued: number
  sent: number
  failed: number
  dropped: number
  resendRequested: boolean
  failures: Array<{ name: string; taxCode: string; email: string; lastError: string }>
}

/** What the import page shows: counters of the import and its failures (point reads). */
export async function invitationStatus(
  found: { _id: Types.ObjectId; counts?: Record<string, number | undefined> | null },
  shown = 200,
): Promise<InvitationStatus> {
  const counts = found.counts ?? {}
  const [failures, resend] = await Promise.all([
    ClaimInvitationFailure.findById(found._id).lean(),
    ClaimInvitationBatch.findById(resendBatchId(found._id)).select('_id').lean(),
  ])
  const sent = counts.invited ?? 0
  const failed = counts.invitationsFailed ?? 0
  const dropped = counts.invitationsDropped ?? 0
  return {
    queued: Math.max(0, (counts.invitationsQueued ?? 0) - sent - failed - dropped),
    sent,
    failed,
    dropped,
    resendRequested: Boolean(resend),
    failures: (failures?.entries ?? []).slice(0, shown).map((entry) => ({
      name: entry.name,
      taxCode: entry.taxCode,
      email: entry.email,
      lastError: entry.lastError ?? '',
    })),
  }
}
