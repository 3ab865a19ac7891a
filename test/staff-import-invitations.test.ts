import { Types } from 'mongoose'
import { describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { parseImportFile } from '#models/staff/import-file.ts'
import {
  ClaimInvitation,
  ClaimToken,
  confirmImport,
  createImport,
  invitationRetryDelayMs,
  MAX_INVITATION_ATTEMPTS,
  OrganizationClaim,
  peekClaim,
  resendClaimInvitation,
  runImportQueueOnce,
  sendClaimInvitations,
  StaffImport,
  submitMapping,
} from '#models/staff/import.ts'
import { useTestDatabase } from './database.ts'
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

const tokenOf = (mail: Mail) => /\/claim\?token=([\w-]+)/.exec(mail.text)?.[1] ?? ''

describe('claim invitations of an import', () => {
  it('are queued by the import, mailed after it, and a failed send is retried later with a new link', async () => {
    const importId = await imported([
      ['Công ty Thư Lỗi', validMst(301), 'loi@example.vn'],
      ['Công ty Thư Tốt', validMst(302), 'tot@example.vn'],
      ['Công ty Không Thư', validMst(303), ''],
    ])
    const done = await StaffImport.findById(importId).lean()
    expect(done?.counts).toMatchObject({ created: 3, invited: 0 })
    expect(await ClaimInvitation.countDocuments()).toBe(2)
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
    expect((await StaffImport.findById(importId).lean())?.counts?.invited).toBe(1)
    expect(await peekClaim(tokenOf(sent[0]!))).toMatchObject({ email: 'tot@example.vn' })
    // The failed one: no live link, queued again for a minute later, with the error.
    const claim = await OrganizationClaim.findById(failing!._id).lean()
    expect(claim?.tokenHash).toBeUndefined()
    expect(claim?.invitedAt).toBeUndefined()
    expect(await ClaimToken.countDocuments({ organization: failing!._id })).toBe(0)
    const queued = await ClaimInvitation.findById(failing!._id.toHexString()).lean()
    expect(queued).toMatchObject({ attempts: 1, lastError: '421 try again later' })
    expect(queued!.nextAt!.getTime()).toBeGreaterThanOrEqual(
      start.getTime() + invitationRetryDelayMs(1),
    )

    // Not yet due: nothing is sent.
    const retried: Mail[] = []
    const mail = async (message: Mail) => {
      retried.push(message)
    }
    expect(await sendClaimInvitations({ origin: 'http://localhost', now: start, mail })).toEqual({
      sent: 0,
      failed: 0,
    })
    // Due: sent with a working link, counted once, the queue empty.
    const later = new Date(queued!.nextAt!.getTime() + 1)
    expect(await sendClaimInvitations({ origin: 'http://localhost', now: later, mail })).toEqual({
      sent: 1,
      failed: 0,
    })
    expect(retried.map((message) => message.to)).toEqual(['loi@example.vn'])
    expect(await peekClaim(tokenOf(retried[0]!))).toMatchObject({ email: 'loi@example.vn' })
    expect((await StaffImport.findById(importId).lean())?.counts?.invited).toBe(2)
    expect(await ClaimInvitation.countDocuments()).toBe(0)
  })

  it('gives up after the last attempt, keeps the entry for staff, and re-sends on request', async () => {
    await imported([['Công ty Hộp Thư Đầy', validMst(311), 'day@example.vn']])
    const organization = await Organization.findOne({ taxCode: validMst(311) }).lean()
    const id = organization!._id.toHexString()
    const refusing = async () => {
      throw new Error('550 mailbox full')
    }
    let now = new Date()
    for (let attempt = 1; attempt <= MAX_INVITATION_ATTEMPTS; attempt++) {
      expect(
        await sendClaimInvitations({ origin: 'http://localhost', now, mail: refusing }),
      ).toEqual({ sent: 0, failed: 1 })
      now = new Date(now.getTime() + invitationRetryDelayMs(attempt) + 1)
    }
    const givenUp = await ClaimInvitation.findById(id).lean()
    expect(givenUp).toMatchObject({
      attempts: MAX_INVITATION_ATTEMPTS,
      lastError: '550 mailbox full',
    })
    expect(givenUp?.nextAt).toBeUndefined()
    const far = new Date(now.getTime() + 365 * 24 * 60 * 60 * 1000)
    const sent: Mail[] = []
    const mail = async (message: Mail) => {
      sent.push(message)
    }
    expect(await sendClaimInvitations({ origin: 'http://localhost', now: far, mail })).toEqual({
      sent: 0,
      failed: 0,
    })
    // Staff re-send: queued again now, sent on the next run.
    expect(await resendClaimInvitation(organization!._id)).toBe(true)
    expect(await sendClaimInvitations({ origin: 'http://localhost', mail })).toEqual({
      sent: 1,
      failed: 0,
    })
    expect(sent.map((message) => message.to)).toEqual(['day@example.vn'])
    // A claimed organisation is never invited again.
    await OrganizationClaim.updateOne(
      { _id: organization!._id },
      { $set: { claimedAt: new Date() } },
    )
    expect(await resendClaimInvitation(organization!._id)).toBe(false)
  })
})
