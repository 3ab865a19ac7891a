import ExcelJS from 'exceljs'
import { Types } from 'mongoose'
import { beforeAll, describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { Conversation } from '#models/chat/conversation.ts'
import { SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { writeSupplierCards } from '#models/profiles/supplier-card.ts'
import { Quote } from '#models/sourcing/quote.ts'
import { ModerationReport } from '#models/staff/moderation.ts'
import { matchRequest } from '#models/sourcing/request-matches.ts'
import { SourcingRequest } from '#models/sourcing/sourcing-request.ts'
import { addDays, todayInVietnam } from '#models/sourcing/sourcing-schemas.ts'
import { useTestApp } from './app-server.ts'
import {
  supplierSearchDocumentSchema,
  type DocumentField,
  type SupplierSearchDocument,
} from '#search/documents.ts'
import { addMember, cookieFor, createAccount } from './factories.ts'
import { seedSearchSuppliers } from './fixtures/supplier-search-fixtures.ts'
import { TestBrowser } from './http.ts'
import { recordQueries, scansOf } from './query-guard.ts'
import { createOpenRequest, createQuote, quoteForm, requestForm } from './sourcing-fixtures.ts'

const app = useTestApp()

type Member = Awaited<ReturnType<typeof addMember>> & {
  organizationId: Types.ObjectId
}

const people = {} as {
  buyer: Awaited<ReturnType<typeof createAccount>>
  otherBuyer: Awaited<ReturnType<typeof createAccount>>
  minhPhat: Member
  queVo: Member
  anPhat: Member
}

async function browserOf(userId: Parameters<typeof cookieFor>[0]) {
  const browser = new TestBrowser(app.baseUrl)
  browser.setCookie(await cookieFor(userId, true))
  return browser
}

const idOf = (location: string | null) => /\/sourcing\/([0-9a-f]{24})$/.exec(location ?? '')![1]!

beforeAll(async () => {
  const suppliers = await seedSearchSuppliers(app.search)
  // The search sync writes a card per indexed supplier (decision 010); these are its cards.
  await writeSupplierCards(
    await Promise.all(
      [...suppliers.values()].map(async ({ id, document, fixture }) => {
        const profile = await SupplierProfile.findOne({ organization: id })
        return {
          _id: profile!.organization,
          profile: profile!._id,
          tradeName: fixture.tradeName ?? '',
          province: fixture.province,
          processes: [...document.process],
          certifications: document.certification.map((standard) => ({ standard })),
          version: document.updatedAt,
        }
      }),
    ),
    new Set(),
  )
  const member = async (key: string) => {
    const id = suppliers.get(key)!.id
    const organizationId = new Types.ObjectId(id)
    return { ...(await addMember(organizationId, 'owner')), organizationId }
  }
  people.buyer = await createAccount('buyer')
  people.otherBuyer = await createAccount('buyer')
  people.minhPhat = await member('minh-phat')
  people.queVo = await member('que-vo')
  people.anPhat = await member('an-phat')
})

describe('a buyer drafts and opens a request', () => {
  it('saves a draft, shown to no supplier, then opens it to matching suppliers', async () => {
    const buyer = await browserOf(people.buyer.userId)
    const created = await buyer.post('/sourcing/new', requestForm({ visibility: 'open' }))
    expect(created.status).toBe(302)
    const id = idOf(created.headers.get('location'))
    const stored = await SourcingRequest.findById(id)
    expect(stored).toMatchObject({ status: 'draft', quantity: 20000, currency: 'USD', version: 1 })

    const supplier = await browserOf(people.minhPhat.userId)
    expect((await supplier.get(`/sourcing/${id}`)).status).toBe(404)

    const opened = await buyer.post(`/sourcing/${id}`, { intent: 'open' })
    expect(opened.status).toBe(200)
    expect(await opened.text()).toContain('Yêu cầu đã mở để nhận báo giá.')
    expect((await SourcingRequest.findById(id))!.status).toBe('open')
    // Opening twice is refused and changes nothing.
    expect((await buyer.post(`/sourcing/${id}`, { intent: 'open' })).status).toBe(409)

    // Open to all eligible suppliers: the best matches find it in "requests for you".
    const forYou = await (await supplier.get('/sourcing')).text()
    expect(forYou).toContain('Giá đỡ dập thép cho ghế ô tô')
    expect((await supplier.get(`/sourcing/${id}`)).status).toBe(200)
    // Another buyer finds nothing.
    const other = await browserOf(people.otherBuyer.userId)
    expect((await other.get(`/sourcing/${id}`)).status).toBe(404)
  })

  const bad: Array<[string, Record<string, string>, string, string]> = [
    [
      'a past closing date',
      { closesOn: '2020-01-01' },
      'Ngày này đã qua.',
      'This date has passed.',
    ],
    [
      'a negative quantity',
      { quantity: '-5' },
      'Nhập một số lớn hơn 0.',
      'Enter a number greater than 0.',
    ],
    [
      'an absurd quantity',
      { quantity: '1e15' },
      'Con số này quá lớn để là thật.',
      'too large to be real',
    ],
    ['an absurd price', { targetPrice: '99999999999', currency: 'USD' }, 'quá lớn', 'too large'],
    ['an unknown currency', { currency: 'BTC' }, 'Chọn một loại tiền', 'Choose a currency'],
    ['an unknown process', { processes: 'alchemy' }, 'không có trong danh sách', 'not in the list'],
    ['oversized text', { 'title.vi': 'x'.repeat(201) }, 'Quá dài.', 'Too long.'],
    ['no title', { 'title.vi': '', 'title.en': '' }, 'Nhập tiêu đề', 'Enter a title'],
    [
      'a closing date after the needed-by date',
      { neededBy: todayInVietnam() },
      'sau hạn báo giá',
      'after the closing date',
    ],
  ]
  it.each(bad)(
    'refuses %s in Vietnamese and English, storing nothing',
    async (_what, fields, vi, en) => {
      const buyer = await browserOf(people.buyer.userId)
      const before = await SourcingRequest.countDocuments()
      const response = await buyer.post('/sourcing/new', requestForm(fields))
      expect(response.status).toBe(400)
      expect(await response.text()).toContain(vi)
      const english = await buyer.post('/sourcing/new?lang=en', requestForm(fields))
      expect(english.status).toBe(400)
      expect(await english.text()).toContain(en)
      expect(await SourcingRequest.countDocuments()).toBe(before)
    },
  )

  it('lets only buyers create requests', async () => {
    const supplier = await browserOf(people.minhPhat.userId)
    expect((await supplier.post('/sourcing/new', requestForm())).status).toBe(403)
  })
})

describe('matching', () => {
  it('ranks capable suppliers with their reasons and invites from the list', async () => {
    const request = await createOpenRequest(people.buyer)
    const buyer = await browserOf(people.buyer.userId)
    const response = await buyer.get(`/sourcing/${request._id.toHexString()}/matches?lang=en`)
    expect(response.status).toBe(200)
    const html = await response.text()
    const list = html.slice(html.indexOf('data-testid="matches"'))
    expect(list).toContain('Minh Phat Precision Engineering')
    expect(list).toMatch(/Makes metal stamping/)
    expect(list).toContain('Holds IATF 16949')
    expect(list).toContain('Verified by the programme')
    expect(list).toMatch(/In the North, \d+ km from the delivery province/)
    // The stamping shop ranks above the electronics assembler, if that one is listed at all.
    const minhPhat = list.indexOf('Minh Phat Precision Engineering')
    const anPhat = list.indexOf('An Phat Electronics')
    expect(anPhat === -1 || anPhat > minhPhat).toBe(true)

    const path = `/sourcing/${request._id.toHexString()}/matches`
    const invited = await buyer.post(path, {
      intent: 'invite',
      supplier: people.minhPhat.organizationId.toHexString(),
    })
    expect(invited.status).toBe(200)
    const supplier = await browserOf(people.minhPhat.userId)
    expect((await supplier.get(`/sourcing/${request._id.toHexString()}`)).status).toBe(200)
    // Only suppliers the matching proposes, and only the offered counts.
    const stranger = await buyer.post(path, { intent: 'invite', supplier: '0'.repeat(24) })
    expect(stranger.status).toBe(400)
    expect((await buyer.post(path, { intent: 'invite-top', count: '7' })).status).toBe(400)
  }, 60_000)
})

describe('matching from the search documents', () => {
  const minhPhatName = 'Minh Phat Precision Engineering'

  it('reads only the withdrawn-supplier key, and drops a supplier hidden or suspended since it was indexed at once', async () => {
    const request = await createOpenRequest(people.buyer)
    const minhPhat = people.minhPhat.organizationId
    const ids = (matches: Array<{ id: string }>) => matches.map((match) => match.id)

    const before = await recordQueries(() => matchRequest(app.search, request))
    expect(ids(before.result)).toContain(minhPhat.toHexString())
    expect(before.result.length).toBeGreaterThan(1)
    // Was four point reads per candidate (organisation, card, profile, response figure).
    expect(before.queries.map((query) => query.collection)).toEqual(['withdrawnsuppliers'])

    const buyer = await browserOf(people.buyer.userId)
    const page = `/sourcing/${request._id.toHexString()}/matches?lang=en`
    try {
      for (const status of ['suspended', 'hidden'] as const) {
        // Still in the index (no sync runs here): the key names it, one point read confirms.
        await Organization.updateOne({ _id: minhPhat }, { $set: { status } })
        const after = await recordQueries(() => matchRequest(app.search, request))
        expect(ids(after.result)).not.toContain(minhPhat.toHexString())
        expect(after.result.length).toBe(before.result.length - 1)
        expect(after.queries).toHaveLength(2)
        expect(scansOf(after.queries)).toEqual([])
        expect(await (await buyer.get(page)).text()).not.toContain(minhPhatName)
      }
    } finally {
      await Organization.updateOne({ _id: minhPhat }, { $set: { status: 'active' } })
    }
    expect(ids(await matchRequest(app.search, request))).toEqual(ids(before.result))
    expect(await (await buyer.get(page)).text()).toContain(minhPhatName)
  }, 60_000)

  it('says a supplier answers within a day from the figure its search document carries', async () => {
    const request = await createOpenRequest(people.buyer)
    const id = people.minhPhat.organizationId.toHexString()
    const fields = Object.keys(supplierSearchDocumentSchema.shape) as DocumentField[]
    const [document] = (await app.search.documents([id], fields)) as SupplierSearchDocument[]
    const buyer = await browserOf(people.buyer.userId)
    const page = `/sourcing/${request._id.toHexString()}/matches?lang=en`
    expect(await (await buyer.get(page)).text()).not.toContain('Answers within a day')
    try {
      await app.search.upsert([
        { ...document!, answeredWithinDay: { share: 0.9, conversations: 10 } },
      ])
      expect(await (await buyer.get(page)).text()).toContain(
        'Answers within a day (90% of conversations)',
      )
    } finally {
      await app.search.upsert([document!])
    }
  }, 60_000)
})

describe('quotes', () => {
  it('takes one quote per supplier, privately, and none once closed', async () => {
    const request = await createOpenRequest(people.buyer, {
      invite: [people.minhPhat.organizationId],
    })
    const id = request._id.toHexString()
    const minhPhat = await browserOf(people.minhPhat.userId)
    const queVo = await browserOf(people.queVo.userId)

    // Invited only: a supplier not invited neither sees nor quotes.
    expect((await queVo.get(`/sourcing/${id}`)).status).toBe(404)
    expect((await queVo.post(`/sourcing/${id}`, quoteForm())).status).toBe(404)
    // The target price is not shown unless the buyer chose to.
    expect(await (await minhPhat.get(`/sourcing/${id}`)).text()).not.toContain('Đơn giá mục tiêu')

    const quoted = await minhPhat.post(
      `/sourcing/${id}`,
      quoteForm({ notes: 'Bí mật của Minh Phát' }),
    )
    expect(quoted.status).toBe(200)
    expect(await quoted.text()).toContain('Đã lưu báo giá.')
    const twice = await minhPhat.post(`/sourcing/${id}`, quoteForm())
    expect(twice.status).toBe(409)
    expect(await twice.text()).toContain('đã báo giá cho yêu cầu này')
    expect(await Quote.countDocuments({ request: request._id })).toBe(1)

    for (const [fields, message] of [
      [{ unitPrice: '1e13' }, 'quá lớn'],
      [{ currency: 'BTC' }, 'Chọn một loại tiền'],
      [{ validUntil: '2020-02-02' }, 'Ngày này đã qua.'],
      [{ leadTimeDays: '0' }, 'lớn hơn 0'],
    ] as const) {
      const refused = await minhPhat.post(
        `/sourcing/${id}`,
        quoteForm({ intent: 'update-quote', ...fields }),
      )
      expect(refused.status).toBe(400)
      expect(await refused.text()).toContain(message)
    }
    const quote = await Quote.findById(`${id}:${people.minhPhat.organizationId.toHexString()}`)
    expect(quote).toMatchObject({
      unitPrice: 21000,
      currency: 'VND',
      notes: 'Bí mật của Minh Phát',
    })

    // The buyer sees it; another buyer does not even see the request.
    const buyerPage = await (
      await (await browserOf(people.buyer.userId)).get(`/sourcing/${id}`)
    ).text()
    expect(buyerPage).toContain('Bí mật của Minh Phát')
    expect((await (await browserOf(people.otherBuyer.userId)).get(`/sourcing/${id}`)).status).toBe(
      404,
    )

    // Closed by hand: no more quoting or editing.
    const buyer = await browserOf(people.buyer.userId)
    expect((await buyer.post(`/sourcing/${id}`, { intent: 'close' })).status).toBe(200)
    const late = await minhPhat.post(
      `/sourcing/${id}`,
      quoteForm({ intent: 'update-quote', notes: 'muộn' }),
    )
    expect(late.status).toBe(409)
    expect(await late.text()).toContain('Yêu cầu đã đóng')
    expect((await Quote.findById(quote!._id))!.notes).toBe('Bí mật của Minh Phát')
  })

  it('keeps suppliers from seeing each other’s quotes, and lets them withdraw', async () => {
    const request = await createOpenRequest(people.buyer, {
      form: { visibility: 'open', showTargetPrice: 'on' },
    })
    const id = request._id.toHexString()
    await createQuote(request, people.queVo, { notes: 'Ghi chú của Quế Võ' })
    const minhPhat = await browserOf(people.minhPhat.userId)
    expect((await minhPhat.post(`/sourcing/${id}`, quoteForm())).status).toBe(200)
    const page = await (await minhPhat.get(`/sourcing/${id}`)).text()
    expect(page).not.toContain('Ghi chú của Quế Võ')
    expect(page).not.toContain('Đơn giá mục tiêu')

    const withdrawn = await minhPhat.post(`/sourcing/${id}`, { intent: 'withdraw' })
    expect(withdrawn.status).toBe(200)
    const quote = await Quote.findById(`${id}:${people.minhPhat.organizationId.toHexString()}`)
    expect(quote!.status).toBe('withdrawn')
    expect((await minhPhat.post(`/sourcing/${id}`, { intent: 'withdraw' })).status).toBe(409)
  })

  it('shows the target price to invited suppliers when the buyer wants', async () => {
    const request = await createOpenRequest(people.buyer, {
      invite: [people.minhPhat.organizationId],
      form: { visibility: 'invited' },
    })
    await SourcingRequest.updateOne({ _id: request._id }, { $set: { showTargetPrice: true } })
    const page = await (
      await (await browserOf(people.minhPhat.userId)).get(`/sourcing/${request._id.toHexString()}`)
    ).text()
    expect(page).toContain('Đơn giá mục tiêu')
  })
})

describe('from edit to award, outcome and export', () => {
  it('versions edits and tells quoters; awards; records the order; exports safely', async () => {
    const request = await createOpenRequest(people.buyer, {
      invite: [people.minhPhat.organizationId, people.queVo.organizationId],
    })
    const id = request._id.toHexString()
    const minhPhat = await browserOf(people.minhPhat.userId)
    const queVo = await browserOf(people.queVo.userId)
    expect(
      (
        await minhPhat.post(
          `/sourcing/${id}`,
          quoteForm({ notes: '=HYPERLINK("http://evil.example","x")' }),
        )
      ).status,
    ).toBe(200)
    expect(
      (await queVo.post(`/sourcing/${id}`, quoteForm({ unitPrice: '0.9', currency: 'USD' })))
        .status,
    ).toBe(200)

    const buyer = await browserOf(people.buyer.userId)
    const edited = await buyer.post(
      `/sourcing/${id}/edit`,
      requestForm({ 'title.vi': 'Giá đỡ dập thép, bản sửa', quantity: '25000' }),
    )
    expect(edited.status).toBe(302)
    const stored = await SourcingRequest.findById(id)
    expect(stored!.version).toBe(2)
    expect(stored!.versions.at(-1)!.fields).toEqual(expect.arrayContaining(['title', 'quantity']))
    const mail = await app.lastMailTo(people.minhPhat.email)
    expect(mail.subject).toContain('Người mua đã sửa yêu cầu')
    expect(await (await minhPhat.get(`/sourcing/${id}`)).text()).toContain(
      'Người mua đã sửa yêu cầu sau khi bạn báo giá',
    )

    // Comparison in one currency at the buyer's rate: 21,000 VND at 21,000 VND/USD is 1 USD.
    const compared = await (
      await buyer.get(`/sourcing/${id}?to=USD&rate.VND=21000&sort=price`)
    ).text()
    const table = compared.slice(compared.indexOf('data-testid="comparison"'))
    expect(table.indexOf('Quế Võ')).toBeLessThan(table.indexOf('Minh Phát'))
    // Each quote can be reported to the programme's moderators (issue 17), without JavaScript.
    const quoteId = `${id}:${people.minhPhat.organizationId.toHexString()}`
    const reportHref = `/report?${new URLSearchParams({
      targetType: 'quote',
      targetId: quoteId,
      returnTo: `/sourcing/${id}`,
    })}`
    expect(table).toContain(reportHref.replaceAll('&', '&amp;'))
    expect((await buyer.get(reportHref)).status).toBe(200)
    const reported = await buyer.post('/report', {
      targetType: 'quote',
      targetId: quoteId,
      reason: 'fraud',
      text: 'Giá không thật',
      returnTo: `/sourcing/${id}`,
    })
    expect(reported.status).toBe(200)
    expect(
      await ModerationReport.exists({ targetType: 'quote', targetId: quoteId, reason: 'fraud' }),
    ).toBeTruthy()

    const exported = await buyer.get(`/sourcing/${id}/export?to=USD&rate.VND=21000`)
    expect(exported.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await exported.arrayBuffer())
    const cells = workbook.worksheets[0]!.getSheetValues().flat().map(String)
    expect(cells).toContain('\'=HYPERLINK("http://evil.example","x")')
    expect(cells.some((cell) => cell.startsWith('=HYPERLINK'))).toBe(false)
    // Nobody but the buyer gets the export.
    expect((await minhPhat.get(`/sourcing/${id}/export`)).status).toBe(403)

    const awarded = await buyer.post(`/sourcing/${id}`, {
      intent: 'award',
      supplier: people.minhPhat.organizationId.toHexString(),
    })
    expect(awarded.status).toBe(200)
    expect((await SourcingRequest.findById(id))!.status).toBe('awarded')
    const declined = await buyer.post(`/sourcing/${id}`, {
      intent: 'decline',
      supplier: people.queVo.organizationId.toHexString(),
      reason: 'Thời gian giao hàng quá dài',
    })
    expect(declined.status).toBe(200)
    expect(await (await minhPhat.get(`/sourcing/${id}`)).text()).toContain('Được chọn')
    expect(await (await queVo.get(`/sourcing/${id}`)).text()).toContain(
      'Thời gian giao hàng quá dài',
    )
    expect((await app.lastMailTo(people.minhPhat.email)).subject).toContain('đã được chọn')

    const outcome = await buyer.post(`/sourcing/${id}`, {
      intent: 'outcome',
      outcome: 'order',
      approximateValue: '18000',
      currency: 'USD',
    })
    expect(outcome.status).toBe(200)
    expect((await SourcingRequest.findById(id))!.outcome).toMatchObject({
      kind: 'order',
      approximateValue: 18000,
    })
    const absurd = await buyer.post(`/sourcing/${id}`, {
      intent: 'outcome',
      outcome: 'order',
      approximateValue: '-1',
    })
    expect(absurd.status).toBe(400)
    // A supplier cannot decide anything.
    expect(
      (
        await queVo.post(`/sourcing/${id}`, {
          intent: 'award',
          supplier: people.queVo.organizationId.toHexString(),
        })
      ).status,
    ).toBe(400)
    expect(
      (await Quote.findById(`${id}:${people.queVo.organizationId.toHexString()}`))!.status,
    ).toBe('declined')
  })

  it('opens a chat with the request as context', async () => {
    const request = await createOpenRequest(people.buyer, {
      invite: [people.minhPhat.organizationId],
    })
    const minhPhat = await browserOf(people.minhPhat.userId)
    const asked = await minhPhat.post(`/sourcing/${request._id.toHexString()}`, { intent: 'ask' })
    expect(asked.status).toBe(302)
    const conversationId = /\/messages\/([0-9a-f]{24})$/.exec(
      asked.headers.get('location') ?? '',
    )![1]
    const conversation = await Conversation.findById(conversationId)
    expect(conversation!.context).toMatchObject({ kind: 'rfq' })
    expect(String(conversation!.context!.refId)).toBe(request._id.toHexString())
    // The conversation page names the request and links to it, for both sides.
    const buyer = await browserOf(people.buyer.userId)
    for (const browser of [minhPhat, buyer]) {
      const html = await (await browser.get(`/messages/${conversationId}`)).text()
      expect(html).toContain(`href="/sourcing/${request._id.toHexString()}"`)
      expect(html).toContain(request.title!.vi)
    }
  })

  it('refuses a closing date in the past when editing, changing nothing', async () => {
    const request = await createOpenRequest(people.buyer)
    const buyer = await browserOf(people.buyer.userId)
    const response = await buyer.post(
      `/sourcing/${request._id.toHexString()}/edit`,
      requestForm({ closesOn: addDays(todayInVietnam(), -1) }),
    )
    expect(response.status).toBe(400)
    expect((await SourcingRequest.findById(request._id))!.version).toBe(1)
  })
})
