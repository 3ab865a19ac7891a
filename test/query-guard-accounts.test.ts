import crypto from 'node:crypto'
import sharp from 'sharp'
import { Types } from 'mongoose'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  backfillUserSessionLists,
  createSession,
  hashSecret,
  Session,
  sessionObjectId,
} from '#models/accounts/session.ts'
import {
  backfillLegacyTokenKeys,
  issueToken,
  LEGACY_TOKEN_KEYS_MARKER,
  OneTimeToken,
  peekToken,
  tokenObjectId,
} from '#models/accounts/token.ts'
import { Organization } from '#models/accounts/organization.ts'
import { backfillUserEmailKeys, User } from '#models/accounts/user.ts'
import { backfillChatIndexes } from '#models/chat/inbox-index-backfill.ts'
import { fileForViewer } from '#models/files/file-access.ts'
import {
  backfillFileConversations,
  backfillLegacyFileKeys,
  FILE_CONVERSATIONS_MARKER,
  LEGACY_FILE_KEYS_MARKER,
} from '#models/files/file-keys.ts'
import { StoredFile } from '#models/files/stored-file.ts'
import { forgetMaintenanceDone, MaintenanceMarker } from '#models/maintenance-marker.ts'
import { AuditLog, recentAuditEntries, recordAudit } from '#models/staff/audit-log.ts'
import { refreshProgrammeCounts } from '#models/staff/programme-counts.ts'
import { useTestApp } from './app-server.ts'
import {
  cookieFor,
  createAccount,
  createStaff,
  startConversation,
  TEST_PASSWORD,
} from './factories.ts'
import { TestBrowser } from './http.ts'
import { describeScans, recordQueries, scansOf, type RecordedQuery } from './query-guard.ts'
import { multipart } from './staff-fixtures.ts'
import { sendMessage } from '#models/chat/send-message.ts'

/**
 * Decision 010, sixth session: one-time links, the files route and the staff pages read
 * growing collections by `_id` only.
 */
const app = useTestApp()

async function forgetMarker(name: string) {
  await MaintenanceMarker.deleteOne({ _id: name })
  forgetMaintenanceDone(name)
}

async function scansDuring(browser: TestBrowser, path: string, form?: Record<string, string>) {
  const { result, queries } = await recordQueries(async () => {
    const response = form ? await browser.post(path, form) : await browser.get(path)
    return { status: response.status, body: await response.text() }
  })
  return { ...result, queries, scans: describeScans(scansOf(queries)) }
}

const onCollections = (queries: RecordedQuery[], ...collections: string[]) =>
  describeScans(scansOf(queries.filter((query) => collections.includes(query.collection))))

beforeAll(async () => {
  // The one-off start-up backfills (server/startup-backfills.ts) have run.
  await backfillUserEmailKeys()
  await backfillChatIndexes()
  await backfillUserSessionLists()
  await backfillLegacyTokenKeys()
  await backfillLegacyFileKeys()
  await backfillFileConversations()
}, 60_000)

