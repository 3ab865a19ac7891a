import type { Types } from 'mongoose'
import { beforeAll, describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { membersWithRoles } from '#models/accounts/user.ts'
import { StoredFile } from '#models/files/stored-file.ts'
import { runSourcingDigest, SourcingDigestSent } from '#models/sourcing/alerts.ts'
import { NdaAcceptance, ndaAcceptanceId } from '#models/sourcing/attachments.ts'
import { addToList } from '#models/sourcing/keyed-list.ts'
import { Quote, quoteId, supplierInboxKey } from '#models/sourcing/quote.ts'
import { SourcingRequest } from '#models/sourcing/sourcing-request.ts'
import { ModerationQueueEntry, ModerationReport } from '#models/staff/moderation.ts'
import { useTestApp } from './app-server.ts'
import { addMember, cookieFor, createAccount, createStaff } from './factories.ts'
import { TestBrowser } from './http.ts'
import { createOpenRequest, createQuote } from './sourcing-fixtures.ts'

const app = useTestApp()

const MINIMAL_PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'

type Account = Awaited<ReturnType<typeof createAccount>>
const people = {} as {
  buyer: Account
  otherBuyer: Account
  accepted: Account
  notAccepted: Account
  stranger: Account
}

async function browserOf(userId?: Types.ObjectId) {
  const browser = new TestBrowser(app.baseUrl)
  if (userId) browser.setCookie(await cookieFor(userId, true))
  return browser
}

function fileForm(intent: string, bytes: string = MINIMAL_PDF, name = 'ban-ve-gia-do.pdf') {
  const form = new FormData()
  form.append('intent', intent)
  form.append('file', new Blob([bytes], { type: 'application/pdf' }), name)
  return form
}

beforeAll(async () => {
  people.buyer = await createAccount('buyer')
  people.otherBuyer = await createAccount('buyer')
  people.accepted = await createAccount('supplier')
  people.notAccepted = await createAccount('supplier')
  people.stranger = await createAccount('supplier')
  for (const supplier of [people.accepted, people.notAccepted, people.stranger]) {
    await Organization.updateOne({ _id: supplier.organizationId }, { $set: { status: 'active' } })
  }
})

describe('drawings behind the buyer’s NDA', () => {
  it('uploads through the uploads module and serves them only to suppliers who accepted', async () => {
    const request = await createOpenRequest(people.buyer, {
      invite: [people.accepted.organizationId, people.notAccepted.organizationId],
    })
    await SourcingRequest.updateOne(
      { _id: request._id },
      { $set: { ndaText: 'Không tiết lộ bản vẽ cho bên thứ ba.' } },
    )
    await createQuote(request, people.accepted)
    const path = `/sourcing/${request._id.toHexString()}`
    const buyer = await browserOf(people.buyer.userId)

    // Wrong type: refused in the reader's language, nothing stored.
    const wrong = await buyer.request(`${path}?lang=en`, {
      method: 'POST',
      body: fileForm('attach', 'just some text, not a drawing', 'notes.pdf'),
    })
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('This type of file is not accepted.')
    expect((await SourcingRequest.findById(request._id))!.attachments).toHaveLength(0)

    const uploaded = await buyer.request(path, { method: 'POST', body: fileForm('attach') })
    expect(uploaded.status).toBe(200)
    const stored = (await SourcingRequest.findById(request._id))!
    expect(stored.attachments).toHaveLength(1)
    const fileId = stored.attachments[0]!.toHexString()
    const file = (await StoredFile.findById(fileId))!
    expect(file.purpose).toBe('sourcing-attachment')
    expect(file.originalName).toBe('ban-ve-gia-do.pdf')
    // After opening, a new file is a new version, and the supplier that quoted is told.
    expect(stored.version).toBe(2)
    expect(stored.versions.at(-1)!.fields).toEqual(['attachments'])
    expect((await app.lastMailTo(people.accepted.email)).subject).toContain('đã sửa yêu cầu')

    const download = `${path}/files/${fileId}`
    expect((await buyer.get(download)).status).toBe(200)

    // A supplier sees the NDA, not the file names, and cannot download before accepting.
    const supplier = await browserOf(people.accepted.userId)
    const page = await (await supplier.get(path)).text()
    expect(page).toContain('Không tiết lộ bản vẽ cho bên thứ ba.')
    expect(page).not.toContain('ban-ve-gia-do.pdf')
    expect((await supplier.get(download)).status).toBe(403)
    const unticked = await supplier.post(`${path}?lang=en`, { intent: 'accept-nda' })
    expect(unticked.status).toBe(400)
    expect(await NdaAcceptance.countDocuments({ request: request._id })).toBe(0)
    expect((await supplier.post(path, { intent: 'accept-nda', accept: 'on' })).status).toBe(200)
    const acceptance = await NdaAcceptance.findById(
      ndaAcceptanceId(
        request._id,
        people.accepted.organizationId,
        'Không tiết lộ bản vẽ cho bên thứ ba.',
      ),
    ).lean()
    expect(String(acceptance!.user)).toBe(String(people.accepted.userId))
    expect(acceptance!.at).toBeInstanceOf(Date)
    const got = await supplier.get(download)
    expect(got.status).toBe(200)
    expect(got.headers.get('content-disposition')).toMatch(/^attachment/)
    expect((await got.text()).startsWith('%PDF')).toBe(true)
    expect(await (await supplier.get(path)).text()).toContain('ban-ve-gia-do.pdf')

    // Others: invited but not accepted, not invited, another buyer, signed out, staff.
    expect((await (await browserOf(people.notAccepted.userId)).get(download)).status).toBe(403)
    expect((await (await browserOf(people.stranger.userId)).get(download)).status).toBe(404)
    expect((await (await browserOf(people.otherBuyer.userId)).get(download)).status).toBe(404)
    const anonymous = await (await browserOf()).get(download)
    expect([302, 303]).toContain(anonymous.status)
    expect(anonymous.headers.get('location')).toMatch(/\/login/)
    const staff = await createStaff(['admin'])
    expect((await (await browserOf(staff.userId)).get(download)).status).not.toBe(200)
    // Nor through the generic file route, whatever the key.
    for (const who of [people.notAccepted, people.stranger, people.otherBuyer]) {
      const viaKey = await (await browserOf(who.userId)).get(`/files/${file.storageKey}`)
      expect(viaKey.status).toBe(404)
    }
    expect((await (await browserOf(staff.userId)).get(`/files/${file.storageKey}`)).status).toBe(
      404,
    )

    // A changed NDA text is accepted again before the next download.
    await SourcingRequest.updateOne({ _id: request._id }, { $set: { ndaText: 'Điều khoản mới.' } })
    expect((await supplier.get(download)).status).toBe(403)
  }, 60_000)

  it('keeps quote attachments private to the buyer and the quoting supplier', async () => {
    const request = await createOpenRequest(people.buyer, {
      invite: [people.accepted.organizationId, people.notAccepted.organizationId],
    })
    const path = `/sourcing/${request._id.toHexString()}`
    const supplier = await browserOf(people.accepted.userId)
    // No quote yet: nothing to attach to, nothing stored.
    const early = await supplier.request(path, { method: 'POST', body: fileForm('attach-quote') })
    expect(early.status).toBe(409)
    await createQuote(request, people.accepted)
    const attached = await supplier.request(path, {
      method: 'POST',
      body: fileForm('attach-quote', MINIMAL_PDF, 'bao-gia-chi-tiet.pdf'),
    })
    expect(attached.status).toBe(200)
    const quote = (await Quote.findById(quoteId(request._id, people.accepted.organizationId)))!
    expect(quote.attachments).toHaveLength(1)
    const download = `${path}/files/${quote.attachments[0]!.toHexString()}`
    expect((await supplier.get(download)).status).toBe(200)
    const buyer = await browserOf(people.buyer.userId)
    expect((await buyer.get(download)).status).toBe(200)
    expect(await (await buyer.get(path)).text()).toContain('bao-gia-chi-tiet.pdf')
    expect((await (await browserOf(people.notAccepted.userId)).get(download)).status).toBe(404)
    expect((await (await browserOf(people.otherBuyer.userId)).get(download)).status).toBe(404)
    // A file id of another request's quote is nothing here.
    const other = await createOpenRequest(people.buyer, {
      invite: [people.accepted.organizationId],
    })
    expect(
      (await buyer.get(`/sourcing/${other._id.toHexString()}/files/${quote.attachments[0]}`))
        .status,
    ).toBe(404)
  }, 60_000)
})

describe('invitations, alerts and the daily digest', () => {
  it('finds an organisation’s owner and admins by its member keys', async () => {
    const admin = await addMember(people.stranger.organizationId, 'admin')
    await addMember(people.stranger.organizationId, 'member')
    const found = await membersWithRoles(people.stranger.organizationId, ['owner', 'admin'])
    expect(found.map((user) => user.email).sort()).toEqual(
      [admin.email, people.stranger.email].sort(),
    )
  })

  it('e-mails the invited supplier’s owner and admins, in their language', async () => {
    const supplier = await createAccount('supplier')
    await Organization.updateOne({ _id: supplier.organizationId }, { $set: { status: 'active' } })
    const admin = await addMember(supplier.organizationId, 'admin')
    const { User } = await import('#models/accounts/user.ts')
    await User.updateOne({ _id: admin.userId }, { $set: { locale: 'en' } })
    const member = await addMember(supplier.organizationId, 'member')
    const request = await createOpenRequest(people.buyer)
    const buyer = await browserOf(people.buyer.userId)
    const invited = await buyer.post(`/sourcing/${request._id.toHexString()}/matches`, {
      intent: 'invite',
      supplier: supplier.organizationId.toHexString(),
    })
    expect(invited.status).toBe(200)
    expect((await app.lastMailTo(supplier.email)).subject).toContain('Bạn được mời báo giá')
    const english = await app.lastMailTo(admin.email)
    expect(english.subject).toContain('You are invited to quote')
    expect(english.text).toContain(`/sourcing/${request._id.toHexString()}`)
    await expect(app.lastMailTo(member.email)).rejects.toThrow()
  }, 60_000)

  it('lets owners and admins turn alerts on, and mails one digest of new requests only', async () => {
    const supplier = await createAccount('supplier')
    const member = await addMember(supplier.organizationId, 'member')
    const path = '/sourcing'
    // A plain member may not change the setting.
    expect(
      (await (await browserOf(member.userId)).post(path, { intent: 'alerts', alerts: 'on' }))
        .status,
    ).toBe(403)
    // Nor may a buyer.
    expect(
      (await (await browserOf(people.buyer.userId)).post(path, { intent: 'alerts', alerts: 'on' }))
        .status,
    ).toBe(403)
    const owner = await browserOf(supplier.userId)
    const saved = await owner.post(`${path}?lang=en`, { intent: 'alerts', alerts: 'on' })
    expect(saved.status).toBe(200)
    expect(await (await owner.get(path)).text()).toMatch(/name="alerts"[^>]*checked/)

    // Nothing new: no mail.
    const origin = 'https://vsi.example'
    await runSourcingDigest({ mailer: app.mailer, origin })
    await expect(app.lastMailTo(supplier.email)).rejects.toThrow()

    // Two requests reach its "requests for you" (a match and an invitation); a closed one too.
    const matched = await createOpenRequest(people.buyer, {
      form: { visibility: 'open', 'title.vi': 'Vỏ nhôm đúc áp lực' },
    })
    await addToList(supplierInboxKey(supplier.organizationId), matched._id.toHexString())
    const invited = await createOpenRequest(people.buyer, {
      invite: [supplier.organizationId],
      form: { 'title.vi': 'Bánh răng thép rèn' },
    })
    const closed = await createOpenRequest(people.buyer, { invite: [supplier.organizationId] })
    await SourcingRequest.updateOne({ _id: closed._id }, { $set: { status: 'closed' } })
    const before = (await app.mailer.outbox!.list()).length
    await runSourcingDigest({ mailer: app.mailer, origin })
    const digest = await app.lastMailTo(supplier.email)
    expect(digest.subject).toContain('(2)')
    expect(digest.text).toContain('Vỏ nhôm đúc áp lực')
    expect(digest.text).toContain('Bánh răng thép rèn')
    expect(digest.text).toContain(`${origin}/sourcing/${invited._id.toHexString()}`)
    expect(digest.text).not.toContain(closed._id.toHexString())
    await expect(app.lastMailTo(member.email)).rejects.toThrow()
    expect(
      await SourcingDigestSent.exists({ _id: `${supplier.organizationId}:${matched._id}` }),
    ).toBeTruthy()

    // Run again: the same requests are never sent twice, so no mail at all.
    await runSourcingDigest({ mailer: app.mailer, origin })
    const after = (await app.mailer.outbox!.list()).filter((entry) => entry.to === supplier.email)
    expect(after).toHaveLength(1)
    expect((await app.mailer.outbox!.list()).length).toBeGreaterThanOrEqual(before + 1)

    // Alerts off: nothing, even with something new.
    await owner.post(path, { intent: 'alerts' })
    await createOpenRequest(people.buyer, { invite: [supplier.organizationId] })
    await runSourcingDigest({ mailer: app.mailer, origin })
    expect(
      (await app.mailer.outbox!.list()).filter((entry) => entry.to === supplier.email),
    ).toHaveLength(1)
  }, 60_000)
})

describe('spam quotes', () => {
  it('go to the staff reports queue, once, and the quote is declined', async () => {
    const request = await createOpenRequest(people.buyer, {
      invite: [people.stranger.organizationId],
    })
    await createQuote(request, people.stranger)
    const buyer = await browserOf(people.buyer.userId)
    const path = `/sourcing/${request._id.toHexString()}`
    const supplier = people.stranger.organizationId.toHexString()
    expect((await buyer.post(path, { intent: 'report-spam', supplier })).status).toBe(200)
    const id = quoteId(request._id, people.stranger.organizationId)
    const reports = await ModerationReport.find({ targetType: 'quote', targetId: id }).lean()
    expect(reports).toHaveLength(1)
    expect(reports[0]!.reason).toBe('spam')
    expect(await ModerationQueueEntry.exists({ _id: reports[0]!._id.toHexString() })).toBeTruthy()
    expect((await Quote.findById(id))!.status).toBe('declined')
    // Again: no second report.
    expect((await buyer.post(path, { intent: 'report-spam', supplier })).status).toBe(200)
    expect(await ModerationReport.countDocuments({ targetType: 'quote', targetId: id })).toBe(1)
    // Another buyer cannot report it (the request is not theirs).
    const other = await browserOf(people.otherBuyer.userId)
    expect((await other.post(path, { intent: 'report-spam', supplier })).status).toBe(404)
  }, 60_000)
})

describe('programme KPIs', () => {
  it('count opened requests, quotes, awards and orders in the daily snapshot', async () => {
    const { refreshKpiSnapshot, weekOf } = await import('#models/staff/kpi.ts')
    const { transitionRequest, recordOutcome } =
      await import('#models/sourcing/sourcing-request.ts')
    const before = (await refreshKpiSnapshot()).figures
    const week = weekOf(new Date())
    const count = (figures: typeof before, id: string) => figures[id]?.[week] ?? 0
    const request = await createOpenRequest(people.buyer, {
      invite: [people.accepted.organizationId],
    })
    await createQuote(request, people.accepted)
    await transitionRequest(request, 'award')
    await recordOutcome(request, { outcome: 'order', approximateValue: 12_000, currency: 'USD' })
    const after = (await refreshKpiSnapshot()).figures
    expect(count(after, 'sourcing-requests-opened')).toBe(
      count(before, 'sourcing-requests-opened') + 1,
    )
    expect(count(after, 'sourcing-quotes')).toBe(count(before, 'sourcing-quotes') + 1)
    expect(count(after, 'sourcing-awards')).toBe(count(before, 'sourcing-awards') + 1)
    expect(count(after, 'sourcing-orders')).toBe(count(before, 'sourcing-orders') + 1)
  }, 60_000)
})

describe('response figures', () => {
  it('count a conversation once answered or a day old, within a day or not', async () => {
    const { answerOf } = await import('#models/sourcing/response-figures.ts')
    const start = new Date('2026-11-02T08:00:00Z')
    const hours = (n: number) => new Date(start.getTime() + n * 3_600_000)
    const thread = (answeredAfter: number | null) => ({
      startedBy: 'buyer',
      startedAt: start,
      earliestBy: new Map(answeredAfter === null ? [] : [['supplier', hours(answeredAfter)]]),
    })
    const orgs = ['buyer', 'supplier']
    expect(answerOf(thread(3), orgs, hours(5))).toEqual({
      responder: 'supplier',
      counted: true,
      withinDay: true,
    })
    expect(answerOf(thread(30), orgs, hours(40))).toEqual({
      responder: 'supplier',
      counted: true,
      withinDay: false,
    })
    expect(answerOf(thread(null), orgs, hours(2))!.counted).toBe(false)
    expect(answerOf(thread(null), orgs, hours(25))).toEqual({
      responder: 'supplier',
      counted: true,
      withinDay: false,
    })
  })
})
