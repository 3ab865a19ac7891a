import { Types } from 'mongoose'
import { describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { parseImportFile } from '#models/staff/import-file.ts'
import {
  ClaimInvitationBatch,
  ClaimInvitationFailure,
  invitationRetryDelayMs,
  invitationStatus,
  MAX_INVITATION_ATTEMPTS,
  requestInvitationResend,
  sendClaimInvitations,
} from '#models/staff/claim-invitations.ts'
import {
  confirmImport,
  createImport,
  OrganizationClaim,
  peekClaim,
  runImportQueueOnce,
  StaffImport,
  submitMapping,
} from '#models/staff/import.ts'
import { useTestDatabase } from './database.ts'
import { GROWING_COLLECTIONS, isPointFilter, recordQueries } from './query-guard.ts'
import { csvOf, validMst } from './staff-import-fixtures.ts'

useTestDatabase()

type Mail = { to: string; subject: string; text: string; html: string }

/** An import of `rows` (name, MST, e-mail) through the dry run and the import phase, no mail. */
async function imported(rows: string[][]) {
  const parsed = await parseImportFile(
    'list.csv',
    Buffer.from(csvOf([['Tên doanh nghiệp', 'Mã số thuế', 'Email'], ...rows])),
  )
  if (!parsed.ok) throw new Error(parsed.error)
  const userId = new Types.ObjectId()
  const importId = await createImport({
    fileName: 'list.csv',
    format: 'csv',
    sheet: parsed.sheet,
    userId,
    actorLabel: 'test',
  })
  const mapped = await submitMapping({
    importId,
    mapping: { name: '0', taxCode: '1', email: '2' },
    userId,
    actorLabel: 'test',
  })
  expect(mapped.ok).toBe(true)
  await runImportQueueOnce({ origin: 'http://localhost' })
  const confirmed = await confirmImport({
    importId,
    sendInvitations: true,
    userId,
    actorLabel: 't',
  })
  expect(confirmed.ok).toBe(true)
  // No mailer: the import phase queues the invitations and sends none.
  await runImportQueueOnce({ origin: 'http://localhost' })
  return importId
}

const staff = { userId: new Types.ObjectId(), actorLabel: 'Staff <staff@example.vn>' }
const statusOf = async (importId: Types.ObjectId) =>
  invitationStatus((await StaffImport.findById(importId).lean())!)
const collecting = (sent: Mail[]) => async (message: Mail) => {
  sent.push(message)
}

const tokenOf = (mail: Mail) => /\/claim\?token=([\w-]+)/.exec(mail.text)?.[1] ?? ''

describe('claim invitations of an import', () => {
  it('are queued by the import, mailed after it, and a failed send is retried later', async () => {
    const importId = await imported([
      ['Công ty Thư Lỗi', validMst(301), 'loi@example.vn'],
      ['Công ty Thư Tốt', validMst(302), 'tot@example.vn'],
      ['Công ty Không Thư', validMst(303), ''],
    ])
    const done = await StaffImport.findById(importId).lean()
    expect(done?.counts).toMatchObject({ created: 3, invited: 0, invitationsQueued: 2 })
    // One batch for the chunk, not one document per firm.
    const batches = await ClaimInvitationBatch.find().lean()
    expect(batches.map((batch) => [batch._id, batch.entries.length])).toEqual([
      [`${importId.toHexString()}:0`, 2],
    ])
    expect(await statusOf(importId)).toMatchObject({ queued: 2, sent: 0, failed: 0 })
    const failing = await Organization.findOne({ taxCode: validMst(301) }).lean()

    // The SMTP server refuses one address the first time.
    const sent: Mail[] = []
    const start = new Date()
    const first = await sendClaimInvitations({
      origin: 'http://localhost',
      now: start,
      mail: async (message) => {
        if (message.to === 'loi@example.vn') throw new Error('421 try again later')
        sent.push(message)
      },
    })
    expect(first).toEqual({ sent: 1, failed: 1 })
    expect(sent.map((mail) => mail.to)).toEqual(['tot@example.vn'])
    expect(await statusOf(importId)).toMatchObject({ queued: 1, sent: 1, failed: 0 })
    expect(await peekClaim(tokenOf(sent[0]!))).toMatchObject({ email: 'tot@example.vn' })
    // The failed one stays queued alone, a minute later, with the error; its claim record is
    // not written.
    const queued = await ClaimInvitationBatch.findById(`${importId.toHexString()}:0`).lean()
    expect(queued).toMatchObject({ attempts: 1, recheck: true })
    expect(queued!.entries).toMatchObject([
      { email: 'loi@example.vn', lastError: '421 try again later' },
    ])
    expect(queued!.nextAt.getTime()).toBeGreaterThanOrEqual(
      start.getTime() + invitationRetryDelayMs(1),
    )
    expect((await OrganizationClaim.findById(failing!._id).lean())?.tokenHash).toBeUndefined()

    // Not yet due: nothing is sent.
    const retried: Mail[] = []
    const mail = collecting(retried)
    expect(await sendClaimInvitations({ origin: 'http://localhost', now: start, mail })).toEqual({
      sent: 0,
      failed: 0,
    })
    // Due: sent with a working link, counted once, the queue empty.
    const later = new Date(queued!.nextAt.getTime() + 1)
    expect(await sendClaimInvitations({ origin: 'http://localhost', now: later, mail })).toEqual({
      sent: 1,
      failed: 0,
    })
    expect(retried.map((message) => message.to)).toEqual(['loi@example.vn'])
    expect(await peekClaim(tokenOf(retried[0]!))).toMatchObject({ email: 'loi@example.vn' })
    expect(await statusOf(importId)).toMatchObject({ queued: 0, sent: 2, failed: 0 })
    expect(await ClaimInvitationBatch.countDocuments()).toBe(0)
  })

  it('gives up after the last attempt, keeps the failures for staff, and re-sends on request', async () => {
    const importId = await imported([
      ['Công ty Hộp Thư Đầy', validMst(311), 'day@example.vn'],
      ['Công ty Đã Nhận', validMst(312), 'nhan@example.vn'],
    ])
    const refusing = async () => {
      throw new Error('550 mailbox full')
    }
    let now = new Date()
    for (let attempt = 1; attempt <= MAX_INVITATION_ATTEMPTS; attempt++) {
      expect(
        await sendClaimInvitations({ origin: 'http://localhost', now, mail: refusing }),
      ).toEqual({ sent: 0, failed: 2 })
      now = new Date(now.getTime() + invitationRetryDelayMs(attempt) + 1)
    }
    expect(await ClaimInvitationBatch.countDocuments()).toBe(0)
    const status = await statusOf(importId)
    expect(status).toMatchObject({ queued: 0, sent: 0, failed: 2, resendRequested: false })
    expect(status.failures).toEqual([
      expect.objectContaining({ email: 'day@example.vn', lastError: '550 mailbox full' }),
      expect.objectContaining({ email: 'nhan@example.vn', lastError: '550 mailbox full' }),
    ])
    const far = new Date(now.getTime() + 365 * 24 * 60 * 60 * 1000)
    const sent: Mail[] = []
    const mail = collecting(sent)
    expect(await sendClaimInvitations({ origin: 'http://localhost', now: far, mail })).toEqual({
      sent: 0,
      failed: 0,
    })

    // One firm took its profile over meanwhile (by an earlier link): it is not mailed again.
    const claimed = await Organization.findOne({ taxCode: validMst(312) }).lean()
    await OrganizationClaim.updateOne({ _id: claimed!._id }, { $set: { claimedAt: new Date() } })
    // Staff re-send: one request at a time, sent on the next run.
    expect(await requestInvitationResend({ importId, ...staff })).toEqual({ ok: true, count: 2 })
    expect(await requestInvitationResend({ importId, ...staff })).toEqual({
      ok: false,
      error: 'staffImport.invitations.none',
    })
    expect((await statusOf(importId)).resendRequested).toBe(true)
    expect(await sendClaimInvitations({ origin: 'http://localhost', mail })).toEqual({
      sent: 1,
      failed: 0,
    })
    expect(sent.map((message) => message.to)).toEqual(['day@example.vn'])
    expect(await peekClaim(tokenOf(sent[0]!))).toMatchObject({ email: 'day@example.vn' })
    expect(await statusOf(importId)).toMatchObject({
      queued: 0,
      sent: 1,
      failed: 0,
      dropped: 1,
      resendRequested: false,
      failures: [],
    })
    expect(await ClaimInvitationFailure.countDocuments()).toBe(0)
    // Nothing failed any more: nothing to re-send.
    expect((await requestInvitationResend({ importId, ...staff })).ok).toBe(false)
  })

  it('a link mailed before batches (bound to the claim record) gives way to a re-sent one', async () => {
    const importId = await imported([['Công ty Thư Cũ', validMst(321), 'cu@example.vn']])
    const organization = await Organization.findOne({ taxCode: validMst(321) }).lean()
    // As the earlier version left it: the claim record names its one live link.
    await OrganizationClaim.updateOne(
      { _id: organization!._id },
      { $set: { tokenHash: 'a'.repeat(64), invitedAt: new Date() } },
    )
    let now = new Date()
    for (let attempt = 1; attempt <= MAX_INVITATION_ATTEMPTS; attempt++) {
      await sendClaimInvitations({
        origin: 'http://localhost',
        now,
        mail: async () => {
          throw new Error('timeout')
        },
      })
      now = new Date(now.getTime() + invitationRetryDelayMs(attempt) + 1)
    }
    expect((await requestInvitationResend({ importId, ...staff })).ok).toBe(true)
    const sent: Mail[] = []
    await sendClaimInvitations({ origin: 'http://localhost', mail: collecting(sent) })
    expect(await peekClaim(tokenOf(sent[0]!))).toMatchObject({ email: 'cu@example.vn' })
  })

  it('reads the growing collections only by _id and writes them only by insert', async () => {
    const rows = Array.from({ length: 30 }, (_, k) => [
      `Công ty Khối ${k}`,
      validMst(400 + k),
      `khoi${k}@example.vn`,
    ])
    const importId = await imported(rows)
    const growing = new Set([...GROWING_COLLECTIONS, 'staffimports'])
    const sent: Mail[] = []
    const { queries } = await recordQueries(() =>
      sendClaimInvitations({ origin: 'http://localhost', mail: collecting(sent) }),
    )
    expect(sent).toHaveLength(30)
    expect((await statusOf(importId)).sent).toBe(30)
    const onGrowing = queries.filter((query) => growing.has(query.collection))
    const described = onGrowing.map((query) => `${query.collection}.${query.method}`)
    // The links are one insert; nothing per firm is updated or deleted, nothing is scanned.
    expect(described).toContain('claimtokens.insertMany')
    expect(
      onGrowing
        .filter((query) => query.collection !== 'staffimports')
        .filter((query) => query.method !== 'insertMany' && !isPointFilter(query.filter))
        .map((query) => `${query.collection}.${query.method}`),
    ).toEqual([])
    expect(
      described.filter((name) => /\.(update|delete|replace|findOneAnd|bulkWrite)/.test(name)),
    ).toEqual(['staffimports.updateOne'])
    // The one query that is not by `_id` reads the queue, which holds only batches to send.
    expect(
      queries
        .filter((query) => !isPointFilter(query.filter) && query.method !== 'insertMany')
        .map((query) => query.collection),
    ).toEqual(['claiminvitationbatches'])
  })
})