describe('one-time links are read by their derived _id', () => {
  it('a password reset: the form and its submission send no scan of tokens', async () => {
    const { email, userId } = await createAccount('buyer')
    const token = await issueToken({ purpose: 'reset-password', email, user: userId })
    const browser = new TestBrowser(app.baseUrl)
    const form = await scansDuring(browser, `/reset-password?token=${token}`)
    expect(form.status).toBe(200)
    expect(form.scans).toEqual([])
    const done = await scansDuring(browser, '/reset-password', {
      token,
      password: 'mot-mat-khau-moi-02',
    })
    expect(done.status).toBe(302)
    // The one scan left: "sign out everywhere" deletes by user, on purpose (decision 010).
    expect(done.scans).toEqual([`sessions.deleteMany({"user":"${userId.toHexString()}"})`])
    // Used once only.
    const again = await scansDuring(browser, `/reset-password?token=${token}`)
    expect(again.status).toBe(400)
    expect(again.scans).toEqual([])
    // An unknown link costs two point reads, not a scan.
    const unknown = await scansDuring(browser, `/reset-password?token=${'x'.repeat(43)}`)
    expect(unknown.status).toBe(400)
    expect(unknown.scans).toEqual([])
  })

  it('an e-mail verification link, and an invitation accepted', async () => {
    const { email, userId, organizationId } = await createAccount('supplier')
    await User.updateOne({ _id: userId }, { $unset: { emailVerifiedAt: 1 } })
    const verify = await issueToken({ purpose: 'verify-email', email, user: userId })
    const browser = new TestBrowser(app.baseUrl)
    const verified = await scansDuring(browser, `/verify-email?token=${verify}`)
    expect(verified.status).toBeLessThan(400)
    expect(verified.scans).toEqual([])
    expect((await User.findById(userId).lean())?.emailVerifiedAt).toBeTruthy()

    const invited = `moi.${crypto.randomBytes(3).toString('hex')}@example.vn`
    const invitation = await issueToken({
      purpose: 'invitation',
      email: invited,
      organization: organizationId,
      role: 'member',
      invitedBy: userId,
    })
    const page = await scansDuring(browser, `/invitations/accept?token=${invitation}`)
    expect(page.status).toBe(200)
    expect(page.body).toContain(invited)
    expect(page.scans).toEqual([])
    const accepted = await scansDuring(browser, '/invitations/accept', {
      token: invitation,
      name: 'Trần Được Mời',
      password: TEST_PASSWORD,
    })
    expect(accepted.status).toBe(302)
    expect(onCollections(accepted.queries, 'onetimetokens', 'tokenredemptions')).toEqual([])
  })

  it('a token issued before derived ids still works: by the record, then by its key', async () => {
    const { email, userId } = await createAccount('buyer')
    const token = crypto.randomBytes(32).toString('base64url')
    const legacy = await OneTimeToken.create({
      purpose: 'reset-password',
      email,
      user: userId,
      tokenHash: hashSecret(token),
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 60 * 60 * 1000),
    })
    expect(legacy._id.equals(tokenObjectId(legacy.tokenHash))).toBe(false)
    await forgetMarker(LEGACY_TOKEN_KEYS_MARKER)
    expect((await peekToken('reset-password', token))?._id.equals(legacy._id)).toBe(true)
    expect(await backfillLegacyTokenKeys()).toBeGreaterThan(0)
    const { result, queries } = await recordQueries(() => peekToken('reset-password', token))
    expect(result?._id.equals(legacy._id)).toBe(true)
    expect(describeScans(scansOf(queries))).toEqual([])
    // The wrong purpose is refused, by point reads too.
    expect(await peekToken('invitation', token)).toBeNull()
  })
})

async function photoOf(browser: TestBrowser) {
  const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#357' } })
    .jpeg()
    .toBuffer()
  const upload = await browser.request('/supplier-profile/media', {
    method: 'POST',
    body: multipart({ purpose: 'photo' }, { bytes: jpeg, name: 'xuong.jpg', type: 'image/jpeg' }),
  })
  expect(upload.status).toBe(200)
}

