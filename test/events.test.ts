import ExcelJS from 'exceljs'
import type { Types } from 'mongoose'
import { beforeAll, describe, expect, it } from 'vitest'
import { Organization } from '#models/accounts/organization.ts'
import { EventKey } from '#models/events/event-key.ts'
import { findEventById } from '#models/events/event.ts'
import { readEventIndex } from '#models/events/event-index.ts'
import { Meeting, publishSchedule } from '#models/events/meeting.ts'
import { BuyerProfile } from '#models/profiles/buyer-profile.ts'
import { SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { useTestApp } from '#test/app-server.ts'
import { addMember, cookieFor, createAccount, createStaff } from '#test/factories.ts'
import { TestBrowser } from '#test/http.ts'

/** Matchmaking events over HTTP, as browsers without JavaScript use them (issue 16). */
const app = useTestApp()

async function browserFor(userId?: Types.ObjectId) {
  const browser = new TestBrowser(app.baseUrl)
  if (userId) browser.setCookie(await cookieFor(userId))
  return browser
}

function post(browser: TestBrowser, path: string, fields: Array<[string, string]>) {
  return browser.request(path, { method: 'POST', body: new URLSearchParams(fields) })
}

const baseSettings: Array<[string, string]> = [
  ['title.vi', 'Ngày kết nối công nghiệp hỗ trợ 2026'],
  ['title.en', 'Supporting industry matchmaking day 2026'],
  ['description.vi', 'Gặp gỡ B2B'],
  ['description.en', 'B2B meetings'],
  ['kind', 'in-person'],
  ['venue', 'Trung tâm Hội nghị Quốc gia'],
  ['province', 'ha-noi'],
  ['days[0].date', '2026-12-10'],
  ['days[0].sessions', '09:00-10:30'],
  ['days[0].breaks', '09:30-09:45'],
  ['meetingMinutes', '15'],
  ['tables', '2'],
  ['eligibility', 'both'],
  ['capacitySuppliers', '2'],
  ['capacityBuyers', '5'],
  ['languages', 'vi:0, en:1'],
  ['feeVnd', '0'],
  ['requestCap', '2'],
  ['priorityCap', '1'],
]

async function namedAccount(kind: 'supplier' | 'buyer', name: string) {
  const account = await createAccount(kind)
  await Organization.updateOne({ _id: account.organizationId }, { $set: { name } })
  return account
}

function register(
  browser: TestBrowser,
  slug: string,
  delegate: Types.ObjectId,
  extra: Array<[string, string]> = [],
) {
  return post(browser, `/events/${slug}`, [
    ['intent', 'register'],
    ['delegates', delegate.toHexString()],
    ['languageText', 'vi en'],
    ['offers', 'Dập khuôn, gia công CNC'],
    ['seeks', ''],
    ['maxMeetings', '4'],
    ...extra,
  ])
}

async function advance(organiser: TestBrowser, eventId: string, to: string) {
  const response = await post(organiser, `/staff/events/${eventId}`, [
    ['intent', 'state'],
    ['to', to],
  ])
  expect(response.status, await response.clone().text()).toBe(200)
}

const world = {} as {
  organiser: TestBrowser
  eventId: string
  slug: string
  suppliers: Array<Awaited<ReturnType<typeof namedAccount>>>
  buyers: Array<Awaited<ReturnType<typeof namedAccount>>>
  browsers: Map<string, TestBrowser>
}

const as = (account: { userId: Types.ObjectId }) =>
  world.browsers.get(account.userId.toHexString())!
const org = (account: { organizationId: Types.ObjectId }) => account.organizationId.toHexString()

beforeAll(async () => {
  const organiser = await createStaff(['organiser'])
  world.organiser = await browserFor(organiser.userId)
  world.suppliers = [
    await namedAccount('supplier', 'Công ty Cơ khí Đông Á'),
    await namedAccount('supplier', 'Công ty Tạm Rút'),
    // A name a spreadsheet would run as a formula: the exports must neutralise it.
    await namedAccount('supplier', '=HYPERLINK("http://evil.example","x")'),
  ]
  world.buyers = [
    await namedAccount('buyer', 'Nordic Buyer AB'),
    await namedAccount('buyer', 'Osaka Parts KK'),
  ]
  // What the first supplier makes is what the first buyer sources: a recommended partner.
  await SupplierProfile.updateOne(
    { organization: world.suppliers[0]!.organizationId },
    { $set: { processes: ['metal-stamping'], sectors: ['automotive'] } },
    { upsert: true },
  )
  await BuyerProfile.updateOne(
    { organization: world.buyers[0]!.organizationId },
    { $set: { sourcingProcesses: ['metal-stamping'] } },
    { upsert: true },
  )
  world.browsers = new Map()
  for (const account of [...world.suppliers, ...world.buyers])
    world.browsers.set(account.userId.toHexString(), await browserFor(account.userId))
})

describe('event set-up', () => {
  it('refuses staff without the organiser role, and bad input with a localised message', async () => {
    const verifier = await createStaff(['verifier'])
    const refused = await post(await browserFor(verifier.userId), '/staff/events/new', baseSettings)
    expect(refused.status).toBe(403)
    const bad = await post(world.organiser, '/staff/events/new', [
      ...baseSettings.filter(([name]) => name !== 'title.vi' && name !== 'days[0].sessions'),
      ['days[0].sessions', '10:00-09:00'],
    ])
    expect(bad.status).toBe(400)
    const body = await bad.text()
    expect(body).toContain('events.error.required')
    expect(body).toContain('events.error.ranges')
  })

  it('creates the event, previews its slots (breaks left out) and opens registration', async () => {
    const response = await post(world.organiser, '/staff/events/new', baseSettings)
    expect(response.status).toBe(302)
    world.eventId = /\/staff\/events\/([0-9a-f]{24})$/.exec(
      response.headers.get('location') ?? '',
    )![1]!
    world.slug = (await findEventById(world.eventId))!.slug
    const page = await (await world.organiser.get(`/staff/events/${world.eventId}`)).text()
    // 09:00–10:30 in 15-minute meetings, the 09:30–09:45 break left out: five slots.
    expect(page).toContain('2026-12-10 09:15–09:30')
    expect(page).not.toContain('2026-12-10 09:30–09:45')
    expect(page).toContain('2026-12-10 10:15–10:30')
    // A draft is not public.
    expect((await (await browserFor()).get(`/events/${world.slug}`)).status).toBe(404)
    await advance(world.organiser, world.eventId, 'registration-open')
    // Skipping a step is refused.
    const skip = await post(world.organiser, `/staff/events/${world.eventId}`, [
      ['intent', 'state'],
      ['to', 'live'],
    ])
    expect(skip.status).toBe(400)
  })

  it('shows the public page with schema.org Event JSON-LD, without JavaScript', async () => {
    const response = await (await browserFor()).get(`/events/${world.slug}?lang=en`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('Supporting industry matchmaking day 2026')
    const jsonLd = JSON.parse(
      /<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s.exec(html)![1]!,
    )
    expect(jsonLd).toMatchObject({
      '@type': 'Event',
      startDate: '2026-12-10T09:00:00+07:00',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    })
    expect(html).toMatch(/hrefLang="vi"/i)
    expect(html).toContain('Sign in as an owner or admin')
    const list = await (await (await browserFor()).get('/events')).text()
    expect(list).toContain(`/events/${world.slug}`)
  })
})

describe('registration', () => {
  it('is for owners and admins of the organisation, with delegates from its members only', async () => {
    const [supplier] = world.suppliers
    const member = await addMember(supplier!.organizationId, 'member')
    const asMember = await browserFor(member.userId)
    expect((await register(asMember, world.slug, member.userId)).status).toBe(403)
    const outsider = await createAccount('supplier')
    const wrongDelegate = await register(as(supplier!), world.slug, outsider.userId)
    expect(wrongDelegate.status).toBe(400)
    expect(await wrongDelegate.text()).toContain('events.error.delegates')
    expect((await readEventIndex(world.eventId)).participants).toHaveLength(0)
  })

  it('confirms within capacity, waitlists past it, and promotes in order when a place frees', async () => {
    const [s1, s2, s3] = world.suppliers
    for (const account of [s1!, s2!, s3!, ...world.buyers]) {
      const response = await register(as(account), world.slug, account.userId)
      expect(response.status, await response.clone().text()).toBe(200)
    }
    let index = await readEventIndex(world.eventId)
    const stateOf = (account: { organizationId: Types.ObjectId }) =>
      index.participants.find((entry) => entry.org === org(account))?.state
    expect(stateOf(s3!)).toBe('waitlisted')
    // The directory's facets come from the profiles.
    const facetsOf = (account: { organizationId: Types.ObjectId }) =>
      index.participants.find((entry) => entry.org === org(account))?.processes
    expect(facetsOf(s1!)).toEqual(['metal-stamping'])
    expect(facetsOf(world.buyers[0]!)).toEqual(['metal-stamping'])
    expect(stateOf(world.buyers[1]!)).toBe('confirmed')
    const again = await register(as(s1!), world.slug, s1!.userId)
    expect(await again.text()).toContain('events.error.alreadyRegistered')
    // s2 withdraws: s3, first on the waitlist, takes the place.
    expect((await post(as(s2!), `/events/${world.slug}`, [['intent', 'withdraw']])).status).toBe(
      200,
    )
    index = await readEventIndex(world.eventId)
    expect(stateOf(s2!)).toBe('withdrawn')
    expect(stateOf(s3!)).toBe('confirmed')
  })

  it('keeps the directory to confirmed participants and searches with or without diacritics', async () => {
    const stranger = await createAccount('buyer')
    expect(
      (await (await browserFor(stranger.userId)).get(`/events/${world.slug}/participants`)).status,
    ).toBe(403)
    expect((await as(world.suppliers[1]!).get(`/events/${world.slug}/participants`)).status).toBe(
      403,
    )
    const buyer = as(world.buyers[0]!)
    for (const q of ['co khi dong a', 'Cơ khí Đông Á', 'CƠ KHÍ']) {
      const html = await (
        await buyer.get(`/events/${world.slug}/participants?q=${encodeURIComponent(q)}`)
      ).text()
      expect(html).toContain('Công ty Cơ khí Đông Á')
      expect(html).not.toContain('Osaka Parts KK')
    }
    // Recommended partners, with the matching module's reasons.
    const recommended = await (await buyer.get(`/events/${world.slug}/participants?lang=en`)).text()
    const section = /data-testid="recommended"(.*?)<\/section>/s.exec(recommended)?.[1] ?? ''
    expect(section).toContain('Công ty Cơ khí Đông Á')
    expect(section, section).toMatch(/stamping/i)
    expect(section).toMatch(/Match score \d+\/100/)
    // The filtered list: the page without the recommended partners above it and without the
    // loader data the scripts carry.
    const buyersOnly = (
      await (await buyer.get(`/events/${world.slug}/participants?side=buyer`)).text()
    )
      .split('</main>')[0]!
      .replace(/data-testid="recommended".*?<\/section>/s, '')
    expect(buyersOnly).toContain('Osaka Parts KK')
    expect(buyersOnly).not.toContain('Công ty Cơ khí Đông Á')
  })
})

describe('meeting requests', () => {
  const request = (
    from: { userId: Types.ObjectId },
    to: { organizationId: Types.ObjectId },
    priority = false,
  ) =>
    post(as(from), `/events/${world.slug}/participants`, [
      ['intent', 'request'],
      ['to', org(to)],
      ['message', 'Xin gặp để trao đổi'],
      ...(priority ? ([['priority', 'on']] as Array<[string, string]>) : []),
    ])

  it('are refused before the request window opens', async () => {
    const response = await request(world.suppliers[0]!, world.buyers[0]!)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('events.error.requestsClosed')
    await advance(world.organiser, world.eventId, 'requests-open')
  })

  it('refuses self, duplicates, non-participants and over-cap requests; mutual ones are accepted at once', async () => {
    const [s1, s2, s3] = world.suppliers
    const [b1, b2] = world.buyers
    expect(await (await request(s1!, s1!)).text()).toContain('events.error.self')
    expect(await (await request(s1!, s2!)).text()).toContain('events.error.notParticipant')
    expect((await request(s1!, b1!, true)).status).toBe(200)
    expect(await (await request(s1!, b1!)).text()).toContain('events.error.duplicate')
    expect(await (await request(s1!, b2!, true)).text()).toContain('events.error.priorityCap')
    expect((await request(s1!, b2!)).status).toBe(200)
    // The cap is 2 outgoing requests.
    expect(await (await request(s1!, s3!)).text()).toContain('events.error.cap')
    // b2 → s3 then s3 → b2: mutual, accepted at once.
    expect((await request(b2!, s3!)).status).toBe(200)
    const mutual = await request(s3!, b2!)
    expect(await mutual.text()).toContain('events.requestAccepted')
    const index = await readEventIndex(world.eventId)
    expect(index.requests.filter((entry) => entry.state === 'accepted')).toHaveLength(1)
  })

  it('lets only the receiver accept or decline', async () => {
    const [s1] = world.suppliers
    const [b1, b2] = world.buyers
    const id = `${world.eventId}:${org(s1!)}:${org(b1!)}`
    const wrong = await post(as(b2!), `/events/${world.slug}/participants`, [
      ['intent', 'accept'],
      ['requestId', id],
    ])
    expect(wrong.status).toBe(400)
    const accepted = await post(as(b1!), `/events/${world.slug}/participants`, [
      ['intent', 'accept'],
      ['requestId', id],
    ])
    expect(accepted.status).toBe(200)
    const declined = await post(as(b2!), `/events/${world.slug}/participants`, [
      ['intent', 'decline'],
      ['requestId', `${world.eventId}:${org(s1!)}:${org(b2!)}`],
      ['reason', 'Không phù hợp'],
    ])
    expect(declined.status).toBe(200)
    const index = await readEventIndex(world.eventId)
    expect(index.requests.map((entry) => entry.state).sort()).toEqual([
      'accepted',
      'accepted',
      'declined',
    ])
  })
})

describe('schedule', () => {
  it('runs, is reviewed with a table × slot grid, and is published once even by two organisers at once', async () => {
    const run = await post(world.organiser, `/staff/events/${world.eventId}`, [['intent', 'run']])
    expect(run.status).toBe(200)
    const review = await (
      await world.organiser.get(`/staff/events/${world.eventId}?lang=en`)
    ).text()
    expect(review).toContain('2 meetings placed, 0 not placed')
    const index = await readEventIndex(world.eventId)
    expect(index.draft?.meetings).toHaveLength(2)
    // Two organisers publish at once: one writes the meetings, the other finds no draft.
    const publish = () =>
      post(world.organiser, `/staff/events/${world.eventId}`, [['intent', 'publish']])
    const results = await Promise.all([publish(), publish()])
    expect(results.map((result) => result.status).sort()).toEqual([200, 400])
    expect((await publishSchedule(world.eventId)).ok).toBe(false)
    // Each delegate is told, in their language, with the link to the agenda.
    const mail = await app.lastMailTo(world.suppliers[0]!.email)
    expect(mail.subject).toContain('Ngày kết nối công nghiệp hỗ trợ 2026')
    expect(mail.text).toContain(`/events/${world.slug}/agenda`)
    expect(await Meeting.countDocuments({ event: world.eventId })).toBe(2)
    const cells = await EventKey.find({ _id: { $regex: `^cell:${world.eventId}:` } }).lean()
    expect(cells).toHaveLength(2)
    expect((await findEventById(world.eventId))!.state).toBe('schedule-published')
    const grid = await (await world.organiser.get(`/staff/events/${world.eventId}?lang=en`)).text()
    expect(grid).toContain('data-testid="table-grid"')
    expect(grid).toContain('Nordic Buyer AB')
  })

  it('refuses to change the slots of a published schedule, and a move into a taken cell', async () => {
    const changed = await post(world.organiser, `/staff/events/${world.eventId}?lang=en`, [
      ['intent', 'settings'],
      ...baseSettings.map(([name, value]): [string, string] => [
        name,
        name === 'meetingMinutes' ? '20' : value,
      ]),
    ])
    expect(changed.status).toBe(400)
    expect(await changed.text()).toContain('events.error.slotsPublished')
    const index = await readEventIndex(world.eventId)
    const [first, second] = index.meetings
    const clash = await post(world.organiser, `/staff/events/${world.eventId}`, [
      ['intent', 'move'],
      ['meetingId', first!.id],
      ['slot', String(second!.slot)],
      ['table', String(second!.table + 1)],
    ])
    expect(clash.status).toBe(400)
    expect(await clash.text()).toContain('events.error.cellTaken')
    const free = await post(world.organiser, `/staff/events/${world.eventId}`, [
      ['intent', 'move'],
      ['meetingId', first!.id],
      ['slot', '4'],
      ['table', '2'],
    ])
    expect(free.status).toBe(200)
    const moved = await Meeting.findById(first!.id).lean()
    expect({ slot: moved!.slot, table: moved!.table }).toEqual({ slot: 4, table: 1 })
  })
})

describe('on the day', () => {
  it("gives each delegate an agenda page, an .ics and a PDF; nobody else's", async () => {
    const [s1] = world.suppliers
    const page = await (await as(s1!).get(`/events/${world.slug}/agenda`)).text()
    expect(page).toContain('Nordic Buyer AB')
    expect(page).toContain('<svg')
    const ics = await as(s1!).get(`/events/${world.slug}/agenda.ics`)
    expect(ics.headers.get('content-type')).toContain('text/calendar')
    const calendar = await ics.text()
    expect(calendar).toContain('BEGIN:VEVENT')
    // 10:15 in Hà Nội (slot 4, after the move) is 03:15 UTC.
    expect(calendar).toContain('DTSTART:20261210T031500Z')
    const pdf = await as(s1!).get(`/events/${world.slug}/agenda.pdf`)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')
    const stranger = await createAccount('supplier')
    expect(
      (await (await browserFor(stranger.userId)).get(`/events/${world.slug}/agenda.ics`)).status,
    ).toBe(403)
  })

  it('checks a delegate in by the code, and records a no-show and feedback for the export', async () => {
    await advance(world.organiser, world.eventId, 'live')
    const [s1, , s3] = world.suppliers
    const index = await readEventIndex(world.eventId)
    const code = index.participants.find((entry) => entry.org === org(s1!))!.checkInCode
    const wrong = await post(world.organiser, `/staff/events/${world.eventId}/check-in`, [
      ['code', 'FFFFFFFFFF'],
    ])
    expect(wrong.status).toBe(400)
    const ok = await post(world.organiser, `/staff/events/${world.eventId}/check-in`, [
      ['code', code.toLowerCase()],
    ])
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('Công ty Cơ khí Đông Á')
    // A participant cannot check in.
    expect(
      (await post(as(s1!), `/staff/events/${world.eventId}/check-in`, [['code', code]])).status,
    ).toBe(403)

    const meetingOf = (account: { organizationId: Types.ObjectId }) =>
      index.meetings.find((meeting) => meeting.a === org(account) || meeting.b === org(account))!
    const s3Meeting = meetingOf(s3!)
    // Someone outside the meeting cannot report on it.
    const notMine = await post(as(s1!), `/events/${world.slug}/agenda`, [
      ['intent', 'no-show'],
      ['meetingId', s3Meeting.id],
    ])
    expect(notMine.status).toBe(400)
    const noShow = await post(as(s3!), `/events/${world.slug}/agenda`, [
      ['intent', 'no-show'],
      ['meetingId', s3Meeting.id],
    ])
    expect(noShow.status).toBe(200)
    const s1Meeting = meetingOf(s1!)
    const feedback = () =>
      post(as(s1!), `/events/${world.slug}/agenda`, [
        ['intent', 'feedback'],
        ['meetingId', s1Meeting.id],
        ['useful', '4'],
        ['nextStep', 'sample'],
      ])
    expect((await feedback()).status).toBe(200)
    expect(await (await feedback()).text()).toContain('events.error.feedbackGiven')

    const xlsx = await world.organiser.get(`/staff/events/${world.eventId}/outcomes.xlsx`)
    expect(xlsx.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][]
    const values = rows.map((row) => row.slice(1))
    expect(values.some((row) => row.includes('no-show'))).toBe(true)
    expect(values.some((row) => row.includes(4) && row.includes('sample'))).toBe(true)
    // The formula-named supplier's name is text, not a formula.
    expect(values.some((row) => row.includes(`'=HYPERLINK("http://evil.example","x")`))).toBe(true)
    expect(values.flat().every((value) => !/^[=+\-@]/.test(String(value)))).toBe(true)
  })

  it('neutralises formulas in the table plan', async () => {
    const xlsx = await world.organiser.get(`/staff/events/${world.eventId}/table-plan.xlsx`)
    expect(xlsx.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    const cells: string[] = []
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))))
    expect(cells.some((text) => text.includes('Nordic Buyer AB'))).toBe(true)
    expect(cells.every((text) => !/^[=+\-@]/.test(text))).toBe(true)
  })
})
