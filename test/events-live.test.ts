import type { Types } from 'mongoose'
import type { Socket } from 'socket.io-client'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { User } from '#models/accounts/user.ts'
import { changeEventState, Event } from '#models/events/event.ts'
import { readEventIndex } from '#models/events/event-index.ts'
import { EventKey } from '#models/events/event-key.ts'
import { draftSchedule, publishSchedule, setMeetingStatus } from '#models/events/meeting.ts'
import { sendMeetingRequest } from '#models/events/meeting-request.ts'
import { useTestApp } from '#test/app-server.ts'
import { addMember, cookieFor, createAccount, createStaff } from '#test/factories.ts'
import { TestBrowser } from '#test/http.ts'
import { ask, connectChatClient, errorCode, next, record } from '#test/socket-client.ts'
import { createEventTakingRequests } from './events-fixtures.ts'

/**
 * Events on the day (issue 16): live agenda updates over Socket.IO (who may listen is decided on
 * the server; only the meeting's two participants hear of a change), the mail when a meeting
 * moves (each delegate in their own language), and the quick re-match after no-shows.
 */
const app = useTestApp()
const clients: Socket[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect()
})

async function connectAs(userId?: Types.ObjectId) {
  const client = await connectChatClient(app.baseUrl, {
    cookie: userId ? await cookieFor(userId) : undefined,
  })
  clients.push(client)
  return client
}

type Account = Awaited<ReturnType<typeof createAccount>>
const world = {} as {
  organiser: TestBrowser
  suppliers: Account[]
  buyers: Account[]
}
const org = (account: Account) => account.organizationId.toHexString()

/** An event with two suppliers and two buyers, s0–b0 and s1–b1 brokered, scheduled, published. */
async function publishedEvent() {
  const organiser = await createStaff(['organiser'])
  const event = await createEventTakingRequests(organiser.userId, [
    ...world.suppliers,
    ...world.buyers,
  ])
  // Four slots (09:00–11:00, 30 minutes), two tables.
  await Event.updateOne({ _id: event.id }, { $set: { 'days.0.sessions': '09:00-11:00' } })
  for (const [s, b] of [
    [0, 0],
    [1, 1],
  ] as const) {
    const sent = await sendMeetingRequest({
      eventId: event.id,
      from: org(world.suppliers[s]!),
      to: org(world.buyers[b]!),
      message: '',
      priority: false,
      brokered: true,
    })
    expect(sent.ok).toBe(true)
  }
  expect((await draftSchedule(event.id)).ok).toBe(true)
  expect((await publishSchedule(event.id)).ok).toBe(true)
  return event
}

function post(browser: TestBrowser, path: string, fields: Record<string, string>) {
  return browser.request(path, { method: 'POST', body: new URLSearchParams(fields) })
}

beforeAll(async () => {
  const organiser = await createStaff(['organiser'])
  world.organiser = new TestBrowser(app.baseUrl)
  world.organiser.setCookie(await cookieFor(organiser.userId))
  world.suppliers = [await createAccount('supplier'), await createAccount('supplier')]
  world.buyers = [await createAccount('buyer'), await createAccount('buyer')]
  // The first buyer's delegate reads English.
  await User.updateOne({ _id: world.buyers[0]!.userId }, { $set: { locale: 'en' } })
})