describe('the files route serves a file by point reads', () => {
  it('a public photo and its variants, to anyone', async () => {
    const supplier = await createAccount('supplier')
    const owner = new TestBrowser(app.baseUrl)
    owner.setCookie(await cookieFor(supplier.userId))
    await photoOf(owner)
    const file = (await StoredFile.findOne({ organization: supplier.organizationId }).lean())!
    expect(file.variants?.length).toBeGreaterThan(1)
    for (const key of [file.storageKey, file.variants!.at(-1)!.storageKey]) {
      const served = await scansDuring(new TestBrowser(app.baseUrl), `/files/${key}`)
      expect(served.status, key).toBe(200)
      expect(served.scans, key).toEqual([])
    }
    // A key of the right shape that names no file: 404, by point reads.
    const unknown = await scansDuring(
      new TestBrowser(app.baseUrl),
      `/files/${file.storageKey.replace(/[0-9a-f]{8}\.webp$/, '00000000.webp')}`,
    )
    expect(unknown.status).toBe(404)
    expect(unknown.scans).toEqual([])
  })

  it('a chat attachment, to the other side of the conversation only', async () => {
    const supplier = await createAccount('supplier')
    const buyer = await createAccount('buyer')
    const outsider = await createAccount('buyer')
    const conversation = await startConversation(buyer, supplier.organizationId)
    const owner = new TestBrowser(app.baseUrl)
    owner.setCookie(await cookieFor(supplier.userId))
    const form = new FormData()
    form.set(
      'attachment',
      new File([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')], 'bao-gia.pdf', {
        type: 'application/pdf',
      }),
    )
    const uploaded = await owner.request(
      `/messages/${conversation._id.toHexString()}/attachments`,
      {
        method: 'POST',
        body: form,
      },
    )
    expect(uploaded.status).toBe(200)
    const { attachment } = (await uploaded.json()) as { attachment: { id: string; href: string } }
    const sent = await sendMessage({
      conversation,
      sender: supplier,
      clientId: crypto.randomUUID(),
      body: 'Báo giá đính kèm.',
      attachmentIds: [attachment.id],
    })
    expect(sent.ok).toBe(true)

    const other = new TestBrowser(app.baseUrl)
    other.setCookie(await cookieFor(buyer.userId))
    const served = await scansDuring(other, attachment.href)
    expect(served.status).toBe(200)
    expect(served.scans).toEqual([])
    const stranger = new TestBrowser(app.baseUrl)
    stranger.setCookie(await cookieFor(outsider.userId))
    const refused = await scansDuring(stranger, attachment.href)
    expect(refused.status).toBe(404)
    expect(refused.scans).toEqual([])

    // Sent before `sentIn` was recorded: by the messages until the backfill, then by point reads.
    await StoredFile.updateOne({ _id: attachment.id }, { $unset: { sentIn: 1 } })
    await forgetMarker(FILE_CONVERSATIONS_MARKER)
    const key = attachment.href.slice('/files/'.length)
    const viewer = { organizationId: buyer.organizationId, isStaff: false }
    expect(await fileForViewer(key, viewer)).not.toBeNull()
    expect(await backfillFileConversations()).toBeGreaterThan(0)
    const { result, queries } = await recordQueries(() => fileForViewer(key, viewer))
    expect(result).not.toBeNull()
    expect(describeScans(scansOf(queries))).toEqual([])
  })

  it('a file stored before keys named their file: by the record, then by its key document', async () => {
    const supplier = await createAccount('supplier')
    const name = crypto.randomBytes(16).toString('hex')
    const storageKey = `${name.slice(0, 2)}/${name.slice(2, 4)}/${name}.pdf`
    await StoredFile.create({
      organization: supplier.organizationId,
      uploadedBy: supplier.userId,
      purpose: 'catalogue',
      originalName: 'catalogue.pdf',
      mimeType: 'application/pdf',
      size: 10,
      storageKey,
    })
    await forgetMarker(LEGACY_FILE_KEYS_MARKER)
    expect(await fileForViewer(storageKey, null)).toMatchObject({ isPublic: true })
    expect(await backfillLegacyFileKeys()).toBeGreaterThan(0)
    const { result, queries } = await recordQueries(() => fileForViewer(storageKey, null))
    expect(result).toMatchObject({ originalName: 'catalogue.pdf', isPublic: true })
    expect(describeScans(scansOf(queries))).toEqual([])
  })
})

describe('signing out one device reads the session by _id', () => {
  it("revoking one session, and refusing another user's", async () => {
    const { userId } = await createAccount('buyer')
    const other = await createAccount('buyer')
    const browser = new TestBrowser(app.baseUrl)
    browser.setCookie(await cookieFor(userId))
    const phone = await createSession({ userId, secondFactorDone: true })
    const foreign = await createSession({ userId: other.userId, secondFactorDone: true })
    const idOf = (sessionId: string) => sessionObjectId(hashSecret(sessionId)).toHexString()
    const revoked = await scansDuring(browser, '/account/security', {
      intent: 'revoke-session',
      sessionId: idOf(phone.sessionId),
    })
    expect(revoked.status).toBe(200)
    expect(revoked.scans).toEqual([])
    expect(await Session.exists({ _id: idOf(phone.sessionId) })).toBeNull()
    const refused = await scansDuring(browser, '/account/security', {
      intent: 'revoke-session',
      sessionId: idOf(foreign.sessionId),
    })
    expect(refused.status).toBe(400)
    expect(refused.scans).toEqual([])
    expect(await Session.exists({ _id: idOf(foreign.sessionId) })).not.toBeNull()
  })
})

describe('"contact this supplier" finds the supplier by its slug key', () => {
  it('the form of a new conversation, on the second visit by point reads only', async () => {
    const supplier = await createAccount('supplier')
    const { slug } = (await Organization.findById(supplier.organizationId).lean())!
    const buyer = await createAccount('buyer')
    const browser = new TestBrowser(app.baseUrl)
    browser.setCookie(await cookieFor(buyer.userId))
    // A slug never indexed has no key yet: the first visit looks it up once and writes it.
    expect((await browser.get(`/messages/new?supplier=${slug}`)).status).toBe(200)
    const again = await scansDuring(browser, `/messages/new?supplier=${slug}`)
    expect(again.status).toBe(200)
    expect(again.scans).toEqual([])
  })
})

describe('staff pages read by _id', () => {
  it('the staff home shows the counted figures from one document', async () => {
    const staff = await createStaff(['admin'])
    const browser = new TestBrowser(app.baseUrl)
    browser.setCookie(await cookieFor(staff.userId))
    await refreshProgrammeCounts()
    const page = await scansDuring(browser, '/staff')
    expect(page.status).toBe(200)
    expect(page.scans).toEqual([])
    const suppliers = await Organization.countDocuments({ kind: 'supplier' })
    expect(page.body).toContain(`>${suppliers}</dd>`)
  })

  it('the audit page lists the newest 200 entries as the sorted log did', async () => {
    const staff = await createStaff(['admin'])
    const browser = new TestBrowser(app.baseUrl)
    browser.setCookie(await cookieFor(staff.userId))
    // Concurrent writers (as several requests would be): each entry gets its own number.
    for (let batch = 0; batch < 11; batch += 1) {
      await Promise.all(
        Array.from({ length: 20 }, (_, k) =>
          recordAudit({
            actor: staff.userId,
            actorLabel: 'Cán bộ Thử nghiệm',
            action: 'test.guard',
            targetType: 'test',
            targetId: `${batch}-${k}`,
          }),
        ),
      )
    }
    const sorted = await AuditLog.find().sort({ at: -1, _id: -1 }).limit(200).lean()
    const { result, queries } = await recordQueries(() => recentAuditEntries(200))
    expect(describeScans(scansOf(queries))).toEqual([])
    expect(result).toHaveLength(200)
    // The same entries; within one millisecond the log's order is the numbers' order.
    expect(result.map((entry) => entry.id).sort()).toEqual(
      sorted.map((entry) => entry._id.toHexString()).sort(),
    )
    expect(result.map((entry) => entry.at.getTime())).toEqual(
      [...result.map((entry) => entry.at.getTime())].sort((a, b) => b - a),
    )
    const page = await scansDuring(browser, '/staff/audit')
    expect(page.status).toBe(200)
    expect(page.scans).toEqual([])
    expect(page.body).toContain('test.guard')
  }, 120_000)

  it('a retried idempotent entry is recorded and numbered once', async () => {
    const _id = new Types.ObjectId()
    const entry = {
      _id,
      actorLabel: 'stripe',
      action: 'test.once',
      targetType: 'test',
      targetId: 'x',
    }
    expect(await recordAudit(entry)).toBe(true)
    expect(await recordAudit(entry)).toBe(false)
    const ids = (await recentAuditEntries(200)).map((recent) => recent.id)
    expect(ids.filter((id) => id === _id.toHexString())).toHaveLength(1)
  })
})