describe('live agenda updates', { timeout: 60_000 }, () => {
  it('lets only delegates and admins of a confirmed participant listen', async () => {
    const event = await publishedEvent()
    const outsider = await createAccount('supplier')
    const member = await addMember(world.buyers[0]!.organizationId, 'member')
    const admin = await addMember(world.buyers[0]!.organizationId, 'admin')
    expect(
      (await ask(await connectAs(world.suppliers[0]!.userId), 'agenda:join', { eventId: event.id }))
        .ok,
    ).toBe(true)
    expect(
      (await ask(await connectAs(admin.userId), 'agenda:join', { eventId: event.id })).ok,
    ).toBe(true)
    // Not a participant; a member who is not a delegate; nobody signed in; a malformed id.
    expect(
      errorCode(await ask(await connectAs(outsider.userId), 'agenda:join', { eventId: event.id })),
    ).toBe('agenda.forbidden')
    expect(
      errorCode(await ask(await connectAs(member.userId), 'agenda:join', { eventId: event.id })),
    ).toBe('agenda.forbidden')
    expect(errorCode(await ask(await connectAs(), 'agenda:join', { eventId: event.id }))).toBe(
      'auth.required',
    )
    expect(
      errorCode(
        await ask(await connectAs(world.suppliers[0]!.userId), 'agenda:join', {
          eventId: 'x',
        } as never),
      ),
    ).toBe('validation.failed')
    const forbidden = await ask(await connectAs(outsider.userId), 'agenda:join', {
      eventId: event.id,
    })
    expect(forbidden.ok ? '' : forbidden.error.message.vi).toContain('không có quyền')
  })

  it('tells the two sides of a moved meeting, and no one else, and mails each delegate in their language', async () => {
    const event = await publishedEvent()
    const [s0, s1] = world.suppliers as [Account, Account]
    const [b0] = world.buyers as [Account, Account]
    const listeners = await Promise.all([s0, b0, s1].map((account) => connectAs(account.userId)))
    for (const client of listeners)
      expect((await ask(client, 'agenda:join', { eventId: event.id })).ok).toBe(true)
    const bystander = record(listeners[2]!, 'agenda:changed')
    const meetingId = `${event.id}:${org(s0)}:${org(b0)}`
    const taken = new Set((await readEventIndex(event.id)).meetings.map((m) => m.slot))
    const target = { slot: [0, 1, 2, 3].find((slot) => !taken.has(slot))!, table: 1 }
    const heard = [next(listeners[0]!, 'agenda:changed'), next(listeners[1]!, 'agenda:changed')]
    const moved = await post(world.organiser, `/staff/events/${event.id}`, {
      intent: 'move',
      meetingId,
      slot: String(target.slot),
      table: String(target.table + 1),
    })
    expect(moved.status, await moved.clone().text()).toBe(200)
    for (const change of await Promise.all(heard))
      expect(change).toMatchObject({ eventId: event.id, meetingId, kind: 'moved', ...target })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(bystander).toEqual([])
    // Each delegate, in their own language, with the new time and table.
    const english = await app.lastMailTo(b0.email)
    expect(english.subject).toContain('has moved')
    expect(english.text).toContain('Table 2')
    const vietnamese = await app.lastMailTo(s0.email)
    expect(vietnamese.subject).toContain('đã được dời')
    expect(vietnamese.text).toContain('Bàn 2')
    expect(vietnamese.text).toContain(`/events/${event.slug}/agenda`)

    // A cancellation reaches both sides too.
    const other = `${event.id}:${org(s1)}:${org(world.buyers[1]!)}`
    const cancelled = next(listeners[2]!, 'agenda:changed')
    const response = await post(world.organiser, `/staff/events/${event.id}`, {
      intent: 'status',
      meetingId: other,
      status: 'cancelled',
    })
    expect(response.status).toBe(200)
    expect(await cancelled).toMatchObject({ meetingId: other, kind: 'cancelled' })
  })
})

describe('quick re-match on the day', { timeout: 60_000 }, () => {
  it('pairs the participants whose partner did not come into free tables of the remaining slots', async () => {
    const event = await publishedEvent()
    const [s0, s1] = world.suppliers as [Account, Account]
    const [b0, b1] = world.buyers as [Account, Account]
    const index = await readEventIndex(event.id)
    // Refused before the event is live.
    const early = await post(world.organiser, `/staff/events/${event.id}`, {
      intent: 'rematch',
      from: '0',
    })
    expect(early.status).toBe(400)
    expect((await readEventIndex(event.id)).meetings).toHaveLength(2)
    expect((await changeEventState(event.id, 'live')).ok).toBe(true)
    // b0 did not come to s0; s1 did not come to b1: s0 and b1 were stood up.
    for (const [meeting, absent] of [
      [`${event.id}:${org(s0)}:${org(b0)}`, org(b0)],
      [`${event.id}:${org(s1)}:${org(b1)}`, org(s1)],
    ] as const)
      expect(
        (
          await setMeetingStatus({
            eventId: event.id,
            meetingId: meeting,
            status: 'no-show',
            absent,
          })
        ).ok,
      ).toBe(true)
    const from = Math.max(...index.meetings.map((m) => m.slot)) + 1
    const listener = await connectAs(s0.userId)
    expect((await ask(listener, 'agenda:join', { eventId: event.id })).ok).toBe(true)
    const told = next(listener, 'agenda:changed')
    const response = await post(world.organiser, `/staff/events/${event.id}`, {
      intent: 'rematch',
      from: String(from),
    })
    expect(response.status, await response.clone().text()).toBe(200)
    expect(await response.text()).toContain('1')
    const after = await readEventIndex(event.id)
    const added = after.meetings.find((m) => m.id === `${event.id}:${org(s0)}:${org(b1)}`)
    expect(added).toMatchObject({ status: 'scheduled' })
    expect(added!.slot).toBeGreaterThanOrEqual(from)
    // Its place is claimed like a published meeting's, and nothing else shares it.
    expect(
      await EventKey.findById(`cell:${event.id}:${added!.slot}:${added!.table}`),
    ).not.toBeNull()
    const cells = after.meetings
      .filter((m) => m.status !== 'cancelled')
      .map((m) => `${m.slot}:${m.table}`)
    expect(new Set(cells).size).toBe(cells.length)
    for (const party of [org(s0), org(b1)]) {
      const slots = after.meetings
        .filter((m) => m.status !== 'cancelled' && (m.a === party || m.b === party))
        .map((m) => m.slot)
      expect(new Set(slots).size).toBe(slots.length)
    }
    expect(await told).toMatchObject({ kind: 'added', meetingId: added!.id })
    // The absent ones are not re-matched, and running it again adds nothing.
    expect(after.meetings).toHaveLength(3)
    const again = await post(world.organiser, `/staff/events/${event.id}`, {
      intent: 'rematch',
      from: String(from),
    })
    expect(again.status).toBe(200)
    expect((await readEventIndex(event.id)).meetings).toHaveLength(3)
  })
})
